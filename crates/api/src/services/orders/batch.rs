//! Writing orders in batches: the one path both `PUT /orders/{number}` (a batch of one) and the
//! CSV import (hundreds per transaction) take, so an order means the same whichever way it came.
//! A batch costs a fixed number of statements however many orders it holds: existing orders and
//! their items are read in one query each, and new or changed rows written with one multi-row
//! `INSERT … ON CONFLICT (id) DO UPDATE` each.

use super::{Upserted, normalised_address};
use crate::db::Tenant;
use crate::db::entities::{order, order_item, return_item, shipment};
use crate::error::{ApiError, ApiResult};
use crate::services::checked_reported_time;
use chrono::{DateTime, Utc};
use rebound_shared::ErrorKind;
use rebound_shared::api::orders::UpsertOrder;
use rebound_shared::domain::OrderStatus;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits.
const ROWS_PER_STATEMENT: usize = 500;

/// An order that passed every rule, normalised (trimmed, lowercased email, formatted postal
/// code), ready to be written.
#[derive(Debug, Clone)]
pub struct CheckedOrder {
    pub number: String,
    pub input: UpsertOrder,
}

/// The rules only the server checks (the shared `Validate` rules having passed): the number,
/// the postal code for the country, one row per SKU, attachments to SKUs of the same order.
pub fn checked_order(number: &str, mut input: UpsertOrder) -> ApiResult<CheckedOrder> {
    let number = number.trim();
    if number.is_empty() || number.chars().count() > 64 {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "number",
            "length",
            "use 1 to 64 characters",
        ));
    }
    checked_reported_time(input.placed_at, "placed_at")?;
    input.shipping_address = normalised_address(&input.shipping_address)?;
    let skus: HashSet<&str> = input.items.iter().map(|i| i.sku.as_str()).collect();
    if skus.len() != input.items.len() {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "items",
            "duplicate_sku",
            "each SKU once per order",
        ));
    }
    if let Some(bad) = input.items.iter().find(|i| {
        i.parent_sku
            .as_deref()
            .is_some_and(|p| !skus.contains(p) || p == i.sku)
    }) {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "items",
            "parent_sku",
            &format!("{} is attached to a SKU that is not in this order", bad.sku),
        ));
    }
    input.customer_name = input.customer_name.trim().to_owned();
    input.email = input.email.trim().to_lowercase();
    for item in &mut input.items {
        item.title = item.title.trim().to_owned();
    }
    Ok(CheckedOrder {
        number: number.to_owned(),
        input,
    })
}

/// What `write_orders` did with one order.
#[derive(Debug, Clone)]
pub struct Written {
    pub outcome: Upserted,
    /// The order as stored now.
    pub order: order::Model,
    /// Whether the order or its items changed (always, for a new order). An order sent again
    /// as it is changes nothing, and announces nothing (`order.updated` is for changes).
    pub changed: bool,
}

/// Creates or brings up to date each order (matched by number) and its items (matched by SKU),
/// inside the caller's transaction. Rows that would not change are not written. Items that
/// returns already point at are kept even if the shop no longer sends them: history is never
/// rewritten. The answer is in input order.
pub async fn write_orders(
    txn: &impl ConnectionTrait,
    tenant: Tenant,
    orders: &[CheckedOrder],
    now: DateTime<Utc>,
) -> ApiResult<Vec<Written>> {
    if orders.is_empty() {
        return Ok(Vec::new());
    }
    let numbers: Vec<&str> = orders.iter().map(|o| o.number.as_str()).collect();
    let mut existing: HashMap<String, order::Model> = HashMap::new();
    for chunk in numbers.chunks(ROWS_PER_STATEMENT) {
        let found = tenant
            .find::<order::Entity>()
            .filter(order::Column::Number.is_in(chunk.iter().copied()))
            .all(txn)
            .await?;
        existing.extend(found.into_iter().map(|o| (o.number.clone(), o)));
    }
    let existing_ids: Vec<Uuid> = existing.values().map(|o| o.id).collect();
    let mut items_of: HashMap<Uuid, Vec<order_item::Model>> = HashMap::new();
    for chunk in existing_ids.chunks(ROWS_PER_STATEMENT) {
        let found = order_item::Entity::find()
            .filter(order_item::Column::OrderId.is_in(chunk.iter().copied()))
            .all(txn)
            .await?;
        for item in found {
            items_of.entry(item.order_id).or_default().push(item);
        }
    }

    let mut out = Vec::with_capacity(orders.len());
    let mut order_rows = Vec::new();
    let mut item_rows = Vec::new();
    let mut gone_items = Vec::new();
    for checked in orders {
        let (outcome, model, order_changed) = match existing.get(&checked.number) {
            Some(current) => {
                let wanted = order_model(tenant, checked, current.clone(), now);
                if differs(current, &wanted) {
                    order_rows.push(wanted.clone());
                    (Upserted::Updated, wanted, true)
                } else {
                    (Upserted::Updated, current.clone(), false)
                }
            }
            None => {
                let fresh = order::Model {
                    id: Uuid::now_v7(),
                    merchant_id: tenant.merchant_id(),
                    number: checked.number.clone(),
                    status: OrderStatus::Unfulfilled,
                    delivered_at: None,
                    created_at: now,
                    ..order_model(tenant, checked, blank_order(), now)
                };
                order_rows.push(fresh.clone());
                (Upserted::Created, fresh, true)
            }
        };
        let current_items = items_of.remove(&model.id).unwrap_or_default();
        let (changed, gone) = item_changes(model.id, &checked.input, current_items);
        let items_changed = !changed.is_empty() || !gone.is_empty();
        item_rows.extend(changed);
        gone_items.extend(gone);
        out.push(Written {
            outcome,
            order: model,
            changed: order_changed || items_changed,
        });
    }

    for chunk in order_rows.chunks(ROWS_PER_STATEMENT) {
        order::Entity::insert_many(chunk.iter().cloned().map(order::ActiveModel::from))
            .on_conflict(
                OnConflict::column(order::Column::Id)
                    .update_columns([
                        order::Column::CustomerName,
                        order::Column::Email,
                        order::Column::Phone,
                        order::Column::AddressLine1,
                        order::Column::AddressLine2,
                        order::Column::City,
                        order::Column::Region,
                        order::Column::PostalCode,
                        order::Column::Country,
                        order::Column::Currency,
                        order::Column::PlacedAt,
                        order::Column::Tags,
                        order::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    for chunk in item_rows.chunks(ROWS_PER_STATEMENT) {
        order_item::Entity::insert_many(chunk.iter().cloned().map(order_item::ActiveModel::from))
            .on_conflict(
                OnConflict::column(order_item::Column::Id)
                    .update_columns([
                        order_item::Column::Title,
                        order_item::Column::Variant,
                        order_item::Column::Quantity,
                        order_item::Column::UnitPriceMinor,
                        order_item::Column::ImageUrl,
                        order_item::Column::Returnable,
                        order_item::Column::ParentItemId,
                        order_item::Column::Position,
                        order_item::Column::Tags,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    delete_unreferenced_items(txn, gone_items).await?;
    Ok(out)
}

fn blank_order() -> order::Model {
    order::Model {
        id: Uuid::nil(),
        merchant_id: Uuid::nil(),
        number: String::new(),
        customer_name: String::new(),
        email: String::new(),
        phone: None,
        address_line1: String::new(),
        address_line2: None,
        city: String::new(),
        region: None,
        postal_code: String::new(),
        country: String::new(),
        currency: String::new(),
        status: OrderStatus::Unfulfilled,
        placed_at: DateTime::<Utc>::MIN_UTC,
        delivered_at: None,
        cancelled_at: None,
        tags: None,
        created_at: DateTime::<Utc>::MIN_UTC,
        updated_at: DateTime::<Utc>::MIN_UTC,
    }
}

/// `current` with the shop's fields taken from the input.
fn order_model(
    tenant: Tenant,
    checked: &CheckedOrder,
    current: order::Model,
    now: DateTime<Utc>,
) -> order::Model {
    let input = &checked.input;
    let a = &input.shipping_address;
    order::Model {
        merchant_id: tenant.merchant_id(),
        customer_name: input.customer_name.clone(),
        email: input.email.clone(),
        phone: input.phone.clone(),
        address_line1: a.line1.clone(),
        address_line2: a.line2.clone(),
        city: a.city.clone(),
        region: a.region.clone(),
        postal_code: a.postal_code.clone(),
        country: a.country.clone(),
        currency: input.currency.clone(),
        placed_at: input.placed_at,
        tags: stored_tags(&input.tags),
        updated_at: now,
        ..current
    }
}

/// Whether writing `wanted` over `current` would change anything the shop sends.
fn differs(current: &order::Model, wanted: &order::Model) -> bool {
    order::Model {
        updated_at: current.updated_at,
        ..wanted.clone()
    } != *current
}

/// Tags as stored: normalised, as a JSON array; none when there are none.
pub(crate) fn stored_tags(tags: &[String]) -> Option<String> {
    let kept = rebound_shared::api::orders::normalised_tags(tags);
    (!kept.is_empty()).then(|| serde_json::to_string(&kept).unwrap_or_default())
}

/// Tags as read back.
pub(crate) fn read_tags(stored: Option<&str>) -> Vec<String> {
    stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

/// The item rows to write (new or changed) and the ids of items the input no longer has.
fn item_changes(
    order_id: Uuid,
    input: &UpsertOrder,
    current: Vec<order_item::Model>,
) -> (Vec<order_item::Model>, Vec<Uuid>) {
    let mut by_sku: HashMap<String, order_item::Model> =
        current.into_iter().map(|i| (i.sku.clone(), i)).collect();
    // Ids first (kept by SKU), so attachments can point at their parent in the same pass.
    let ids: HashMap<&str, Uuid> = input
        .items
        .iter()
        .map(|i| {
            let id = by_sku.get(&i.sku).map_or_else(Uuid::now_v7, |m| m.id);
            (i.sku.as_str(), id)
        })
        .collect();
    let mut changed = Vec::new();
    for (position, item) in input.items.iter().enumerate() {
        let wanted = order_item::Model {
            id: ids[item.sku.as_str()],
            order_id,
            sku: item.sku.clone(),
            title: item.title.clone(),
            variant: item.variant.clone(),
            quantity: item.quantity,
            unit_price_minor: item.unit_price_minor,
            image_url: item.image_url.clone(),
            returnable: item.returnable,
            parent_item_id: item.parent_sku.as_deref().and_then(|p| ids.get(p)).copied(),
            position: position as i32,
            tags: stored_tags(&item.tags),
            // Kept as it is: the shop does not know what a refund ended (never overwritten).
            ended_at: by_sku.get(&item.sku).and_then(|m| m.ended_at),
            ended_quantity: by_sku.get(&item.sku).map_or(0, |m| m.ended_quantity),
        };
        if by_sku.remove(&item.sku).as_ref() != Some(&wanted) {
            changed.push(wanted);
        }
    }
    (changed, by_sku.into_values().map(|i| i.id).collect())
}

async fn delete_unreferenced_items(txn: &impl ConnectionTrait, gone: Vec<Uuid>) -> ApiResult<()> {
    for chunk in gone.chunks(ROWS_PER_STATEMENT) {
        let referenced: HashSet<Uuid> = return_item::Entity::find()
            .filter(return_item::Column::OrderItemId.is_in(chunk.iter().copied()))
            .select_only()
            .column(return_item::Column::OrderItemId)
            .into_tuple::<Uuid>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        let deletable: Vec<Uuid> = chunk
            .iter()
            .filter(|id| !referenced.contains(id))
            .copied()
            .collect();
        if !deletable.is_empty() {
            order_item::Entity::delete_many()
                .filter(order_item::Column::Id.is_in(deletable))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// A shipment sent with an order (the CSV import's carrier and tracking number columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentLine {
    pub carrier: String,
    /// Without spaces.
    pub tracking_number: String,
}

/// Adds the shipments the orders do not have yet (matched by tracking number) and updates the
/// carrier of those they have; an order that gains a shipment moves to the status its
/// shipments give it. A fixed number of statements per batch, plus one per changed carrier.
pub async fn write_shipments(
    txn: &impl ConnectionTrait,
    orders: &[(order::Model, Vec<ShipmentLine>)],
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let ids: Vec<Uuid> = orders
        .iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|(o, _)| o.id)
        .collect();
    let mut current: HashMap<Uuid, Vec<shipment::Model>> = HashMap::new();
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        for s in shipment::Entity::find()
            .filter(shipment::Column::OrderId.is_in(chunk.iter().copied()))
            .all(txn)
            .await?
        {
            current.entry(s.order_id).or_default().push(s);
        }
    }
    let mut fresh = Vec::new();
    let mut moved: HashMap<OrderStatus, Vec<Uuid>> = HashMap::new();
    for (o, lines) in orders {
        let known = current.remove(&o.id).unwrap_or_default();
        let mut statuses: Vec<OrderStatus> = known.iter().map(|s| s.status).collect();
        let mut added = false;
        for line in lines {
            match known
                .iter()
                .find(|s| s.tracking_number == line.tracking_number)
            {
                Some(s) if s.carrier != line.carrier => {
                    let mut row: shipment::ActiveModel = s.clone().into();
                    row.carrier = Set(line.carrier.clone());
                    row.update(txn).await?;
                }
                Some(_) => {}
                None => {
                    added = true;
                    statuses.push(OrderStatus::InTransit);
                    fresh.push(shipment::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        order_id: Set(o.id),
                        carrier: Set(line.carrier.clone()),
                        service: Set(IMPORTED_SERVICE.into()),
                        tracking_number: Set(line.tracking_number.clone()),
                        status: Set(OrderStatus::InTransit),
                        estimated_delivery: Set(None),
                        created_at: Set(now),
                    });
                }
            }
        }
        // A new in-transit shipment can hold an order back, never deliver it, so the delivery
        // time only ever clears here.
        let status = OrderStatus::of_shipments(statuses);
        if added && o.status != status {
            moved.entry(status).or_default().push(o.id);
        }
    }
    for chunk in fresh.chunks(ROWS_PER_STATEMENT) {
        shipment::Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(txn)
            .await?;
    }
    for (status, ids) in moved {
        for chunk in ids.chunks(ROWS_PER_STATEMENT) {
            order::Entity::update_many()
                .col_expr(order::Column::Status, Expr::value(status.as_str()))
                .col_expr(
                    order::Column::DeliveredAt,
                    Expr::value(None::<DateTime<Utc>>),
                )
                .col_expr(order::Column::UpdatedAt, Expr::value(now))
                .filter(order::Column::Id.is_in(chunk.iter().copied()))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// The service name of a shipment that came without one (a CSV row has carrier and tracking
/// number only).
pub const IMPORTED_SERVICE: &str = "Standard";
