//! An email address, trimmed and lowercased so that lookups forgive case.

use serde::{Deserialize, Serialize};
use std::fmt;
use validator::{ValidateEmail, ValidationError};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, ValidationError> {
        let normalised = raw.trim().to_lowercase();
        if normalised.len() > 254 || !normalised.validate_email() {
            return Err(super::rule("email", "enter a valid email address"));
        }
        Ok(Email(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn validate(raw: &str) -> Result<(), ValidationError> {
        Email::parse(raw).map(|_| ())
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

    #[test]
    fn normalises_case_and_spacing() {
        assert_eq!(
            Email::parse("  Jane.Doe@Example.COM ")
                .map(String::from)
                .ok(),
            Some("jane.doe@example.com".to_owned())
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in ["", "jane", "jane@", "@example.com", "a b@example.com"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
