//! What the shop learns from its returns and its shoppers: one card per question, each counted
//! by the database over a period (and optionally one product).

pub mod reasons;
pub mod resolutions;
pub mod return_rate;
pub mod shoppers;
pub mod speed;
mod sql;
pub mod surveys;

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
