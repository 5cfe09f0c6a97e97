//! `/mail`: what went out ("Sent mail"). Templates are under `/settings/mail`, the shopper's
//! unsubscribe link under the portal.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::services::notifications::mail;
use crate::state::AppState;
use actix_web::{get, web};
use rebound_shared::Problem;
use rebound_shared::api::notifications::{SentMailPage, SentMailView};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sent_mail).service(get_sent_mail);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SentMailQuery {
    /// `next_cursor` of the previous page: the id of the last mail it shows.
    #[param(value_type = Option<uuid::Uuid>)]
    cursor: Option<String>,
}

/// Mail sent, waiting or failed, newest first (50 a page).
#[utoipa::path(tag = "mail", security(("bearer" = [])), params(SentMailQuery), responses(
    (status = 200, body = SentMailPage),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/mail")]
pub async fn list_sent_mail(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<SentMailQuery>,
) -> ApiResult<web::Json<SentMailPage>> {
    Ok(web::Json(
        mail::list_sent(&state.db, &caller, query.cursor.as_deref()).await?,
    ))
}

/// One mail with its plain-text and HTML parts.
#[utoipa::path(tag = "mail", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = SentMailView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/mail/{id}")]
pub async fn get_sent_mail(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<SentMailView>> {
    Ok(web::Json(mail::get_sent(&state.db, &caller, *id).await?))
}
