//! `/shoppers`: the top returners of the last twelve months, with their figures and the risk
//! thresholds they cross (staff, or API keys that read returns).

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::routes::page::Limit;
use crate::services::returns::risk;
use crate::state::AppState;
use actix_web::{get, web};
use rebound_shared::Problem;
use rebound_shared::api::risk::ShopperList;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_shoppers);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ShopperQuery {
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The shoppers (by email, this shop only) with the most returns over the last twelve months,
/// then the most value returned: orders, returns, orders with a return, return rate, value
/// returned, "not received" claims and the flags the shop's risk thresholds give them.
/// Cancelled returns are not counted. The value is in the shop's currency: returns of orders in
/// another currency count as returns but add nothing to it.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(ShopperQuery), responses(
    (status = 200, body = ShopperList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "The caller may not read returns", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`limit` out of range", body = Problem, content_type = "application/problem+json")
))]
#[get("/shoppers")]
pub async fn list_shoppers(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ShopperQuery>,
) -> ApiResult<web::Json<ShopperList>> {
    let limit = query.into_inner().limit.get()?;
    Ok(web::Json(
        risk::list_shoppers(&state.db, &caller, limit).await?,
    ))
}
