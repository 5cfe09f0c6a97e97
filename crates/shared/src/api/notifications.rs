//! Mail notifications: the events that send one, their placeholders, the templates merchants
//! edit, and the "Sent mail" views.

use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

/// A language a mail template is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MailLanguage {
    En,
    Fr,
}

impl MailLanguage {
    pub const ALL: [MailLanguage; 2] = [MailLanguage::En, MailLanguage::Fr];

    /// The code templates are stored and addressed by.
    pub fn code(self) -> &'static str {
        match self {
            MailLanguage::En => "en",
            MailLanguage::Fr => "fr",
        }
    }

    pub fn parse(code: &str) -> Option<MailLanguage> {
        Self::ALL
            .into_iter()
            .find(|language| language.code() == code)
    }
}

/// Why a mail goes out. `transactional()` ones always go; the others can be turned off by the
/// merchant (settings) and by the shopper (the link at the bottom of the mail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailEvent {
    OrderConfirmed,
    OrderDispatched,
    OrderDelivered,
    FollowUpSurvey,
    ReturnSubmitted,
    ReturnApproved,
    /// Approved, but no label could be made yet (the shop has no return address, or the
    /// defective path waits for the shop): the shopper keeps the items until the label mail.
    ReturnApprovedLabelPending,
    /// Approved, and the shop's policy lets the shopper keep (or donate) the items: nothing to
    /// send back.
    ReturnApprovedKeepItem,
    ReturnRejected,
    ReturnNeedsContact,
    LabelIssued,
    ReturnReceived,
    RefundIssued,
    StoreCreditIssued,
    /// To the shopper: the replacement left, with its tracking.
    ReplacementShipped,
    WithdrawalReceived,
    NewMessage,
    /// To the shop: a shopper wrote in a thread.
    ShopperMessage,
    /// To the shop: a shopper changed the shipping address.
    AddressChanged,
    /// To the shop: a shopper cancelled an order before dispatch.
    OrderCancelled,
    /// To the shop: a shopper reported an issue.
    IssueReported,
    /// To a staff member: the link that sets a new password.
    PasswordReset,
    /// To the shop's owner: Rebound turned a webhook endpoint off (it answered 410, or every
    /// delivery failed for three days).
    WebhookEndpointDisabled,
    /// To an owner or manager who turned it on: last week's returns in figures, from the
    /// analytics cards.
    WeeklySummary,
}

impl MailEvent {
    pub const ALL: [MailEvent; 24] = [
        MailEvent::OrderConfirmed,
        MailEvent::OrderDispatched,
        MailEvent::OrderDelivered,
        MailEvent::FollowUpSurvey,
        MailEvent::ReturnSubmitted,
        MailEvent::ReturnApproved,
        MailEvent::ReturnApprovedLabelPending,
        MailEvent::ReturnApprovedKeepItem,
        MailEvent::ReturnRejected,
        MailEvent::ReturnNeedsContact,
        MailEvent::LabelIssued,
        MailEvent::ReturnReceived,
        MailEvent::RefundIssued,
        MailEvent::StoreCreditIssued,
        MailEvent::ReplacementShipped,
        MailEvent::WithdrawalReceived,
        MailEvent::NewMessage,
        MailEvent::ShopperMessage,
        MailEvent::AddressChanged,
        MailEvent::OrderCancelled,
        MailEvent::IssueReported,
        MailEvent::PasswordReset,
        MailEvent::WebhookEndpointDisabled,
        MailEvent::WeeklySummary,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MailEvent::OrderConfirmed => "order_confirmed",
            MailEvent::OrderDispatched => "order_dispatched",
            MailEvent::OrderDelivered => "order_delivered",
            MailEvent::FollowUpSurvey => "follow_up_survey",
            MailEvent::ReturnSubmitted => "return_submitted",
            MailEvent::ReturnApproved => "return_approved",
            MailEvent::ReturnApprovedLabelPending => "return_approved_label_pending",
            MailEvent::ReturnApprovedKeepItem => "return_approved_keep_item",
            MailEvent::ReturnRejected => "return_rejected",
            MailEvent::ReturnNeedsContact => "return_needs_contact",
            MailEvent::LabelIssued => "label_issued",
            MailEvent::ReturnReceived => "return_received",
            MailEvent::RefundIssued => "refund_issued",
            MailEvent::StoreCreditIssued => "store_credit_issued",
            MailEvent::ReplacementShipped => "replacement_shipped",
            MailEvent::WithdrawalReceived => "withdrawal_received",
            MailEvent::NewMessage => "new_message",
            MailEvent::ShopperMessage => "shopper_message",
            MailEvent::AddressChanged => "address_changed",
            MailEvent::OrderCancelled => "order_cancelled",
            MailEvent::IssueReported => "issue_reported",
            MailEvent::PasswordReset => "password_reset",
            MailEvent::WebhookEndpointDisabled => "webhook_endpoint_disabled",
            MailEvent::WeeklySummary => "weekly_summary",
        }
    }

    pub fn parse(key: &str) -> Option<MailEvent> {
        MailEvent::ALL.into_iter().find(|e| e.key() == key)
    }

    /// Mails about the order's progress are courtesy; anything about money, a return's
    /// outcome, a legal withdrawal or a message someone wrote must reach its reader.
    pub fn transactional(self) -> bool {
        !matches!(
            self,
            MailEvent::OrderConfirmed
                | MailEvent::OrderDispatched
                | MailEvent::OrderDelivered
                | MailEvent::FollowUpSurvey
        )
    }

    /// Sent to the shop rather than to the shopper.
    pub fn to_shop(self) -> bool {
        matches!(
            self,
            MailEvent::AddressChanged
                | MailEvent::OrderCancelled
                | MailEvent::IssueReported
                | MailEvent::ReturnNeedsContact
                | MailEvent::ShopperMessage
                | MailEvent::PasswordReset
                | MailEvent::WebhookEndpointDisabled
                | MailEvent::WeeklySummary
        )
    }

    /// The placeholders a template of this event may use, beyond the ones every mail has
    /// (`shop_name`, `customer_name`, `order_number`, `portal_url`).
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            MailEvent::OrderConfirmed => &["items"],
            MailEvent::OrderDispatched => &["carrier", "tracking_number", "tracking_url"],
            MailEvent::OrderDelivered => &["tracking_url"],
            MailEvent::FollowUpSurvey => &["survey_url"],
            MailEvent::ReturnSubmitted
            | MailEvent::ReturnReceived
            | MailEvent::ReturnNeedsContact => &["return_number", "items"],
            MailEvent::ReturnApproved | MailEvent::LabelIssued => {
                &["return_number", "label_url", "qr_url"]
            }
            MailEvent::ReturnApprovedLabelPending | MailEvent::ReturnApprovedKeepItem => {
                &["return_number"]
            }
            MailEvent::ReturnRejected => &["return_number", "reason"],
            MailEvent::RefundIssued => &["return_number", "amount"],
            MailEvent::StoreCreditIssued => &["return_number", "amount", "credit_code"],
            MailEvent::ReplacementShipped => &[
                "return_number",
                "carrier",
                "tracking_number",
                "tracking_url",
            ],
            MailEvent::WithdrawalReceived => &["items", "received_at", "customer_email"],
            MailEvent::NewMessage => &["message", "thread_url"],
            MailEvent::ShopperMessage => &["message", "thread_url"],
            MailEvent::AddressChanged => &["old_address", "new_address"],
            MailEvent::OrderCancelled => &["reason"],
            MailEvent::IssueReported => &["issue_type", "message"],
            MailEvent::PasswordReset => &["staff_name", "reset_url"],
            MailEvent::WebhookEndpointDisabled => &["endpoint_url", "reason", "developers_url"],
            MailEvent::WeeklySummary => &["staff_name", "week", "figures", "analytics_url"],
        }
    }
}

pub const COMMON_PLACEHOLDERS: [&str; 4] =
    ["shop_name", "customer_name", "order_number", "portal_url"];

/// A merchant's wording for one event in one language. The HTML part is made from `body`
/// inside the shop's branding, so one text serves both parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailTemplate {
    #[validate(length(min = 1, max = limits::MAIL_SUBJECT, message = "use 1 to 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub subject: String,
    #[validate(length(min = 1, max = limits::MAIL_BODY, message = "use 1 to 10000 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 10000))]
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    Pending,
    Sent,
    Failed,
}

impl MailStatus {
    pub fn key(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    pub fn parse(key: &str) -> Option<MailStatus> {
        [MailStatus::Pending, MailStatus::Sent, MailStatus::Failed]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentMailSummary {
    pub id: Uuid,
    pub event: MailEvent,
    pub recipient: String,
    pub subject: String,
    pub status: MailStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentMailPage {
    pub mails: Vec<SentMailSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentMailView {
    #[serde(flatten)]
    pub summary: SentMailSummary,
    pub body_text: String,
    pub body_html: String,
    pub attachments: Vec<String>,
}

/// One event's wording in one language, and whether the merchant changed the default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalisedTemplate {
    pub locale: String,
    pub subject: String,
    pub body: String,
    pub customised: bool,
}

/// Everything the template editor shows for one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailEventSettings {
    pub event: MailEvent,
    /// Transactional mails always go; only the others can be turned off.
    pub transactional: bool,
    pub to_shop: bool,
    pub enabled: bool,
    /// Every placeholder this event's templates may use.
    pub placeholders: Vec<String>,
    pub templates: Vec<LocalisedTemplate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetMailEvent {
    pub enabled: bool,
}

/// The link at the bottom of an optional mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unsubscribe {
    #[validate(length(min = 3, max = limits::EMAIL, message = "enter an email address"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    #[validate(length(min = 16, max = limits::LINK_SIGNATURE, message = "this link is incomplete"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 16, max_length = 128))]
    pub signature: String,
}
