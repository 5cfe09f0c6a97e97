//! A shopper's data on request (GDPR articles 15 and 17): what the shop's staff ask for, the
//! one JSON document that gathers everything the shop holds about an email address, and what
//! erasing it did.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::api::helpdesk::ThreadSubjectKind;
use crate::api::notifications::MailStatus;
use crate::api::orders::IssueStatus;
use crate::api::settings::{Resolution, ReturnMethod};
use crate::domain::{Email, OrderStatus, ReturnStatus};

/// Whose data: the email goes in the body, not the path, so it never lands in access logs,
/// proxies' logs or the browser's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "jane@example.com"})))]
pub struct ShopperDataRequest {
    #[validate(custom(function = "Email::validate"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: String,
}

/// Everything this shop holds about one email address. Another shop's data is never in it,
/// even for the same address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopperDataExport {
    /// The address, as the shop stores it (lower case).
    pub email: String,
    pub shop: String,
    pub generated_at: DateTime<Utc>,
    pub orders: Vec<ExportedOrder>,
    pub returns: Vec<ExportedReturn>,
    /// Messages with the shop, both ways.
    pub messages: Vec<ExportedMessage>,
    /// Links to the photos the shopper sent, valid for a limited time.
    pub photos: Vec<ExportedPhoto>,
    /// Mails the shop sent (or is about to send) to this address.
    pub mails: Vec<ExportedMail>,
    pub issue_reports: Vec<ExportedIssueReport>,
    pub survey_answers: Vec<ExportedSurveyAnswer>,
    /// Withdrawal statements (EU right of withdrawal) made with this address.
    pub withdrawals: Vec<ExportedWithdrawal>,
    pub address_changes: Vec<ExportedAddressChange>,
    /// The shopper asked not to receive optional mails.
    pub unsubscribed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedOrder {
    pub number: String,
    pub customer_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    pub country: String,
    pub currency: String,
    pub status: OrderStatus,
    pub placed_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub items: Vec<ExportedOrderItem>,
    /// Carrier and tracking number of each parcel.
    pub shipments: Vec<ExportedShipment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedOrderItem {
    pub sku: String,
    pub title: String,
    pub variant: Option<String>,
    pub quantity: i32,
    /// In the order's currency's minor units.
    pub unit_price_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedShipment {
    pub carrier: String,
    pub tracking_number: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedReturn {
    pub number: String,
    pub order_number: String,
    pub status: ReturnStatus,
    pub resolution: Resolution,
    pub method: ReturnMethod,
    pub created_at: DateTime<Utc>,
    pub items: Vec<ExportedReturnItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedReturnItem {
    pub sku: String,
    pub title: String,
    pub quantity: i32,
    /// The shopper's own words, if any.
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedMessage {
    pub order_number: String,
    /// What the conversation is about: the order, a return or an issue report.
    pub about: ThreadSubjectKind,
    /// `shopper` or `staff`.
    pub author_kind: String,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedPhoto {
    pub order_number: String,
    /// A signed link that expires; download the photos soon after the export.
    pub url: String,
    pub content_type: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedMail {
    /// What the mail was about (`order_confirmed`, `return_approved`…).
    pub event: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub status: MailStatus,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedIssueReport {
    pub order_number: String,
    pub issue_type: String,
    pub message: String,
    pub status: IssueStatus,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedSurveyAnswer {
    pub order_number: String,
    pub rating: i32,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedWithdrawal {
    pub order_number: String,
    pub name: String,
    pub email: String,
    pub stated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedAddressChange {
    pub order_number: String,
    pub old_address: String,
    pub new_address: String,
    pub created_at: DateTime<Utc>,
}

/// What an erasure did. Orders and returns stay for the shop's accounting (amounts, items,
/// dates and statuses) with the personal fields replaced; the rest is deleted. Erasing an
/// address the shop no longer holds does nothing and answers all zeros.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopperErasure {
    /// Whether the audit log recorded it: not when there was nothing left to erase, so a
    /// retried request adds no second entry.
    pub recorded: bool,
    pub orders_anonymised: u64,
    pub returns_anonymised: u64,
    pub photos_deleted: u64,
    pub messages_deleted: u64,
    pub mails_deleted: u64,
    pub issue_reports_cleared: u64,
    pub webhook_deliveries_deleted: u64,
}

impl ShopperErasure {
    /// Whether anything was held, so whether the erasure is worth an audit entry.
    pub fn touched_anything(&self) -> bool {
        self.orders_anonymised
            + self.returns_anonymised
            + self.photos_deleted
            + self.messages_deleted
            + self.mails_deleted
            + self.issue_reports_cleared
            + self.webhook_deliveries_deleted
            > 0
    }
}
