//! The helpdesk: a thread of messages on an order, a return or an issue report, between the
//! shopper (from the portal) and the shop's staff; canned replies and signatures.

use crate::api::orders::PhotoView;
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ThreadSubjectKind {
    Order,
    Return,
    Issue,
}

impl ThreadSubjectKind {
    pub fn key(self) -> &'static str {
        match self {
            ThreadSubjectKind::Order => "order",
            ThreadSubjectKind::Return => "return",
            ThreadSubjectKind::Issue => "issue",
        }
    }

    pub fn parse(key: &str) -> Option<ThreadSubjectKind> {
        [
            ThreadSubjectKind::Order,
            ThreadSubjectKind::Return,
            ThreadSubjectKind::Issue,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// What a thread is about. For `order`, `id` is the order's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadSubject {
    pub kind: ThreadSubjectKind,
    pub id: Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageAuthor {
    Shopper,
    Staff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageView {
    pub id: Uuid,
    pub author: MessageAuthor,
    pub author_name: String,
    pub body: String,
    pub attachments: Vec<PhotoView>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadSummary {
    pub id: Uuid,
    pub subject: ThreadSubject,
    pub order_number: String,
    pub customer_name: String,
    /// The start of the latest message.
    pub preview: String,
    /// Messages the reader (staff in the dashboard, the shopper in the portal) has not seen.
    pub unread: i32,
    pub last_message_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadPage {
    pub threads: Vec<ThreadSummary>,
    /// Unread messages across all the shop's threads (the dashboard's badge).
    pub total_unread: i64,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadView {
    #[serde(flatten)]
    pub summary: ThreadSummary,
    /// Oldest first.
    pub messages: Vec<MessageView>,
}

/// A new message. Staff messages may use the canned-reply placeholders (`{{customer_name}}`,
/// `{{order_number}}`, `{{return_number}}`, `{{staff_name}}`, `{{shop_name}}`); the author's
/// signature is appended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostMessage {
    /// Where the message goes; without it, the order's own thread (portal) — staff must say.
    pub subject: Option<ThreadSubject>,
    #[validate(length(min = 1, max = limits::MESSAGE_BODY, message = "write 1 to 5000 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 5000))]
    pub body: String,
    #[serde(default)]
    #[validate(length(max = 5, message = "attach at most 5 photos"))]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub photo_ids: Vec<Uuid>,
    /// Sent again with a retry (double click, timeout), it finds the first message.
    #[validate(length(min = 1, max = limits::MESSAGE_REQUEST_ID, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub client_request_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CannedReply {
    pub id: Uuid,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CannedReplyInput {
    #[validate(length(min = 1, max = limits::CANNED_TITLE, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub title: String,
    #[validate(length(min = 1, max = limits::MESSAGE_BODY, message = "use 1 to 5000 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 5000))]
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signature {
    #[validate(length(max = limits::SIGNATURE, message = "use at most 1000 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub signature: String,
}

/// The placeholders a canned reply may use.
pub const REPLY_PLACEHOLDERS: [&str; 5] = [
    "customer_name",
    "order_number",
    "return_number",
    "staff_name",
    "shop_name",
];
