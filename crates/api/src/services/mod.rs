//! The use cases, one file per area. They take a database handle and plain values, never
//! actix types, so they are easy to call from tests, the CLI and background jobs.

pub mod accounts;
pub mod api_keys;
pub mod audit;
pub mod branding_assets;
pub mod orders;
pub mod portal;
pub mod reasons;
pub mod return_addresses;
pub mod settings;
pub mod shopper;
pub mod staff;

use crate::error::ApiError;
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

/// A random, URL-safe secret (256 bits from the OS through UUID v4s).
pub(crate) fn random_token() -> String {
    let mut out = String::with_capacity(64);
    for _ in 0..2 {
        out.push_str(&uuid::Uuid::new_v4().simple().to_string());
    }
    out
}

pub(crate) fn sha256_hex(value: &str) -> String {
    sha256_hex_bytes(value.as_bytes())
}

pub(crate) fn sha256_hex_bytes(value: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(value))
}
