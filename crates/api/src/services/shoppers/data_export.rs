//! `POST /shoppers/export`: everything this shop holds about an email address, as one
//! document (GDPR article 15). Reads only; another shop's rows are never looked at.

use super::{Footprint, footprint, parse_email};
use crate::auth::CurrentStaff;
use crate::db::entities::{
    address_change, issue_report, mail_unsubscribe, message, message_thread, order_item, outbox,
    photo, return_item, shipment, survey_answer,
};
use crate::error::ApiResult;
use crate::services::orders::photos::PhotoUrls;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::shopper_data::{
    ExportedAddressChange, ExportedIssueReport, ExportedMail, ExportedMessage, ExportedOrder,
    ExportedOrderItem, ExportedPhoto, ExportedReturn, ExportedReturnItem, ExportedShipment,
    ExportedSurveyAnswer, ExportedWithdrawal, ShopperDataExport,
};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

#[tracing::instrument(skip_all)]
pub async fn export_shopper_data(
    db: &impl ConnectionTrait,
    photos: &PhotoUrls,
    caller: &CurrentStaff,
    raw_email: &str,
) -> ApiResult<ShopperDataExport> {
    caller.require(Permission::HandleDataRequests)?;
    let email = parse_email(raw_email)?;
    let shop = caller
        .tenant
        .merchant()
        .one(db)
        .await?
        .map(|m| m.company_name)
        .unwrap_or_default();
    let found = footprint(db, caller, &email).await?;
    let order_ids = found.order_ids();
    let now = Utc::now();

    let mut items: HashMap<Uuid, Vec<order_item::Model>> = HashMap::new();
    let all_items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.is_in(order_ids.clone()))
        .order_by_asc(order_item::Column::Position)
        .all(db)
        .await?;
    let item_by_id: HashMap<Uuid, order_item::Model> =
        all_items.iter().map(|i| (i.id, i.clone())).collect();
    for item in all_items {
        items.entry(item.order_id).or_default().push(item);
    }
    let mut shipments: HashMap<Uuid, Vec<shipment::Model>> = HashMap::new();
    for s in shipment::Entity::find()
        .filter(shipment::Column::OrderId.is_in(order_ids.clone()))
        .order_by_asc(shipment::Column::CreatedAt)
        .all(db)
        .await?
    {
        shipments.entry(s.order_id).or_default().push(s);
    }
    let orders = found
        .orders
        .iter()
        .map(|o| ExportedOrder {
            number: o.number.clone(),
            customer_name: o.customer_name.clone(),
            email: o.email.clone(),
            phone: o.phone.clone(),
            city: o.city.clone(),
            region: o.region.clone(),
            postal_code: o.postal_code.clone(),
            country: o.country.clone(),
            currency: o.currency.clone(),
            status: o.status,
            placed_at: o.placed_at,
            delivered_at: o.delivered_at,
            cancelled_at: o.cancelled_at,
            items: items
                .remove(&o.id)
                .unwrap_or_default()
                .into_iter()
                .map(|i| ExportedOrderItem {
                    sku: i.sku,
                    title: i.title,
                    variant: i.variant,
                    quantity: i.quantity,
                    unit_price_minor: i.unit_price_minor,
                })
                .collect(),
            shipments: shipments
                .remove(&o.id)
                .unwrap_or_default()
                .into_iter()
                .map(|s| ExportedShipment {
                    carrier: s.carrier,
                    tracking_number: s.tracking_number,
                    created_at: s.created_at,
                })
                .collect(),
        })
        .collect();

    let mut lines: HashMap<Uuid, Vec<return_item::Model>> = HashMap::new();
    for line in return_item::Entity::find()
        .filter(return_item::Column::ReturnId.is_in(found.return_ids()))
        .all(db)
        .await?
    {
        lines.entry(line.return_id).or_default().push(line);
    }
    let returns = found
        .returns
        .iter()
        .map(|r| ExportedReturn {
            number: r.number.clone(),
            order_number: found.order_number(r.order_id),
            status: r.status,
            resolution: r.resolution,
            method: r.method,
            created_at: r.created_at,
            items: lines
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|l| {
                    let item = item_by_id.get(&l.order_item_id);
                    ExportedReturnItem {
                        sku: item.map(|i| i.sku.clone()).unwrap_or_default(),
                        title: item.map(|i| i.title.clone()).unwrap_or_default(),
                        quantity: l.quantity,
                        comment: l.comment,
                    }
                })
                .collect(),
        })
        .collect();

    Ok(ShopperDataExport {
        messages: messages(db, caller, &found).await?,
        photos: caller
            .tenant
            .find::<photo::Entity>()
            .filter(photo::Column::OrderId.is_in(order_ids.clone()))
            .order_by_asc(photo::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|p| ExportedPhoto {
                order_number: found.order_number(p.order_id),
                url: photos.url(p.id, now),
                content_type: p.content_type,
                created_at: p.created_at,
            })
            .collect(),
        mails: caller
            .tenant
            .find::<outbox::Entity>()
            .filter(sea_orm::sea_query::ExprTrait::eq(
                Func::lower(Expr::col(outbox::Column::Recipient)),
                email.as_str(),
            ))
            .order_by_asc(outbox::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|m| ExportedMail {
                event: m.event,
                recipient: m.recipient,
                subject: m.subject,
                body_text: m.body_text,
                status: m.status,
                created_at: m.created_at,
                sent_at: m.sent_at,
            })
            .collect(),
        issue_reports: caller
            .tenant
            .find::<issue_report::Entity>()
            .filter(issue_report::Column::OrderId.is_in(order_ids.clone()))
            .order_by_asc(issue_report::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|r| ExportedIssueReport {
                order_number: found.order_number(r.order_id),
                issue_type: r.issue_type,
                message: r.message,
                status: r.status,
                created_at: r.created_at,
            })
            .collect(),
        survey_answers: caller
            .tenant
            .find::<survey_answer::Entity>()
            .filter(survey_answer::Column::OrderId.is_in(order_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|a| ExportedSurveyAnswer {
                order_number: found.order_number(a.order_id),
                rating: a.rating,
                comment: a.comment,
                created_at: a.created_at,
            })
            .collect(),
        withdrawals: found
            .withdrawals
            .iter()
            .map(|w| ExportedWithdrawal {
                order_number: found.order_number(w.order_id),
                name: w.name.clone(),
                email: w.email.clone(),
                stated_at: w.stated_at,
            })
            .collect(),
        address_changes: address_change::Entity::find()
            .filter(address_change::Column::OrderId.is_in(order_ids))
            .order_by_asc(address_change::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|c| ExportedAddressChange {
                order_number: found.order_number(c.order_id),
                old_address: c.old_address,
                new_address: c.new_address,
                created_at: c.created_at,
            })
            .collect(),
        unsubscribed: caller
            .tenant
            .find::<mail_unsubscribe::Entity>()
            .filter(mail_unsubscribe::Column::Email.eq(email.as_str()))
            .one(db)
            .await?
            .is_some(),
        email: email.as_str().to_owned(),
        shop,
        generated_at: now,
        orders,
        returns,
    })
}

/// Every message of the shopper's conversations, oldest first, both ways.
async fn messages(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    found: &Footprint,
) -> ApiResult<Vec<ExportedMessage>> {
    let threads: HashMap<Uuid, message_thread::Model> = caller
        .tenant
        .find::<message_thread::Entity>()
        .filter(message_thread::Column::OrderId.is_in(found.order_ids()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let rows = message::Entity::find()
        .filter(message::Column::ThreadId.is_in(threads.keys().copied()))
        .order_by_asc(message::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| {
            let thread = threads.get(&m.thread_id)?;
            Some(ExportedMessage {
                order_number: found.order_number(thread.order_id),
                about: thread.subject_kind,
                author_kind: m.author_kind,
                author_name: m.author_name,
                body: m.body,
                created_at: m.created_at,
            })
        })
        .collect())
}
