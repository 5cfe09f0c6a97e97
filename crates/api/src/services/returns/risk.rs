//! Risk per shopper: their figures over the last twelve months, counted by email within one
//! shop in two grouped statements (returns and value; orders, name and "not received" claims)
//! whatever the number of shoppers; what a submission makes of them (the flags it stores, the
//! review it forces); and the shoppers view, the top returners.

use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::entities::{order, order_item, return_item, return_request};
use crate::error::{ApiError, ApiResult};
use crate::services::keyset::PageSize;
use crate::services::settings;
use chrono::{DateTime, Duration, Utc};
use rebound_shared::Permission;
use rebound_shared::api::risk::{ShopperList, ShopperRisk};
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::domain::risk::{
    RISK_HISTORY_DAYS, RiskFlag, RiskThresholds, ShopperStats, risk_flags,
};
use rebound_shared::domain::{Currency, Money, ReturnStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Order, SelectStatement, Value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, QueryFilter,
    QuerySelect, QueryTrait, Set,
};
use std::collections::HashMap;

/// The issue type of a "not received" claim, as stored.
const NOT_RECEIVED: &str = "missing_item";

/// Whose figures to count.
enum Scope<'a> {
    /// One shopper, by email.
    One(&'a str),
    /// The shoppers with the most returns, at most this many.
    Top(u64),
}

/// The time a shopper's figures are counted over: from `since`, up to `until` (excluded) if set.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub since: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

impl Window {
    /// The risk history: the last `RISK_HISTORY_DAYS` days up to now.
    fn history(now: DateTime<Utc>) -> Window {
        Window {
            since: now - Duration::days(RISK_HISTORY_DAYS),
            until: None,
        }
    }
}

/// A shopper's figures and the name on their latest order.
struct Counted {
    email: String,
    name: String,
    stats: ShopperStats,
}

fn count(row: &sea_orm::QueryResult, column: &str) -> ApiResult<u32> {
    let n: Option<i64> = row.try_get("", column)?;
    Ok(u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX))
}

/// Returns (not cancelled) started since `since`, the orders they are on and what their units
/// were sold for in `currency`, per email; most returns first for `Scope::Top`.
/// A custom expression's placeholders for `backend`: sea-query substitutes `?` on SQLite but
/// `$1, $2, …` on PostgreSQL (where `?` is an operator), so the text is written numbered and
/// turned into `?`s for SQLite (each number appears once, in order).
fn placeholders(sql: &str, backend: DbBackend) -> String {
    if backend == DbBackend::Postgres {
        return sql.to_owned();
    }
    (1..=9)
        .rev()
        .fold(sql.to_owned(), |s, n| s.replace(&format!("${n}"), "?"))
}

fn returned_statement(
    tenant: Tenant,
    scope: &Scope<'_>,
    window: Window,
    currency: Currency,
    backend: DbBackend,
) -> SelectStatement {
    let mut q = tenant
        .find::<return_request::Entity>()
        .select_only()
        .filter(return_request::Column::CreatedAt.gte(window.since))
        .apply_if(window.until, |q, until| {
            q.filter(return_request::Column::CreatedAt.lt(until))
        })
        .filter(return_request::Column::Status.ne(ReturnStatus::Cancelled.as_str()))
        .into_query();
    q.inner_join(
        order::Entity,
        Expr::col((order::Entity, order::Column::Id))
            .equals((return_request::Entity, return_request::Column::OrderId)),
    )
    .inner_join(
        return_item::Entity,
        Expr::col((return_item::Entity, return_item::Column::ReturnId))
            .equals((return_request::Entity, return_request::Column::Id)),
    )
    .inner_join(
        order_item::Entity,
        Expr::col((order_item::Entity, order_item::Column::Id))
            .equals((return_item::Entity, return_item::Column::OrderItemId)),
    )
    .expr_as(Expr::col((order::Entity, order::Column::Email)), "email")
    .expr_as(
        Expr::col((return_request::Entity, return_request::Column::Id)).count_distinct(),
        "n_returns",
    )
    .expr_as(
        Expr::col((return_request::Entity, return_request::Column::OrderId)).count_distinct(),
        "n_orders_returned",
    )
    // Cast: PostgreSQL sums a BIGINT into a NUMERIC.
    .expr_as(
        Expr::cust_with_values(
            placeholders(r#"CAST(SUM(CASE WHEN "orders"."currency" = $1 THEN "return_items"."quantity" * "order_items"."unit_price_minor" ELSE 0 END) AS BIGINT)"#, backend),
            [currency.code()],
        ),
        "value_minor",
    )
    .group_by_col((order::Entity, order::Column::Email));
    match scope {
        Scope::One(email) => {
            q.and_where(Expr::col((order::Entity, order::Column::Email)).eq(*email));
        }
        Scope::Top(limit) => {
            q.order_by_expr(Expr::cust("n_returns"), Order::Desc)
                .order_by_expr(Expr::cust("value_minor"), Order::Desc)
                .order_by_expr(Expr::col((order::Entity, order::Column::Email)), Order::Asc)
                .limit(*limit);
        }
    }
    q
}

/// Per email of `emails`: orders placed in the window, the name on the latest order, and the
/// "not received" claims made in the window.
fn orders_statement(
    tenant: Tenant,
    emails: Vec<String>,
    window: Window,
    backend: DbBackend,
) -> SelectStatement {
    let since = window.since;
    // Without an end, a bound centuries ahead (a 4-digit year, so text timestamps on SQLite
    // still compare in order).
    let until = window
        .until
        .unwrap_or_else(|| since + Duration::days(365 * 500));
    let mut q = tenant
        .find::<order::Entity>()
        .select_only()
        .filter(order::Column::Email.is_in(emails))
        .into_query();
    q.expr_as(Expr::col((order::Entity, order::Column::Email)), "email")
        .expr_as(
            Expr::cust_with_values(
            placeholders(r#"SUM(CASE WHEN "orders"."placed_at" >= $1 AND "orders"."placed_at" < $2 THEN 1 ELSE 0 END)"#, backend),
                [Value::from(since), Value::from(until)],
            ),
            "n_orders",
        )
        .expr_as(
            Expr::cust_with_values(
            placeholders(r#"(SELECT "latest"."customer_name" FROM "orders" AS "latest" WHERE "latest"."merchant_id" = $1 AND "latest"."email" = "orders"."email" ORDER BY "latest"."placed_at" DESC LIMIT 1)"#, backend),
                [Value::from(tenant.merchant_id())],
            ),
            "name",
        )
        .expr_as(
            Expr::cust_with_values(
            placeholders(r#"(SELECT COUNT(*) FROM "issue_reports" INNER JOIN "orders" AS "claimed" ON "claimed"."id" = "issue_reports"."order_id" WHERE "issue_reports"."merchant_id" = $1 AND "issue_reports"."issue_type" = $2 AND "issue_reports"."created_at" >= $3 AND "issue_reports"."created_at" < $4 AND "claimed"."email" = "orders"."email")"#, backend),
                [
                    Value::from(tenant.merchant_id()),
                    Value::from(NOT_RECEIVED),
                    Value::from(since),
                    Value::from(until),
                ],
            ),
            "n_not_received",
        )
        .group_by_col((order::Entity, order::Column::Email));
    q
}

/// The figures of the shoppers `scope` names, in the first statement's order. Two statements.
async fn count_shoppers(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: Scope<'_>,
    currency: Currency,
    window: Window,
) -> ApiResult<Vec<Counted>> {
    let mut counted: Vec<Counted> = Vec::new();
    for row in db
        .query_all(&returned_statement(
            tenant,
            &scope,
            window,
            currency,
            db.get_database_backend(),
        ))
        .await?
    {
        let mut stats = ShopperStats::none(currency);
        stats.returns = count(&row, "n_returns")?;
        stats.orders_returned = count(&row, "n_orders_returned")?;
        let value: Option<i64> = row.try_get("", "value_minor")?;
        stats.value_returned = Money::new(value.unwrap_or(0), currency);
        counted.push(Counted {
            email: row.try_get("", "email")?,
            name: String::new(),
            stats,
        });
    }
    // A shopper with no return yet may still have "not received" claims.
    if let Scope::One(email) = scope
        && counted.is_empty()
    {
        counted.push(Counted {
            email: email.to_owned(),
            name: String::new(),
            stats: ShopperStats::none(currency),
        });
    }
    if counted.is_empty() {
        return Ok(counted);
    }
    let emails = counted.iter().map(|c| c.email.clone()).collect();
    let mut orders: HashMap<String, (u32, String, u32)> = HashMap::new();
    for row in db
        .query_all(&orders_statement(
            tenant,
            emails,
            window,
            db.get_database_backend(),
        ))
        .await?
    {
        let name: Option<String> = row.try_get("", "name")?;
        orders.insert(
            row.try_get("", "email")?,
            (
                count(&row, "n_orders")?,
                name.unwrap_or_default(),
                count(&row, "n_not_received")?,
            ),
        );
    }
    for c in &mut counted {
        if let Some((n, name, claims)) = orders.remove(&c.email) {
            c.stats.orders = n;
            c.name = name;
            c.stats.not_received = claims;
        }
    }
    Ok(counted)
}

/// What the shop's thresholds make of a shopper about to return something.
#[derive(Debug, Clone, Default)]
pub(crate) struct RiskVerdict {
    pub flags: Vec<RiskFlag>,
    /// The shop sends flagged shoppers' returns to review.
    pub review_flagged: bool,
}

impl RiskVerdict {
    pub fn flagged(&self) -> bool {
        !self.flags.is_empty()
    }

    /// The return waits for staff, whatever the approval setting says.
    pub fn holds_for_review(&self) -> bool {
        self.flagged() && self.review_flagged
    }

    /// The history note of a return held for review, naming the thresholds crossed.
    pub fn review_note(&self) -> Option<ReturnNote> {
        self.holds_for_review().then(|| {
            let kinds: Vec<&str> = self.flags.iter().map(RiskFlag::kind).collect();
            ReturnNote::new(ReturnEventCode::RiskReview).with("flags", kinds.join(","))
        })
    }
}

/// The shopper `email`'s flags under the shop's thresholds: one read of the settings, and the
/// two counting statements only when a threshold is set.
pub(crate) async fn assess_shopper(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    email: &str,
    now: DateTime<Utc>,
) -> ApiResult<RiskVerdict> {
    let thresholds = settings::risk::load(db, tenant).await?;
    if thresholds.is_empty() {
        return Ok(RiskVerdict::default());
    }
    let currency = settings::risk::shop_currency(db, tenant).await?;
    let stats = count_shoppers(
        db,
        tenant,
        Scope::One(email),
        currency,
        Window::history(now),
    )
    .await?
    .pop()
    .map_or(ShopperStats::none(currency), |c| c.stats);
    Ok(RiskVerdict {
        flags: risk_flags(&stats, &thresholds),
        review_flagged: thresholds.review_flagged,
    })
}

/// Keeps the verdict's flags on the return (one statement, only when flagged).
pub(crate) async fn record_flags(
    db: &impl ConnectionTrait,
    saved: return_request::Model,
    verdict: &RiskVerdict,
) -> ApiResult<return_request::Model> {
    if !verdict.flagged() {
        return Ok(saved);
    }
    let json = serde_json::to_string(&verdict.flags).map_err(ApiError::internal)?;
    let mut row: return_request::ActiveModel = saved.into();
    row.risk_flags = Set(Some(json));
    Ok(row.update(db).await?)
}

/// The flags stored on a return (none when the column is empty or unreadable: a flag is a
/// hint for staff, never a reason to fail a page).
pub(crate) fn stored_flags(r: &return_request::Model) -> Vec<RiskFlag> {
    r.risk_flags
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

/// The shoppers with the most returns over the last twelve months, with their figures and the
/// thresholds they cross. Value is counted in the shop's currency only.
pub async fn list_shoppers(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    limit: PageSize,
) -> ApiResult<ShopperList> {
    caller.require(Permission::ReadReturns)?;
    let tenant = caller.tenant;
    let thresholds: RiskThresholds = settings::risk::load(db, tenant).await?;
    let currency = settings::risk::shop_currency(db, tenant).await?;
    let counted = count_shoppers(
        db,
        tenant,
        Scope::Top(limit.rows()),
        currency,
        Window::history(Utc::now()),
    )
    .await?;
    Ok(ShopperList {
        shoppers: counted
            .into_iter()
            .map(|c| shopper_risk(c, &thresholds))
            .collect(),
        currency: currency.code().to_owned(),
        thresholds_set: !thresholds.is_empty(),
    })
}

/// The `limit` shoppers with the most returns requested in `window`, with their figures over
/// it and the flags the shop's thresholds give them; and the shop's currency.
pub(crate) async fn top_returners(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    window: Window,
    limit: u64,
) -> ApiResult<(Vec<ShopperRisk>, Currency)> {
    let thresholds: RiskThresholds = settings::risk::load(db, tenant).await?;
    let currency = settings::risk::shop_currency(db, tenant).await?;
    let counted = count_shoppers(db, tenant, Scope::Top(limit), currency, window).await?;
    Ok((
        counted
            .into_iter()
            .map(|c| shopper_risk(c, &thresholds))
            .collect(),
        currency,
    ))
}

fn shopper_risk(c: Counted, thresholds: &RiskThresholds) -> ShopperRisk {
    ShopperRisk {
        flags: risk_flags(&c.stats, thresholds),
        email: c.email,
        name: c.name,
        orders: c.stats.orders,
        returns: c.stats.returns,
        orders_returned: c.stats.orders_returned,
        return_rate_basis_points: c.stats.return_rate_basis_points(),
        value_returned: c.stats.value_returned,
        not_received: c.stats.not_received,
    }
}

/// The two statements `top_returners` runs (the second for one sample email), as built for
/// `backend`: what a plan check explains.
pub fn top_returner_statements(
    backend: DbBackend,
    tenant: Tenant,
    window: Window,
    currency: Currency,
) -> [sea_orm::Statement; 2] {
    [
        backend.build(&returned_statement(
            tenant,
            &Scope::Top(10),
            window,
            currency,
            backend,
        )),
        backend.build(&orders_statement(
            tenant,
            vec!["shopper@example.com".to_owned()],
            window,
            backend,
        )),
    ]
}
