//! Links a shop gives us to show (product images): only `http(s)` addresses, since they end up
//! in `src` attributes on the portal and in mail.

use validator::ValidationError;

use super::rule;

/// The longest link we keep; real CDN image links are far shorter.
pub const URL_MAX: usize = 2000;

/// An absolute `http://` or `https://` address with a host and no spaces or control characters.
pub fn validate_http_url(raw: &str) -> Result<(), ValidationError> {
    let refuse = || Err(rule("url", "use a full http(s) URL"));
    if raw.len() > URL_MAX || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse();
    }
    let lower = raw.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return refuse();
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Credentials in a link shown to shoppers are a phishing trick, never a real image host.
    let host_ok = !host.is_empty()
        && !host.contains('@')
        && host
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches(':')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    if host_ok { Ok(()) } else { refuse() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_web_addresses() {
        for ok in [
            "https://cdn.example.com/a/b.jpg",
            "http://example.com",
            "HTTPS://Example.com/x.png?w=200#top",
            "https://example.com:8443/img.webp",
            "https://[2001:db8::1]/a.png",
        ] {
            assert_eq!(validate_http_url(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_odd_hosts() {
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "ftp://example.com/a.png",
            "//example.com/a.png",
            "https://",
            "https:///path",
            "https://user:pass@example.com/a.png",
            "https://exa mple.com/a.png",
            "https://example.com/a\n.png",
            "example.com/a.png",
        ] {
            let error = validate_http_url(bad).expect_err(bad);
            assert_eq!(error.code, "url");
        }
        let long = format!("https://example.com/{}", "a".repeat(URL_MAX));
        assert!(validate_http_url(&long).is_err());
    }
}
