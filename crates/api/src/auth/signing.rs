//! Signed capabilities: the HMAC-SHA256 signatures behind links that work without a login
//! (photos, label downloads, unsubscribe and survey links in mails). Each purpose signs under
//! a key or a message prefix of its own, so no kind of link can be replayed as another.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// What a signature is for. The key labels, prefixes and separators below are those of links
/// already sent and printed: changing one voids every link of that kind in the wild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A shopper's photo: `{photo id}.{expires}`.
    Photo,
    /// A label file: `{path}\n{expires}`.
    LabelDownload,
    /// A mail's unsubscribe link: `unsubscribe:{merchant id}:{email}`, for as long as the mail.
    Unsubscribe,
    /// The follow-up survey: `survey:{order id}`, its tag cut short to keep the link short.
    Survey,
}

impl Purpose {
    /// The signing key is HMAC(secret, label): the server's secret is never used directly.
    fn key_label(self) -> &'static str {
        match self {
            Purpose::Photo => "rebound/photo-urls/v1",
            Purpose::LabelDownload => "rebound/download-links/v1",
            // Mail links have always shared one key; their prefixes keep them apart.
            Purpose::Unsubscribe | Purpose::Survey => "rebound-mail-links",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Purpose::Photo | Purpose::LabelDownload => "",
            Purpose::Unsubscribe => "unsubscribe:",
            Purpose::Survey => "survey:",
        }
    }

    fn expiry_separator(self) -> char {
        match self {
            Purpose::Photo => '.',
            Purpose::LabelDownload | Purpose::Unsubscribe | Purpose::Survey => '\n',
        }
    }

    /// Bytes of the tag a link carries.
    fn tag_len(self) -> usize {
        match self {
            Purpose::Survey => 16,
            Purpose::Photo | Purpose::LabelDownload | Purpose::Unsubscribe => 32,
        }
    }

    /// The canonical message: prefix, subject, and the expiry when the link has one.
    fn message(self, subject: &str, expires: Option<i64>) -> String {
        match expires {
            Some(expires) => format!(
                "{}{subject}{}{expires}",
                self.prefix(),
                self.expiry_separator()
            ),
            None => format!("{}{subject}", self.prefix()),
        }
    }
}

/// Why a link was refused: a tampered or foreign link is told apart from a stale one only
/// after its signature holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Invalid,
    Expired,
}

/// Signs and checks hex tags for one purpose.
#[derive(Clone)]
pub struct Signer {
    purpose: Purpose,
    /// HMAC-SHA256 already keyed; cloned per signature.
    key: HmacSha256,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({:?}, ..)", self.purpose)
    }
}

impl Signer {
    pub fn new(secret: &[u8], purpose: Purpose) -> Signer {
        let mut derive = keyed(secret);
        derive.update(purpose.key_label().as_bytes());
        Signer {
            purpose,
            key: keyed(&derive.finalize().into_bytes()),
        }
    }

    /// The hex tag of a link that does not expire.
    pub fn sign(&self, subject: &str) -> String {
        self.tag(&self.purpose.message(subject, None))
    }

    /// Whether `signature` is the tag of `subject`, in constant time.
    pub fn verify(&self, subject: &str, signature: &str) -> bool {
        self.holds(&self.purpose.message(subject, None), signature)
    }

    /// The hex tag of a link valid until `expires` (Unix seconds).
    pub fn sign_until(&self, subject: &str, expires: i64) -> String {
        self.tag(&self.purpose.message(subject, Some(expires)))
    }

    /// Checks the signature first (in constant time), then the expiry: a link altered to
    /// live longer is invalid, not merely expired.
    pub fn verify_until(
        &self,
        subject: &str,
        expires: i64,
        signature: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Refused> {
        if !self.holds(&self.purpose.message(subject, Some(expires)), signature) {
            return Err(Refused::Invalid);
        }
        if now.timestamp() > expires {
            return Err(Refused::Expired);
        }
        Ok(())
    }

    fn tag(&self, message: &str) -> String {
        let mut mac = self.key.clone();
        mac.update(message.as_bytes());
        let full = mac.finalize().into_bytes();
        hex::encode(&full[..self.purpose.tag_len()])
    }

    fn holds(&self, message: &str, signature: &str) -> bool {
        let Ok(given) = hex::decode(signature) else {
            return false;
        };
        // A short tag would be easy to guess: only the purpose's full length counts.
        if given.len() != self.purpose.tag_len() {
            return false;
        }
        let mut mac = self.key.clone();
        mac.update(message.as_bytes());
        mac.verify_truncated_left(&given).is_ok()
    }
}

fn keyed(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"test-secret-test-secret-test-secret";
    const ALL: [Purpose; 4] = [
        Purpose::Photo,
        Purpose::LabelDownload,
        Purpose::Unsubscribe,
        Purpose::Survey,
    ];

    fn flip_first(signature: &str) -> String {
        let flipped = if signature.starts_with('0') { "1" } else { "0" };
        format!("{flipped}{}", &signature[1..])
    }

    #[test]
    fn a_valid_signature_verifies() {
        let now = Utc::now();
        for purpose in ALL {
            let signer = Signer::new(SECRET, purpose);
            let tag = signer.sign("subject");
            assert_eq!(tag.len(), purpose.tag_len() * 2);
            assert!(signer.verify("subject", &tag), "{purpose:?}");
            let expires = now.timestamp() + 60;
            let tag = signer.sign_until("subject", expires);
            assert_eq!(signer.verify_until("subject", expires, &tag, now), Ok(()));
            assert_eq!(
                signer.verify_until(
                    "subject",
                    expires,
                    &tag,
                    now + chrono::Duration::seconds(60)
                ),
                Ok(()),
                "valid through its last second"
            );
        }
    }

    #[test]
    fn a_tampered_link_is_invalid() {
        let now = Utc::now();
        for purpose in ALL {
            let signer = Signer::new(SECRET, purpose);
            let tag = signer.sign("subject");
            assert!(!signer.verify("subjecT", &tag));
            assert!(!signer.verify("subject", &flip_first(&tag)));
            assert!(!signer.verify("subject", &tag[..tag.len() - 2]));
            assert!(!signer.verify("subject", &format!("{tag}00")));
            assert!(!signer.verify("subject", "not-hex"));
            assert!(!signer.verify("subject", ""));
            let expires = now.timestamp() + 60;
            let tag = signer.sign_until("subject", expires);
            let invalid = Err(Refused::Invalid);
            assert_eq!(signer.verify_until("other", expires, &tag, now), invalid);
            assert_eq!(
                signer.verify_until("subject", expires + 3600, &tag, now),
                invalid
            );
            assert_eq!(
                signer.verify_until("subject", expires, &flip_first(&tag), now),
                invalid
            );
            // An expiring tag is not a lasting one, nor the other way round.
            assert!(!signer.verify("subject", &tag));
            let lasting = signer.sign("subject");
            assert_eq!(
                signer.verify_until("subject", expires, &lasting, now),
                invalid
            );
            let other_secret = Signer::new(b"another-secret-another-secret-xx", purpose);
            assert!(!other_secret.verify("subject", &lasting));
        }
    }

    #[test]
    fn an_expired_link_is_refused_as_expired() {
        let now = Utc::now();
        let signer = Signer::new(SECRET, Purpose::Photo);
        let expires = now.timestamp() - 1;
        let tag = signer.sign_until("subject", expires);
        assert_eq!(
            signer.verify_until("subject", expires, &tag, now),
            Err(Refused::Expired)
        );
        // Tampered and expired: the tampering is what is reported.
        assert_eq!(
            signer.verify_until("subject", expires, &flip_first(&tag), now),
            Err(Refused::Invalid)
        );
    }

    #[test]
    fn one_purpose_never_verifies_as_another() {
        let now = Utc::now();
        let expires = now.timestamp() + 60;
        for signed_as in ALL {
            let signer = Signer::new(SECRET, signed_as);
            let lasting = signer.sign("subject");
            let expiring = signer.sign_until("subject", expires);
            for checked_as in ALL.into_iter().filter(|p| *p != signed_as) {
                let checker = Signer::new(SECRET, checked_as);
                assert!(!checker.verify("subject", &lasting), "{signed_as:?}");
                assert!(!checker.verify("subject", &expiring), "{signed_as:?}");
                assert!(
                    checker
                        .verify_until("subject", expires, &expiring, now)
                        .is_err(),
                    "{signed_as:?} as {checked_as:?}"
                );
            }
        }
    }

    #[test]
    fn tags_are_those_of_links_already_sent() {
        // The formulas each link kind used before the signers were shared: links in inboxes
        // and on printed labels must keep working.
        fn hmac_hex(key: &[u8], message: &str) -> String {
            let mut mac = keyed(key);
            mac.update(message.as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
        fn derived(label: &str) -> Vec<u8> {
            let mut mac = keyed(SECRET);
            mac.update(label.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        let photo = derived("rebound/photo-urls/v1");
        let labels = derived("rebound/download-links/v1");
        let mail = derived("rebound-mail-links");
        assert_eq!(
            Signer::new(SECRET, Purpose::Photo).sign_until("0190-id", 1_900_000_000),
            hmac_hex(&photo, "0190-id.1900000000")
        );
        assert_eq!(
            Signer::new(SECRET, Purpose::LabelDownload)
                .sign_until("/api/v1/labels/x.pdf", 1_900_000_000),
            hmac_hex(&labels, "/api/v1/labels/x.pdf\n1900000000")
        );
        assert_eq!(
            Signer::new(SECRET, Purpose::Unsubscribe).sign("m-id:a@example.com"),
            hmac_hex(&mail, "unsubscribe:m-id:a@example.com")
        );
        assert_eq!(
            Signer::new(SECRET, Purpose::Survey).sign("o-id"),
            hmac_hex(&mail, "survey:o-id")[..32]
        );
    }
}
