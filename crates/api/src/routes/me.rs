//! `/me`: the signed-in caller, and their signature under helpdesk messages.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::{accounts, helpdesk};
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::auth::Me;
use rebound_shared::api::helpdesk::Signature;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me)
        .service(get_signature)
        .service(set_signature);
}

/// The signed-in staff member, their merchant and what their role allows.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, caller: CurrentStaff) -> ApiResult<web::Json<Me>> {
    Ok(web::Json(accounts::me(&state.db, &caller).await?))
}

/// The signed-in staff member's signature.
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), responses(
    (status = 200, body = Signature),
    (status = 403, description = "API keys have no signature", body = Problem, content_type = "application/problem+json")
))]
#[get("/me/signature")]
pub async fn get_signature(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Signature>> {
    Ok(web::Json(
        helpdesk::get_signature(&state.db, &caller).await?,
    ))
}

/// Set the signature appended to this staff member's messages (empty removes it).
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), request_body = Signature, responses(
    (status = 200, body = Signature),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/me/signature")]
pub async fn set_signature(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<Signature>,
) -> ApiResult<web::Json<Signature>> {
    Ok(web::Json(
        helpdesk::set_signature(&state.db, &caller, body).await?,
    ))
}
