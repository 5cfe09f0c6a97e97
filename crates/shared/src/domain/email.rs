//! An email address, trimmed and lowercased so that lookups forgive case.
//!
//! The rule is the WHATWG "valid e-mail address" (what `<input type="email">` accepts), checked
//! by hand: `validator`'s own check drags a regex engine and the IDNA tables into the wasm app,
//! about a quarter of its gzipped size, for one form field.

use serde::{Deserialize, Serialize};
use std::fmt;
use validator::ValidationError;

/// The longest address SMTP can carry (RFC 5321: a 256-octet path less its angle brackets).
const EMAIL_MAX: usize = 254;
/// The longest local part (before the `@`) SMTP allows (RFC 5321, 4.5.3.1.1).
const LOCAL_PART_MAX: usize = 64;
/// The longest DNS label (RFC 1035).
const LABEL_MAX: usize = 63;

/// [`is_valid_address`] as an OpenAPI `pattern` (ECMA-262), with `maxLength` 254 beside it in the
/// document: the local part's characters and 64-character limit, then dot-separated labels of
/// 1 to 63 letters, digits and inner hyphens, at least two of them. The test below holds the two
/// rules to the same answers. (The server also trims surrounding spaces first.)
pub const EMAIL_PATTERN: &str = r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, ValidationError> {
        let trimmed = raw.trim();
        if !is_valid_address(trimmed) {
            return Err(super::rule("email", "enter a valid email address"));
        }
        // The rule admits ASCII only, so ASCII lowercasing is the whole of Unicode's here.
        Ok(Email(trimmed.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn validate(raw: &str) -> Result<(), ValidationError> {
        Email::parse(raw).map(|_| ())
    }
}

/// WHATWG's rule, plus two limits it leaves out:
/// - the lengths SMTP can carry (254 in all, 64 before the `@`);
/// - at least one dot in the domain. WHATWG accepts `jane@localhost`, but a shop mails its
///   customers over the internet, and a dotless domain is almost always a typo
///   (`jane@gmailcom`) that would only surface as a bounced return label.
///
/// Like WHATWG, and unlike RFC 5322's dot-atom, dots may sit anywhere in the local part
/// (`.jane`, `ja..ne`): such addresses exist (some Japanese mobile carriers issued them), the
/// mail server is the judge of its own mailboxes, and the previous check accepted them too.
/// Not accepted: quoted local parts, IP literals (`jane@[192.0.2.1]`) and non-ASCII characters.
/// An internationalised domain is accepted in its ASCII (`xn--`) form, which is also what a
/// browser's email field submits; telling valid Unicode domains apart needs the IDNA tables this
/// rule exists to avoid.
fn is_valid_address(address: &str) -> bool {
    if address.len() > EMAIL_MAX {
        return false;
    }
    // The local part cannot contain `@`, so the first one is the separator.
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    is_valid_local_part(local) && is_valid_domain(domain)
}

fn is_valid_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= LOCAL_PART_MAX
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b))
}

fn is_valid_domain(domain: &str) -> bool {
    domain.contains('.') && domain.split('.').all(is_valid_label)
}

/// 1 to 63 letters, digits and hyphens, neither starting nor ending with a hyphen. An empty
/// label is how a leading, trailing or doubled dot shows up here.
fn is_valid_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            bytes.len() <= LABEL_MAX
                && *first != b'-'
                && *last != b'-'
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(raw: &str) -> bool {
        Email::parse(raw).is_ok()
    }

    /// `local@domain` with each part exactly `local_len` and `domain_len` bytes long.
    fn address_of(local_len: usize, domain_len: usize) -> String {
        // Labels of 50 letters joined by dots, ending in a 3-letter TLD.
        let mut domain = String::new();
        while domain.len() + 4 < domain_len {
            let room = domain_len - 4 - domain.len();
            domain.push_str(&"d".repeat(room.min(50)));
            if domain.len() + 4 < domain_len {
                domain.push('.');
            }
        }
        domain.push_str(".com");
        format!("{}@{domain}", "l".repeat(local_len))
    }

    #[test]
    fn normalises_case_and_spacing() {
        assert_eq!(
            Email::parse("  Jane.Doe@Example.COM ")
                .map(String::from)
                .ok(),
            Some("jane.doe@example.com".to_owned())
        );
        assert_eq!(
            Email::parse("\tjane@example.com\n").map(String::from).ok(),
            Some("jane@example.com".to_owned())
        );
    }

    #[test]
    fn accepts_ordinary_addresses() {
        for good in [
            "jane@example.com",
            "j@e.co",
            "jane.doe@mail.example.co.uk",
            "jane+returns@example.com",
            "o'brien@example.ie",
            "jane_doe-99@sub-domain.example.com",
            "1234@123.example",
            "x@xn--bcher-kva.example",
            "a-b@a-b.c-d",
            "!#$%&'*+/=?^_`{|}~-@example.com",
        ] {
            assert!(accepts(good), "{good}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "   ",
            "jane",
            "jane@",
            "@example.com",
            "@",
            "jane@@example.com",
            "jane@doe@example.com",
            "jane.example.com",
        ] {
            assert!(!accepts(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_spaces_inside() {
        for bad in [
            "a b@example.com",
            "jane@exa mple.com",
            "jane @example.com",
            "jane@ example.com",
            "jane@example.com extra",
            "jane\t@example.com",
        ] {
            assert!(!accepts(bad), "{bad:?}");
        }
    }

    #[test]
    fn refuses_characters_outside_the_rule() {
        for bad in [
            "\"jane doe\"@example.com",
            "jane(comment)@example.com",
            "jane,doe@example.com",
            "jane;doe@example.com",
            "jane<doe>@example.com",
            "jane\\doe@example.com",
            "jane@exa_mple.com",
            "jane@example.com.",
            "jane@[192.0.2.1]",
            "jane@example!.com",
        ] {
            assert!(!accepts(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_non_ascii_but_takes_the_punycode_form() {
        for bad in [
            "jösé@example.com",
            "jane@bücher.example",
            "jane@例え.jp",
            "用户@例子.广告",
            "jane@example.com\u{200b}",
            "jane\u{a0}doe@example.com",
        ] {
            assert!(!accepts(bad), "{bad}");
        }
        assert!(accepts("jane@xn--r8jz45g.jp"));
        // Unicode spaces around the address are trimmed like ASCII ones.
        assert!(accepts("\u{a0}jane@example.com\u{3000}"));
    }

    #[test]
    fn the_domain_needs_a_dot() {
        for bad in ["jane@localhost", "jane@gmailcom", "jane@example"] {
            assert!(!accepts(bad), "{bad}");
        }
    }

    #[test]
    fn domain_labels_are_not_empty_and_not_hyphen_edged() {
        for bad in [
            "jane@.example.com",
            "jane@example.com.",
            "jane@example..com",
            "jane@.",
            "jane@..",
            "jane@-example.com",
            "jane@example-.com",
            "jane@example.-com",
            "jane@example.com-",
        ] {
            assert!(!accepts(bad), "{bad}");
        }
        assert!(accepts("jane@ex--ample.com"));
    }

    #[test]
    fn a_domain_label_has_at_most_63_characters() {
        let label = |n: usize| "a".repeat(n);
        assert!(accepts(&format!("jane@{}.com", label(63))));
        assert!(!accepts(&format!("jane@{}.com", label(64))));
        assert!(accepts(&format!("jane@example.{}", label(63))));
        assert!(!accepts(&format!("jane@example.{}", label(64))));
    }

    #[test]
    fn dots_may_sit_anywhere_in_the_local_part() {
        // WHATWG's choice, and the previous check's: the receiving server decides.
        for odd in [
            ".jane@example.com",
            "jane.@example.com",
            "ja..ne@example.com",
            "...@example.com",
        ] {
            assert!(accepts(odd), "{odd}");
        }
    }

    #[test]
    fn the_local_part_has_at_most_64_characters() {
        assert!(accepts(&address_of(64, 20)));
        assert!(!accepts(&address_of(65, 20)));
    }

    #[test]
    fn the_address_has_at_most_254_characters() {
        let longest = address_of(64, 189);
        assert_eq!(longest.len(), 254);
        assert!(accepts(&longest));

        let too_long = address_of(64, 190);
        assert_eq!(too_long.len(), 255);
        assert!(!accepts(&too_long));

        // Surrounding spaces do not count against the limit.
        assert!(accepts(&format!("  {longest}  ")));
    }

    #[test]
    fn the_error_names_the_rule_and_says_what_to_do() {
        let Err(e) = Email::validate("jane@") else {
            panic!("jane@ is not an address");
        };
        assert_eq!(e.code, "email");
        assert_eq!(e.message.as_deref(), Some("enter a valid email address"));
    }

    #[test]
    fn deserialising_applies_the_rule() {
        let ok: Result<Email, _> = serde_json::from_str("\" Jane@Example.com \"");
        assert_eq!(
            ok.ok().map(String::from).as_deref(),
            Some("jane@example.com")
        );
        let bad: Result<Email, _> = serde_json::from_str("\"jane@localhost\"");
        assert!(bad.is_err());
    }

    #[test]
    fn the_pattern_gives_the_rule_s_answers() {
        let pattern = regex::Regex::new(EMAIL_PATTERN).unwrap();
        let long_label = "a".repeat(63);
        let too_long_label = "a".repeat(64);
        let long_local = "b".repeat(64);
        let too_long_local = "b".repeat(65);
        let samples = [
            "jane@example.com".to_owned(),
            "j.a+n_e!#$%&'*/=?^`{|}~-@mail.example.co.uk".to_owned(),
            ".jane..x@example.com".to_owned(),
            "jane@xn--bcher-kva.example".to_owned(),
            "jane@a-b.c".to_owned(),
            format!("{long_local}@example.com"),
            format!("{too_long_local}@example.com"),
            format!("jane@{long_label}.com"),
            format!("jane@{too_long_label}.com"),
            "jane@localhost".to_owned(),
            "jane@-example.com".to_owned(),
            "jane@example-.com".to_owned(),
            "jane@example..com".to_owned(),
            "jane@.example.com".to_owned(),
            "jane@example.com.".to_owned(),
            "jane@exa_mple.com".to_owned(),
            "@example.com".to_owned(),
            "jane@@example.com".to_owned(),
            "jané@example.com".to_owned(),
            "\"jane\"@example.com".to_owned(),
            "jane@[192.0.2.1]".to_owned(),
            "jane example@example.com".to_owned(),
            "Inf".to_owned(),
            String::new(),
        ];
        for sample in samples {
            assert_eq!(
                pattern.is_match(&sample),
                is_valid_address(&sample),
                "{sample:?}"
            );
        }
    }
}
