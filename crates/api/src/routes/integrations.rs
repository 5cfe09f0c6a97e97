//! `/integrations/…`: the Shopify and WooCommerce connections (owners and managers) and the
//! integration errors, the deliveries that did not become an order.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::page::Limit;
use crate::services::integrations::connections;
use crate::services::orders::Upserted;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::connections::{
    IntegrationErrorPage, SaveShopifyConnection, SaveWooCommerceConnection, ShopConnectionView,
    ShopPlatform,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_shopify)
        .service(save_shopify)
        .service(delete_shopify)
        .service(get_woocommerce)
        .service(save_woocommerce)
        .service(delete_woocommerce)
        .service(list_integration_errors);
}

fn created_or_ok(outcome: Upserted, view: ShopConnectionView) -> HttpResponse {
    match outcome {
        Upserted::Created => HttpResponse::Created().json(view),
        Upserted::Updated => HttpResponse::Ok().json(view),
    }
}

/// The Shopify connection: the URL to paste into Shopify, whether a secret is set, the last
/// delivery received.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), responses(
    (status = 200, body = ShopConnectionView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "Shopify is not connected", body = Problem, content_type = "application/problem+json")
))]
#[get("/integrations/shopify")]
pub async fn get_shopify(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<ShopConnectionView>> {
    Ok(web::Json(
        connections::get_connection(&state.db, &state.links, &caller, ShopPlatform::Shopify)
            .await?,
    ))
}

/// Connect Shopify (201) or change the connection (200). The secret is never shown back.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), request_body = SaveShopifyConnection, responses(
    (status = 201, description = "Connected", body = ShopConnectionView),
    (status = 200, description = "Changed", body = ShopConnectionView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/integrations/shopify")]
pub async fn save_shopify(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<SaveShopifyConnection>,
) -> ApiResult<HttpResponse> {
    let (outcome, view) = connections::save_shopify(&state.db, &state.links, &caller, body).await?;
    Ok(created_or_ok(outcome, view))
}

/// Disconnect Shopify: its URL stops answering at once; the orders it brought stay.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), responses(
    (status = 204, description = "Disconnected"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "Shopify is not connected", body = Problem, content_type = "application/problem+json")
))]
#[delete("/integrations/shopify")]
pub async fn delete_shopify(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<HttpResponse> {
    connections::delete_connection(&state.db, &caller, ShopPlatform::Shopify).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The WooCommerce connection: the URL to paste into WooCommerce, whether a secret is set,
/// the last delivery received.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), responses(
    (status = 200, body = ShopConnectionView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "WooCommerce is not connected", body = Problem, content_type = "application/problem+json")
))]
#[get("/integrations/woocommerce")]
pub async fn get_woocommerce(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<ShopConnectionView>> {
    Ok(web::Json(
        connections::get_connection(&state.db, &state.links, &caller, ShopPlatform::Woocommerce)
            .await?,
    ))
}

/// Connect WooCommerce (201) or change the connection (200). The secret is never shown back.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), request_body = SaveWooCommerceConnection, responses(
    (status = 201, description = "Connected", body = ShopConnectionView),
    (status = 200, description = "Changed", body = ShopConnectionView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/integrations/woocommerce")]
pub async fn save_woocommerce(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<SaveWooCommerceConnection>,
) -> ApiResult<HttpResponse> {
    let (outcome, view) =
        connections::save_woocommerce(&state.db, &state.links, &caller, body).await?;
    Ok(created_or_ok(outcome, view))
}

/// Disconnect WooCommerce: its URL stops answering at once; the orders it brought stay.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), responses(
    (status = 204, description = "Disconnected"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "WooCommerce is not connected", body = Problem, content_type = "application/problem+json")
))]
#[delete("/integrations/woocommerce")]
pub async fn delete_woocommerce(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<HttpResponse> {
    connections::delete_connection(&state.db, &caller, ShopPlatform::Woocommerce).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ErrorQuery {
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// Deliveries from Shopify or WooCommerce that did not become an order, and why; newest
/// first, keyset-paginated. A platform's retries of one delivery keep one row.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(ErrorQuery), responses(
    (status = 200, body = IntegrationErrorPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor or limit", body = Problem, content_type = "application/problem+json")
))]
#[get("/integrations/errors")]
pub async fn list_integration_errors(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ErrorQuery>,
) -> ApiResult<web::Json<IntegrationErrorPage>> {
    let q = query.into_inner();
    let limit = q.limit.get()?;
    Ok(web::Json(
        connections::list_errors(&state.db, &caller, q.cursor.as_deref(), limit).await?,
    ))
}
