//! A merchant's URL slug: the portal lives at `/{slug}`.

use serde::{Deserialize, Serialize};
use std::fmt;
use validator::ValidationError;

/// Paths the product itself uses, or that would confuse shoppers, are never a shop's address.
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "app",
    "assets",
    "auth",
    "dashboard",
    "docs",
    "favicon.ico",
    "healthz",
    "help",
    "login",
    "logout",
    "portal",
    "readyz",
    "rebound",
    "register",
    "robots.txt",
    "signup",
    "static",
    "status",
    "support",
    "www",
];

/// [`Slug::parse`]'s characters as an OpenAPI `pattern`, beside `minLength`/`maxLength`; the
/// reserved words are named in the field's description (the server also trims spaces).
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

pub const SLUG_MIN: usize = 3;
pub const SLUG_MAX: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("use {SLUG_MIN} to {SLUG_MAX} characters")]
    Length,
    #[error("use lowercase letters, digits and single hyphens, not at either end")]
    Characters,
    #[error("this address is reserved")]
    Reserved,
}

impl SlugError {
    pub fn code(self) -> &'static str {
        match self {
            SlugError::Length => "length",
            SlugError::Characters => "slug",
            SlugError::Reserved => "reserved",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Slug, SlugError> {
        let s = raw.trim();
        if !(SLUG_MIN..=SLUG_MAX).contains(&s.len()) {
            return Err(SlugError::Length);
        }
        let chars_ok = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !chars_ok || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(SlugError::Characters);
        }
        if RESERVED_SLUGS.contains(&s) {
            return Err(SlugError::Reserved);
        }
        Ok(Slug(s.to_owned()))
    }

    /// Suggests a slug from a company name: "Maple & Co." becomes "maple-co".
    pub fn suggest(company_name: &str) -> String {
        let mut out = String::new();
        for c in company_name.to_lowercase().chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        out.trim_end_matches('-').chars().take(SLUG_MAX).collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `validator` adapter, for `#[validate(custom(function = ...))]`.
    pub fn validate(raw: &str) -> Result<(), ValidationError> {
        Slug::parse(raw)
            .map(|_| ())
            .map_err(|e| super::rule(e.code(), &e.to_string()))
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_slugs() {
        for ok in ["maple", "maple-co", "shop42", "a1b"] {
            assert_eq!(Slug::parse(ok).map(|s| s.0), Ok(ok.to_owned()));
        }
    }

    #[test]
    fn refuses_bad_shapes_with_the_right_reason() {
        assert_eq!(Slug::parse("ab"), Err(SlugError::Length));
        assert_eq!(Slug::parse(&"a".repeat(41)), Err(SlugError::Length));
        assert_eq!(Slug::parse("Maple"), Err(SlugError::Characters));
        assert_eq!(Slug::parse("-maple"), Err(SlugError::Characters));
        assert_eq!(Slug::parse("maple--co"), Err(SlugError::Characters));
        assert_eq!(Slug::parse("ma ple"), Err(SlugError::Characters));
        assert_eq!(Slug::parse("dashboard"), Err(SlugError::Reserved));
        assert_eq!(Slug::parse("api"), Err(SlugError::Reserved));
    }

    #[test]
    fn suggests_a_valid_slug_from_a_company_name() {
        assert_eq!(Slug::suggest("Maple & Co."), "maple-co");
        assert!(Slug::parse(&Slug::suggest("  Büro Möbel GmbH ")).is_ok());
    }

    #[test]
    fn the_pattern_gives_the_rule_s_answers_but_for_reserved_words() {
        let pattern = regex::Regex::new(SLUG_PATTERN).unwrap();
        for sample in [
            "maple", "maple-co", "a1-b2-c3", "-maple", "maple-", "ma--ple", "Maple", "ma_ple",
            "ma ple",
        ] {
            assert_eq!(
                pattern.is_match(sample),
                Slug::parse(sample).is_ok(),
                "{sample:?}"
            );
        }
    }
}
