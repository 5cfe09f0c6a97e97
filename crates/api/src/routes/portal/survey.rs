//! `/portal/{slug}/survey/{token}`: the follow-up survey behind the mailed link. Staff read the
//! results under `/analytics`.

use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::analytics::surveys;
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::surveys::{SurveyAnswer, SurveyView};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_survey).service(answer_survey);
}

/// The survey behind a mailed link: the order and any answer already given.
#[utoipa::path(tag = "portal", params(("slug" = String, Path), ("token" = String, Path)), responses(
    (status = 200, body = SurveyView),
    (status = 404, description = "No such survey link", body = Problem, content_type = "application/problem+json")
))]
#[get("/{slug}/survey/{token}")]
pub async fn get_survey(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<SurveyView>> {
    let (slug, token) = path.into_inner();
    Ok(web::Json(
        surveys::view(&state.db, &state.links, &slug, &token).await?,
    ))
}

/// Answer (or change the answer): 1 to 5 stars and an optional comment.
#[utoipa::path(tag = "portal", params(("slug" = String, Path), ("token" = String, Path)),
    request_body = SurveyAnswer, responses(
    (status = 200, body = SurveyView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/{slug}/survey/{token}")]
pub async fn answer_survey(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    ValidatedJson(body): ValidatedJson<SurveyAnswer>,
) -> ApiResult<web::Json<SurveyView>> {
    let (slug, token) = path.into_inner();
    Ok(web::Json(
        surveys::answer(&state.db, &state.links, &slug, &token, body).await?,
    ))
}
