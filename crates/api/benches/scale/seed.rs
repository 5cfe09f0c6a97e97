//! Bulk-inserts a shop history: merchants, their orders (one or two lines each) and returns
//! (one line each, reasons and resolutions weighted as shops see them), each return's status
//! history with realistic timings and the money its resolution moved, in multi-row INSERTs, many thousand rows per transaction, through the same
//! entities the server reads so every value is stored as the server stores it.

use chrono::{DateTime, Duration, Utc};
use rebound_api::db::entities::return_request;
use rebound_api::db::entities::{
    merchant, order, order_item, return_event, return_item, return_outcome, return_reason,
};
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::returns::ReturnActor;
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::{OrderStatus, ReturnStatus};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, TransactionTrait,
};
use std::time::Instant;
use uuid::Uuid;

/// Rows per INSERT: under SQLite's 32,766 bound values for the widest table (orders, 18).
const ROWS_PER_INSERT: usize = 1_500;
/// Returns per transaction.
const RETURNS_PER_TRANSACTION: usize = 30_000;

/// One merchant's share of the history.
pub struct Shop {
    pub merchant_id: Uuid,
    pub returns: usize,
}

/// Merchant rows for `count` shops that only hold data (nobody signs in to them).
pub async fn merchants(db: &DatabaseConnection, count: usize) -> Vec<Uuid> {
    let now = Utc::now();
    let rows: Vec<merchant::ActiveModel> = (0..count)
        .map(|i| {
            merchant::Model {
                id: Uuid::now_v7(),
                slug: format!("seeded-{i}"),
                company_name: format!("Seeded shop {i}"),
                primary_colour: "#1f4e79".into(),
                accent_colour: "#c2410c".into(),
                background_colour: "#ffffff".into(),
                logo_key: None,
                favicon_key: None,
                background_image: None,
                portal_enabled: true,
                created_at: now,
                updated_at: now,
            }
            .into_active_model()
        })
        .collect();
    let ids = rows.iter().map(|m| m.id.clone().unwrap()).collect();
    insert_all(db, rows).await;
    ids
}

/// Where a return stands after `age` days: recent ones are on their way, older ones closed,
/// as in a shop that handles its queue within a few weeks.
fn status_for(age_days: i64, n: usize) -> ReturnStatus {
    let pick = n % 100;
    if age_days <= 3 {
        [
            ReturnStatus::PendingReview,
            ReturnStatus::Approved,
            ReturnStatus::NeedsContact,
        ][pick % 3]
    } else if age_days <= 14 {
        [
            ReturnStatus::InTransit,
            ReturnStatus::Received,
            ReturnStatus::Inspected,
            ReturnStatus::Approved,
        ][pick % 4]
    } else if pick < 80 {
        ReturnStatus::Resolved
    } else if pick < 92 {
        ReturnStatus::Rejected
    } else {
        ReturnStatus::Cancelled
    }
}

/// The statuses a return went through to reach `status`, after its submission's.
fn path_to(status: ReturnStatus) -> &'static [ReturnStatus] {
    use ReturnStatus::*;
    match status {
        PendingReview | NeedsContact => &[],
        Approved => &[Approved],
        InTransit => &[Approved, InTransit],
        Received => &[Approved, InTransit, Received],
        Inspected => &[Approved, InTransit, Received, Inspected],
        Resolved => &[Approved, InTransit, Received, Inspected, Resolved],
        Rejected => &[Rejected],
        Cancelled => &[Cancelled],
    }
}

/// Hours after the request each step of `path_to` took place: approval within two days,
/// the parcel with the carrier a day later and in the shop 2 to 8 days after that,
/// inspected within a day, settled within three; never later than `latest`.
fn step_times(k: usize, requested: DateTime<Utc>, latest: DateTime<Utc>) -> [DateTime<Utc>; 5] {
    let approve = 1 + (k * 13) % 47;
    let transit = approve + 24;
    let receive = transit + 48 + (k * 7) % 144;
    let inspect = receive + 2 + (k * 5) % 22;
    let settle = inspect + 1 + (k * 11) % 71;
    [approve, transit, receive, inspect, settle]
        .map(|h| (requested + Duration::hours(h as i64)).min(latest))
}

/// A reason index with realistic weights: fit first (too small 40 %, too large 25 %), then
/// "not as described" (25 %) and damage (10 %, the defective one).
fn reason_for(k: usize) -> usize {
    match (k * 7_919) % 100 {
        0..40 => 0,
        40..65 => 1,
        65..90 => 2,
        _ => 3,
    }
}

/// Refunds are most of the resolutions, then store credit, then replacements.
fn resolution_for(k: usize) -> Resolution {
    match (k * 104_729) % 100 {
        0..60 => Resolution::Refund,
        60..85 => Resolution::StoreCredit,
        _ => Resolution::Replacement,
    }
}

/// Inserts `shop.returns` returns (with their orders) spread over the past year; prints rows/s.
pub async fn history(db: &DatabaseConnection, shop: &Shop, label: &str) -> usize {
    let started = Instant::now();
    let reasons = reasons(db, shop.merchant_id).await;
    let now = Utc::now();
    let mut rows = 0;
    let mut n = 0;
    while n < shop.returns {
        let batch = RETURNS_PER_TRANSACTION.min(shop.returns - n);
        let mut orders = Vec::with_capacity(batch);
        let mut items = Vec::with_capacity(batch * 2);
        let mut returns = Vec::with_capacity(batch);
        let mut lines = Vec::with_capacity(batch);
        let mut events = Vec::with_capacity(batch * 4);
        let mut outcomes = Vec::with_capacity(batch);
        for k in n..n + batch {
            // Evenly over the year, newest last, with a few seconds' jitter.
            let returned_at: DateTime<Utc> = now
                - Duration::seconds(
                    ((shop.returns - k) as i64 * 365 * 86_400) / shop.returns as i64
                        + (k % 7) as i64,
                );
            let placed_at = returned_at - Duration::days(5 + (k % 20) as i64);
            let order_id = Uuid::now_v7();
            // Shoppers come back: about one in three returns is a repeat customer's.
            let customer = k - k % 3 + (k % 2);
            orders.push(
                order::Model {
                    id: order_id,
                    merchant_id: shop.merchant_id,
                    number: format!("#{}", 100_000 + k),
                    customer_name: format!("Customer {customer}"),
                    email: format!("shopper{customer}@example.com"),
                    phone: None,
                    address_line1: format!("{} Main St", 1 + k % 900),
                    address_line2: None,
                    city: ["Toronto", "Paris", "Lyon", "Montréal"][k % 4].into(),
                    region: None,
                    postal_code: ["M5V 2T6", "75011", "69002", "H2X 1Y4"][k % 4].into(),
                    country: ["CA", "FR", "FR", "CA"][k % 4].into(),
                    currency: ["CAD", "EUR", "EUR", "CAD"][k % 4].into(),
                    status: OrderStatus::Delivered,
                    placed_at,
                    delivered_at: Some(placed_at + Duration::days(3)),
                    cancelled_at: None,
                    tags: None,
                    created_at: placed_at,
                    updated_at: placed_at,
                }
                .into_active_model(),
            );
            let lines_here = 1 + k % 2;
            let mut first_item = Uuid::nil();
            let first_price = 1_000 + ((k * 37) % 20_000) as i64;
            let currency = ["CAD", "EUR", "EUR", "CAD"][k % 4];
            for position in 0..lines_here {
                let id = Uuid::now_v7();
                if position == 0 {
                    first_item = id;
                }
                items.push(
                    order_item::Model {
                        id,
                        order_id,
                        sku: format!("SKU-{}", (k + position) % 500),
                        title: format!("Item {}", (k + position) % 500),
                        variant: Some(["S", "M", "L"][k % 3].into()),
                        quantity: 1 + (k % 3) as i32,
                        unit_price_minor: 1_000 + ((k * 37) % 20_000) as i64,
                        image_url: None,
                        returnable: true,
                        parent_item_id: None,
                        ended_at: None,
                        ended_quantity: 0,
                        position: position as i32,
                        tags: None,
                    }
                    .into_active_model(),
                );
            }
            let return_id = Uuid::now_v7();
            let age_days = (now - returned_at).num_days();
            let status = status_for(age_days, k);
            let resolution = resolution_for(k);
            let first = if status == ReturnStatus::NeedsContact {
                ReturnStatus::NeedsContact
            } else {
                ReturnStatus::PendingReview
            };
            let times = step_times(k, returned_at, now);
            let mut from = None;
            let mut at = returned_at;
            for (i, to) in std::iter::once(first)
                .chain(path_to(status).iter().copied())
                .enumerate()
            {
                if i > 0 {
                    // Rejected and cancelled returns end where approval would have come.
                    at = times[(i - 1).min(4)];
                }
                events.push(
                    return_event::Model {
                        id: Uuid::now_v7(),
                        return_id,
                        actor: if i == 0 {
                            ReturnActor::Shopper
                        } else {
                            ReturnActor::Staff
                        },
                        staff_id: None,
                        staff_name: None,
                        from_status: from,
                        to_status: to,
                        code: None,
                        params: None,
                        created_at: at,
                    }
                    .into_active_model(),
                );
                from = Some(to);
            }
            if status == ReturnStatus::Resolved {
                let kind = match resolution {
                    Resolution::Refund => OutcomeKind::Refund,
                    Resolution::StoreCredit => OutcomeKind::StoreCredit,
                    Resolution::Replacement => OutcomeKind::Replacement,
                    Resolution::Exchange => OutcomeKind::Exchange,
                };
                // One refund in five is partial (a damaged item, a kept fee).
                let amount = if k % 5 == 0 {
                    first_price / 2
                } else {
                    first_price
                };
                outcomes.push(
                    return_outcome::Model {
                        id: Uuid::now_v7(),
                        merchant_id: shop.merchant_id,
                        return_id,
                        kind,
                        amount_minor: amount,
                        currency: currency.into(),
                        created_at: at,
                    }
                    .into_active_model(),
                );
            }
            returns.push(
                return_request::Model {
                    id: return_id,
                    merchant_id: shop.merchant_id,
                    order_id,
                    number: format!("R{:07}", k + 1),
                    status,
                    resolution,
                    method: [ReturnMethod::PrepaidLabel, ReturnMethod::QrDropOff][k % 2],
                    replacement_variant: None,
                    withdrawal: k % 50 == 0,
                    label_issued_at: None,
                    fee_minor: None,
                    keep_item: false,
                    resolution_pending: false,
                    method_pending: false,
                    risk_flags: None,
                    exchange: None,
                    created_at: returned_at,
                    updated_at: returned_at,
                }
                .into_active_model(),
            );
            let (reason_id, defective) = reasons[reason_for(k) % reasons.len()];
            lines.push(
                return_item::Model {
                    id: Uuid::now_v7(),
                    return_id,
                    order_item_id: first_item,
                    reason_id,
                    quantity: 1,
                    comment: None,
                    defective,
                }
                .into_active_model(),
            );
        }
        rows += orders.len()
            + items.len()
            + returns.len()
            + lines.len()
            + events.len()
            + outcomes.len();
        let txn = db.begin().await.expect("begin");
        insert_all(&txn, orders).await;
        insert_all(&txn, items).await;
        insert_all(&txn, returns).await;
        insert_all(&txn, lines).await;
        insert_all(&txn, events).await;
        insert_all(&txn, outcomes).await;
        txn.commit().await.expect("commit");
        n += batch;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{label}: {} returns, {rows} rows in {secs:.1} s: {:.0} rows/s",
        shop.returns,
        rows as f64 / secs
    );
    rows
}

/// The reasons a shop's returns give (inserted here: seeded shops have none of their own).
async fn reasons(db: &DatabaseConnection, merchant_id: Uuid) -> Vec<(Uuid, bool)> {
    let list = [
        ("Too small", "Trop petit", false),
        ("Too large", "Trop grand", false),
        ("Not as described", "Pas comme décrit", false),
        ("Arrived damaged", "Arrivé abîmé", true),
    ];
    let rows: Vec<return_reason::ActiveModel> = list
        .iter()
        .enumerate()
        .map(|(i, (en, fr, defective))| {
            return_reason::Model {
                id: Uuid::now_v7(),
                merchant_id,
                label_en: (*en).into(),
                label_fr: (*fr).into(),
                defective: *defective,
                position: 100 + i as i32,
                retired_at: None,
                system_key: None,
            }
            .into_active_model()
        })
        .collect();
    let out = rows
        .iter()
        .map(|r| (r.id.clone().unwrap(), r.defective.clone().unwrap()))
        .collect();
    insert_all(db, rows).await;
    out
}

async fn insert_all<A, C>(db: &C, rows: Vec<A>)
where
    A: ActiveModelTrait + Send,
    <A as ActiveModelTrait>::Entity: EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await
            .expect("insert");
    }
}
