//! What a staff member types as their second factor: a 6-digit code from an authenticator app
//! (RFC 6238) or one of their single-use recovery codes. Parsed here, so the sign-in form and
//! the server tell them apart the same way and forgive the same spaces and dashes.

use validator::ValidationError;

/// Digits of an authenticator code.
pub const TOTP_DIGITS: usize = 6;
/// Characters of a recovery code, shown as two groups of five (`k7dq2-mx9rt`).
pub const RECOVERY_CODE_LEN: usize = 10;
/// How many recovery codes a person gets at a time.
pub const RECOVERY_CODES: usize = 10;
/// Lowercase letters and digits without the ones read alike (0/o, 1/l/i): 31 symbols, so a
/// code holds about 49 bits.
pub const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// The longest input accepted: a recovery code with generous spacing.
pub const SECOND_FACTOR_MAX: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    /// Six digits from the authenticator app.
    Totp(String),
    /// A recovery code, normalised (lowercase, no spaces or dashes).
    Recovery(String),
}

impl SecondFactor {
    /// Spaces and dashes are ignored and case does not matter; six digits are an app's code,
    /// ten letters and digits from the recovery alphabet a recovery code.
    pub fn parse(raw: &str) -> Result<SecondFactor, ValidationError> {
        let squeezed: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        if squeezed.len() == TOTP_DIGITS && squeezed.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(SecondFactor::Totp(squeezed));
        }
        if squeezed.len() == RECOVERY_CODE_LEN
            && squeezed.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))
        {
            return Ok(SecondFactor::Recovery(squeezed));
        }
        Err(super::rule(
            "code_format",
            "enter the 6-digit code from your app or a recovery code",
        ))
    }

    /// For `#[validate(custom(...))]`.
    pub fn validate(raw: &str) -> Result<(), ValidationError> {
        Self::parse(raw).map(|_| ())
    }
}

/// A recovery code as shown to its owner: `abcde-fghjk`.
pub fn format_recovery_code(normalised: &str) -> String {
    if normalised.len() == RECOVERY_CODE_LEN && normalised.is_ascii() {
        format!("{}-{}", &normalised[..5], &normalised[5..])
    } else {
        normalised.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_app_codes_from_recovery_codes_and_forgives_spacing() {
        assert_eq!(
            SecondFactor::parse(" 123 456 "),
            Ok(SecondFactor::Totp("123456".into()))
        );
        assert_eq!(
            SecondFactor::parse("K7DQ2-MX9RT"),
            Ok(SecondFactor::Recovery("k7dq2mx9rt".into()))
        );
        assert_eq!(format_recovery_code("k7dq2mx9rt"), "k7dq2-mx9rt");
        for bad in [
            "",
            "12345",
            "1234567",
            "k7dq2-mx9r",
            "o0o0o-l1l1l",
            "12345a",
        ] {
            assert!(SecondFactor::parse(bad).is_err(), "{bad}");
        }
    }
}
