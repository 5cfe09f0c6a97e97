//! API keys for integrators: a secret shown once, limited to the scopes it was given.

use crate::limits;
use crate::roles::Permission;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiScope {
    /// Push and read orders, shipments and tracking events.
    Orders,
    /// Read and act on returns and issue reports.
    Returns,
    /// Read the settings.
    SettingsRead,
}

impl ApiScope {
    /// Keys never change settings, staff or keys: those stay with people.
    pub fn allows(self, permission: Permission) -> bool {
        matches!(
            (self, permission),
            (ApiScope::Orders, Permission::ManageOrders)
                | (ApiScope::Returns, Permission::HandleReturns)
                | (ApiScope::SettingsRead, Permission::ReadSettings)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Shopify sync", "scopes": ["orders"]})))]
pub struct CreateApiKey {
    #[validate(length(min = 1, max = limits::API_KEY_NAME, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[validate(custom(function = "some_scopes"))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub scopes: Vec<ApiScope>,
}

fn some_scopes(scopes: &[ApiScope]) -> Result<(), ValidationError> {
    if scopes.is_empty() {
        Err(crate::domain::rule_owned(
            "required",
            "give the key at least one scope".into(),
        ))
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyView {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub scopes: Vec<ApiScope>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The answer to creating a key: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    pub key: ApiKeyView,
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
}
