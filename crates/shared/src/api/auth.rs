//! Merchant sign-up, sign-in and "who am I".

use crate::domain::{Email, Slug, validate_password};
use crate::limits;
use crate::roles::{Permission, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

/// Creates a merchant and its owner account in one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "company_name": "Maple & Co",
    "slug": "maple-co",
    "owner_name": "Avery Martin",
    "owner_email": "avery@maple.example",
    "password": "correct horse battery"
})))]
pub struct RegisterMerchant {
    #[validate(length(min = 1, max = limits::COMPANY_NAME, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub company_name: String,
    #[validate(custom(function = "Slug::validate"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::slug))]
    pub slug: String,
    #[validate(length(min = 1, max = limits::PERSON_NAME, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub owner_name: String,
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub owner_email: String,
    #[validate(custom(function = "validate_password"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 128, format = Password))]
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "owner@maple.example", "password": "rebound-demo-2026"
})))]
pub struct Login {
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
    #[validate(length(min = 1, max = limits::PASSWORD, message = "enter your password"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub password: String,
}

/// A signed-in session: a bearer token and who it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
    pub staff: StaffView,
    pub merchant: MerchantView,
}

/// The signed-in staff member, with what their role allows (the dashboard hides the rest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub staff: StaffView,
    pub merchant: MerchantView,
    pub permissions: Vec<Permission>,
    /// Whether this person signs in with a code, and whether the shop requires it.
    #[serde(default)]
    pub two_factor: crate::api::two_factor::TwoFactorStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffView {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MerchantView {
    pub id: Uuid,
    pub slug: String,
    pub company_name: String,
    pub created_at: DateTime<Utc>,
}

/// "Forgot password?": asks for a reset link by mail. The answer is the same whether or not
/// the address has an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "owner@maple.example", "locale": "en"
})))]
pub struct RequestPasswordReset {
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
    /// The mail's language: `en` (default) or `fr`.
    #[serde(default)]
    pub locale: Option<MailLocale>,
}

/// A language staff mails are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailLocale {
    #[default]
    En,
    Fr,
}

impl MailLocale {
    pub fn as_str(self) -> &'static str {
        match self {
            MailLocale::En => "en",
            MailLocale::Fr => "fr",
        }
    }
}

/// The new password, sent with the token from the reset link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "password": "a new long passphrase"
})))]
pub struct ResetPassword {
    #[validate(custom(function = "validate_password"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 128, format = Password))]
    pub password: String,
}
