//! Brand colours as `#RRGGBB`, and the WCAG contrast ratio between two of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use validator::ValidationError;

/// [`HexColour::parse`]'s rule as an OpenAPI `pattern` (the server also trims surrounding spaces).
pub const HEX_COLOUR_PATTERN: &str = "^#[0-9a-fA-F]{6}$";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HexColour([u8; 3]);

impl HexColour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> HexColour {
        HexColour([r, g, b])
    }

    pub fn parse(raw: &str) -> Result<HexColour, ValidationError> {
        let bad = || super::rule("hex_colour", "use a colour like #1A2B3C");
        let hex = raw.trim().strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(HexColour([byte(0)?, byte(2)?, byte(4)?]))
    }

    pub fn validate(raw: &str) -> Result<(), ValidationError> {
        HexColour::parse(raw).map(|_| ())
    }

    /// WCAG 2.x relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// Black or white, whichever reads better on this colour (text on a primary button).
    pub fn readable_text(self) -> HexColour {
        let white = HexColour::rgb(255, 255, 255);
        let black = HexColour::rgb(17, 17, 17);
        if contrast_ratio(self, white) >= contrast_ratio(self, black) {
            white
        } else {
            black
        }
    }
}

/// WCAG contrast ratio, from 1.0 (none) to 21.0 (black on white). AA body text needs 4.5.
pub fn contrast_ratio(a: HexColour, b: HexColour) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

impl TryFrom<String> for HexColour {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        HexColour::parse(&value)
    }
}

impl From<HexColour> for String {
    fn from(c: HexColour) -> String {
        c.to_string()
    }
}

impl fmt::Display for HexColour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02X}{g:02X}{b:02X}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_upper_case() {
        let c = HexColour::parse("#0a7cff").ok();
        assert_eq!(c.map(|c| c.to_string()), Some("#0A7CFF".to_owned()));
        for bad in ["0a7cff", "#0a7cf", "#0a7cffx", "#gg0000", "red"] {
            assert!(HexColour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = HexColour::rgb(0, 0, 0);
        let white = HexColour::rgb(255, 255, 255);
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic just-fails-AA grey (4.48:1).
        let grey = HexColour::rgb(0x77, 0x77, 0x77);
        let r = contrast_ratio(grey, white);
        assert!(r > 4.4 && r < 4.5, "{r}");
    }

    #[test]
    fn readable_text_picks_the_higher_contrast() {
        assert_eq!(
            HexColour::rgb(0, 0, 0x80).readable_text(),
            HexColour::rgb(255, 255, 255)
        );
        assert_eq!(
            HexColour::rgb(0xFF, 0xE0, 0x66).readable_text(),
            HexColour::rgb(17, 17, 17)
        );
    }

    #[test]
    fn the_pattern_gives_the_rule_s_answers() {
        let pattern = regex::Regex::new(HEX_COLOUR_PATTERN).unwrap();
        for sample in [
            "#1a2B3c", "#000000", "1a2b3c", "#1a2b3", "#1a2b3c4", "#1g2b3c", "#", "",
        ] {
            assert_eq!(
                pattern.is_match(sample),
                HexColour::validate(sample).is_ok(),
                "{sample:?}"
            );
        }
    }
}
