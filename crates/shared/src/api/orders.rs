//! Orders as the shop sends them (idempotent upsert by order number), their shipments and
//! tracking events, and the views the dashboard and the portal read.

use crate::api::settings::IssueType;
use crate::domain::{Email, OrderStatus, TrackingEventKind, validate_country};
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    #[validate(length(min = 1, max = limits::ADDRESS_LINE, message = "use 1 to 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub line1: String,
    #[validate(length(max = limits::ADDRESS_LINE, message = "use at most 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub line2: Option<String>,
    #[validate(length(min = 1, max = limits::CITY, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub city: String,
    #[validate(length(max = limits::REGION, message = "use at most 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub region: Option<String>,
    /// Checked against the country's format (CA, US, FR, GB, DE).
    #[validate(length(min = 1, max = limits::POSTAL_CODE, message = "enter a postal code"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub postal_code: String,
    #[validate(custom(function = "validate_country"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::country))]
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItemInput {
    #[validate(length(min = 1, max = limits::SKU, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub sku: String,
    #[validate(length(min = 1, max = limits::ITEM_TITLE, message = "use 1 to 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    #[validate(length(max = limits::VARIANT, message = "use at most 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub variant: Option<String>,
    #[validate(range(min = 1, max = 10000, message = "use 1 to 10000"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub quantity: i32,
    /// Integer minor units (cents) in the order's currency.
    #[validate(range(min = 0, message = "a price cannot be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub unit_price_minor: i64,
    #[validate(custom(function = "crate::domain::validate_http_url"))]
    pub image_url: Option<String>,
    #[serde(default = "yes")]
    pub returnable: bool,
    /// The SKU of the item this one is attached to (a warranty or care plan sold with it).
    pub parent_sku: Option<String>,
    /// The product's tags (`clearance`, `final-sale`), for return policies' product-tag rules.
    #[serde(default)]
    #[validate(custom(function = "validate_tags"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::tags))]
    pub tags: Vec<String>,
}

fn yes() -> bool {
    true
}

/// At most `limits::TAGS` tags of at most `limits::TAG` characters.
pub(crate) fn validate_tags(tags: &[String]) -> Result<(), ValidationError> {
    if tags.len() as u64 > limits::TAGS {
        return Err(crate::domain::rule_owned(
            "too_many",
            format!("send at most {} tags", limits::TAGS),
        ));
    }
    if tags.iter().any(|t| t.chars().count() as u64 > limits::TAG) {
        return Err(crate::domain::rule_owned(
            "length",
            format!("use at most {} characters per tag", limits::TAG),
        ));
    }
    Ok(())
}

/// Tags as kept: trimmed, blank ones dropped, each once (ignoring case), in the order sent.
pub fn normalised_tags(tags: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !kept.iter().any(|k| k.eq_ignore_ascii_case(tag)) {
            kept.push(tag.to_owned());
        }
    }
    kept
}

/// Create or update an order by its number: sending it twice changes nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertOrder {
    #[validate(length(min = 1, max = limits::CUSTOMER_NAME, message = "use 1 to 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub customer_name: String,
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
    #[validate(length(max = limits::PHONE, message = "use at most 40 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: Option<String>,
    #[validate(nested)]
    pub shipping_address: Address,
    #[validate(custom(function = "validate_currency"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::currency))]
    pub currency: String,
    pub placed_at: DateTime<Utc>,
    #[validate(length(min = 1, max = 500, message = "send 1 to 500 items"), nested)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    pub items: Vec<OrderItemInput>,
    /// The order's tags (`vip`, `wholesale`), for return policies' order-tag rules.
    #[serde(default)]
    #[validate(custom(function = "validate_tags"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::tags))]
    pub tags: Vec<String>,
}

/// A known ISO 4217 code: the amounts that follow are read with its exponent.
pub(crate) fn validate_currency(raw: &str) -> Result<(), ValidationError> {
    crate::domain::Currency::parse(raw).map(|_| ())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItemView {
    pub id: Uuid,
    pub sku: String,
    pub title: String,
    pub variant: Option<String>,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub image_url: Option<String>,
    pub returnable: bool,
    pub parent_item_id: Option<Uuid>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackingEventView {
    pub kind: TrackingEventKind,
    pub description: String,
    pub location: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentView {
    pub id: Uuid,
    pub carrier: String,
    pub service: String,
    pub tracking_number: String,
    pub status: OrderStatus,
    pub estimated_delivery: Option<DateTime<Utc>>,
    /// The carrier's own tracking page, when we know the carrier.
    pub tracking_url: Option<String>,
    /// Oldest first.
    pub events: Vec<TrackingEventView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    pub id: Uuid,
    pub number: String,
    pub customer_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub shipping_address: Address,
    pub currency: String,
    pub status: OrderStatus,
    pub placed_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// When the shopper cancelled it (before dispatch); none while it stands.
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub items: Vec<OrderItemView>,
    pub shipments: Vec<ShipmentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub id: Uuid,
    pub number: String,
    pub customer_name: String,
    pub email: String,
    pub status: OrderStatus,
    pub currency: String,
    pub placed_at: DateTime<Utc>,
}

/// One page of a keyset-paginated list: pass `next_cursor` back as `cursor` for the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertShipment {
    #[validate(length(min = 1, max = limits::SHIPMENT_CARRIER, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub carrier: String,
    #[validate(length(min = 1, max = limits::SHIPMENT_CARRIER, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub service: String,
    #[validate(length(min = 4, max = limits::TRACKING_NUMBER, message = "use 4 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 4, max_length = 64))]
    pub tracking_number: String,
    pub estimated_delivery: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddTrackingEvent {
    pub kind: TrackingEventKind,
    #[validate(length(max = limits::TRACKING_DESCRIPTION, message = "use at most 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub description: Option<String>,
    #[validate(length(max = limits::TRACKING_LOCATION, message = "use at most 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub location: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

/// The shopper's lookup: order number or tracking number, plus email or postal code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLookup {
    #[validate(length(min = 1, max = limits::LOOKUP_ORDER, message = "enter your order or tracking number"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub order: String,
    #[validate(length(min = 1, max = limits::LOOKUP_CONTACT, message = "enter your email or postal code"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub contact: String,
}

/// A short-lived token that opens one order in the portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderAccess {
    pub access_token: String,
    pub expires_in: u64,
    pub order_number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeAddress {
    #[validate(nested)]
    pub shipping_address: Address,
}

/// The shopper cancels the order before dispatch, saying why if they like (the shop reads it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelOrder {
    #[serde(default)]
    #[validate(length(max = limits::OVERRIDE_REASON, message = "use at most 500 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportIssue {
    pub issue_type: IssueType,
    #[validate(length(
        min = 1,
        max = limits::ISSUE_MESSAGE,
        message = "tell us what happened (up to 2000 characters)"
    ))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub message: String,
    /// Photos uploaded first through `POST /portal/{slug}/order/photos`, of this order.
    #[serde(default)]
    #[validate(length(max = 5, message = "attach at most 5 photos"))]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub photo_ids: Vec<Uuid>,
}

/// A shopper's photo (issue report, defective item, message attachment). `url` is signed and
/// expires, so an `<img>` can show it without a token and nobody can guess another one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoView {
    pub id: Uuid,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssueReportView {
    pub id: Uuid,
    pub order_number: String,
    pub issue_type: IssueType,
    pub message: String,
    pub photos: Vec<PhotoView>,
    pub created_at: DateTime<Utc>,
    /// Open until staff close it.
    #[serde(default)]
    pub status: IssueStatus,
    /// The staff member handling it.
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default)]
    pub assignee_name: Option<String>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
}

/// Where an issue report stands in the staff queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    #[default]
    Open,
    Closed,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 2] = [IssueStatus::Open, IssueStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Open => "open",
            IssueStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<IssueStatus> {
        IssueStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// One page of the issue-reports queue, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssueReportPage {
    pub issues: Vec<IssueReportView>,
    /// Pass back as `cursor` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
    /// Open reports of the merchant, whatever the filters (the navigation's badge).
    pub open_count: u64,
}

/// Who handles an issue report; `null` leaves it unassigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "assignee_id": "0190a6a1-7c2e-7d6b-9a57-1d9c7b3e4f10"
})))]
pub struct AssignIssue {
    pub assignee_id: Option<Uuid>,
}
