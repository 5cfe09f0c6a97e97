//! The shopper's return journey: what can be returned, the return request, the return as the
//! portal shows it, and the EU withdrawal statement.

use crate::api::orders::PhotoView;
use crate::api::portal::PortalReason;
use crate::api::settings::{Resolution, ReturnMethod};
use crate::api::timeline::ReturnEventCode;
use crate::domain::{Email, NotReturnable, ReturnAction, ReturnStatus};
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;
use validator::Validate;

/// One item of the order as the return form offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnableItem {
    pub order_item_id: Uuid,
    pub sku: String,
    pub title: String,
    pub variant: Option<String>,
    pub image_url: Option<String>,
    pub bought: i32,
    /// What one unit cost, in the order's currency (`ReturnOptions::currency`).
    #[serde(default)]
    pub unit_price_minor: i64,
    /// Bought minus what open returns already hold; 0 when `why_not` says why.
    pub returnable_quantity: i32,
    pub why_not: Option<NotReturnable>,
    /// The shop's terms for each active reason, in the reasons' order: which reasons bring
    /// this item back, and on what terms. Empty where a reason does not apply (a withdrawal).
    #[serde(default)]
    pub terms: Vec<crate::api::return_terms::ReasonTerms>,
    /// The product's other variants in the shop's catalogue, priced in the order's currency,
    /// when the shop offers exchanges; empty otherwise.
    #[serde(default)]
    pub exchange_choices: Vec<crate::api::exchanges::ExchangeChoice>,
}

/// Everything the return form needs for one order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnOptions {
    pub items: Vec<ReturnableItem>,
    /// Active reasons in the shop's order.
    pub reasons: Vec<PortalReason>,
    pub resolutions: Vec<Resolution>,
    pub methods: Vec<ReturnMethod>,
    /// The last moment a return can be started; none before delivery.
    pub window_ends_at: Option<DateTime<Utc>>,
    /// The order's ISO 4217 currency, which refunds are paid in.
    #[serde(default)]
    pub currency: String,
    /// Why no return can be started at all yet; none when returns are open.
    #[serde(default)]
    pub closed: Option<crate::api::portal::ReturnsClosed>,
    /// What the shop's label costs by parcel size, lightest first: what a fee on the label's
    /// cost is charged on. Empty when the shop's carrier table has no price for this order.
    #[serde(default)]
    pub label_costs: Vec<crate::api::return_terms::LabelCost>,
    /// How the shop settles exchanges, when it offers them (`exchange` among `resolutions`).
    #[serde(default)]
    pub exchange: Option<crate::api::exchanges::ExchangeOffer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnItemInput {
    pub order_item_id: Uuid,
    pub quantity: i32,
    pub reason_id: Uuid,
    /// Required with a defective reason.
    #[validate(length(max = limits::RETURN_COMMENT, message = "use at most 2000 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
    /// Photos uploaded first through `POST /portal/{slug}/order/photos`; at least one with a
    /// defective reason.
    #[serde(default)]
    #[validate(length(max = 5, message = "attach at most 5 photos"))]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub photo_ids: Vec<Uuid>,
    /// With the `exchange` resolution: the SKU of the catalogue variant wanted instead (another
    /// size or colour of the product, or any product when the shop allows it).
    #[serde(default)]
    #[validate(length(min = 1, max = limits::SKU, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub exchange_sku: Option<String>,
}

/// A return request. Sending it again (same `Idempotency-Key` header or `client_request_id`)
/// answers with the return already made, never a second one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateReturn {
    #[validate(
        length(min = 1, max = 100, message = "choose at least one item"),
        nested
    )]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub items: Vec<ReturnItemInput>,
    /// Required, unless an item comes back for a reason the shop marks defective: then the
    /// shop decides with the shopper after looking at the defect (seed 003), and it may be
    /// left out (or null).
    #[serde(default)]
    pub resolution: Option<Resolution>,
    /// The size or colour wanted instead, with `replacement`.
    #[validate(length(max = limits::VARIANT, message = "use at most 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub replacement_variant: Option<String>,
    /// Required, unless an item comes back for a defective reason (see `resolution`).
    #[serde(default)]
    pub method: Option<ReturnMethod>,
    /// A random id the form makes once per return, so a double click or a retry after a
    /// timeout finds the first return.
    #[validate(length(min = 8, max = limits::RETURN_REQUEST_ID, message = "use 8 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 100))]
    pub client_request_id: Option<String>,
}

/// A return the shop makes for a shopper (taken on the phone, or sent by an integration):
/// the order by its number, then the same fields as the portal's submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateShopReturn {
    /// The shop's order number.
    #[validate(length(min = 1, max = limits::LOOKUP_ORDER, message = "use 1 to 64 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, example = "MC-1001")
    )]
    pub order_number: String,
    #[serde(flatten)]
    #[validate(nested)]
    pub submission: CreateReturn,
    /// Accept the return although the shop's return policy refuses it (window closed, final
    /// sale, not delivered, a resolution or method the rules do not offer). Quantities still
    /// hold. Recorded in the audit log and the return's history with who and why.
    #[serde(default)]
    #[validate(nested)]
    pub policy_override: Option<PolicyOverride>,
}

/// Why staff accept a return the policy refuses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyOverride {
    #[validate(length(min = 1, max = limits::OVERRIDE_REASON, message = "say why, in 1 to 500 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// Who moved a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ReturnActor {
    Shopper,
    Staff,
    /// Rebound itself (automatic approval, carrier scans).
    System,
}

/// One step of a return's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnEventView {
    /// None for the submission itself.
    pub from: Option<ReturnStatus>,
    pub to: ReturnStatus,
    pub actor: ReturnActor,
    /// The staff member, when `actor` is `staff`.
    pub staff_id: Option<Uuid>,
    /// Their name as it was when they acted; only in the shop's own views (shoppers read "the
    /// shop").
    #[serde(default)]
    pub staff_name: Option<String>,
    /// What the step says, as a code the reader's app words in its language.
    pub code: Option<ReturnEventCode>,
    /// The values the code's wording needs (see `ReturnEventCode`).
    pub params: BTreeMap<String, String>,
    /// The same in English, for integrators that show it as it is.
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnItemView {
    pub id: Uuid,
    pub order_item_id: Uuid,
    pub sku: String,
    pub title: String,
    pub quantity: i32,
    /// What was paid for these units (unit price × quantity) in the order's currency: the most
    /// a refund of this line may give back.
    #[serde(default)]
    pub paid_minor: i64,
    /// None on a withdrawal, which needs no reason.
    pub reason: Option<PortalReason>,
    pub defective: bool,
    pub comment: Option<String>,
    pub photos: Vec<PhotoView>,
}

/// The withdrawal statement as the shopper made it (the receipt email is built from it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithdrawalStatement {
    pub name: String,
    pub email: String,
    pub stated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnView {
    pub id: Uuid,
    /// What the shopper quotes to the shop, such as `R-7KQ2M9`.
    pub number: String,
    pub order_number: String,
    pub status: ReturnStatus,
    /// What may happen next (the dashboard's buttons).
    pub allowed_actions: Vec<ReturnAction>,
    /// None while a defective return waits for the shop to decide (see `CreateReturn`).
    pub resolution: Option<Resolution>,
    pub replacement_variant: Option<String>,
    /// None while a defective return waits for the shop to decide.
    pub method: Option<ReturnMethod>,
    pub items: Vec<ReturnItemView>,
    /// Oldest first.
    pub history: Vec<ReturnEventView>,
    /// Present on an EU withdrawal.
    pub withdrawal: Option<WithdrawalStatement>,
    /// The return label (PDF), once issued: a signed link that works without signing in.
    pub label_url: Option<String>,
    /// The label's QR code for box-free drop-off, signed like `label_url`.
    #[serde(default)]
    pub qr_url: Option<String>,
    /// Why the shop refused the return, when it did.
    #[serde(default)]
    pub rejection_reason: Option<String>,
    /// The store credit the return was settled with: its code and what is left.
    #[serde(default)]
    pub store_credit: Option<crate::api::return_queue::StoreCreditView>,
    /// The return fee the shop's policy charges, in minor units of the order's currency;
    /// none when no fee rule applied. The refund form starts from what was paid less this;
    /// staff may still refund in full (waiving the fee).
    #[serde(default)]
    pub fee_minor: Option<i64>,
    /// The shop's policy lets the shopper keep (or donate) the items: no label, no parcel, and
    /// the resolution follows approval.
    #[serde(default)]
    pub keep_item: bool,
    /// What the cheapest label would have cost, in minor units of the order's currency, when
    /// the shopper keeps the items and the return was approved: the shipping the policy saved
    /// (staff views only).
    #[serde(default)]
    pub shipping_saved_minor: Option<i64>,
    /// The shop's risk thresholds the shopper had crossed when the return was submitted
    /// (staff views only; a shopper's own view never carries them).
    #[serde(default)]
    pub risk_flags: Vec<crate::domain::risk::RiskFlag>,
    /// With the `exchange` resolution: the new items, the price difference and how it is
    /// settled, and where the held stock stands.
    #[serde(default)]
    pub exchange: Option<crate::api::exchanges::ExchangeView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Whether the order may be withdrawn from, and until when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithdrawalOptions {
    pub offered: bool,
    /// The end of the withdrawal period; none before delivery (the period starts then).
    pub until: Option<DateTime<Utc>>,
    pub period_days: u32,
    /// The items a withdrawal would cover, with what is left of each.
    pub items: Vec<ReturnableItem>,
}

/// "Withdraw from contract here": the statement, then `confirm: true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitWithdrawal {
    #[validate(length(min = 1, max = limits::CUSTOMER_NAME, message = "enter your name"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
    /// Withdraw from the whole order (then leave `item_ids` empty).
    #[serde(default)]
    pub all: bool,
    #[serde(default)]
    #[validate(length(max = 500, message = "at most 500 items"))]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub item_ids: Vec<Uuid>,
    /// The "Confirm withdrawal" step; must be true.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::confirmed))]
    pub confirm: bool,
    #[validate(length(min = 8, max = limits::RETURN_REQUEST_ID, message = "use 8 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 100))]
    pub client_request_id: Option<String>,
}
