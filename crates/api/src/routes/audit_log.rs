//! `/audit-log`: who changed which setting.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::services::accounts::audit;
use crate::state::AppState;
use actix_web::{get, web};
use rebound_shared::Problem;
use rebound_shared::api::settings::AuditEntry;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_log);
}

/// Who changed which setting, newest first (owners only).
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = Vec<AuditEntry>),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/audit-log")]
pub async fn list_audit_log(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<AuditEntry>>> {
    Ok(web::Json(audit::list_audit(&state.db, &caller).await?))
}
