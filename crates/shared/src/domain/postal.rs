//! Postal addresses: country codes and postal-code formats for the countries we ship labels
//! to most, so a typo is caught in the form rather than at the carrier.

use validator::ValidationError;

/// Countries whose postal-code format we check; other ISO codes are accepted as written.
pub const CHECKED_COUNTRIES: &[&str] = &["CA", "US", "FR", "GB", "DE"];

/// Normalises ("h2x1y4" → "H2X 1Y4") and checks a postal code for `country`.
pub fn normalise_postal_code(country: &str, raw: &str) -> Result<String, ValidationError> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let bad = || super::rule("postal_code", "this postal code does not match the country");
    let alnum = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    // The checked formats are ASCII; testing that first also keeps the byte slicing below on
    // character boundaries (a property test found `"𝼦"` panicking in the GB branch).
    if CHECKED_COUNTRIES.contains(&country) && !compact.is_ascii() {
        return Err(bad());
    }
    match country {
        "CA" => {
            let b = compact.as_bytes();
            let shape = b.len() == 6
                && b.iter().enumerate().all(|(i, c)| {
                    if i % 2 == 0 {
                        c.is_ascii_alphabetic()
                    } else {
                        c.is_ascii_digit()
                    }
                });
            shape
                .then(|| format!("{} {}", &compact[..3], &compact[3..]))
                .ok_or_else(bad)
        }
        "US" => {
            let ok = (compact.len() == 5 && digits(&compact))
                || (compact.len() == 10
                    && digits(&compact[..5])
                    && &compact[5..6] == "-"
                    && digits(&compact[6..]));
            ok.then_some(compact).ok_or_else(bad)
        }
        "FR" | "DE" => (compact.len() == 5 && digits(&compact))
            .then_some(compact)
            .ok_or_else(bad),
        "GB" => {
            // Outward code (2-4) + inward code (digit + two letters), e.g. "SW1A 1AA".
            let n = compact.len();
            let inward_ok = n >= 5
                && compact.as_bytes()[n - 3].is_ascii_digit()
                && compact[n - 2..].chars().all(|c| c.is_ascii_alphabetic());
            let outward = &compact[..n.saturating_sub(3)];
            let outward_ok = (2..=4).contains(&outward.len())
                && outward.starts_with(|c: char| c.is_ascii_alphabetic())
                && alnum(outward);
            (inward_ok && outward_ok)
                .then(|| format!("{outward} {}", &compact[n - 3..]))
                .ok_or_else(bad)
        }
        _ if !compact.is_empty() && compact.len() <= 12 => Ok(raw.trim().to_uppercase()),
        _ => Err(bad()),
    }
}

/// An ISO 3166-1 alpha-2 code: two capital letters.
/// [`validate_country`]'s rule as an OpenAPI `pattern`.
pub const COUNTRY_PATTERN: &str = "^[A-Z]{2}$";

pub fn validate_country(raw: &str) -> Result<(), ValidationError> {
    if raw.len() == 2 && raw.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(super::rule(
            "country",
            "use a two-letter country code such as CA or FR",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_of_the_checked_countries() {
        let ok = |c: &str, raw: &str| normalise_postal_code(c, raw).ok();
        assert_eq!(ok("CA", "h2x1y4").as_deref(), Some("H2X 1Y4"));
        assert_eq!(ok("CA", "H2X 1Y"), None);
        assert_eq!(ok("CA", "12345"), None);
        assert_eq!(ok("US", "90210").as_deref(), Some("90210"));
        assert_eq!(ok("US", "90210-1234").as_deref(), Some("90210-1234"));
        assert_eq!(ok("US", "9021"), None);
        assert_eq!(ok("FR", "75 011").as_deref(), Some("75011"));
        assert_eq!(ok("FR", "7501"), None);
        assert_eq!(ok("DE", "10115").as_deref(), Some("10115"));
        assert_eq!(ok("GB", "sw1a1aa").as_deref(), Some("SW1A 1AA"));
        assert_eq!(ok("GB", "M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(ok("GB", "12345"), None);
        // Found by the property test: letters outside ASCII are refused, never sliced.
        assert_eq!(ok("GB", "𝼦"), None);
        assert_eq!(ok("GB", "ቌ*𝼦"), None);
        assert_eq!(ok("US", "90210-𝼦1"), None);
        assert_eq!(ok("JP", "100-0001").as_deref(), Some("100-0001"));
    }

    #[test]
    fn country_codes() {
        assert!(validate_country("CA").is_ok());
        assert!(validate_country("ca").is_err());
        assert!(validate_country("CAN").is_err());
    }

    #[test]
    fn the_country_pattern_gives_the_rule_s_answers() {
        let pattern = regex::Regex::new(COUNTRY_PATTERN).unwrap();
        for sample in ["CA", "FR", "ca", "C", "CAN", "C1", "ÉT", ""] {
            assert_eq!(
                pattern.is_match(sample),
                validate_country(sample).is_ok(),
                "{sample:?}"
            );
        }
    }
}
