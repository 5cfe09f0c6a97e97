//! The analytics cards: what comes back, why, how it is resolved, how fast, by whom. Each card
//! is one request over a period (`from`..=`to`, UTC days), plain series the web app charts.
//! Money is always per currency, never summed across currencies.

use crate::api::risk::ShopperRisk;
use crate::domain::ReturnStatus;
use crate::domain::analytics::Bucket;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The period a card covers and how its series is cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub bucket: Bucket,
    /// The product filter the figures were counted with, if any.
    pub sku: Option<String>,
    pub tag: Option<String>,
}

/// Delivered and returned, orders and units, over a period or one bucket of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnCounts {
    /// Orders delivered in the period (with a line of the filtered products, if filtered).
    pub delivered_orders: i64,
    /// Units delivered (lines attached to another line, such as care plans, not counted).
    pub delivered_units: i64,
    /// Orders with a return requested in the period (cancelled returns not counted).
    pub returned_orders: i64,
    /// Units in those returns.
    pub returned_units: i64,
    /// Returned orders over delivered orders, in basis points; none when nothing was delivered.
    pub order_rate_basis_points: Option<u32>,
    /// Returned units over delivered units, in basis points; none when nothing was delivered.
    pub unit_rate_basis_points: Option<u32>,
}

/// One bucket of the return-rate series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRatePoint {
    /// The first day of the week (a Monday) or month; may fall before the period's `from`.
    pub start: NaiveDate,
    #[serde(flatten)]
    pub counts: ReturnCounts,
}

/// Return rate: returns requested over deliveries, per bucket, with the totals of the period
/// and of the period of equal length just before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRateCard {
    pub period: Period,
    /// Every bucket of the period, in order, empty ones included.
    pub series: Vec<ReturnRatePoint>,
    pub total: ReturnCounts,
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    pub previous: ReturnCounts,
}

/// A return reason and the units returned for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonCount {
    pub reason_id: Uuid,
    pub label_en: String,
    pub label_fr: String,
    pub defective: bool,
    /// Units returned for this reason.
    pub units: i64,
    /// Those units over all units returned, in basis points.
    pub share_basis_points: u32,
}

/// Units of one product returned for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonUnits {
    pub reason_id: Uuid,
    pub units: i64,
}

/// One of the most returned products: its reasons and how often it comes back defective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductReasons {
    pub sku: String,
    /// The product's title on its most recent returned line.
    pub title: String,
    pub returned_units: i64,
    /// Units returned with a defective reason.
    pub defective_units: i64,
    /// Units of the product delivered in the period.
    pub delivered_units: i64,
    /// Defective units over delivered units, in basis points; none when none were delivered.
    pub defective_rate_basis_points: Option<u32>,
    /// Its reasons, most units first.
    pub reasons: Vec<ReasonUnits>,
}

/// Reasons: every reason used in the period, most units first; the most returned products
/// (at most `TOP_PRODUCTS`) with their reasons and defective rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonsCard {
    pub period: Period,
    pub returned_units: i64,
    pub reasons: Vec<ReasonCount>,
    pub products: Vec<ProductReasons>,
}

/// How many products the reasons card details.
pub const TOP_PRODUCTS: u64 = 20;

/// What a return was settled with, as the resolutions card counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResolutionKind {
    Refund,
    StoreCredit,
    Exchange,
    Replacement,
    /// The shopper keeps the item (no parcel).
    KeepItem,
    /// A defective case whose resolution staff have not chosen yet.
    Undecided,
}

impl ResolutionKind {
    pub const ALL: [ResolutionKind; 6] = [
        ResolutionKind::Refund,
        ResolutionKind::StoreCredit,
        ResolutionKind::Exchange,
        ResolutionKind::Replacement,
        ResolutionKind::KeepItem,
        ResolutionKind::Undecided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResolutionKind::Refund => "refund",
            ResolutionKind::StoreCredit => "store_credit",
            ResolutionKind::Exchange => "exchange",
            ResolutionKind::Replacement => "replacement",
            ResolutionKind::KeepItem => "keep_item",
            ResolutionKind::Undecided => "undecided",
        }
    }

    pub fn parse(text: &str) -> Option<ResolutionKind> {
        ResolutionKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Returns (requested in the period, neither rejected nor cancelled) per resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResolutionCount {
    pub resolution: ResolutionKind,
    pub returns: i64,
}

/// The money of the period in one currency, in its minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrencyOutcomes {
    /// ISO 4217 code.
    pub currency: String,
    pub refunded_minor: i64,
    pub store_credit_minor: i64,
    pub exchange_minor: i64,
    pub replacement_minor: i64,
    /// Return fees charged to shoppers.
    pub fees_minor: i64,
    /// Revenue the shop kept: exchanges plus store credit.
    pub revenue_kept_minor: i64,
    /// What the return labels bought in the period cost (voided labels not counted).
    pub labels_minor: i64,
    /// The labels not bought because shoppers kept the items (cheapest label per parcel).
    #[serde(default)]
    pub shipping_saved_minor: i64,
}

/// Resolutions: the mix in counts, and the money per currency from the outcomes ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResolutionsCard {
    pub period: Period,
    /// Every kind, zero counts included, in `ResolutionKind` order.
    pub counts: Vec<ResolutionCount>,
    /// One entry per currency that has money in the period, by currency code.
    pub money: Vec<CurrencyOutcomes>,
}

/// Median and 90th percentile of one step's duration (nearest rank).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepDuration {
    /// Returns of the period that reached the step.
    pub returns: i64,
    /// Hours; none when no return reached the step.
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
}

/// An open return, for the "waiting longest" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingReturn {
    pub id: Uuid,
    pub number: String,
    pub status: ReturnStatus,
    pub requested_at: DateTime<Utc>,
    /// Hours since it was requested.
    pub waiting_hours: f64,
}

/// Speed: from request to approval, to receipt and to resolution, over the returns requested
/// in the period; and the open returns waiting longest now (whatever the period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpeedCard {
    pub period: Period,
    pub to_approval: StepDuration,
    pub to_receipt: StepDuration,
    pub to_resolution: StepDuration,
    /// Oldest first, at most `WAITING_LIST` returns.
    pub waiting: Vec<WaitingReturn>,
}

/// How many open returns the speed card lists.
pub const WAITING_LIST: u64 = 10;

/// Shoppers: the shoppers with the most returns requested in the period, with the flags the
/// shop's risk thresholds give them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShoppersCard {
    pub period: Period,
    /// The shop's currency, the one `value_returned` is counted in.
    pub currency: String,
    pub shoppers: Vec<ShopperRisk>,
    /// Of those, the ones the thresholds flag.
    pub flagged: u32,
}

/// How many shoppers the shoppers card lists.
pub const TOP_SHOPPERS: u64 = 10;

/// The signed-in owner's or manager's weekly summary by mail: last week's figures from these
/// cards, every Monday (UTC), off until they turn it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"enabled": true, "locale": "fr"})))]
pub struct WeeklySummary {
    pub enabled: bool,
    /// The mail's language: `en` (default) or `fr`.
    #[serde(default)]
    pub locale: crate::api::auth::MailLocale,
}
