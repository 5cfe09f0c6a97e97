//! `/settings/security`: the shop's sign-in rules. Everyone reads; owners change.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::accounts::sign_in_rules;
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::two_factor::SecuritySettings;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_security).service(update_security);
}

/// The shop's sign-in rules: whether everyone must sign in with two factors.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = SecuritySettings),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "This API key's scopes do not allow reading settings", body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/security")]
pub async fn get_security(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<SecuritySettings>> {
    Ok(web::Json(
        sign_in_rules::get_security(&state.db, &caller).await?,
    ))
}

/// Require two-factor sign-in from everyone, or stop requiring it (owners only). While it is
/// on, a staff member without it keeps their session but reaches only `/me` and
/// `/me/two-factor…` (every other operation answers 403 `two_factor_required`) until they turn
/// it on. An owner turns it on after turning on their own.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = SecuritySettings, responses(
    (status = 200, body = SecuritySettings),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Only owners change the sign-in rules", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`require_two_factor` (`enrol_first`): the owner has no two-factor sign-in yet", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`require_two_factor` is missing or not a boolean", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/security")]
pub async fn update_security(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<SecuritySettings>,
) -> ApiResult<web::Json<SecuritySettings>> {
    Ok(web::Json(
        sign_in_rules::set_security(&state.db, &caller, body).await?,
    ))
}
