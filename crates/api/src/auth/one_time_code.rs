//! Time-based one-time codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, one step of
//! clock drift either way) through `totp-rs`, the `otpauth://` URI and its QR code for
//! authenticator apps, and recovery codes.

use crate::error::{ApiError, ApiResult};
use rebound_shared::domain::second_factor::{RECOVERY_ALPHABET, RECOVERY_CODE_LEN, RECOVERY_CODES};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// The issuer the app shows beside the code.
pub const ISSUER: &str = "Rebound";
/// Bytes of a new secret: 160 bits, RFC 4226's recommendation.
const SECRET_BYTES: usize = 20;

/// A new secret from the operating system's random source, in base32 (no padding).
pub fn new_secret() -> ApiResult<String> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(Secret::from(bytes).to_base32())
}

fn totp(secret_base32: &str, account: Option<&str>) -> ApiResult<Totp> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("stored TOTP secret: {e:?}")))?;
    let mut builder = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret);
    if let Some(account) = account {
        builder = builder.with_issuer(Some(ISSUER)).with_account_name(account);
    }
    builder
        .build()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("TOTP parameters: {e:?}")))
}

/// `otpauth://totp/Rebound:{email}?secret=…&issuer=Rebound` (the email percent-encoded).
pub fn otpauth_uri(secret_base32: &str, email: &str) -> ApiResult<String> {
    totp(secret_base32, Some(email))?
        .to_url()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("otpauth URI: {e:?}")))
}

/// The URI as an SVG QR code, drawn on the server so the web app needs no QR library.
pub fn qr_svg(uri: &str) -> ApiResult<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(ApiError::internal)?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// The 30-second step whose code `code` is, within one step of `now` (Unix seconds), if any.
/// Whether that step was used before is the caller's to check (RFC 6238 §5.2).
pub fn matching_step(secret_base32: &str, code: &str, now: u64) -> ApiResult<Option<u64>> {
    Ok(totp(secret_base32, None)?.check(code, now))
}

/// Ten new recovery codes, normalised (lowercase, no dash), from the recovery alphabet.
pub fn new_recovery_codes() -> ApiResult<Vec<String>> {
    (0..RECOVERY_CODES).map(|_| recovery_code()).collect()
}

fn recovery_code() -> ApiResult<String> {
    let n = RECOVERY_ALPHABET.len();
    // Bytes past the largest multiple of the alphabet's size are drawn again, so every
    // symbol is equally likely.
    let limit = 256 - 256 % n;
    let mut code = String::with_capacity(RECOVERY_CODE_LEN);
    while code.len() < RECOVERY_CODE_LEN {
        let mut byte = [0u8; 1];
        getrandom::fill(&mut byte).map_err(ApiError::internal)?;
        let b = usize::from(byte[0]);
        if b < limit {
            code.push(char::from(RECOVERY_ALPHABET[b % n]));
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_shared::domain::SecondFactor;

    #[test]
    fn a_code_matches_its_own_step_and_one_either_side_only() {
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 32);
        let app = totp(&secret, None).unwrap();
        let now = 1_800_000_015;
        let step = now / 30;
        let code = app.generate(now).to_string();
        assert_eq!(matching_step(&secret, &code, now).unwrap(), Some(step));
        assert_eq!(matching_step(&secret, &code, now + 30).unwrap(), Some(step));
        assert_eq!(matching_step(&secret, &code, now - 30).unwrap(), Some(step));
        assert_eq!(matching_step(&secret, &code, now + 60).unwrap(), None);
    }

    #[test]
    fn the_uri_names_the_issuer_and_the_account() {
        let uri = otpauth_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "sam@maple.example").unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Rebound:sam%40maple.example?"),
            "{uri}"
        );
        assert!(uri.contains("secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        assert!(uri.contains("issuer=Rebound"));
        assert!(qr_svg(&uri).unwrap().contains("<svg"));
    }

    #[test]
    fn recovery_codes_parse_as_recovery_codes_and_differ() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        for code in &codes {
            assert_eq!(
                SecondFactor::parse(code),
                Ok(SecondFactor::Recovery(code.clone()))
            );
        }
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), 10);
    }
}
