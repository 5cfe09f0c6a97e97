//! Amounts as staff type them and as refunds cap them. Money is kept in minor units (cents)
//! everywhere; every currency the shop sells in is shown with two decimals, as the rest of the
//! product does.

use validator::ValidationError;

use super::rule;

/// What was paid for `quantity` units at `unit_price_minor`: the most a refund of that line may
/// give back. Saturates rather than wrapping on absurd imports.
pub fn line_paid(unit_price_minor: i64, quantity: i32) -> i64 {
    unit_price_minor.saturating_mul(i64::from(quantity.max(0)))
}

/// An amount in minor units as an input shows it: `4990` → `"49.90"`.
pub fn format_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Reads an amount typed in major units: `49.90`, `49,90` (French), `1 234,5`, `12`. Grouping
/// spaces (including the narrow no-break space French formatting uses) are ignored; at most two
/// decimals; never negative.
pub fn parse_amount(raw: &str) -> Result<i64, ValidationError> {
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if cleaned.is_empty() {
        return Err(rule("required", "enter an amount"));
    }
    let (whole, fraction) = match cleaned.find(['.', ',']) {
        Some(at) => (&cleaned[..at], &cleaned[at + 1..]),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return Err(rule("amount", "use digits, such as 49.90"));
    }
    if fraction.len() > 2 {
        return Err(rule("amount", "use at most two decimals"));
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole
            .parse()
            .map_err(|_| rule("amount", "this amount is too large"))?
    };
    let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .ok_or_else(|| rule("amount", "this amount is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse_amount("49.90"), Ok(4990));
        assert_eq!(parse_amount("49,9"), Ok(4990));
        assert_eq!(parse_amount(" 12 "), Ok(1200));
        assert_eq!(parse_amount("1\u{202f}234,50"), Ok(123_450));
        assert_eq!(parse_amount(".5"), Ok(50));
        assert_eq!(parse_amount("0.01"), Ok(1));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "", "  ", "abc", "-5", "1.2.3", "1.234", "12e3", ".", "4,99 €",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(
            parse_amount("").unwrap_err().code.as_ref(),
            "required",
            "an empty field says so"
        );
        assert!(parse_amount("999999999999999999999").is_err());
    }

    #[test]
    fn formats_for_an_input_and_reads_back() {
        for minor in [0, 1, 99, 100, 4990, 123_456] {
            assert_eq!(parse_amount(&format_amount(minor)), Ok(minor));
        }
        assert_eq!(format_amount(5), "0.05");
        assert_eq!(format_amount(-250), "-2.50");
    }

    #[test]
    fn a_line_is_worth_its_units() {
        assert_eq!(line_paid(2500, 3), 7500);
        assert_eq!(line_paid(2500, -1), 0);
        assert_eq!(line_paid(i64::MAX, 2), i64::MAX);
    }
}
