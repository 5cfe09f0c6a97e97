//! Signed download links: a shopper opens a label from an email, where no header can carry a
//! token. The link carries an expiry and a signature of the path and expiry, under a key
//! derived from the server's JWT secret for this purpose alone (so no new secret to configure,
//! and a token key is never used directly for anything else).

use crate::auth::signing::{Purpose, Signer};
use chrono::{DateTime, Duration, Utc};

/// Fourteen days: long enough to print the label from the email at home, or at the counter.
pub const LINK_TTL_DAYS: i64 = 14;

#[derive(Debug, Clone)]
pub struct LinkSigner {
    signer: Signer,
}

impl LinkSigner {
    pub fn new(jwt_secret: &[u8]) -> LinkSigner {
        LinkSigner {
            signer: Signer::new(jwt_secret, Purpose::LabelDownload),
        }
    }

    /// `path?expires=…&signature=…`, valid until `expires_at`.
    pub fn sign(&self, path: &str, expires_at: DateTime<Utc>) -> String {
        let expires = expires_at.timestamp();
        let signature = self.signer.sign_until(path, expires);
        format!("{path}?expires={expires}&signature={signature}")
    }

    /// A link to `path` valid for `LINK_TTL_DAYS` from `now`, and when it expires.
    pub fn link(&self, path: &str, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
        // Whole seconds, so the expiry in the link is exactly the one reported.
        let expires_at =
            DateTime::from_timestamp((now + Duration::days(LINK_TTL_DAYS)).timestamp(), 0)
                .unwrap_or(now);
        (self.sign(path, expires_at), expires_at)
    }

    /// Whether the link to `path` with `expires` and `signature` was made here and is still
    /// valid at `now`. The comparison takes the same time whatever the signature.
    pub fn verify(&self, path: &str, expires: i64, signature: &str, now: DateTime<Utc>) -> bool {
        self.signer
            .verify_until(path, expires, signature, now)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(link: &str) -> (String, i64, String) {
        let (path, query) = link.split_once('?').unwrap_or_default();
        let mut expires = 0;
        let mut signature = String::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("expires", v)) => expires = v.parse().unwrap_or_default(),
                Some(("signature", v)) => signature = v.to_owned(),
                _ => {}
            }
        }
        (path.to_owned(), expires, signature)
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires() {
        let signer = LinkSigner::new(b"test-secret-test-secret-test-secret");
        let now = Utc::now();
        let (link, expires_at) = signer.link("/api/v1/labels/abc.pdf", now);
        let (path, expires, signature) = parts(&link);
        assert_eq!(path, "/api/v1/labels/abc.pdf");
        assert_eq!(expires, expires_at.timestamp());
        assert!(signer.verify(&path, expires, &signature, now));
        assert!(signer.verify(&path, expires, &signature, expires_at));
        assert!(!signer.verify(
            &path,
            expires,
            &signature,
            expires_at + Duration::seconds(1)
        ));
    }

    #[test]
    fn any_change_breaks_the_signature() {
        let signer = LinkSigner::new(b"test-secret-test-secret-test-secret");
        let now = Utc::now();
        let (link, _) = signer.link("/api/v1/labels/abc.pdf", now);
        let (path, expires, signature) = parts(&link);
        assert!(!signer.verify("/api/v1/labels/abd.pdf", expires, &signature, now));
        assert!(!signer.verify(&path, expires + 3600, &signature, now));
        let mut tampered = signature.clone().into_bytes();
        tampered[0] = if tampered[0] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        assert!(!signer.verify(&path, expires, &tampered, now));
        assert!(!signer.verify(&path, expires, "not-hex", now));
        let other = LinkSigner::new(b"another-secret-another-secret-xx");
        assert!(!other.verify(&path, expires, &signature, now));
    }
}
