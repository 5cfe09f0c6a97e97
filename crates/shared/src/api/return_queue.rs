//! The staff side of returns: the queue (filters, counts, keyset pages), a return's whole
//! case, and the actions that move it (approve, reject, receive, inspect, resolve).

use crate::api::carrier::LabelView;
use crate::api::orders::OrderSummary;
use crate::api::returns::ReturnView;
use crate::api::settings::Resolution;
use crate::domain::ReturnStatus;
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use validator::Validate;

/// One row of the returns queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnSummary {
    pub id: Uuid,
    pub number: String,
    pub status: ReturnStatus,
    pub order_number: String,
    pub customer_name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
    /// Units returned, over all lines.
    pub item_count: i32,
    /// Some line was returned with a defective reason.
    pub defective: bool,
    /// None while a defective return waits for the shop to decide.
    pub resolution: Option<Resolution>,
    pub withdrawal: bool,
    /// What the returned units were sold for, in `currency`.
    pub total_value_minor: i64,
    pub currency: String,
    /// The shop's risk thresholds the shopper had crossed when the return was submitted.
    #[serde(default)]
    pub risk_flags: Vec<crate::domain::risk::RiskFlag>,
}

/// The most a status count of the queue says exactly: past it the count reads "10,000+", so a
/// page costs the same with ten thousand returns or a million.
pub const QUEUE_COUNT_LIMIT: u64 = 10_000;

/// One page of the queue. `counts_per_status` counts every return matching the filters other
/// than `status` (the tabs above the list), exactly up to [`QUEUE_COUNT_LIMIT`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnPage {
    pub returns: Vec<ReturnSummary>,
    /// Returns per status, exact up to 10,000; a status with more says 10,000 and is listed
    /// in `capped_statuses`.
    pub counts_per_status: BTreeMap<String, u64>,
    /// The statuses with more than 10,000 returns: their count reads "10,000+".
    #[serde(default)]
    pub capped_statuses: Vec<ReturnStatus>,
    pub next_cursor: Option<String>,
}

/// Condition found when the parcel is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemCondition {
    Ok,
    Damaged,
}

/// What happens to the returned unit: back to stock, or (damaged) the shop's damaged-item
/// policy, recorded as it stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Restock,
    Keep,
    Discard,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionView {
    pub return_item_id: Uuid,
    pub condition: ItemCondition,
    pub disposition: Disposition,
    pub note: Option<String>,
    pub staff_id: Option<Uuid>,
    pub inspected_at: DateTime<Utc>,
}

/// Why money goes back, from a fixed list (reports group by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    ReturnedItem,
    Defective,
    DamagedInTransit,
    Withdrawal,
    Goodwill,
    Other,
}

impl RefundReason {
    /// In the order staff pick from.
    pub const ALL: [RefundReason; 6] = [
        RefundReason::ReturnedItem,
        RefundReason::Defective,
        RefundReason::DamagedInTransit,
        RefundReason::Withdrawal,
        RefundReason::Goodwill,
        RefundReason::Other,
    ];

    /// The wire name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RefundReason::ReturnedItem => "returned_item",
            RefundReason::Defective => "defective",
            RefundReason::DamagedInTransit => "damaged_in_transit",
            RefundReason::Withdrawal => "withdrawal",
            RefundReason::Goodwill => "goodwill",
            RefundReason::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundView {
    pub id: Uuid,
    /// None for an attached item (a care plan) refunded with its parent.
    pub return_item_id: Option<Uuid>,
    pub order_item_id: Uuid,
    pub amount_minor: i64,
    pub currency: String,
    pub reason: RefundReason,
    pub created_at: DateTime<Utc>,
}

/// A store credit: the shopper spends it with `code` at the shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreCreditView {
    pub code: String,
    pub amount_minor: i64,
    pub balance_minor: i64,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplacementView {
    pub shipment_id: Uuid,
    pub carrier: String,
    pub tracking_number: String,
    pub variant: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Why no return label can be bought now; the dashboard warns before an approval that would
/// go out without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LabelBlocker {
    /// The shop has no return address: add one in Settings.
    NoReturnAddress,
}

/// A return's whole case for the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnDetail {
    /// Items with reasons, comments and signed photo links, the timeline, allowed actions.
    #[serde(rename = "return")]
    pub ret: ReturnView,
    pub order: OrderSummary,
    pub label: Option<LabelView>,
    pub inspections: Vec<InspectionView>,
    pub refunds: Vec<RefundView>,
    pub store_credit: Option<StoreCreditView>,
    pub replacement: Option<ReplacementView>,
    /// The helpdesk thread about this return, if one was opened.
    pub thread_id: Option<Uuid>,
    pub total_value_minor: i64,
    /// Whether a label can be bought for this return now.
    pub label_available: bool,
    /// Why not, when `label_available` is false.
    pub label_blocker: Option<LabelBlocker>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectReturn {
    /// Shown to the shopper.
    #[validate(length(min = 1, max = limits::STAFF_REASON, message = "say why, in 1 to 1000 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectItem {
    pub return_item_id: Uuid,
    pub condition: ItemCondition,
    #[validate(length(max = limits::STAFF_NOTE, message = "use at most 1000 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// Every line of the return, inspected at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectReturn {
    #[validate(length(min = 1, max = 100, message = "inspect every line"), nested)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub items: Vec<InspectItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundLine {
    pub return_item_id: Uuid,
    /// At most what was paid for the returned units of this line.
    #[validate(range(min = 1, message = "refund at least 1"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub amount_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundReturn {
    #[validate(
        length(min = 1, max = 100, message = "refund at least one line"),
        nested
    )]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub items: Vec<RefundLine>,
    pub reason: RefundReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssueStoreCredit {
    /// Defaults to what the returned units were sold for. When the shopper chose store credit,
    /// the shop's bonus (Returns settings, `exchanges.bonus`) is added on top of this.
    #[validate(range(min = 1, max = 100_000_000, message = "use 1 to 100000000"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100_000_000))]
    pub amount_minor: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplaceReturn {
    /// Defaults to the carrier of the order's first shipment.
    #[validate(length(min = 1, max = limits::LABEL_CARRIER, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub carrier: Option<String>,
    #[validate(length(min = 1, max = limits::LABEL_CARRIER, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub service: Option<String>,
    /// The replacement parcel's tracking number, when already known.
    #[validate(length(min = 3, max = limits::TRACKING_NUMBER, message = "use 3 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 64))]
    pub tracking_number: Option<String>,
    /// The size or colour sent; defaults to what the shopper asked for.
    #[validate(length(max = limits::VARIANT, message = "use at most 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub variant: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkApprove {
    #[validate(length(min = 1, max = 100, message = "choose 1 to 100 returns"))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub ids: Vec<Uuid>,
}

/// What happened to one return of a bulk approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkOutcome {
    pub id: Uuid,
    pub approved: bool,
    /// The status after the attempt; none for an unknown id.
    pub status: Option<ReturnStatus>,
    /// Why it was not approved.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkApproveResult {
    pub outcomes: Vec<BulkOutcome>,
}

#[cfg(test)]
mod tests {
    use super::RefundReason;

    #[test]
    fn refund_reason_names_match_the_wire() {
        for r in RefundReason::ALL {
            assert_eq!(serde_json::json!(r), serde_json::json!(r.as_str()));
        }
    }
}
