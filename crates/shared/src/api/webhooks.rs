//! Webhooks out (the Standard Webhooks scheme): the events a shop's endpoints may subscribe to,
//! the endpoints themselves, and the delivery log.

use crate::domain::validate_http_url;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// The longest description kept on an endpoint.
pub const DESCRIPTION_MAX: u64 = 200;

/// Something that happened that an endpoint may be told about. Sent as the payload's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WebhookEvent {
    /// A new order arrived (API, import or a shop platform). `data`: `OrderView`.
    #[serde(rename = "order.created")]
    OrderCreated,
    /// An existing order was sent again with changes. `data`: `OrderView`.
    #[serde(rename = "order.updated")]
    OrderUpdated,
    /// The shopper cancelled the order before dispatch. `data`: `OrderView`.
    #[serde(rename = "order.cancelled")]
    OrderCancelled,
    /// A shipment was added or changed, or a tracking event arrived. `data`: `OrderView`.
    #[serde(rename = "shipment.updated")]
    ShipmentUpdated,
    /// A shopper (or staff for them) submitted a return. `data`: `ReturnView`.
    #[serde(rename = "return.created")]
    ReturnCreated,
    #[serde(rename = "return.approved")]
    ReturnApproved,
    #[serde(rename = "return.rejected")]
    ReturnRejected,
    #[serde(rename = "return.label_issued")]
    ReturnLabelIssued,
    #[serde(rename = "return.received")]
    ReturnReceived,
    #[serde(rename = "return.inspected")]
    ReturnInspected,
    #[serde(rename = "return.refunded")]
    ReturnRefunded,
    #[serde(rename = "return.store_credit_issued")]
    ReturnStoreCreditIssued,
    #[serde(rename = "return.replacement_shipped")]
    ReturnReplacementShipped,
    /// An EU shopper confirmed a withdrawal from the contract. `data`: `ReturnView`.
    #[serde(rename = "return.withdrawal_confirmed")]
    ReturnWithdrawalConfirmed,
    /// The shopper cancelled a return before sending the parcel (its label voided).
    /// `data`: `ReturnView`.
    #[serde(rename = "return.cancelled")]
    ReturnCancelled,
    /// A shopper reported an issue with an order. `data`: `IssueReportView`.
    #[serde(rename = "issue.reported")]
    IssueReported,
    /// A message was written in a thread, by the shopper or the shop. `data`: `ThreadView`
    /// (the thread with its messages, as the API answers a new message).
    #[serde(rename = "message.created")]
    MessageCreated,
    /// Sent by "send test event" to one endpoint; not subscribable. `data`:
    /// `{"endpoint_id": …, "message": …}`.
    #[serde(rename = "webhook.test")]
    Test,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 17] = [
        WebhookEvent::OrderCreated,
        WebhookEvent::OrderUpdated,
        WebhookEvent::OrderCancelled,
        WebhookEvent::ShipmentUpdated,
        WebhookEvent::ReturnCreated,
        WebhookEvent::ReturnApproved,
        WebhookEvent::ReturnRejected,
        WebhookEvent::ReturnLabelIssued,
        WebhookEvent::ReturnReceived,
        WebhookEvent::ReturnInspected,
        WebhookEvent::ReturnRefunded,
        WebhookEvent::ReturnStoreCreditIssued,
        WebhookEvent::ReturnReplacementShipped,
        WebhookEvent::ReturnWithdrawalConfirmed,
        WebhookEvent::ReturnCancelled,
        WebhookEvent::IssueReported,
        WebhookEvent::MessageCreated,
    ];

    /// The `type` sent, such as `return.approved`.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::OrderCreated => "order.created",
            WebhookEvent::OrderUpdated => "order.updated",
            WebhookEvent::OrderCancelled => "order.cancelled",
            WebhookEvent::ShipmentUpdated => "shipment.updated",
            WebhookEvent::ReturnCreated => "return.created",
            WebhookEvent::ReturnApproved => "return.approved",
            WebhookEvent::ReturnRejected => "return.rejected",
            WebhookEvent::ReturnLabelIssued => "return.label_issued",
            WebhookEvent::ReturnReceived => "return.received",
            WebhookEvent::ReturnInspected => "return.inspected",
            WebhookEvent::ReturnRefunded => "return.refunded",
            WebhookEvent::ReturnStoreCreditIssued => "return.store_credit_issued",
            WebhookEvent::ReturnReplacementShipped => "return.replacement_shipped",
            WebhookEvent::ReturnWithdrawalConfirmed => "return.withdrawal_confirmed",
            WebhookEvent::ReturnCancelled => "return.cancelled",
            WebhookEvent::IssueReported => "issue.reported",
            WebhookEvent::MessageCreated => "message.created",
            WebhookEvent::Test => "webhook.test",
        }
    }

    pub fn parse(s: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL
            .into_iter()
            .chain([WebhookEvent::Test])
            .find(|e| e.as_str() == s)
    }

    /// The object the payload's `data` holds, as the OpenAPI document names its schema.
    pub fn data_schema(self) -> &'static str {
        match self {
            WebhookEvent::OrderCreated
            | WebhookEvent::OrderUpdated
            | WebhookEvent::OrderCancelled
            | WebhookEvent::ShipmentUpdated => "OrderView",
            WebhookEvent::IssueReported => "IssueReportView",
            WebhookEvent::MessageCreated => "ThreadView",
            WebhookEvent::Test => "WebhookTestData",
            _ => "ReturnView",
        }
    }
}

/// An endpoint's URL: a full `http(s)` address. The server also requires `https` and a public
/// address unless the operator set `REBOUND_WEBHOOKS_ALLOW_PRIVATE=1`.
fn webhook_url(raw: &str) -> Result<(), ValidationError> {
    validate_http_url(raw)
}

fn some_events(events: &[WebhookEvent]) -> Result<(), ValidationError> {
    if events.is_empty() {
        Err(crate::domain::rule_owned(
            "required",
            "pick at least one event".into(),
        ))
    } else if events
        .iter()
        .enumerate()
        .any(|(i, e)| events[..i].contains(e))
    {
        Err(crate::domain::rule_owned(
            "length",
            "name each event once".into(),
        ))
    } else if events.contains(&WebhookEvent::Test) {
        Err(crate::domain::rule_owned(
            "not_subscribable",
            "webhook.test is only sent by \"send test event\"".into(),
        ))
    } else {
        Ok(())
    }
}

fn plain_description(text: &str) -> Result<(), ValidationError> {
    crate::domain::validate_plain_text(text)
}

/// Adds an endpoint, or (PUT) replaces what it is told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "url": "https://hooks.example.com/rebound",
    "description": "ERP sync",
    "events": ["return.approved", "return.refunded"],
    "enabled": true
})))]
pub struct WebhookEndpointInput {
    #[validate(custom(function = "webhook_url"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub url: String,
    #[serde(default)]
    #[validate(length(max = DESCRIPTION_MAX, message = "use at most 200 characters"))]
    #[validate(custom(function = "plain_description"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub description: String,
    #[validate(custom(function = "some_events"))]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::api::schemas::webhook_events)
    )]
    pub events: Vec<WebhookEvent>,
    /// Off: nothing is written for it until it is turned on again. Default on.
    #[serde(default = "on")]
    pub enabled: bool,
}

fn on() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointView {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    pub events: Vec<WebhookEvent>,
    pub enabled: bool,
    /// Why Rebound turned it off: `gone` (the receiver answered 410) or `failing` (every
    /// delivery failed for three days). Cleared when staff turn it on again.
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An endpoint's signing secret: `whsec_` then the base64 of the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookSecretView {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    )]
    pub secret: String,
    /// After a rotation the previous secret also signs every delivery until this moment.
    pub previous_valid_until: Option<DateTime<Utc>>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or a retry.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Retried for about three days without success, or its endpoint was disabled.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Pending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// The `data` of a `webhook.test` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookTestData {
    pub endpoint_id: Uuid,
    pub message: String,
}

/// One event for one endpoint, with its latest attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryView {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    /// The `webhook-id` header: the same on every attempt and every resend.
    pub event_id: String,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// The latest answer's status code; none when the receiver could not be reached.
    pub response_status: Option<i32>,
    pub duration_ms: Option<i64>,
    /// The first 500 bytes of the latest answer's body (as text).
    pub response_excerpt: Option<String>,
    /// Why the latest attempt failed, when it did without an answer (timeout, refused address).
    pub error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// A page of deliveries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryPage {
    pub deliveries: Vec<WebhookDeliveryView>,
    /// Pass as `cursor` for the next page; none on the last.
    pub next_cursor: Option<String>,
}

/// What every delivery's body is: `{type, timestamp, data}` (Standard Webhooks). `data` is the
/// same view the API answers with for that object: see `WebhookEvent` for which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookPayload<T> {
    #[serde(rename = "type")]
    pub kind: WebhookEvent,
    /// When the event happened (not when it was sent).
    pub timestamp: DateTime<Utc>,
    pub data: T,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_their_names() {
        for e in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(e.as_str()), Some(e));
            let json = serde_json::to_value(e).unwrap_or_default();
            assert_eq!(json, serde_json::json!(e.as_str()));
        }
        assert_eq!(WebhookEvent::parse("return.deleted"), None);
    }

    #[test]
    fn an_endpoint_needs_a_web_url_and_an_event() {
        let mut input = WebhookEndpointInput {
            url: "https://hooks.example.com/x".into(),
            description: String::new(),
            events: vec![WebhookEvent::ReturnApproved],
            enabled: true,
        };
        assert!(input.validate().is_ok());
        input.url = "ftp://hooks.example.com".into();
        input.events.clear();
        let errors = input.validate().err().map(|e| e.field_errors().len());
        assert_eq!(errors, Some(2));
    }
}
