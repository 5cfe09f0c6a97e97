//! API keys for integrators: a secret shown once, limited to the scopes it was given.

use crate::limits;
use crate::roles::Permission;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// What a key may do. Reads and writes are separate scopes, so a reporting tool can be given
/// a key that can never change anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApiScope {
    /// Read orders, shipments, imports and what an order can still return.
    #[serde(rename = "orders:read")]
    OrdersRead,
    /// Push orders, shipments and tracking events; import orders.
    #[serde(rename = "orders:write")]
    OrdersWrite,
    /// Read returns (the queue, a case, labels, the CSV export) and issue reports.
    #[serde(rename = "returns:read")]
    ReturnsRead,
    /// Create returns and act on them (approve, receive, refund, ...).
    #[serde(rename = "returns:write")]
    ReturnsWrite,
    /// Add, change and remove webhook endpoints.
    #[serde(rename = "webhooks:manage")]
    WebhooksManage,
    /// Read the settings.
    #[serde(rename = "settings:read")]
    SettingsRead,
}

impl ApiScope {
    pub const ALL: [ApiScope; 6] = [
        ApiScope::OrdersRead,
        ApiScope::OrdersWrite,
        ApiScope::ReturnsRead,
        ApiScope::ReturnsWrite,
        ApiScope::WebhooksManage,
        ApiScope::SettingsRead,
    ];

    /// The name on the wire (`orders:read`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::OrdersRead => "orders:read",
            ApiScope::OrdersWrite => "orders:write",
            ApiScope::ReturnsRead => "returns:read",
            ApiScope::ReturnsWrite => "returns:write",
            ApiScope::WebhooksManage => "webhooks:manage",
            ApiScope::SettingsRead => "settings:read",
        }
    }

    /// The scopes one stored name grants. Keys made before reads and writes were split keep
    /// what they could do: `orders` and `returns` were read and write, `settings_read` a read.
    /// An unknown name grants nothing.
    pub fn from_stored(name: &str) -> &'static [ApiScope] {
        match name {
            "orders" => &[ApiScope::OrdersRead, ApiScope::OrdersWrite],
            "returns" => &[ApiScope::ReturnsRead, ApiScope::ReturnsWrite],
            "settings_read" => &[ApiScope::SettingsRead],
            other => ApiScope::ALL
                .iter()
                .position(|s| s.as_str() == other)
                .map_or(&[], |i| &ApiScope::ALL[i..=i]),
        }
    }

    /// The scopes a stored list of names grants, sorted, each once.
    pub fn from_stored_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<ApiScope> {
        let mut scopes: Vec<ApiScope> = names
            .into_iter()
            .flat_map(|n| ApiScope::from_stored(n).iter().copied())
            .collect();
        scopes.sort();
        scopes.dedup();
        scopes
    }

    /// Keys never change settings, staff or keys: those stay with people.
    pub fn allows(self, permission: Permission) -> bool {
        matches!(
            (self, permission),
            (ApiScope::OrdersRead, Permission::ReadOrders)
                | (ApiScope::OrdersWrite, Permission::ManageOrders)
                | (ApiScope::ReturnsRead, Permission::ReadReturns)
                | (ApiScope::ReturnsWrite, Permission::HandleReturns)
                | (ApiScope::WebhooksManage, Permission::ManageWebhooks)
                | (ApiScope::SettingsRead, Permission::ReadSettings)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Shopify sync", "scopes": ["orders:read", "orders:write"]})))]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_keys_keep_what_they_could_do() {
        assert_eq!(
            ApiScope::from_stored_names(["orders", "settings_read"]),
            vec![
                ApiScope::OrdersRead,
                ApiScope::OrdersWrite,
                ApiScope::SettingsRead
            ]
        );
        assert_eq!(
            ApiScope::from_stored_names(["returns", "returns:read"]),
            vec![ApiScope::ReturnsRead, ApiScope::ReturnsWrite]
        );
        assert!(ApiScope::from_stored("admin").is_empty());
    }

    #[test]
    fn names_round_trip_through_serde_and_storage() {
        for scope in ApiScope::ALL {
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.as_str()));
            assert_eq!(ApiScope::from_stored(scope.as_str()), &[scope]);
        }
    }

    #[test]
    fn reads_and_writes_are_separate() {
        assert!(ApiScope::ReturnsRead.allows(Permission::ReadReturns));
        assert!(!ApiScope::ReturnsRead.allows(Permission::HandleReturns));
        assert!(!ApiScope::ReturnsWrite.allows(Permission::ReadReturns));
        assert!(!ApiScope::OrdersRead.allows(Permission::ManageOrders));
        assert!(
            ApiScope::ALL
                .iter()
                .all(|s| !s.allows(Permission::ManageApiKeys)
                    && !s.allows(Permission::ManageSettings))
        );
    }
}
