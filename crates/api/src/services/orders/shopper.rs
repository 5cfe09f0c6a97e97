//! What a shopper does on the portal: find an order (rate-limited, one answer for any wrong
//! pair), read its tracking, change the address before dispatch, report an issue.

use crate::auth::token::ORDER_ACCESS_TTL_SECONDS;
use crate::auth::{OrderAccess, TokenKeys};
use crate::db::entities::{address_change, issue_report, merchant, order, shipment};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::services::notifications;
use crate::services::orders::access::opened_order;
use crate::services::orders::photos::{self, AttachTo, PhotoUrls};
use crate::services::orders::{address_of, normalised_address, order_view};
use crate::services::settings;
use chrono::Utc;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rebound_migration::ORDER_NUMBER_KEY;
use rebound_shared::ErrorKind;
use rebound_shared::api::orders::{
    ChangeAddress, IssueReportView, IssueStatus, OrderAccess as OrderAccessView, OrderLookup,
    OrderView, ReportIssue,
};
use rebound_shared::domain::OrderStatus;
use sea_orm::sea_query::{Expr, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryTrait, Select, Set,
};
use std::num::NonZeroU32;
use uuid::Uuid;

/// Lookups per minute: per client address (a person mistyping), and per order (someone
/// guessing the email of one order from many addresses).
pub struct LookupLimiter {
    by_client: DefaultKeyedRateLimiter<String>,
    by_order: DefaultKeyedRateLimiter<String>,
    /// Per-minute limits counted in the database as well, for every instance together
    /// (PostgreSQL); `None` where one instance owns the database (SQLite).
    shared: Option<(i64, i64)>,
}

impl std::fmt::Debug for LookupLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LookupLimiter")
    }
}

impl LookupLimiter {
    /// How often [`LookupLimiter::prune`] should run: keys age out a minute after their last
    /// lookup, so sweeping more often finds little.
    pub const PRUNE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

    pub fn new(per_client: u32, per_order: u32) -> LookupLimiter {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        LookupLimiter::with_quotas(quota(per_client), quota(per_order))
    }

    fn with_quotas(per_client: Quota, per_order: Quota) -> LookupLimiter {
        LookupLimiter {
            by_client: RateLimiter::keyed(per_client),
            by_order: RateLimiter::keyed(per_order),
            shared: None,
        }
    }

    /// Also counts every lookup in the database, so that several instances on one database
    /// allow `per_client` and `per_order` a minute between them, not each.
    pub fn shared_across_instances(mut self, per_client: u32, per_order: u32) -> LookupLimiter {
        self.shared = Some((i64::from(per_client.max(1)), i64::from(per_order.max(1))));
        self
    }

    /// Forgets the shared counts of minutes that are over.
    pub async fn prune_shared(&self, db: &DatabaseConnection) {
        if self.shared.is_some()
            && let Err(e) = crate::db::rate_counters::prune(db).await
        {
            tracing::warn!(error = %e.detail, "pruning the shared lookup counts failed");
        }
    }

    /// Forgets the clients and orders whose quota is whole again: without it every address
    /// that ever looked an order up stays in memory for the life of the process.
    pub fn prune(&self) {
        for limiter in [&self.by_client, &self.by_order] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// How many clients and orders are remembered.
    pub fn tracked_keys(&self) -> usize {
        self.by_client.len() + self.by_order.len()
    }

    /// This instance's own limit: refuses bursts without touching the database.
    fn check_here(&self, client: &str, order_key: &str) -> ApiResult<()> {
        let clock = DefaultClock::default();
        for (limiter, key) in [(&self.by_client, client), (&self.by_order, order_key)] {
            if let Err(not_until) = limiter.check_key(&key.to_owned()) {
                return Err(too_many(
                    not_until.wait_time_from(clock.now()).as_secs().max(1),
                ));
            }
        }
        Ok(())
    }

    async fn check(&self, db: &DatabaseConnection, client: &str, order_key: &str) -> ApiResult<()> {
        self.check_here(client, order_key)?;
        if let Some((per_client, per_order)) = self.shared {
            let buckets = [
                format!("lookup:client:{client}"),
                format!("lookup:order:{order_key}"),
            ];
            let (hits, left) =
                crate::db::rate_counters::hit(db, &[&buckets[0], &buckets[1]]).await?;
            if hits.first().is_some_and(|&n| n > per_client)
                || hits.get(1).is_some_and(|&n| n > per_order)
            {
                return Err(too_many(left));
            }
        }
        Ok(())
    }
}

fn too_many(wait: u64) -> ApiError {
    let mut e = ApiError::new(
        ErrorKind::RateLimited,
        format!("too many lookups; try again in {wait} seconds"),
    );
    e.retry_after = Some(wait);
    e
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// An order number as typed, in the form it is compared in: no spaces, no `#`, upper case.
fn order_key(typed: &str) -> String {
    squash(typed).replace('#', "")
}

/// The shop's orders whose number reads as `typed`. Shoppers type `mc-1040`, `#1001` (as
/// Shopify shows it) or `MC 1040`: both sides are compared upper-cased without spaces or `#`,
/// in SQL so the stored number stays as sent; the stored side is the expression an index is
/// built on, literals and all, so this is one index search however many orders the shop has.
fn orders_numbered(tenant: Tenant, typed: &str) -> Select<order::Entity> {
    tenant
        .find::<order::Entity>()
        .filter(sea_orm::sea_query::ExprTrait::eq(
            Expr::cust(ORDER_NUMBER_KEY),
            order_key(typed),
        ))
}

/// The statement a lookup of `typed` at `merchant_id`'s portal sends first. Building SQL runs
/// nothing, so this takes the merchant as it is: for the query-plan test that explains it.
pub fn lookup_statement(merchant_id: Uuid, typed: &str) -> SelectStatement {
    orders_numbered(Tenant::new(merchant_id), typed).into_query()
}

pub async fn lookup(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    limiter: &LookupLimiter,
    merchant: &merchant::Model,
    client: &str,
    input: OrderLookup,
) -> ApiResult<OrderAccessView> {
    let wanted = order_key(&input.order);
    limiter
        .check(db, client, &format!("{}:{wanted}", merchant.id))
        .await?;
    let tenant = Tenant::new(merchant.id);
    // One answer for every miss: no hint whether the order or the contact was wrong.
    let miss = || {
        ApiError::new(
            ErrorKind::NotFound,
            "we could not find an order with these details",
        )
    };
    let mut candidates = orders_numbered(tenant, &input.order).all(db).await?;
    if candidates.is_empty() {
        let order_ids: Vec<Uuid> = shipment::Entity::find()
            .filter(shipment::Column::TrackingNumber.eq(input.order.replace(' ', "")))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.order_id)
            .collect();
        candidates = tenant
            .find::<order::Entity>()
            .filter(order::Column::Id.is_in(order_ids))
            .all(db)
            .await?;
    }
    let contact = input.contact.trim().to_lowercase();
    // A blank contact would match the blank postal code of an order whose shopper's data was
    // erased (or of a country without postal codes).
    let found = candidates
        .into_iter()
        .find(|o| {
            !squash(&contact).is_empty()
                && (o.email.trim().to_lowercase() == contact
                    || squash(&o.postal_code) == squash(&contact))
        })
        .ok_or_else(miss)?;
    Ok(OrderAccessView {
        access_token: keys
            .issue_order_access(found.id, merchant.id)
            .map_err(ApiError::internal)?,
        expires_in: ORDER_ACCESS_TTL_SECONDS,
        order_number: found.number,
    })
}

/// Whether anything of `o` has left: a shipment exists or its status moved on. Until then the
/// shopper may change the address or (where the shop allows it) cancel.
pub(crate) async fn dispatched(conn: &impl ConnectionTrait, o: &order::Model) -> ApiResult<bool> {
    let shipped = shipment::Entity::find()
        .filter(shipment::Column::OrderId.eq(o.id))
        .one(conn)
        .await?
        .is_some();
    Ok(shipped || o.status != OrderStatus::Unfulfilled)
}

/// The order as its shopper reads it: without the shop's tags, which are the shop's own words
/// about an order or a product ("vip", "fraud-check").
pub(crate) fn for_shopper(mut view: OrderView) -> OrderView {
    view.tags.clear();
    for item in &mut view.items {
        item.tags.clear();
    }
    view
}

pub async fn tracking(
    db: &DatabaseConnection,
    access: OrderAccess,
    slug: &str,
) -> ApiResult<OrderView> {
    let o = opened_order(db, access, slug).await?;
    let mut view = for_shopper(order_view(db, o).await?);
    // A shop that turned tracking off shows no carrier or timeline, whoever asks: the order
    // and its items stay, since returns start from them.
    let (_, aftercare) = settings::load_documents(db, access.merchant_id).await?;
    if !aftercare.tracking_enabled {
        view.shipments.clear();
    }
    Ok(view)
}

pub async fn change_address(
    db: &DatabaseConnection,
    links: &Links,
    access: OrderAccess,
    slug: &str,
    input: ChangeAddress,
) -> ApiResult<OrderView> {
    let (_, aftercare) = settings::load_documents(db, access.merchant_id).await?;
    if !aftercare.address_edits_enabled {
        return Err(ApiError::forbidden(
            "this shop does not take address changes online; contact them",
        ));
    }
    let new = normalised_address(&input.shipping_address)?;
    let txn = begin_write(db).await?;
    let o = opened_order(&txn, access, slug).await?;
    if dispatched(&txn, &o).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "your order has already been dispatched, so its address can no longer be changed",
        ));
    }
    let old = address_of(&o);
    let change_id = Uuid::now_v7();
    notifications::address_changed(&txn, links, &o, &old, &new, change_id).await?;
    address_change::ActiveModel {
        id: Set(change_id),
        order_id: Set(o.id),
        old_address: Set(serde_json::to_string(&old).map_err(ApiError::internal)?),
        new_address: Set(serde_json::to_string(&new).map_err(ApiError::internal)?),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let mut row: order::ActiveModel = o.into();
    row.address_line1 = Set(new.line1);
    row.address_line2 = Set(new.line2);
    row.city = Set(new.city);
    row.region = Set(new.region);
    row.postal_code = Set(new.postal_code);
    row.country = Set(new.country);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&txn).await?;
    let view = order_view(&txn, saved).await?;
    txn.commit().await?;
    Ok(for_shopper(view))
}

pub async fn report_issue(
    db: &DatabaseConnection,
    links: &Links,
    urls: &PhotoUrls,
    access: OrderAccess,
    slug: &str,
    input: ReportIssue,
) -> ApiResult<IssueReportView> {
    let (_, aftercare) = settings::load_documents(db, access.merchant_id).await?;
    if !aftercare.issue_types.contains(&input.issue_type) {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "issue_type",
            "not_offered",
            "this shop does not take this kind of report",
        ));
    }
    let txn = begin_write(db).await?;
    let o = opened_order(&txn, access, slug).await?;
    let saved = issue_report::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(access.merchant_id),
        order_id: Set(o.id),
        issue_type: Set(serde_json::to_value(input.issue_type)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()),
        message: Set(input.message.trim().to_owned()),
        created_at: Set(Utc::now()),
        status: Set(IssueStatus::Open),
        assignee_id: Set(None),
        closed_at: Set(None),
    }
    .insert(&txn)
    .await?;
    photos::attach(
        &txn,
        Tenant::new(access.merchant_id),
        o.id,
        &input.photo_ids,
        "photo_ids",
        AttachTo::IssueReport(saved.id),
    )
    .await?;
    notifications::issue_reported(&txn, links, &o, input.issue_type, &saved.message, saved.id)
        .await?;
    let view = IssueReportView {
        id: saved.id,
        order_number: o.number,
        issue_type: input.issue_type,
        message: saved.message,
        photos: input.photo_ids.iter().map(|id| urls.view(*id)).collect(),
        created_at: saved.created_at,
        status: IssueStatus::Open,
        assignee_id: None,
        assignee_name: None,
        closed_at: None,
    };
    let event = rebound_shared::api::webhooks::WebhookEvent::IssueReported;
    let tenant = Tenant::new(access.merchant_id);
    crate::notify::webhooks::emit(&txn, tenant, event, saved.id, &view).await?;
    txn.commit().await?;
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_forgets_keys_whose_quota_is_whole_again() {
        let Some(quick) = Quota::with_period(std::time::Duration::from_millis(5)) else {
            panic!("a non-zero period");
        };
        let limiter = LookupLimiter::with_quotas(quick, quick);
        for n in 0..50 {
            assert!(
                limiter
                    .check_here(&format!("10.0.0.{n}"), &format!("order-{n}"))
                    .is_ok()
            );
        }
        assert_eq!(limiter.tracked_keys(), 100);
        std::thread::sleep(std::time::Duration::from_millis(50));
        limiter.prune();
        assert_eq!(limiter.tracked_keys(), 0);
    }

    /// Kilobytes this process holds (Linux).
    fn resident_kb() -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    }

    #[test]
    fn a_hundred_thousand_clients_cost_a_few_megabytes_and_are_forgotten() {
        let Some(quick) = Quota::with_period(std::time::Duration::from_millis(20)) else {
            panic!("a non-zero period");
        };
        let limiter = LookupLimiter::with_quotas(quick, quick);
        let before = resident_kb();
        for n in 0..100_000u32 {
            let client = std::net::Ipv4Addr::from(0x0A00_0000 + n).to_string();
            assert!(limiter.check_here(&client, &format!("shop:{n}")).is_ok());
        }
        assert_eq!(limiter.tracked_keys(), 200_000);
        let grown_mb = resident_kb().saturating_sub(before) / 1024;
        // Two keyed maps of 100,000 short strings and their rate states: tens of MB at most.
        assert!(grown_mb < 64, "{grown_mb} MB for 100,000 clients");
        std::thread::sleep(std::time::Duration::from_millis(60));
        limiter.prune();
        assert_eq!(limiter.tracked_keys(), 0);
    }
}
