//! Orders from the shop: idempotent upsert by order number, shipments and tracking events
//! (the order's status follows its shipments), the dashboard's list and detail.
//! Every read runs a fixed number of queries whatever the number of rows.
//!
//! Beside them: CSV imports, the shopper's side of an order on the portal, and photos.

pub(crate) mod access;
pub(crate) mod batch;
pub mod cancellation;
pub mod fulfilment;
pub mod imports;
pub mod photos;
pub mod shopper;

use crate::auth::CurrentStaff;
use crate::db::entities::{order, order_item, shipment, shipment_event};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::notify::webhooks;
use crate::services::keyset::PageSize;
use crate::services::{checked_postal_code, checked_reported_time, notifications, trimmed};
use chrono::{DateTime, Utc};
use rebound_shared::Permission;
use rebound_shared::api::orders::{
    AddTrackingEvent, Address, OrderItemView, OrderPage, OrderSummary, OrderView, ShipmentView,
    TrackingEventView, UpsertOrder, UpsertShipment,
};
use rebound_shared::api::webhooks::WebhookEvent;
use rebound_shared::domain::{OrderStatus, TrackingEventKind, carrier_tracking_url};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

/// Whether an upsert created the order or found it and brought it up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
}

pub(crate) fn upsert_event(outcome: Upserted) -> WebhookEvent {
    match outcome {
        Upserted::Created => WebhookEvent::OrderCreated,
        Upserted::Updated => WebhookEvent::OrderUpdated,
    }
}

pub(crate) fn normalised_address(a: &Address) -> ApiResult<Address> {
    let postal_code =
        checked_postal_code(&a.country, &a.postal_code, "shipping_address.postal_code")?;
    Ok(Address {
        line1: a.line1.trim().to_owned(),
        line2: trimmed(&a.line2),
        city: a.city.trim().to_owned(),
        region: trimmed(&a.region),
        postal_code,
        country: a.country.clone(),
    })
}

pub(crate) fn address_of(o: &order::Model) -> Address {
    Address {
        line1: o.address_line1.clone(),
        line2: o.address_line2.clone(),
        city: o.city.clone(),
        region: o.region.clone(),
        postal_code: o.postal_code.clone(),
        country: o.country.clone(),
    }
}

pub async fn find_by_number(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    number: &str,
) -> ApiResult<order::Model> {
    tenant
        .find::<order::Entity>()
        .filter(order::Column::Number.eq(number.trim()))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))
}

pub async fn upsert_order(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    number: &str,
    input: UpsertOrder,
) -> ApiResult<(Upserted, OrderView)> {
    caller.require(Permission::ManageOrders)?;
    let confirm_items: Vec<(String, i32)> = input
        .items
        .iter()
        .map(|i| (i.title.trim().to_owned(), i.quantity))
        .collect();
    let checked = batch::checked_order(number, input)?;
    let txn = begin_write(db).await?;
    let written = batch::write_orders(&txn, caller.tenant, &[checked], Utc::now()).await?;
    let batch::Written {
        outcome,
        order: saved,
        changed,
    } = written
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("an upsert of one order wrote none")))?;
    // A backfill of old orders must not mail every past customer: only fresh orders confirm.
    if outcome == Upserted::Created && Utc::now() - saved.placed_at < chrono::Duration::days(7) {
        notifications::order_confirmed(&txn, links, &saved, &confirm_items).await?;
    }
    let view = order_view(&txn, saved).await?;
    if changed {
        webhooks::emit_state(&txn, caller.tenant, upsert_event(outcome), &view).await?;
    }
    txn.commit().await?;
    Ok((outcome, view))
}

/// The whole order: four queries (order given, items, shipments, events).
pub async fn order_view(db: &impl ConnectionTrait, o: order::Model) -> ApiResult<OrderView> {
    let items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.eq(o.id))
        .order_by_asc(order_item::Column::Position)
        .all(db)
        .await?;
    let shipments = shipment::Entity::find()
        .filter(shipment::Column::OrderId.eq(o.id))
        .order_by_asc(shipment::Column::CreatedAt)
        .all(db)
        .await?;
    let events = shipment_event::Entity::find()
        .filter(
            shipment_event::Column::ShipmentId
                .is_in(shipments.iter().map(|s| s.id).collect::<Vec<_>>()),
        )
        .order_by_asc(shipment_event::Column::OccurredAt)
        .all(db)
        .await?;
    let shipments = shipments
        .into_iter()
        .map(|s| ShipmentView {
            tracking_url: carrier_tracking_url(&s.carrier, &s.tracking_number),
            events: events
                .iter()
                .filter(|e| e.shipment_id == s.id)
                .map(|e| TrackingEventView {
                    kind: e.kind,
                    description: e.description.clone(),
                    location: e.location.clone(),
                    occurred_at: e.occurred_at,
                })
                .collect(),
            id: s.id,
            status: s.status,
            carrier: s.carrier,
            service: s.service,
            tracking_number: s.tracking_number,
            estimated_delivery: s.estimated_delivery,
        })
        .collect();
    Ok(OrderView {
        id: o.id,
        shipping_address: address_of(&o),
        number: o.number,
        customer_name: o.customer_name,
        email: o.email,
        phone: o.phone,
        currency: o.currency,
        status: o.status,
        placed_at: o.placed_at,
        delivered_at: o.delivered_at,
        cancelled_at: o.cancelled_at,
        tags: batch::read_tags(o.tags.as_deref()),
        items: items
            .into_iter()
            .map(|i| OrderItemView {
                id: i.id,
                sku: i.sku,
                title: i.title,
                variant: i.variant,
                quantity: i.quantity,
                unit_price_minor: i.unit_price_minor,
                image_url: i.image_url,
                returnable: i.returnable,
                parent_item_id: i.parent_item_id,
                tags: batch::read_tags(i.tags.as_deref()),
            })
            .collect(),
        shipments,
    })
}

pub async fn get_order(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    number: &str,
) -> ApiResult<OrderView> {
    caller.require(Permission::ReadOrders)?;
    let o = find_by_number(db, caller.tenant, number).await?;
    order_view(db, o).await
}

#[derive(Debug, Clone)]
pub struct OrderFilter {
    /// Order number, email or tracking number (case forgiven).
    pub q: Option<String>,
    pub status: Option<OrderStatus>,
    pub cursor: Option<String>,
    pub limit: PageSize,
}

/// Newest first, keyset-paginated on (placed_at, id): one query per page, two with a tracking
/// number search, whatever the page size.
pub async fn list_orders(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    filter: OrderFilter,
) -> ApiResult<OrderPage> {
    caller.require(Permission::ReadOrders)?;
    let limit = filter.limit.rows();
    let mut query = caller.tenant.find::<order::Entity>();
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let by_tracking: Vec<Uuid> = shipment::Entity::find()
            .filter(shipment::Column::TrackingNumber.eq(q.replace(' ', "")))
            .select_only()
            .column(shipment::Column::OrderId)
            .into_tuple()
            .all(db)
            .await?;
        query = query.filter(
            Condition::any()
                .add(order::Column::Number.eq(q))
                .add(order::Column::Email.eq(q.to_lowercase()))
                .add(order::Column::Id.is_in(by_tracking)),
        );
    }
    if let Some(status) = filter.status {
        query = query.filter(order::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = filter.cursor.as_deref() {
        let (at, id) = crate::services::keyset::decode(cursor)?;
        query = query.filter(
            Condition::any().add(order::Column::PlacedAt.lt(at)).add(
                Condition::all()
                    .add(order::Column::PlacedAt.eq(at))
                    .add(order::Column::Id.lt(id)),
            ),
        );
    }
    // The seven columns a summary shows, not the order's eighteen: a page is 26 rows, and
    // reading and dropping addresses and timestamps it never shows was most of its cost.
    let mut rows: Vec<OrderSummary> = query
        .select_only()
        .columns([
            order::Column::Id,
            order::Column::Number,
            order::Column::CustomerName,
            order::Column::Email,
            order::Column::Status,
            order::Column::Currency,
            order::Column::PlacedAt,
        ])
        .order_by_desc(order::Column::PlacedAt)
        .order_by_desc(order::Column::Id)
        .limit(limit + 1)
        .into_tuple::<(
            Uuid,
            String,
            String,
            String,
            OrderStatus,
            String,
            DateTime<Utc>,
        )>()
        .all(db)
        .await?
        .into_iter()
        .map(
            |(id, number, customer_name, email, status, currency, placed_at)| OrderSummary {
                id,
                number,
                customer_name,
                email,
                status,
                currency,
                placed_at,
            },
        )
        .collect();
    let next_cursor = (rows.len() as u64 > limit).then(|| {
        rows.truncate(limit as usize);
        rows.last()
            .map(|o| crate::services::keyset::encode(o.placed_at, o.id))
    });
    Ok(OrderPage {
        next_cursor: next_cursor.flatten(),
        orders: rows,
    })
}

/// Adds or updates a shipment (matched by tracking number) on an order.
pub async fn upsert_shipment(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    number: &str,
    input: UpsertShipment,
) -> ApiResult<(Upserted, OrderView)> {
    caller.require(Permission::ManageOrders)?;
    let tracking = input.tracking_number.replace(' ', "");
    let txn = begin_write(db).await?;
    let o = find_by_number(&txn, caller.tenant, number).await?;
    let existing = shipment::Entity::find()
        .filter(shipment::Column::OrderId.eq(o.id))
        .filter(shipment::Column::TrackingNumber.eq(&tracking))
        .one(&txn)
        .await?;
    let outcome = match existing {
        Some(s) => {
            let mut row: shipment::ActiveModel = s.into();
            row.carrier = Set(input.carrier.trim().to_owned());
            row.service = Set(input.service.trim().to_owned());
            row.estimated_delivery = Set(input.estimated_delivery);
            row.update(&txn).await?;
            Upserted::Updated
        }
        None => {
            let created = shipment::ActiveModel {
                id: Set(Uuid::now_v7()),
                order_id: Set(o.id),
                carrier: Set(input.carrier.trim().to_owned()),
                service: Set(input.service.trim().to_owned()),
                tracking_number: Set(tracking),
                status: Set(OrderStatus::InTransit),
                estimated_delivery: Set(input.estimated_delivery),
                created_at: Set(Utc::now()),
            }
            .insert(&txn)
            .await?;
            notifications::order_dispatched(&txn, links, &o, &created).await?;
            Upserted::Created
        }
    };
    let o = refresh_order_status(&txn, links, o).await?;
    let view = order_view(&txn, o).await?;
    webhooks::emit_state(&txn, caller.tenant, WebhookEvent::ShipmentUpdated, &view).await?;
    txn.commit().await?;
    Ok((outcome, view))
}

/// Records a carrier scan. The same scan sent twice is recorded once.
pub async fn add_tracking_event(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    tracking_number: &str,
    input: AddTrackingEvent,
) -> ApiResult<OrderView> {
    caller.require(Permission::ManageOrders)?;
    // A scan dated far ahead would rule the shipment's status for ever (the latest scan wins).
    checked_reported_time(input.occurred_at, "occurred_at")?;
    let tracking = tracking_number.replace(' ', "");
    let txn = begin_write(db).await?;
    let candidates = shipment::Entity::find()
        .filter(shipment::Column::TrackingNumber.eq(&tracking))
        .all(&txn)
        .await?;
    let orders: Vec<Uuid> = candidates.iter().map(|s| s.order_id).collect();
    // Tenancy: only a shipment on one of the caller's orders.
    let o = caller
        .tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.is_in(orders))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("shipment"))?;
    let s = candidates
        .into_iter()
        .find(|s| s.order_id == o.id)
        .ok_or_else(|| ApiError::not_found("shipment"))?;
    let duplicate = shipment_event::Entity::find()
        .filter(shipment_event::Column::ShipmentId.eq(s.id))
        .filter(shipment_event::Column::Kind.eq(input.kind.as_str()))
        .filter(shipment_event::Column::OccurredAt.eq(input.occurred_at))
        .one(&txn)
        .await?
        .is_some();
    if !duplicate {
        shipment_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            shipment_id: Set(s.id),
            kind: Set(input.kind),
            description: Set(input
                .description
                .clone()
                .unwrap_or_else(|| input.kind.default_description().into())),
            location: Set(input.location.clone()),
            occurred_at: Set(input.occurred_at),
        }
        .insert(&txn)
        .await?;
    }
    // The shipment is where its latest scan says it is (scans can arrive out of order).
    let latest = shipment_event::Entity::find()
        .filter(shipment_event::Column::ShipmentId.eq(s.id))
        .order_by_desc(shipment_event::Column::OccurredAt)
        .one(&txn)
        .await?;
    if let Some(kind) = latest.map(|e| e.kind) {
        let mut row: shipment::ActiveModel = s.into();
        row.status = Set(kind.stage());
        row.update(&txn).await?;
    }
    let o = refresh_order_status(&txn, links, o).await?;
    let view = order_view(&txn, o).await?;
    webhooks::emit_state(&txn, caller.tenant, WebhookEvent::ShipmentUpdated, &view).await?;
    txn.commit().await?;
    Ok(view)
}

/// The order's status follows its shipments; delivery time is the last shipment's delivery.
async fn refresh_order_status(
    db: &impl ConnectionTrait,
    links: &Links,
    o: order::Model,
) -> ApiResult<order::Model> {
    let shipments = shipment::Entity::find()
        .filter(shipment::Column::OrderId.eq(o.id))
        .all(db)
        .await?;
    let status = OrderStatus::of_shipments(shipments.iter().map(|s| s.status));
    let delivered_at = if status == OrderStatus::Delivered {
        shipment_event::Entity::find()
            .filter(
                shipment_event::Column::ShipmentId
                    .is_in(shipments.iter().map(|s| s.id).collect::<Vec<_>>()),
            )
            .filter(shipment_event::Column::Kind.eq(TrackingEventKind::Delivered.as_str()))
            .order_by_desc(shipment_event::Column::OccurredAt)
            .one(db)
            .await?
            .map(|e| e.occurred_at)
    } else {
        None
    };
    if o.status == status && o.delivered_at == delivered_at {
        return Ok(o);
    }
    let mut row: order::ActiveModel = o.into();
    row.status = Set(status);
    row.delivered_at = Set(delivered_at);
    row.updated_at = Set(Utc::now());
    let saved = row.update(db).await?;
    if let Some(at) = saved.delivered_at {
        notifications::order_delivered(db, links, &saved, at).await?;
    }
    Ok(saved)
}

/// Issue reports from the portal, newest first (at most 200), as the queue shows them.
pub async fn list_issues(
    db: &DatabaseConnection,
    urls: &crate::services::orders::photos::PhotoUrls,
    caller: &CurrentStaff,
) -> ApiResult<Vec<rebound_shared::api::orders::IssueReportView>> {
    use crate::db::entities::issue_report;
    caller.require(Permission::ReadReturns)?;
    let reports = caller
        .tenant
        .find::<issue_report::Entity>()
        .order_by_desc(issue_report::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await?;
    crate::services::helpdesk::issue_reports::views(db, urls, caller.tenant, reports).await
}
