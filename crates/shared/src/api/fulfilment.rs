//! "Mark shipped" and "Mark delivered" for shops without a carrier feed: one order or up to
//! 100 at once. The order's tracking timeline records the mark, and the order only ever moves
//! forward (unfulfilled → shipped → delivered).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Most orders one bulk mark takes: a page of the dashboard's list.
pub const MAX_BULK_ORDERS: usize = 100;

/// Where the shop says an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FulfilmentStage {
    /// Handed to a carrier or sent: the shopper can follow it, not return it yet.
    Shipped,
    /// With the shopper: returns open and the return window counts from `at`.
    Delivered,
}

impl FulfilmentStage {
    pub fn as_str(self) -> &'static str {
        match self {
            FulfilmentStage::Shipped => "shipped",
            FulfilmentStage::Delivered => "delivered",
        }
    }
}

/// Mark one order shipped or delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkFulfilment {
    pub status: FulfilmentStage,
    /// When it happened; now when left out. Not in the future, not before the order was placed.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// Mark up to 100 orders, by number, shipped or delivered; each answers on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkFulfilments {
    #[validate(length(min = 1, max = 100, message = "send 1 to 100 order numbers"))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub numbers: Vec<String>,
    pub status: FulfilmentStage,
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// What a mark did to one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FulfilmentOutcome {
    /// The order moved and its timeline says so.
    Marked,
    /// It was already there (or further along the same way): nothing was written.
    Unchanged,
    /// Not done; `code` and `reason` say why.
    Refused,
}

/// Why an order of a bulk mark was refused, as a code clients can translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FulfilmentRefusal {
    /// No order of this shop has that number.
    NotFound,
    /// Already delivered: it cannot go back to shipped.
    AlreadyDelivered,
    /// `at` is before the order was placed.
    BeforePlaced,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FulfilmentResult {
    pub number: String,
    pub outcome: FulfilmentOutcome,
    pub code: Option<FulfilmentRefusal>,
    /// In English, for integrators; the dashboard shows its own words for `code`.
    pub reason: Option<String>,
}

/// One result per distinct number sent, in the order sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FulfilmentResults {
    pub results: Vec<FulfilmentResult>,
}
