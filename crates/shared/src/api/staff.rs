//! Staff invitations and staff management: an owner invites a colleague with a role (the
//! colleague accepts with a name and a password), lists and revokes pending invitations,
//! changes a colleague's role or removes them.

use crate::domain::{Email, validate_password};
use crate::limits;
use crate::roles::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "sam@maple.example", "role": "agent"
})))]
pub struct InviteStaff {
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::invitable_role))]
    pub role: Role,
}

/// An invitation as the owner sees it. `token` is only returned once, when it is created: it is
/// what the invitation link carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// When it was sent (absent in answers from older servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
}

/// A colleague's new role. A merchant always keeps at least one owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({ "role": "manager" })))]
pub struct ChangeRole {
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Sam Lee", "password": "another long passphrase"
})))]
pub struct AcceptInvitation {
    #[validate(length(min = 1, max = limits::PERSON_NAME, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[validate(custom(function = "validate_password"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 128, format = Password))]
    pub password: String,
}
