//! `/portal/{slug}/order/returns`: the shopper's returns (order bearer token): what can be
//! returned, submitting a return and following it.

use crate::auth::OrderAccess;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::returns::exchange_search;
use crate::services::returns::shopper_cancel;
use crate::services::returns::submit::{self, Submitted};
use crate::state::AppState;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::exchanges::ExchangeChoice;
use rebound_shared::api::returns::{CreateReturn, ReturnOptions, ReturnView};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(return_options)
        .service(create_return)
        .service(list_returns)
        .service(cancel_return)
        .service(exchange_catalogue);
}

pub(crate) fn idempotency_key(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// 201 with the new return, or 200 with the first answer again for a repeated submission.
pub(crate) fn submitted(s: Submitted) -> HttpResponse {
    let mut response = if s.replayed {
        HttpResponse::Ok()
    } else {
        HttpResponse::Created()
    };
    response
        .insert_header((CONTENT_TYPE, "application/json"))
        .body(s.body)
}

/// What the looked-up order may return: per item the quantity left (and why none), the
/// shop's active reasons, resolutions and methods, and when the return window closes.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = ReturnOptions),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/order/returns/options")]
pub async fn return_options(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<ReturnOptions>> {
    Ok(web::Json(submit::options(&state.db, access, &slug).await?))
}

/// Start a return. A defective item makes it `needs_contact` (no label); otherwise it is
/// `approved` at once under automatic approval, else `pending_review`. Submitting again with
/// the same `Idempotency-Key` header or `client_request_id` answers 200 with the first return;
/// the same key with a different body is a 409.
#[utoipa::path(tag = "portal", security(("bearer" = [])),
    params(
        ("slug" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: one return per key")
    ),
    request_body = CreateReturn,
    responses(
        (status = 201, body = ReturnView),
        (status = 200, description = "The return already made with this key", body = ReturnView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The shop takes no returns online", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Key reused with a different request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; `errors` names each field (`items[0].quantity`; `items[0].photo_ids` for a defective item, or for a kept item whose rule asks to see it first when every item is kept)", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/returns")]
pub async fn create_return(
    req: HttpRequest,
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<CreateReturn>,
) -> ApiResult<HttpResponse> {
    let key = idempotency_key(&req);
    Ok(submitted(
        submit::create(&state.db, state.return_deps(), access, &slug, key, body).await?,
    ))
}

/// The order's returns, newest first, with items, status and history.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = Vec<ReturnView>),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/order/returns")]
pub async fn list_returns(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<Vec<ReturnView>>> {
    Ok(web::Json(
        submit::list(&state.db, state.return_deps(), access, &slug).await?,
    ))
}

/// Cancel a return before sending anything (`pending_review`, `needs_contact` or `approved`
/// with no carrier scan yet): it becomes `cancelled`, its items may be returned again, and
/// its label is voided. Cancelling a cancelled return answers it again.
#[utoipa::path(tag = "portal", security(("bearer" = [])),
    params(("slug" = String, Path), ("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = ReturnView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such return on this order", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The parcel is on its way or the return was decided: contact the shop", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/returns/{id}/cancel")]
pub async fn cancel_return(
    state: web::Data<AppState>,
    access: OrderAccess,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<ReturnView>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        shopper_cancel::cancel(&state.db, state.return_deps(), access, &slug, id).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExchangeCatalogueQuery {
    /// A SKU, or text of the product title (any case); none: the first products in stock.
    q: Option<String>,
}

/// "Shop the catalogue": another product to exchange an item for, where the shop allows it
/// (`exchanges.other_products`). At most 24 variants by title, only those in stock and priced
/// in the order's currency: what a submission with that `exchange_sku` would accept.
#[utoipa::path(tag = "portal", security(("bearer" = [])),
    params(("slug" = String, Path), ExchangeCatalogueQuery),
    responses(
        (status = 200, body = Vec<ExchangeChoice>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The shop exchanges for another variant of the same product only, or takes no exchanges", body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/order/exchange-catalogue")]
pub async fn exchange_catalogue(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    query: web::Query<ExchangeCatalogueQuery>,
) -> ApiResult<web::Json<Vec<ExchangeChoice>>> {
    Ok(web::Json(
        exchange_search::search_exchange_catalogue(&state.db, access, &slug, query.q.as_deref())
            .await?,
    ))
}
