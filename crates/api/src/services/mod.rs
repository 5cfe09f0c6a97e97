//! The use cases, one file per area. They take a database handle and plain values, never
//! actix types, so they are easy to call from tests, the CLI and background jobs.

pub mod accounts;
pub mod api_keys;
pub mod audit;
pub mod branding_assets;
pub mod carrier_settings;
pub mod helpdesk;
pub mod imports;
pub mod issue_reports;
mod keyset;
pub mod labels;
pub mod mail;
pub mod notifications;
pub mod orders;
pub mod password_resets;
pub mod photos;
pub mod portal;
pub mod reasons;
pub mod return_actions;
pub mod return_addresses;
pub mod return_mails;
pub mod return_queue;
pub mod return_records;
pub mod return_views;
pub mod returns;
pub mod settings;
pub mod shopper;
pub mod staff;
pub mod surveys;
pub mod withdrawal;

use crate::error::{ApiError, ApiResult};
use rebound_shared::ErrorKind;
use sea_orm::{DbErr, SqlErr};

/// A unique-index violation becomes a 409 naming the field; anything else stays a fault.
pub(crate) fn conflict_on(
    field: &'static str,
    message: &'static str,
) -> impl Fn(DbErr) -> ApiError {
    move |e: DbErr| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            ApiError::field(ErrorKind::Conflict, field, "taken", message)
        }
        _ => ApiError::internal(e),
    }
}

/// A random, URL-safe secret: 256 bits from the operating system's random source, 43
/// characters of unpadded base64url. Stored only as its SHA-256 (`sha256_hex`).
pub(crate) fn random_token() -> Result<String, getrandom::Error> {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub(crate) fn sha256_hex(value: &str) -> String {
    sha256_hex_bytes(value.as_bytes())
}

pub(crate) fn sha256_hex_bytes(value: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(value))
}

/// The shared rule for a moment a client reports (`check_reported_time`), its error on `field`.
pub(crate) fn checked_reported_time(
    at: chrono::DateTime<chrono::Utc>,
    field: &str,
) -> ApiResult<()> {
    rebound_shared::domain::check_reported_time(at, chrono::Utc::now())
        .map_err(|e| ApiError::field(ErrorKind::Validation, field, e.code(), e.message()))
}

/// The shared postal-code rule for `country`, its error reported on `field`.
pub(crate) fn checked_postal_code(country: &str, raw: &str, field: &str) -> ApiResult<String> {
    rebound_shared::domain::normalise_postal_code(country, raw).map_err(|e| {
        let message = e.message.map(|m| m.to_string()).unwrap_or_default();
        ApiError::field(ErrorKind::Validation, field, "postal_code", &message)
    })
}

/// An optional text field, trimmed; blank counts as absent.
pub(crate) fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}
