//! `/me`: the signed-in caller, their signature under helpdesk messages, and whether they get
//! the weekly summary by mail.

use crate::auth::{CurrentStaff, SignedInStaff};
use crate::error::ApiResult;
use crate::extract::{TypedJson, ValidatedJson};
use crate::services::analytics::weekly_summary;
use crate::services::{accounts, helpdesk};
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::analytics::WeeklySummary;
use rebound_shared::api::auth::Me;
use rebound_shared::api::helpdesk::Signature;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me)
        .service(get_signature)
        .service(set_signature)
        .service(get_weekly_summary)
        .service(set_weekly_summary);
}

/// The signed-in staff member, their merchant, what their role allows and where they stand
/// with two-factor sign-in. Answers even while the shop requires two factors they lack.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/me")]
pub async fn me(
    state: web::Data<AppState>,
    SignedInStaff(caller): SignedInStaff,
) -> ApiResult<web::Json<Me>> {
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

/// Whether the signed-in owner or manager gets the weekly summary: every Monday (UTC), last
/// week's figures from the analytics cards against the week before, by mail. Off by default.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), responses(
    (status = 200, body = WeeklySummary),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Agents and API keys get no weekly summary", body = Problem, content_type = "application/problem+json")
))]
#[get("/me/weekly-summary")]
pub async fn get_weekly_summary(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<WeeklySummary>> {
    Ok(web::Json(
        weekly_summary::get_weekly_summary(&state.db, &caller).await?,
    ))
}

/// Turn the weekly summary on (in `locale`) or off for the signed-in owner or manager. The
/// first mail covers the week it was turned on in; turning it on again keeps that.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), request_body = WeeklySummary, responses(
    (status = 200, body = WeeklySummary),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Agents and API keys get no weekly summary", body = Problem, content_type = "application/problem+json")
))]
#[put("/me/weekly-summary")]
pub async fn set_weekly_summary(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    TypedJson(body): TypedJson<WeeklySummary>,
) -> ApiResult<web::Json<WeeklySummary>> {
    Ok(web::Json(
        weekly_summary::set_weekly_summary(&state.db, &caller, body).await?,
    ))
}
