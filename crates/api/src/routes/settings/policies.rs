//! `/settings/policies`: the shop's return policy rules and the "try it" box. Agents read;
//! owners and managers change.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::TypedJson;
use crate::services::returns::policy_trial;
use crate::services::settings::policies;
use crate::state::AppState;
use actix_web::{get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::policies::{PoliciesView, PolicyTrial, TryPolicies, UpdatePolicies};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_policies)
        .service(update_policies)
        .service(try_policies);
}

/// The return policy rules in force, in the order they are read, each with its sentence. A
/// shop that saved none follows its Returns tab (`source: settings`).
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = PoliciesView),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/policies")]
pub async fn get_policies(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<PoliciesView>> {
    Ok(web::Json(policies::get_policies(&state.db, &caller).await?))
}

/// Save the return policy rules (whole, in order). For each kind of effect the first matching
/// enabled rule decides.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = UpdatePolicies, responses(
    (status = 200, body = PoliciesView),
    (status = 400, description = "Not JSON, or not the rules' shape", body = Problem, content_type = "application/problem+json"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Agents cannot change settings", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Each error names its field, e.g. `rules[2].effect.fee.cap` (a fee in another currency than the shop's) or `rules[0].id` (a repeated id)", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/policies")]
pub async fn update_policies(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    TypedJson(body): TypedJson<UpdatePolicies>,
) -> ApiResult<web::Json<PoliciesView>> {
    Ok(web::Json(
        policies::update_policies(&state.db, &caller, body).await?,
    ))
}

/// Try the rules in force on an order: per item, what may come back (before a reason is
/// chosen and for each active reason), why, until when, and on what terms.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = TryPolicies, responses(
    (status = 200, body = PolicyTrial),
    (status = 400, body = Problem, content_type = "application/problem+json"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No order with this number in the shop", body = Problem, content_type = "application/problem+json")
))]
#[post("/settings/policies/try")]
pub async fn try_policies(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    TypedJson(body): TypedJson<TryPolicies>,
) -> ApiResult<web::Json<PolicyTrial>> {
    Ok(web::Json(
        policy_trial::try_policies(&state.db, &caller, body).await?,
    ))
}
