//! Resolutions: how the returns of a period were settled (counts per resolution, keep-the-item
//! included) and the money per currency: what the outcomes ledger recorded in the period
//! (refunds, store credit, exchanges, replacements, fees) and what return labels cost.
//! Three grouped statements; amounts are never summed across currencies.

use super::sql::{CardScope, Sql, number, sum};
use crate::db::Tenant;
use crate::error::ApiResult;
use rebound_shared::api::analytics::{
    CurrencyOutcomes, ResolutionCount, ResolutionKind, ResolutionsCard,
};
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::domain::ReturnStatus;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeMap;

/// `AND` the return `r` has a line of the filtered product; empty without a filter.
fn has_product(sql: &mut Sql, scope: &CardScope, ret: &str) -> String {
    if scope.product.is_none() {
        return String::new();
    }
    let product = sql.product(scope.product.as_ref());
    format!(
        " AND EXISTS (SELECT 1 FROM return_items ri JOIN order_items oi ON oi.id = ri.order_item_id \
         WHERE ri.return_id = {ret}{product})"
    )
}

/// Returns requested in the period, neither rejected nor cancelled, per resolution.
pub(super) fn counts_statement(backend: DbBackend, tenant: Tenant, scope: &CardScope) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let within = sql.within("r.created_at", &scope.range);
    let cancelled = sql.bind(ReturnStatus::Cancelled.as_str());
    let rejected = sql.bind(ReturnStatus::Rejected.as_str());
    let keep = sql.bind(ResolutionKind::KeepItem.as_str());
    let undecided = sql.bind(ResolutionKind::Undecided.as_str());
    let product = has_product(&mut sql, scope, "r.id");
    let text = format!(
        "SELECT CASE WHEN r.keep_item THEN {keep} WHEN r.resolution_pending THEN {undecided} \
           ELSE r.resolution END AS kind, COUNT(*) AS n \
         FROM returns r WHERE r.merchant_id = {m} AND {within} \
           AND r.status NOT IN ({cancelled}, {rejected}){product} \
         GROUP BY 1",
        m = sql.merchant()
    );
    sql.statement(text)
}

async fn counts(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<Vec<ResolutionCount>> {
    let statement = counts_statement(db.get_database_backend(), tenant, scope);
    let mut per_kind: BTreeMap<ResolutionKind, i64> = BTreeMap::new();
    for row in db.query_all_raw(statement).await? {
        let kind: String = row.try_get("", "kind")?;
        if let Some(kind) = ResolutionKind::parse(&kind) {
            *per_kind.entry(kind).or_default() += number(&row, "n")?;
        }
    }
    Ok(ResolutionKind::ALL
        .into_iter()
        .map(|resolution| ResolutionCount {
            resolution,
            returns: per_kind.get(&resolution).copied().unwrap_or(0),
        })
        .collect())
}

/// The money the outcomes ledger recorded in the period, per currency and kind.
pub(super) fn ledger_statement(backend: DbBackend, tenant: Tenant, scope: &CardScope) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let within = sql.within("l.created_at", &scope.range);
    let product = has_product(&mut sql, scope, "l.return_id");
    let text = format!(
        "SELECT l.currency AS currency, l.kind AS kind, {amount} AS amount \
         FROM return_outcomes l WHERE l.merchant_id = {m} AND {within}{product} \
         GROUP BY l.currency, l.kind",
        amount = sum("l.amount_minor"),
        m = sql.merchant()
    );
    sql.statement(text)
}

async fn ledger(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
    money: &mut BTreeMap<String, CurrencyOutcomes>,
) -> ApiResult<()> {
    let statement = ledger_statement(db.get_database_backend(), tenant, scope);
    for row in db.query_all_raw(statement).await? {
        let currency: String = row.try_get("", "currency")?;
        let kind: String = row.try_get("", "kind")?;
        // A kind this build does not know yet is left out rather than mislabelled.
        let Ok(kind) = serde_json::from_value::<OutcomeKind>(serde_json::Value::String(kind))
        else {
            continue;
        };
        let amount = number(&row, "amount")?;
        let m = entry(money, &currency);
        if kind.is_revenue_kept() {
            m.revenue_kept_minor += amount;
        }
        *match kind {
            OutcomeKind::Refund => &mut m.refunded_minor,
            OutcomeKind::StoreCredit => &mut m.store_credit_minor,
            OutcomeKind::Exchange => &mut m.exchange_minor,
            OutcomeKind::Replacement => &mut m.replacement_minor,
            OutcomeKind::Fee => &mut m.fees_minor,
            OutcomeKind::ShippingSaved => &mut m.shipping_saved_minor,
        } += amount;
    }
    Ok(())
}

/// What return labels bought in the period cost, per currency (voided ones not counted).
pub(super) fn labels_statement(backend: DbBackend, tenant: Tenant, scope: &CardScope) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let within = sql.within("l.created_at", &scope.range);
    let product = has_product(&mut sql, scope, "l.return_id");
    let text = format!(
        "SELECT l.currency AS currency, {spent} AS spent FROM return_labels l \
         WHERE l.merchant_id = {m} AND {within} AND l.voided_at IS NULL{product} \
         GROUP BY l.currency",
        spent = sum("l.price_minor"),
        m = sql.merchant()
    );
    sql.statement(text)
}

async fn labels(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
    money: &mut BTreeMap<String, CurrencyOutcomes>,
) -> ApiResult<()> {
    let statement = labels_statement(db.get_database_backend(), tenant, scope);
    for row in db.query_all_raw(statement).await? {
        let currency: String = row.try_get("", "currency")?;
        entry(money, &currency).labels_minor += number(&row, "spent")?;
    }
    Ok(())
}

fn entry<'a>(
    money: &'a mut BTreeMap<String, CurrencyOutcomes>,
    currency: &str,
) -> &'a mut CurrencyOutcomes {
    money
        .entry(currency.to_owned())
        .or_insert_with(|| CurrencyOutcomes {
            currency: currency.to_owned(),
            ..CurrencyOutcomes::default()
        })
}

pub async fn resolutions_card(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<ResolutionsCard> {
    let counts = counts(db, tenant, scope).await?;
    let mut money = BTreeMap::new();
    ledger(db, tenant, scope, &mut money).await?;
    labels(db, tenant, scope, &mut money).await?;
    Ok(ResolutionsCard {
        period: super::period(scope),
        counts,
        money: money.into_values().collect(),
    })
}
