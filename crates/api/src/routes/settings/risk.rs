//! `/settings/risk`: the thresholds past which a shopper is flagged. Agents read; owners and
//! managers change.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::TypedJson;
use crate::services::settings::risk;
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::risk::RiskSettingsView;
use rebound_shared::domain::risk::RiskThresholds;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_risk).service(update_risk);
}

/// The shop's risk thresholds (all empty until set: nobody is flagged) and the currency the
/// value threshold is written in.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = RiskSettingsView),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/risk")]
pub async fn get_risk(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<RiskSettingsView>> {
    Ok(web::Json(risk::get_risk(&state.db, &caller).await?))
}

/// Save the risk thresholds (whole). A shopper crossing any one of them is flagged on their
/// next return; with `review_flagged`, that return waits for staff review even when approval
/// is automatic. Returns submitted before keep the flags they had.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = RiskThresholds, responses(
    (status = 200, body = RiskSettingsView),
    (status = 400, description = "Not JSON, or not the thresholds' shape", body = Problem, content_type = "application/problem+json"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Agents cannot change settings", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Each error names its field, e.g. `returns_at_least` (0) or `value_returned_at_least` (another currency than the shop's)", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/risk")]
pub async fn update_risk(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    TypedJson(body): TypedJson<RiskThresholds>,
) -> ApiResult<web::Json<RiskSettingsView>> {
    Ok(web::Json(
        risk::update_risk(&state.db, &caller, body).await?,
    ))
}
