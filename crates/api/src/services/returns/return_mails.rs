//! Which mail each step of a return sends, and to whom. Called inside the step's own
//! transaction (like `notifications`), so a mail exists exactly when the change does.

use crate::db::entities::{
    merchant, order, order_item, photo, return_item, return_request, withdrawal,
};
use crate::error::{ApiError, ApiResult};
use crate::notify::compose::{Links, Outgoing, StoredAttachment, shop_recipient, shopper_locale};
use crate::notify::enqueue;
use crate::services::returns::labels::LabelFile;
use crate::services::returns::return_views::Known;
use chrono::{DateTime, Datelike, Timelike, Utc};
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::domain::{Lang, Money, carrier_tracking_url};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

async fn merchant_of(conn: &impl ConnectionTrait, o: &order::Model) -> ApiResult<merchant::Model> {
    merchant::Entity::find_by_id(o.merchant_id)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))
}

/// The return's lines as a mail lists them: quantity, title, variant, reason and comment.
/// What `known` gives is not read again.
pub async fn items_text(
    conn: &impl ConnectionTrait,
    ret: &return_request::Model,
    locale: &str,
    known: Known<'_>,
) -> ApiResult<String> {
    let items = known.items_of(conn, vec![ret.id]).await?;
    let ordered = known
        .order_items_by_id(
            conn,
            order_item::Entity::find().filter(order_item::Column::OrderId.eq(ret.order_id)),
        )
        .await?;
    let reasons = known.reasons_by_id(conn, ret.merchant_id).await?;
    Ok(items
        .iter()
        .map(|i| {
            let bought = ordered.get(&i.order_item_id);
            let mut line = format!(
                "- {} × {}",
                i.quantity,
                bought.map(|b| b.title.as_str()).unwrap_or_default()
            );
            if let Some(variant) = bought.and_then(|b| b.variant.as_deref()) {
                line.push_str(&format!(" ({variant})"));
            }
            if let Some(r) = reasons.get(&i.reason_id).filter(|r| r.system_key.is_none()) {
                let label = if locale == "fr" {
                    &r.label_fr
                } else {
                    &r.label_en
                };
                line.push_str(&format!(": {label}"));
            }
            if let Some(comment) = i.comment.as_deref() {
                line.push_str(&format!("\n  \"{comment}\""));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

fn mail_for(event: MailEvent, o: &order::Model, ret: &return_request::Model) -> Outgoing {
    Outgoing::new(event, &o.email, shopper_locale(o), ret.id)
        .for_order(o)
        .var("return_number", ret.number.clone())
}

/// Queues the mail `write` makes for the order's shop, in the caller's transaction.
async fn send(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    write: impl FnOnce(&merchant::Model) -> Outgoing,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    enqueue(conn, links, &m, write(&m)).await?;
    Ok(())
}

/// To the shopper: the return waits for the shop's review.
pub async fn return_submitted(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    known: Known<'_>,
) -> ApiResult<()> {
    let items = items_text(conn, ret, shopper_locale(o), known).await?;
    send(conn, links, o, |_| {
        mail_for(MailEvent::ReturnSubmitted, o, ret).var("items", items)
    })
    .await
}

/// To customer service: a defective item, with the shopper's comments and photos attached.
pub async fn return_needs_contact(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    known: Known<'_>,
) -> ApiResult<()> {
    let m = merchant_of(conn, o).await?;
    let Some(to) = shop_recipient(conn, m.id, true).await? else {
        return Ok(());
    };
    let items = items_text(conn, ret, "en", known).await?;
    // The return's lines were just read for the text; a subquery spares reading them again.
    let lines = Query::select()
        .column(return_item::Column::Id)
        .from(return_item::Entity)
        .and_where(return_item::Column::ReturnId.eq(ret.id))
        .to_owned();
    let photos = photo::Entity::find()
        .filter(photo::Column::MerchantId.eq(m.id))
        .filter(photo::Column::ReturnItemId.in_subquery(lines))
        .order_by_asc(photo::Column::CreatedAt)
        .all(conn)
        .await?;
    let mut mail = Outgoing::new(MailEvent::ReturnNeedsContact, &to, "en", ret.id)
        .for_order(o)
        .var("return_number", ret.number.clone())
        .var("items", items);
    mail.attachments = photos
        .iter()
        .enumerate()
        .map(|(i, p)| StoredAttachment {
            name: format!(
                "{}-photo-{}.{}",
                ret.number,
                i + 1,
                p.content_type.rsplit('/').next().unwrap_or("jpg")
            ),
            content_type: p.content_type.clone(),
            storage_key: p.storage_key.clone(),
        })
        .collect();
    enqueue(conn, links, &m, mail).await?;
    Ok(())
}

/// The label a mail carries: the PDF in storage and the signed (relative) links to it.
#[derive(Debug, Clone)]
pub struct MailedLabel {
    pub label_id: Uuid,
    pub pdf_key: String,
    pub pdf_path: String,
    pub qr_path: String,
}

fn with_label(
    mut mail: Outgoing,
    links: &Links,
    ret: &return_request::Model,
    label: &MailedLabel,
) -> Outgoing {
    mail = mail
        .var("label_url", links.absolute(&label.pdf_path))
        .var("qr_url", links.absolute(&label.qr_path));
    mail.attachments.push(StoredAttachment {
        name: LabelFile::Pdf.file_name(&ret.number),
        content_type: LabelFile::Pdf.content_type().to_owned(),
        storage_key: label.pdf_key.clone(),
    });
    mail
}

/// To the shopper: approved, with the label attached and linked; without a label yet, the
/// mail says one will follow instead of asking them to print what does not exist.
pub async fn return_approved(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    label: Option<&MailedLabel>,
) -> ApiResult<()> {
    send(conn, links, o, |_| match label {
        _ if ret.keep_item => mail_for(MailEvent::ReturnApprovedKeepItem, o, ret),
        Some(label) => with_label(
            mail_for(MailEvent::ReturnApproved, o, ret),
            links,
            ret,
            label,
        ),
        None => mail_for(MailEvent::ReturnApprovedLabelPending, o, ret),
    })
    .await
}

/// To the shopper: a label issued after approval (a defective case settled, a re-issue).
pub async fn label_issued(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    label: &MailedLabel,
) -> ApiResult<()> {
    send(conn, links, o, |_| {
        let mut mail = mail_for(MailEvent::LabelIssued, o, ret);
        // One mail per label: a re-issued label is mailed again.
        mail.dedupe_key = format!("{}:{}", MailEvent::LabelIssued.key(), label.label_id);
        with_label(mail, links, ret, label)
    })
    .await
}

pub async fn return_rejected(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    reason: &str,
) -> ApiResult<()> {
    send(conn, links, o, |_| {
        mail_for(MailEvent::ReturnRejected, o, ret).var("reason", reason)
    })
    .await
}

pub async fn return_received(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
) -> ApiResult<()> {
    let items = items_text(conn, ret, shopper_locale(o), Known::default()).await?;
    send(conn, links, o, |_| {
        mail_for(MailEvent::ReturnReceived, o, ret).var("items", items)
    })
    .await
}

pub async fn refund_issued(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    amount_minor: i64,
) -> ApiResult<()> {
    let amount = Money::show(amount_minor, &o.currency, Lang::from_tag(shopper_locale(o)));
    send(conn, links, o, |_| {
        mail_for(MailEvent::RefundIssued, o, ret).var("amount", amount)
    })
    .await
}

pub async fn store_credit_issued(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    code: &str,
    amount_minor: i64,
) -> ApiResult<()> {
    let amount = Money::show(amount_minor, &o.currency, Lang::from_tag(shopper_locale(o)));
    send(conn, links, o, |_| {
        mail_for(MailEvent::StoreCreditIssued, o, ret)
            .var("amount", amount)
            .var("credit_code", code)
    })
    .await
}

/// To the shopper: the replacement left. `tracking` is the carrier's number when staff knew
/// it; the link is then the carrier's page (for carriers we link to), otherwise the shop's
/// portal, where the new parcel shows on the order.
pub async fn replacement_shipped(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    carrier: &str,
    tracking: Option<&str>,
) -> ApiResult<()> {
    send(conn, links, o, |m| {
        let tracking_url = tracking
            .and_then(|t| carrier_tracking_url(carrier, t))
            .unwrap_or_else(|| links.portal(&m.slug));
        mail_for(MailEvent::ReplacementShipped, o, ret)
            .var("carrier", carrier)
            .var("tracking_number", tracking.unwrap_or("—"))
            .var("tracking_url", tracking_url)
    })
    .await
}

/// To the shopper, at once: the acknowledgment the law asks for, stating what was withdrawn
/// from and when (date and time, with the zone).
pub async fn withdrawal_received(
    conn: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    ret: &return_request::Model,
    w: &withdrawal::Model,
) -> ApiResult<()> {
    let locale = shopper_locale(o);
    let items = items_text(conn, ret, locale, Known::default()).await?;
    send(conn, links, o, |_| {
        Outgoing::new(MailEvent::WithdrawalReceived, &w.email, locale, w.id)
            .for_order(o)
            .var("customer_name", w.name.clone())
            .var("items", items)
            .var("received_at", format_moment(w.stated_at, locale))
            .var("customer_email", w.email.clone())
    })
    .await
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "23 November 2026, 10:42 UTC" / "23 novembre 2026 à 10:42 UTC".
pub fn format_moment(at: DateTime<Utc>, locale: &str) -> String {
    let month = at.month0() as usize;
    if locale == "fr" {
        format!(
            "{} {} {} à {:02}:{:02} UTC",
            at.day(),
            MONTHS_FR[month],
            at.year(),
            at.hour(),
            at.minute()
        )
    } else {
        format!(
            "{} {} {}, {:02}:{:02} UTC",
            at.day(),
            MONTHS_EN[month],
            at.year(),
            at.hour(),
            at.minute()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_naturally() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T10:42:05Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(format_moment(at, "en"), "23 November 2026, 10:42 UTC");
        assert_eq!(format_moment(at, "fr"), "23 novembre 2026 à 10:42 UTC");
    }
}
