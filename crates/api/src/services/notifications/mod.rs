//! Which mail each change sends, and to whom. Called inside the change's own transaction, so
//! the mail is queued exactly when the change commits.
//!
//! `mail` is the dashboard's side of it: sent mail, templates, opt-outs.

pub mod mail;

use crate::db::entities::{merchant, order, shipment};
use crate::error::{ApiError, ApiResult};
use crate::notify::compose::{Links, Outgoing, shop_recipient, shopper_locale};
use crate::notify::enqueue;
use crate::services::settings;
use chrono::{DateTime, Utc};
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::api::orders::Address;
use rebound_shared::api::settings::IssueType;
use rebound_shared::domain::carrier_tracking_url;
use sea_orm::{ConnectionTrait, EntityTrait};

async fn merchant_of(conn: &impl ConnectionTrait, o: &order::Model) -> ApiResult<merchant::Model> {
    merchant::Entity::find_by_id(o.merchant_id)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))
}

/// One address on several lines, as people write it on a parcel.
pub fn address_lines(a: &Address) -> String {
    let mut lines = vec![a.line1.clone()];
    lines.extend(a.line2.clone().filter(|l| !l.is_empty()));
    let region = a.region.clone().unwrap_or_default();
    lines.push(format!("{} {} {}", a.city, region, a.postal_code).replace("  ", " "));
    lines.push(a.country.clone());
    lines.join("\n")
}

/// To the shop: the shopper moved the parcel's destination before dispatch.
pub async fn address_changed(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    old: &Address,
    new: &Address,
    change_id: uuid::Uuid,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let Some(to) = shop_recipient(conn, m.id, false).await? else {
        return Ok(());
    };
    let mail = Outgoing::new(MailEvent::AddressChanged, &to, "en", change_id)
        .for_order(o)
        .var("old_address", address_lines(old))
        .var("new_address", address_lines(new));
    enqueue(conn, links, &m, mail).await?;
    Ok(())
}

/// To the shop: a shopper cancelled an order before dispatch.
pub async fn order_cancelled(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    reason: Option<&str>,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let Some(to) = shop_recipient(conn, m.id, false).await? else {
        return Ok(());
    };
    let mail = Outgoing::new(MailEvent::OrderCancelled, &to, "en", o.id)
        .for_order(o)
        .var("reason", reason.unwrap_or("(none given)"));
    enqueue(conn, links, &m, mail).await?;
    Ok(())
}

fn issue_label(kind: IssueType) -> &'static str {
    match kind {
        IssueType::MissingItem => "Missing item",
        IssueType::DamagedInTransit => "Damaged in transit",
        IssueType::WrongItem => "Wrong item",
        IssueType::Other => "Other",
    }
}

/// To the shop: a shopper reported a problem with an order.
pub async fn issue_reported(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    kind: IssueType,
    message: &str,
    report_id: uuid::Uuid,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let Some(to) = shop_recipient(conn, m.id, false).await? else {
        return Ok(());
    };
    let mail = Outgoing::new(MailEvent::IssueReported, &to, "en", report_id)
        .for_order(o)
        .var("issue_type", issue_label(kind))
        .var("message", message);
    enqueue(conn, links, &m, mail).await?;
    Ok(())
}

/// To the shopper: the order is in (sent when the shop's system first pushes it).
pub async fn order_confirmed(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    items: &[(String, i32)],
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let list = items
        .iter()
        .map(|(title, qty)| format!("- {qty} × {title}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mail = Outgoing::new(MailEvent::OrderConfirmed, &o.email, shopper_locale(o), o.id)
        .for_order(o)
        .var("items", list);
    enqueue(conn, links, &m, mail).await?;
    Ok(())
}

/// To the shopper: a parcel left, with its tracking link.
pub async fn order_dispatched(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    s: &shipment::Model,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let tracking_url = carrier_tracking_url(&s.carrier, &s.tracking_number)
        .unwrap_or_else(|| links.portal(&m.slug));
    let mail = Outgoing::new(
        MailEvent::OrderDispatched,
        &o.email,
        shopper_locale(o),
        s.id,
    )
    .for_order(o)
    .var("carrier", s.carrier.clone())
    .var("tracking_number", s.tracking_number.clone())
    .var("tracking_url", tracking_url);
    enqueue(conn, links, &m, mail).await?;
    Ok(())
}

/// To the shopper: delivered; and, when the shop asks for it, the follow-up survey queued for
/// its day (the outbox holds it until then).
pub async fn order_delivered(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    delivered_at: DateTime<Utc>,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let locale = shopper_locale(o);
    let portal = links.portal(&m.slug);
    let mail = Outgoing::new(MailEvent::OrderDelivered, &o.email, locale, o.id)
        .for_order(o)
        .var("tracking_url", portal.clone());
    enqueue(conn, links, &m, mail).await?;
    let (_, aftercare) = settings::load_documents(conn, m.id).await?;
    if aftercare.survey_enabled {
        let mut survey = Outgoing::new(MailEvent::FollowUpSurvey, &o.email, locale, o.id)
            .for_order(o)
            .var("survey_url", links.survey(&m.slug, o.id));
        survey.not_before =
            Some(delivered_at + chrono::Duration::days(i64::from(aftercare.survey_delay_days)));
        enqueue(conn, links, &m, survey).await?;
    }
    Ok(())
}
