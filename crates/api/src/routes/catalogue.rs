//! `/catalogue`: the shop's products and variants.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::page::Limit;
use crate::services::catalogue::{self, CatalogueFilter};
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::catalogue::{CataloguePage, UpsertVariants, UpsertedVariants};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upsert_variants).service(list_catalogue);
}

/// Create or update up to 500 variants by SKU, in one transaction. Idempotent: the same body
/// again writes nothing (`unchanged`). What approved exchanges hold (`reserved`) is kept.
#[utoipa::path(tag = "catalogue", security(("bearer" = [])),
    request_body = UpsertVariants,
    responses(
        (status = 200, description = "What was created, updated and left as it was", body = UpsertedVariants),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage orders and products", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks its rule, or a SKU is sent twice (`variants[i].sku`)", body = Problem, content_type = "application/problem+json")
))]
#[put("/catalogue/variants")]
pub async fn upsert_variants(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<UpsertVariants>,
) -> ApiResult<web::Json<UpsertedVariants>> {
    Ok(web::Json(
        catalogue::upsert_variants(&state.db, &caller, body.variants).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CatalogueQuery {
    /// A SKU, or text of the product title (any case).
    q: Option<String>,
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The catalogue's variants, most recently changed first, keyset-paginated, with their stock.
#[utoipa::path(tag = "catalogue", security(("bearer" = [])), params(CatalogueQuery), responses(
    (status = 200, body = CataloguePage),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "The caller may not read orders and products", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor or limit", body = Problem, content_type = "application/problem+json")
))]
#[get("/catalogue")]
pub async fn list_catalogue(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<CatalogueQuery>,
) -> ApiResult<web::Json<CataloguePage>> {
    let q = query.into_inner();
    let filter = CatalogueFilter {
        q: q.q,
        cursor: q.cursor,
        limit: q.limit.get()?,
    };
    Ok(web::Json(
        catalogue::list_variants(&state.db, &caller, filter).await?,
    ))
}
