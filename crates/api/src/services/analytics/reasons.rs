//! Reasons: units returned per reason over a period; the most returned products with their
//! reasons; and how often those products come back defective against what was delivered.
//! Three grouped statements.

use super::sql::{CardScope, Sql, number, sum};
use crate::db::Tenant;
use crate::error::ApiResult;
use rebound_shared::api::analytics::{
    ProductReasons, ReasonCount, ReasonUnits, ReasonsCard, TOP_PRODUCTS,
};
use rebound_shared::domain::ReturnStatus;
use rebound_shared::domain::analytics::basis_points;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::HashMap;
use uuid::Uuid;

/// The FROM and WHERE every statement of the card shares: return lines requested in the
/// period (cancelled returns not counted), with their order lines.
fn returned_lines(sql: &mut Sql, scope: &CardScope) -> String {
    let within = sql.within("r.created_at", &scope.range);
    let cancelled = sql.bind(ReturnStatus::Cancelled.as_str());
    let product = sql.product(scope.product.as_ref());
    format!(
        "FROM returns r JOIN return_items ri ON ri.return_id = r.id \
         JOIN order_items oi ON oi.id = ri.order_item_id \
         WHERE r.merchant_id = {m} AND {within} AND r.status <> {cancelled}{product}",
        m = sql.merchant()
    )
}

pub(super) fn reasons_statement(
    backend: DbBackend,
    tenant: Tenant,
    scope: &CardScope,
) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let lines = returned_lines(&mut sql, scope);
    let text = format!(
        "SELECT ri.reason_id AS reason_id, rr.label_en AS label_en, rr.label_fr AS label_fr, \
         rr.defective AS defective, {units} AS units \
         {lines_with_reasons} \
         GROUP BY ri.reason_id, rr.label_en, rr.label_fr, rr.defective \
         ORDER BY units DESC, rr.label_en",
        units = sum("ri.quantity"),
        lines_with_reasons = lines.replacen(
            "WHERE",
            "JOIN return_reasons rr ON rr.id = ri.reason_id WHERE",
            1
        ),
    );
    sql.statement(text)
}

async fn reasons(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<Vec<ReasonCount>> {
    let statement = reasons_statement(db.get_database_backend(), tenant, scope);
    let mut found = Vec::new();
    for row in db.query_all_raw(statement).await? {
        found.push(ReasonCount {
            reason_id: row.try_get("", "reason_id")?,
            label_en: row.try_get("", "label_en")?,
            label_fr: row.try_get("", "label_fr")?,
            defective: row.try_get("", "defective")?,
            units: number(&row, "units")?,
            share_basis_points: 0,
        });
    }
    let total: i64 = found.iter().map(|r| r.units).sum();
    for r in &mut found {
        r.share_basis_points = basis_points(r.units, total).unwrap_or(0);
    }
    Ok(found)
}

/// The most returned products (most units, then SKU), each with its units per reason.
pub(super) fn top_products_statement(
    backend: DbBackend,
    tenant: Tenant,
    scope: &CardScope,
) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let lines = returned_lines(&mut sql, scope);
    let limit = sql.bind(TOP_PRODUCTS as i64);
    let text = format!(
        "WITH top AS (SELECT oi.sku AS sku, {units} AS units {lines} \
           GROUP BY oi.sku ORDER BY units DESC, oi.sku LIMIT {limit}) \
         SELECT oi.sku AS sku, ri.reason_id AS reason_id, MAX(oi.title) AS title, \
           {units} AS units, {defective} AS defective_units \
         {lines} AND oi.sku IN (SELECT sku FROM top) \
         GROUP BY oi.sku, ri.reason_id",
        units = sum("ri.quantity"),
        defective = sum("CASE WHEN ri.defective THEN ri.quantity ELSE 0 END"),
    );
    sql.statement(text)
}

async fn top_products(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<Vec<ProductReasons>> {
    let statement = top_products_statement(db.get_database_backend(), tenant, scope);
    let mut products: Vec<ProductReasons> = Vec::new();
    for row in db.query_all_raw(statement).await? {
        let sku: String = row.try_get("", "sku")?;
        let units = number(&row, "units")?;
        let defective = number(&row, "defective_units")?;
        let reason_id: Uuid = row.try_get("", "reason_id")?;
        let title: String = row.try_get("", "title")?;
        let at = match products.iter().position(|p| p.sku == sku) {
            Some(at) => at,
            None => {
                products.push(ProductReasons {
                    sku,
                    title: String::new(),
                    returned_units: 0,
                    defective_units: 0,
                    delivered_units: 0,
                    defective_rate_basis_points: None,
                    reasons: Vec::new(),
                });
                products.len() - 1
            }
        };
        let p = &mut products[at];
        p.title = p.title.clone().max(title);
        p.returned_units += units;
        p.defective_units += defective;
        p.reasons.push(ReasonUnits { reason_id, units });
    }
    for p in &mut products {
        p.reasons
            .sort_by(|a, b| b.units.cmp(&a.units).then(a.reason_id.cmp(&b.reason_id)));
    }
    products.sort_by(|a, b| {
        b.returned_units
            .cmp(&a.returned_units)
            .then_with(|| a.sku.cmp(&b.sku))
    });
    Ok(products)
}

/// Units of each of `skus` delivered in the period.
async fn delivered_units(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
    skus: &[String],
) -> ApiResult<HashMap<String, i64>> {
    if skus.is_empty() {
        return Ok(HashMap::new());
    }
    let statement = delivered_units_statement(db.get_database_backend(), tenant, scope, skus);
    let mut units = HashMap::new();
    for row in db.query_all_raw(statement).await? {
        units.insert(row.try_get("", "sku")?, number(&row, "units")?);
    }
    Ok(units)
}

pub(super) fn delivered_units_statement(
    backend: DbBackend,
    tenant: Tenant,
    scope: &CardScope,
    skus: &[String],
) -> Statement {
    let mut sql = Sql::new(backend, tenant);
    let within = sql.within("o.delivered_at", &scope.range);
    let list: Vec<String> = skus.iter().map(|s| sql.bind(s.clone())).collect();
    let text = format!(
        "SELECT oi.sku AS sku, {units} AS units \
         FROM orders o JOIN order_items oi ON oi.order_id = o.id \
         WHERE o.merchant_id = {m} AND {within} AND oi.sku IN ({list}) \
         GROUP BY oi.sku",
        units = sum("oi.quantity"),
        m = sql.merchant(),
        list = list.join(", "),
    );
    sql.statement(text)
}

pub async fn reasons_card(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<ReasonsCard> {
    let reasons = reasons(db, tenant, scope).await?;
    let mut products = top_products(db, tenant, scope).await?;
    let skus: Vec<String> = products.iter().map(|p| p.sku.clone()).collect();
    let delivered = delivered_units(db, tenant, scope, &skus).await?;
    for p in &mut products {
        p.delivered_units = delivered.get(&p.sku).copied().unwrap_or(0);
        p.defective_rate_basis_points = basis_points(p.defective_units, p.delivered_units);
    }
    Ok(ReasonsCard {
        period: super::period(scope),
        returned_units: reasons.iter().map(|r| r.units).sum(),
        reasons,
        products,
    })
}
