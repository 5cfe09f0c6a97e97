//! `/portal/{slug}/order/withdrawal`: the EU withdrawal function (order bearer token).

use super::returns::{idempotency_key, submitted};
use crate::auth::OrderAccess;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::returns::withdrawal;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::returns::{ReturnView, SubmitWithdrawal, WithdrawalOptions};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(withdrawal_options).service(submit_withdrawal);
}

/// Whether the EU withdrawal function is offered for this order (EU orders, shop setting)
/// and until when.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), security(("bearer" = [])), responses(
    (status = 200, body = WithdrawalOptions),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/order/withdrawal")]
pub async fn withdrawal_options(
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
) -> ApiResult<web::Json<WithdrawalOptions>> {
    Ok(web::Json(
        withdrawal::options(&state.db, access, &slug).await?,
    ))
}

/// "Withdraw from contract here": the statement with `confirm: true` makes a refund return
/// (`pending_review`) and records the statement with its date and time. Idempotent like
/// returns.
#[utoipa::path(tag = "portal", security(("bearer" = [])),
    params(
        ("slug" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: one withdrawal per key")
    ),
    request_body = SubmitWithdrawal,
    responses(
        (status = 201, body = ReturnView),
        (status = 200, description = "The withdrawal already made with this key", body = ReturnView),
        (status = 403, description = "Not offered for this order, or the period has ended", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Key reused with a different request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken: `all`, or at least one of this order's items in `item_ids`", body = Problem, content_type = "application/problem+json")
))]
#[post("/{slug}/order/withdrawal")]
pub async fn submit_withdrawal(
    req: HttpRequest,
    state: web::Data<AppState>,
    access: OrderAccess,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<SubmitWithdrawal>,
) -> ApiResult<HttpResponse> {
    let key = idempotency_key(&req);
    Ok(submitted(
        withdrawal::submit(&state.db, state.return_deps(), access, &slug, key, body).await?,
    ))
}
