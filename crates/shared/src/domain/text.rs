//! The one rule for text a client may send: no control characters but tab and line breaks.
//!
//! PostgreSQL refuses NUL in text columns (a 500 there, silently stored by SQLite), and the
//! other control characters only ever arrive by mistake or to confuse a log or a terminal.

use super::rule;
use validator::ValidationError;

/// The code a refused text reports, on every field and in every import row.
pub const CONTROL_CHARACTER: &str = "control_character";

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
}
