//! "Shop the catalogue": the portal's search for another product to exchange for, when the
//! shop allows other products. Only what the shopper can pick is listed: variants in stock,
//! priced in the order's currency (submission checks the same again).

use crate::auth::OrderAccess;
use crate::db::Tenant;
use crate::db::entities::catalogue_variant::{self, Column};
use crate::error::{ApiError, ApiResult};
use crate::services::catalogue;
use crate::services::orders::access::opened_order;
use crate::services::returns::exchanges::choice;
use crate::services::settings;
use rebound_shared::api::exchanges::ExchangeChoice;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect};

/// The most variants one search answers: a search is refined, not paged.
pub const SEARCH_MAX: u64 = 24;
/// Longer searches are cut here: no title or SKU is longer.
const QUERY_MAX_CHARS: usize = 200;

/// `GET /portal/{slug}/order/exchange-catalogue?q=`: variants whose SKU is `q` or whose title
/// holds it, by title; the first ones in stock without `q`.
pub async fn search_exchange_catalogue(
    db: &DatabaseConnection,
    access: OrderAccess,
    slug: &str,
    q: Option<&str>,
) -> ApiResult<Vec<ExchangeChoice>> {
    let o = opened_order(db, access, slug).await?;
    let tenant = Tenant::new(access.merchant_id);
    let (returns, _) = settings::policies::load(db, tenant.merchant_id()).await?;
    let offered = &returns.exchanges;
    if !(offered.enabled && offered.other_products) {
        return Err(ApiError::forbidden(
            "this shop exchanges for another size or colour of the same product only",
        ));
    }
    let mut query = tenant
        .find::<catalogue_variant::Entity>()
        .filter(Column::Currency.eq(o.currency.clone()))
        .filter(
            Expr::col(Column::StockOnHand)
                .sub(Expr::col(Column::Reserved))
                .gt(0),
        );
    let q: String = q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(QUERY_MAX_CHARS)
        .collect();
    if !q.is_empty() {
        query = query.filter(catalogue::matching(&q));
    }
    Ok(query
        .order_by_asc(Column::Title)
        .order_by_asc(Column::Sku)
        .limit(SEARCH_MAX)
        .all(db)
        .await?
        .iter()
        .map(choice)
        .collect())
}
