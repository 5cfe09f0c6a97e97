//! An origin allowed to frame a shop's portal (CSP `frame-ancestors`): `https://shop.example`,
//! `https://*.shop.example` or with a port. The server sends these verbatim in a header, so
//! nothing but a scheme, a host and a port gets in: no path, no quote, no space, no `;`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// More than a handful of shop domains is a sign of a paste gone wrong.
pub const FRAME_ORIGINS_MAX: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FrameOrigin(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FrameOriginError {
    #[error("start with https:// (or http:// for a local shop)")]
    Scheme,
    #[error("use a domain such as https://shop.example, without a path")]
    Host,
    #[error("use a port number from 1 to 65535")]
    Port,
}

impl FrameOriginError {
    pub fn code(self) -> &'static str {
        match self {
            FrameOriginError::Scheme => "scheme",
            FrameOriginError::Host => "host",
            FrameOriginError::Port => "port",
        }
    }
}

/// [`FrameOrigin::parse`]'s rule as an OpenAPI `pattern`: `http` or `https` in any case, an
/// optional `*.`, dot-separated DNS labels (any case: the origin is lowercased), an optional
/// port from 1 to 65535 without a leading zero, an optional final `/`.
pub const FRAME_ORIGIN_PATTERN: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?/?$";

impl FrameOrigin {
    pub fn parse(raw: &str) -> Result<FrameOrigin, FrameOriginError> {
        let lower = raw.trim().to_ascii_lowercase();
        let (scheme, rest) = lower.split_once("://").ok_or(FrameOriginError::Scheme)?;
        if scheme != "https" && scheme != "http" {
            return Err(FrameOriginError::Scheme);
        }
        // A pasted shop address often ends with `/`; anything longer is a path.
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        };
        if let Some(port) = port {
            match port.parse::<u16>() {
                Ok(p) if p > 0 && !port.starts_with('0') => {}
                _ => return Err(FrameOriginError::Port),
            }
        }
        let bare = host.strip_prefix("*.").unwrap_or(host);
        if !valid_host(bare) {
            return Err(FrameOriginError::Host);
        }
        Ok(FrameOrigin(match port {
            Some(port) => format!("{scheme}://{host}:{port}"),
            None => format!("{scheme}://{host}"),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Dot-separated labels of letters, digits and inner hyphens, as DNS names are.
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

impl fmt::Display for FrameOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for FrameOrigin {
    type Error = FrameOriginError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        FrameOrigin::parse(&s)
    }
}

impl From<FrameOrigin> for String {
    fn from(o: FrameOrigin) -> String {
        o.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_shop_origins_and_normalises_them() {
        for (raw, want) in [
            ("https://shop.example", "https://shop.example"),
            (" HTTPS://Shop.Example/ ", "https://shop.example"),
            ("https://*.myshopify.com", "https://*.myshopify.com"),
            ("http://localhost:3000", "http://localhost:3000"),
        ] {
            assert_eq!(
                FrameOrigin::parse(raw).map(|o| o.to_string()),
                Ok(want.into())
            );
        }
    }

    #[test]
    fn refuses_anything_that_could_change_the_header() {
        for (raw, err) in [
            ("shop.example", FrameOriginError::Scheme),
            ("ftp://shop.example", FrameOriginError::Scheme),
            ("https://shop.example/returns", FrameOriginError::Host),
            ("https://shop.example; script-src *", FrameOriginError::Host),
            ("https://'self'", FrameOriginError::Host),
            ("https://*", FrameOriginError::Host),
            ("https://shop..example", FrameOriginError::Host),
            ("https://shop.example:0", FrameOriginError::Port),
            ("https://shop.example:99999", FrameOriginError::Port),
        ] {
            assert_eq!(FrameOrigin::parse(raw), Err(err), "{raw}");
        }
    }

    #[test]
    fn the_pattern_gives_the_rule_s_answers() {
        let pattern = regex::Regex::new(FRAME_ORIGIN_PATTERN).unwrap();
        for sample in [
            "https://maple.example",
            "HTTPS://Maple.Example/",
            "http://localhost:8080",
            "https://*.maple.example",
            "https://maple.example:65535",
            "https://maple.example:65536",
            "https://maple.example:0",
            "https://maple.example:080",
            "https://maple.example/shop",
            "ftp://maple.example",
            "maple.example",
            "https://-maple.example",
            "https://maple..example",
            "https://*.",
            "https://ma_ple.example",
            "",
        ] {
            assert_eq!(
                pattern.is_match(sample),
                FrameOrigin::parse(sample).is_ok(),
                "{sample:?}"
            );
        }
    }
}
