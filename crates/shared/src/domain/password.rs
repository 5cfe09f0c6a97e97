//! The password rule, shown by the sign-up form and enforced by the server.

use validator::ValidationError;

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;

/// Length is what protects a password; composition rules mostly annoy (NIST SP 800-63B).
pub fn validate_password(raw: &str) -> Result<(), ValidationError> {
    let n = raw.chars().count();
    if n < PASSWORD_MIN {
        return Err(super::rule("too_short", "use at least 10 characters"));
    }
    if n > PASSWORD_MAX {
        return Err(super::rule("too_long", "use at most 128 characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bounds() {
        assert!(validate_password("short").is_err());
        assert!(validate_password("long enough pass").is_ok());
        assert!(validate_password(&"x".repeat(129)).is_err());
    }
}
