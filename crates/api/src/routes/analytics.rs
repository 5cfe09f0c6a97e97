//! `/analytics`: what the shop learns from its shoppers (survey results).

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::services::analytics::surveys;
use crate::state::AppState;
use actix_web::{get, web};
use rebound_shared::Problem;
use rebound_shared::api::surveys::SurveyStats;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(survey_stats);
}

/// Survey results: answers, average, the count per rating and the latest comments.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), responses(
    (status = 200, body = SurveyStats),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/surveys")]
pub async fn survey_stats(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<SurveyStats>> {
    Ok(web::Json(surveys::stats(&state.db, &caller).await?))
}
