//! What the shop learns from its returns and its shoppers: one card per question, each counted
//! by the database over a period (and optionally one product); the weekly summary mail reads
//! the same cards.

pub mod reasons;
pub mod resolutions;
pub mod return_rate;
pub mod shoppers;
pub mod speed;
mod sql;
pub mod surveys;
pub mod weekly_figures;
pub mod weekly_summary;

pub use sql::{CardScope, ProductFilter};

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use rebound_shared::Permission;
use rebound_shared::api::analytics::Period;
use rebound_shared::domain::analytics::DateRange;

/// What a card request asks for, as the query string has it.
#[derive(Debug, Default)]
pub struct CardQuery<'a> {
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub bucket: Option<&'a str>,
    pub sku: Option<&'a str>,
    pub tag: Option<&'a str>,
}

/// Checks the caller may read analytics (as for the survey results) and the query: every
/// broken rule in one 422 naming its field.
pub fn card_scope(caller: &CurrentStaff, query: &CardQuery<'_>) -> ApiResult<CardScope> {
    caller.require(Permission::HandleReturns)?;
    let clean = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let range = DateRange::parse(query.from, query.to, query.bucket).map_err(ApiError::rules)?;
    let product = match (clean(query.sku), clean(query.tag)) {
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                rebound_shared::ErrorKind::Validation,
                "tag",
                "exclusive",
                "filter by sku or by tag, not both",
            ));
        }
        (Some(sku), None) => Some(ProductFilter::Sku(sku)),
        (None, Some(tag)) => Some(ProductFilter::Tag(tag)),
        (None, None) => None,
    };
    Ok(CardScope { range, product })
}

fn period(scope: &CardScope) -> Period {
    let (sku, tag) = match &scope.product {
        Some(ProductFilter::Sku(s)) => (Some(s.clone()), None),
        Some(ProductFilter::Tag(t)) => (None, Some(t.clone())),
        None => (None, None),
    };
    Period {
        from: scope.range.from(),
        to: scope.range.to(),
        bucket: scope.range.bucket(),
        sku,
        tag,
    }
}

/// The JOIN a statement over return lines (`ri`) needs for the product filter (`oi`).
fn product_join(scope: &CardScope) -> &'static str {
    if scope.product.is_some() {
        " JOIN order_items oi ON oi.id = ri.order_item_id"
    } else {
        ""
    }
}

/// Every statement the cards run for merchant `merchant_id` over `scope`, named, as built for
/// `backend` (the reasons card's delivered units for two sample SKUs, the shoppers card's
/// second statement for one sample email): what the plan checks explain.
pub fn card_statements(
    backend: sea_orm::DbBackend,
    merchant_id: uuid::Uuid,
    scope: &CardScope,
    currency: rebound_shared::domain::Currency,
) -> Vec<(&'static str, sea_orm::Statement)> {
    let tenant = crate::db::Tenant::new(merchant_id);
    let range = scope.range;
    let bucket = Some(range.bucket());
    let window = crate::services::returns::risk::Window {
        since: range.start(),
        until: Some(range.end()),
    };
    let [shoppers_returns, shoppers_orders] =
        crate::services::returns::risk::top_returner_statements(backend, tenant, window, currency);
    let skus = ["SKU-1".to_owned(), "SKU-2".to_owned()];
    vec![
        (
            "return rate: delivered per bucket",
            return_rate::delivered(backend, tenant, scope, &range, bucket),
        ),
        (
            "return rate: returned per bucket",
            return_rate::returned(backend, tenant, scope, &range, bucket),
        ),
        (
            "return rate: delivered in total",
            return_rate::delivered(backend, tenant, scope, &range, None),
        ),
        (
            "return rate: returned in total",
            return_rate::returned(backend, tenant, scope, &range, None),
        ),
        (
            "reasons: per reason",
            reasons::reasons_statement(backend, tenant, scope),
        ),
        (
            "reasons: top products",
            reasons::top_products_statement(backend, tenant, scope),
        ),
        (
            "reasons: delivered units",
            reasons::delivered_units_statement(backend, tenant, scope, &skus),
        ),
        (
            "resolutions: counts",
            resolutions::counts_statement(backend, tenant, scope),
        ),
        (
            "resolutions: ledger",
            resolutions::ledger_statement(backend, tenant, scope),
        ),
        (
            "resolutions: labels",
            resolutions::labels_statement(backend, tenant, scope),
        ),
        (
            "speed: steps",
            speed::steps_statement(backend, tenant, scope),
        ),
        ("speed: waiting", speed::waiting_statement(backend, tenant)),
        ("shoppers: returns", shoppers_returns),
        ("shoppers: orders", shoppers_orders),
    ]
}
