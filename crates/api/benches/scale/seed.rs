//! Bulk-inserts a shop history: merchants, their orders (one or two lines each) and returns
//! (one line each) in multi-row INSERTs, many thousand rows per transaction, through the same
//! entities the server reads so every value is stored as the server stores it.

use chrono::{DateTime, Duration, Utc};
use rebound_api::db::entities::return_request;
use rebound_api::db::entities::{merchant, order, order_item, return_item, return_reason};
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
            returns.push(
                return_request::Model {
                    id: return_id,
                    merchant_id: shop.merchant_id,
                    order_id,
                    number: format!("R{:07}", k + 1),
                    status: status_for(age_days, k),
                    resolution: [
                        Resolution::Refund,
                        Resolution::Refund,
                        Resolution::StoreCredit,
                        Resolution::Replacement,
                    ][k % 4],
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
            let (reason_id, defective) = reasons[k % reasons.len()];
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
        rows += orders.len() + items.len() + returns.len() + lines.len();
        let txn = db.begin().await.expect("begin");
        insert_all(&txn, orders).await;
        insert_all(&txn, items).await;
        insert_all(&txn, returns).await;
        insert_all(&txn, lines).await;
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
