//! Shipped and delivered without a carrier feed: the one path both "Mark shipped" / "Mark
//! delivered" (one order or up to 100) and the CSV import's fulfilment columns take.
//!
//! An order's status follows its shipments, so a mark is written as shipments and tracking
//! events: an order with no shipment gets one without carrier or tracking number (the shop
//! sent it by its own means), and "delivered" closes every shipment still on its way. The
//! timeline therefore shows the mark like any scan, and a later carrier scan still applies.
//! An order only moves forward: a mark that would take it back is refused, one that finds it
//! already there writes nothing.

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{order, shipment, shipment_event};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::services::accounts::audit;
use crate::services::{checked_reported_time, notifications};
use chrono::{DateTime, Duration, Utc};
use rebound_shared::api::fulfilment::{
    FulfilmentOutcome, FulfilmentRefusal, FulfilmentResult, FulfilmentResults, FulfilmentStage,
    MarkFulfilment, MarkFulfilments,
};
use rebound_shared::api::orders::OrderView;
use rebound_shared::api::settings::Change;
use rebound_shared::domain::{OrderStatus, TrackingEventKind};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Rows per multi-row statement, as in `batch`.
const ROWS_PER_STATEMENT: usize = 500;

/// A mark without a carrier: no carrier, no tracking number, this service name.
pub const MANUAL_SERVICE: &str = "";

/// Where an order is to be moved, and when it got there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub stage: FulfilmentStage,
    pub at: DateTime<Utc>,
    /// When it was sent, if known, for an order marked delivered that never showed as shipped.
    pub shipped_at: Option<DateTime<Utc>>,
}

/// What a mark did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Moved,
    Unchanged,
    /// The order is already delivered; it cannot go back to shipped.
    Backwards,
}

fn applies(current: OrderStatus, stage: FulfilmentStage) -> Applied {
    match (stage, current) {
        (_, OrderStatus::Delivered) if stage == FulfilmentStage::Delivered => Applied::Unchanged,
        (FulfilmentStage::Shipped, OrderStatus::Delivered) => Applied::Backwards,
        (FulfilmentStage::Shipped, OrderStatus::Unfulfilled) => Applied::Moved,
        (FulfilmentStage::Shipped, _) => Applied::Unchanged,
        (FulfilmentStage::Delivered, _) => Applied::Moved,
    }
}

fn event(shipment_id: Uuid, kind: TrackingEventKind, at: DateTime<Utc>) -> shipment_event::Model {
    shipment_event::Model {
        id: Uuid::now_v7(),
        shipment_id,
        kind,
        description: kind.default_description().into(),
        location: None,
        occurred_at: at,
    }
}

/// Applies each mark inside the caller's transaction and answers, in input order, what it did
/// and the order as it now is. A fixed number of statements per 500 orders.
pub async fn apply_marks(
    txn: &impl ConnectionTrait,
    marks: Vec<(order::Model, Mark)>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<(Applied, order::Model)>> {
    let moving: Vec<Uuid> = marks
        .iter()
        .filter(|(o, m)| applies(status_of(o), m.stage) == Applied::Moved)
        .map(|(o, _)| o.id)
        .collect();
    let mut shipments_of: HashMap<Uuid, Vec<shipment::Model>> = HashMap::new();
    for chunk in moving.chunks(ROWS_PER_STATEMENT) {
        for s in shipment::Entity::find()
            .filter(shipment::Column::OrderId.is_in(chunk.iter().copied()))
            .all(txn)
            .await?
        {
            shipments_of.entry(s.order_id).or_default().push(s);
        }
    }
    let mut new_shipments = Vec::new();
    let mut new_events = Vec::new();
    let mut delivered_shipments = Vec::new();
    let mut changed_orders = Vec::new();
    let mut out = Vec::with_capacity(marks.len());
    for (o, mark) in marks {
        let applied = applies(status_of(&o), mark.stage);
        if applied != Applied::Moved {
            out.push((applied, o));
            continue;
        }
        let current = shipments_of.remove(&o.id).unwrap_or_default();
        let status = match mark.stage {
            FulfilmentStage::Shipped => OrderStatus::InTransit,
            FulfilmentStage::Delivered => OrderStatus::Delivered,
        };
        if current.is_empty() {
            let id = Uuid::now_v7();
            new_shipments.push(shipment::Model {
                id,
                order_id: o.id,
                carrier: String::new(),
                service: MANUAL_SERVICE.into(),
                tracking_number: String::new(),
                status,
                estimated_delivery: None,
                created_at: now,
            });
            let sent = match mark.stage {
                FulfilmentStage::Shipped => Some(mark.at),
                FulfilmentStage::Delivered => mark.shipped_at.filter(|s| *s <= mark.at),
            };
            new_events.extend(sent.map(|at| event(id, TrackingEventKind::InTransit, at)));
            if mark.stage == FulfilmentStage::Delivered {
                new_events.push(event(id, TrackingEventKind::Delivered, mark.at));
            }
        } else {
            // Only "delivered" reaches here (a shipped order with shipments is unchanged):
            // every parcel still on its way is now with the shopper.
            for s in current
                .iter()
                .filter(|s| s.status != OrderStatus::Delivered)
            {
                delivered_shipments.push(s.id);
                new_events.push(event(s.id, TrackingEventKind::Delivered, mark.at));
            }
        }
        let moved = order::Model {
            status,
            delivered_at: (status == OrderStatus::Delivered).then_some(mark.at),
            updated_at: now,
            ..o
        };
        changed_orders.push(moved.clone());
        out.push((Applied::Moved, moved));
    }
    for chunk in new_shipments.chunks(ROWS_PER_STATEMENT) {
        shipment::Entity::insert_many(chunk.iter().cloned().map(shipment::ActiveModel::from))
            .exec_without_returning(txn)
            .await?;
    }
    for chunk in new_events.chunks(ROWS_PER_STATEMENT) {
        shipment_event::Entity::insert_many(
            chunk.iter().cloned().map(shipment_event::ActiveModel::from),
        )
        .exec_without_returning(txn)
        .await?;
    }
    for chunk in delivered_shipments.chunks(ROWS_PER_STATEMENT) {
        shipment::Entity::update_many()
            .col_expr(
                shipment::Column::Status,
                Expr::value(OrderStatus::Delivered.as_str()),
            )
            .filter(shipment::Column::Id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    for chunk in changed_orders.chunks(ROWS_PER_STATEMENT) {
        order::Entity::insert_many(chunk.iter().cloned().map(order::ActiveModel::from))
            .on_conflict(
                OnConflict::column(order::Column::Id)
                    .update_columns([
                        order::Column::Status,
                        order::Column::DeliveredAt,
                        order::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    Ok(out)
}

fn status_of(o: &order::Model) -> OrderStatus {
    o.status
}

/// The moment a mark is dated: the one given (plausible, not before the order) or now.
fn mark_time(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ApiResult<DateTime<Utc>> {
    let at = at.unwrap_or(now);
    checked_reported_time(at, "at")?;
    Ok(at)
}

fn before_placed(o: &order::Model) -> String {
    format!(
        "order {} was placed on {}; it cannot be shipped or delivered before",
        o.number,
        o.placed_at.format("%Y-%m-%d %H:%M UTC")
    )
}

fn backwards(o: &order::Model) -> String {
    let when = o
        .delivered_at
        .map(|d| format!(" on {}", d.format("%Y-%m-%d")))
        .unwrap_or_default();
    format!(
        "order {} was delivered{when}; a delivered order cannot go back to shipped",
        o.number
    )
}

fn audited(o: &order::Model, before: OrderStatus, mark: Mark) -> Change {
    Change {
        field: format!("order.{}.fulfilment", o.number),
        from: serde_json::json!({ "status": before }),
        to: serde_json::json!({ "status": o.status, "at": mark.at }),
    }
}

/// The shopper hears of a delivery marked by hand as of one a carrier reports, unless it is
/// old news: marking last month's orders delivered must not mail every past customer.
async fn tell_shopper(
    db: &impl ConnectionTrait,
    links: &Links,
    o: &order::Model,
    mark: Mark,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if mark.stage == FulfilmentStage::Delivered && now - mark.at < Duration::days(7) {
        notifications::order_delivered(db, links, o, mark.at).await?;
    }
    Ok(())
}

/// `POST /orders/{number}/fulfilment`: marks one order shipped or delivered. Idempotent;
/// a backwards move is a 409 that says why.
pub async fn mark_fulfilment(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    number: &str,
    input: MarkFulfilment,
) -> ApiResult<OrderView> {
    caller.require(Permission::ManageOrders)?;
    let now = Utc::now();
    let at = mark_time(input.at, now)?;
    let txn = begin_write(db).await?;
    let o = super::find_by_number(&txn, caller.tenant, number).await?;
    if at < o.placed_at {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "at",
            "before_placed",
            &before_placed(&o),
        ));
    }
    let before = o.status;
    let mark = Mark {
        stage: input.status,
        at,
        shipped_at: None,
    };
    let (applied, saved) = apply_marks(&txn, vec![(o, mark)], now)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a mark of one order answered none")))?;
    match applied {
        Applied::Backwards => {
            return Err(ApiError::field(
                ErrorKind::Conflict,
                "status",
                "already_delivered",
                &backwards(&saved),
            ));
        }
        Applied::Unchanged => {}
        Applied::Moved => {
            audit::record(&txn, caller, "orders", vec![audited(&saved, before, mark)]).await?;
            tell_shopper(&txn, links, &saved, mark, now).await?;
        }
    }
    let view = super::order_view(&txn, saved).await?;
    txn.commit().await?;
    Ok(view)
}

/// `POST /orders/fulfilment`: up to 100 orders at once, each answering on its own (an unknown
/// number, a backwards move or a date before the order refuses that order, not the others).
pub async fn mark_fulfilments(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    input: MarkFulfilments,
) -> ApiResult<FulfilmentResults> {
    caller.require(Permission::ManageOrders)?;
    let now = Utc::now();
    let at = mark_time(input.at, now)?;
    let mut seen = HashSet::new();
    let numbers: Vec<String> = input
        .numbers
        .iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty() && seen.insert(n.clone()))
        .collect();
    let txn = begin_write(db).await?;
    let found: HashMap<String, order::Model> = caller
        .tenant
        .find::<order::Entity>()
        .filter(order::Column::Number.is_in(numbers.iter().cloned()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|o| (o.number.clone(), o))
        .collect();
    let mark = Mark {
        stage: input.status,
        at,
        shipped_at: None,
    };
    let mut results: Vec<FulfilmentResult> = Vec::with_capacity(numbers.len());
    let mut marks = Vec::new();
    let mut befores = HashMap::new();
    for number in &numbers {
        let refused = |code, reason: String| FulfilmentResult {
            number: number.clone(),
            outcome: FulfilmentOutcome::Refused,
            code: Some(code),
            reason: Some(reason),
        };
        match found.get(number) {
            None => results.push(refused(
                FulfilmentRefusal::NotFound,
                format!("no order numbered {number}"),
            )),
            Some(o) if at < o.placed_at => {
                results.push(refused(FulfilmentRefusal::BeforePlaced, before_placed(o)))
            }
            Some(o) => {
                befores.insert(o.id, o.status);
                marks.push((o.clone(), mark));
                // Filled in below, once applied.
                results.push(FulfilmentResult {
                    number: number.clone(),
                    outcome: FulfilmentOutcome::Unchanged,
                    code: None,
                    reason: None,
                });
            }
        }
    }
    let applied = apply_marks(&txn, marks, now).await?;
    let mut changes = Vec::new();
    for (what, o) in applied {
        let Some(slot) = results.iter_mut().find(|r| r.number == o.number) else {
            continue;
        };
        match what {
            Applied::Moved => {
                slot.outcome = FulfilmentOutcome::Marked;
                let before = befores.get(&o.id).copied().unwrap_or(o.status);
                changes.push(audited(&o, before, mark));
                tell_shopper(&txn, links, &o, mark, now).await?;
            }
            Applied::Unchanged => {}
            Applied::Backwards => {
                slot.outcome = FulfilmentOutcome::Refused;
                slot.code = Some(FulfilmentRefusal::AlreadyDelivered);
                slot.reason = Some(backwards(&o));
            }
        }
    }
    audit::record(&txn, caller, "orders", changes).await?;
    txn.commit().await?;
    Ok(FulfilmentResults { results })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_only_move_forward() {
        use FulfilmentStage::{Delivered as ToDelivered, Shipped};
        use OrderStatus::*;
        assert_eq!(applies(Unfulfilled, Shipped), Applied::Moved);
        assert_eq!(applies(InTransit, Shipped), Applied::Unchanged);
        assert_eq!(applies(Exception, Shipped), Applied::Unchanged);
        assert_eq!(applies(Delivered, Shipped), Applied::Backwards);
        assert_eq!(applies(Unfulfilled, ToDelivered), Applied::Moved);
        assert_eq!(applies(OutForDelivery, ToDelivered), Applied::Moved);
        assert_eq!(applies(Delivered, ToDelivered), Applied::Unchanged);
    }
}
