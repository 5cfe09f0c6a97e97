//! Staff two-factor sign-in: enrolment for the signed-in person, the second step of signing
//! in, and the owner's switch that requires it for everyone.

use crate::domain::SecondFactor;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Where the signed-in person stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorStatus {
    /// A code is asked at every sign-in.
    pub enabled: bool,
    /// The shop requires two-factor sign-in from everyone: until `enabled`, only `/me` and
    /// `/me/two-factor…` answer this person.
    pub required: bool,
    /// Unused recovery codes left (0 when not enabled).
    pub recovery_codes_left: u32,
}

/// A new secret waiting for its first code. Shown once: after confirmation the secret is
/// never returned again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorEnrolment {
    /// `otpauth://totp/Rebound:{email}?secret=…&issuer=Rebound`, what the QR code holds.
    pub otpauth_uri: String,
    /// The same secret in base32, to type into an app by hand.
    pub secret: String,
    /// The URI as a QR code: an SVG document.
    pub qr_svg: String,
}

/// A code from the authenticator app, or (where the operation says so) a recovery code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({ "code": "123456" })))]
pub struct TwoFactorCode {
    /// Six digits from the app, or a recovery code (`k7dq2-mx9rt`); spaces and dashes are
    /// ignored.
    #[validate(custom(function = "SecondFactor::validate"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 6, max_length = 32))]
    pub code: String,
}

/// Ten single-use recovery codes, each good for one sign-in without the app. Shown once; only
/// their hashes are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// The answer to a right password on an account with two-factor sign-in: no session yet,
/// but a challenge to send with a code to `POST /auth/login/two-factor` within `expires_in`
/// seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorChallenge {
    pub challenge_token: String,
    /// Always `two_factor`.
    pub second_step: String,
    pub expires_in: u64,
}

/// The second step of signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "challenge_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9…", "code": "123456"
})))]
pub struct LoginSecondStep {
    /// From the `202` answer of `POST /auth/login`.
    #[validate(length(min = 1, max = 2048, message = "sign in again"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub challenge_token: String,
    /// Six digits from the app, or one of the recovery codes (`k7dq2-mx9rt`).
    #[validate(custom(function = "SecondFactor::validate"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 6, max_length = 32))]
    pub code: String,
}

/// The shop's sign-in rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({ "require_two_factor": false })))]
pub struct SecuritySettings {
    /// Everyone signs in with a code: staff without two-factor sign-in may only turn it on
    /// until they do. Owners turn it on after turning on their own.
    pub require_two_factor: bool,
}
