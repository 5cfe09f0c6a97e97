//! The one rule for text a client may send: no control characters but tab and line breaks.
//!
//! PostgreSQL refuses NUL in text columns (a 500 there, silently stored by SQLite), and the
//! other control characters only ever arrive by mistake or to confuse a log or a terminal.

use super::rule;
use validator::ValidationError;

/// The code a refused text reports, on every field and in every import row.
pub const CONTROL_CHARACTER: &str = "control_character";

/// [`forbidden_control`] as an OpenAPI `pattern` (ECMA-262): the C0 controls but tab, line feed
/// and carriage return, DEL and the C1 controls, which are exactly the characters
/// `char::is_control` names. The document puts it on every text a request carries, and the test
/// below holds the two to the same characters.
pub const PLAIN_TEXT_PATTERN: &str = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

/// The first character of `text` that may not be stored, if any.
pub fn forbidden_control(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `forbidden_control` as a field rule.
pub fn validate_plain_text(text: &str) -> Result<(), ValidationError> {
    match forbidden_control(text) {
        Some(_) => Err(rule(
            CONTROL_CHARACTER,
            "contains a control character; only tabs and line breaks are allowed",
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_tabs_and_line_breaks_and_refuses_other_controls() {
        assert_eq!(forbidden_control("Café\tà\r\nParis"), None);
        assert_eq!(forbidden_control("a\0b"), Some('\0'));
        assert_eq!(forbidden_control("bell\u{7}"), Some('\u{7}'));
        assert_eq!(forbidden_control("del\u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_control("c1\u{85}"), Some('\u{85}'));
        assert!(validate_plain_text("ok").is_ok());
        assert!(validate_plain_text("\u{1b}[31m").is_err());
    }

    #[test]
    fn the_pattern_refuses_exactly_the_characters_the_rule_refuses() {
        let pattern = regex::Regex::new(PLAIN_TEXT_PATTERN).unwrap();
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                pattern.is_match(&text),
                forbidden_control(&text).is_none(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
