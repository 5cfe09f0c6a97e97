//! `/onboarding`: the dashboard's first-run checklist.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::settings::onboarding;
use crate::state::AppState;
use actix_web::{get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::onboarding::{Onboarding, RecordOnboarding};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_onboarding).service(record_onboarding);
}

/// The first-run checklist: each step's state read from the shop's data, and why shoppers
/// cannot start returns yet, if they cannot.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = Onboarding),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json")
))]
#[get("/onboarding")]
pub async fn get_onboarding(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Onboarding>> {
    Ok(web::Json(
        onboarding::get_onboarding(&state.db, &caller).await?,
    ))
}

/// Record what was done on the checklist itself: the portal link or snippet copied (any
/// staff), or the checklist dismissed (owners and managers). Idempotent.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = RecordOnboarding, responses(
    (status = 200, description = "The checklist after the event", body = Onboarding),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Unknown event", body = Problem, content_type = "application/problem+json")
))]
#[post("/onboarding")]
pub async fn record_onboarding(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<RecordOnboarding>,
) -> ApiResult<web::Json<Onboarding>> {
    Ok(web::Json(
        onboarding::record_onboarding(&state.db, &caller, body.event).await?,
    ))
}
