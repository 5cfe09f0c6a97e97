//! What the rules may ask: the facts of an item, its order and its shopper, gathered by the
//! caller (the engine does no I/O).

use super::condition::DateBasis;
use crate::domain::Money;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The reason chosen for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonFacts {
    pub id: Uuid,
    pub defective: bool,
}

/// What the rules may ask about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemFacts {
    pub sku: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// One unit's price, in the order's currency.
    pub unit_price: Money,
    /// False when the shop marked this item not returnable, whatever the rules say.
    pub returnable: bool,
    /// None until the shopper picks one: reason conditions then do not hold.
    pub reason: Option<ReasonFacts>,
}

/// The shopper's history with this shop, by email.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopperHistory {
    /// When each of the shopper's earlier returns was started.
    #[serde(default)]
    pub returns: Vec<DateTime<Utc>>,
    /// Orders over the period the shop keeps (twelve months).
    #[serde(default)]
    pub orders: u32,
    /// Of those, the orders with at least one return.
    #[serde(default)]
    pub orders_returned: u32,
    /// Crossed one of the shop's risk thresholds.
    #[serde(default)]
    pub flagged: bool,
}

impl ShopperHistory {
    /// Orders with a return over orders, in basis points; none without orders.
    pub fn return_rate_basis_points(&self) -> Option<u64> {
        (self.orders > 0).then(|| {
            u64::from(self.orders_returned.min(self.orders)) * 10_000 / u64::from(self.orders)
        })
    }
}

/// What the rules may ask about the order and its shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderFacts {
    /// What the order came to; its currency is the order's.
    pub total: Money,
    pub placed_at: DateTime<Utc>,
    pub fulfilled_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub email: String,
    /// Where it ships (ISO 3166-1 alpha-2).
    pub country: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub shopper: ShopperHistory,
}

impl OrderFacts {
    /// The moment a basis names, if it has happened.
    pub fn date(&self, basis: DateBasis) -> Option<DateTime<Utc>> {
        match basis {
            DateBasis::Order => Some(self.placed_at),
            DateBasis::Fulfilment => self.fulfilled_at,
            DateBasis::Delivery => self.delivered_at,
        }
    }
}
