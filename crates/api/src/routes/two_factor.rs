//! `/me/two-factor`: the signed-in staff member's two-factor sign-in. Open to them even while
//! the shop requires two factors and they have none (that is how they get them).

use crate::auth::SignedInStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::accounts::two_factor;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::two_factor::{
    RecoveryCodes, TwoFactorCode, TwoFactorEnrolment, TwoFactorStatus,
};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_two_factor)
        .service(start_two_factor)
        .service(confirm_two_factor)
        .service(disable_two_factor)
        .service(regenerate_recovery_codes);
}

/// Whether the signed-in person signs in with a code, whether the shop requires it, and how
/// many recovery codes they have left.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses(
    (status = 200, body = TwoFactorStatus),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "API keys have no two-factor sign-in", body = Problem, content_type = "application/problem+json")
))]
#[get("/me/two-factor")]
pub async fn get_two_factor(
    state: web::Data<AppState>,
    SignedInStaff(caller): SignedInStaff,
) -> ApiResult<web::Json<TwoFactorStatus>> {
    Ok(web::Json(two_factor::status(&state.db, &caller).await?))
}

/// Start enrolment: a new secret as an `otpauth://` URI, its QR code (SVG) and the base32
/// text to type by hand. Nothing changes at sign-in until a code confirms it. Starting again
/// replaces a secret not yet confirmed.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses(
    (status = 201, description = "A secret waiting for its first code", body = TwoFactorEnrolment),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "API keys have no two-factor sign-in", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Two-factor sign-in is already on (turn it off first to move it to another app)", body = Problem, content_type = "application/problem+json")
))]
#[post("/me/two-factor")]
pub async fn start_two_factor(
    state: web::Data<AppState>,
    SignedInStaff(caller): SignedInStaff,
) -> ApiResult<HttpResponse> {
    let enrolment = two_factor::start_enrolment(&state.db, &caller).await?;
    Ok(HttpResponse::Created().json(enrolment))
}

/// Confirm enrolment with the app's current code: from now on signing in asks for a code.
/// The answer holds ten single-use recovery codes, shown this once. The secret is never
/// shown again.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = TwoFactorCode, responses(
    (status = 200, description = "On; the recovery codes, once", body = RecoveryCodes),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "API keys have no two-factor sign-in", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "No enrolment started, or already on", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`code` is not the app's current code (`wrong`), or neither six digits nor a recovery code (`code_format`)", body = Problem, content_type = "application/problem+json")
))]
#[post("/me/two-factor/confirm")]
pub async fn confirm_two_factor(
    state: web::Data<AppState>,
    SignedInStaff(caller): SignedInStaff,
    ValidatedJson(body): ValidatedJson<TwoFactorCode>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    Ok(web::Json(
        two_factor::confirm_enrolment(&state.db, &caller, body).await?,
    ))
}

/// Turn two-factor sign-in off, with the app's current code or a recovery code (the password
/// is not enough: it is what the second factor backs up). The recovery codes are deleted.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = TwoFactorCode, responses(
    (status = 204, description = "Off: the password alone signs in"),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "API keys have no two-factor sign-in", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Two-factor sign-in is not on", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`code` is wrong or already used (`wrong`), or neither six digits nor a recovery code (`code_format`)", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many wrong codes or sign-ins for this account: `Retry-After` says how many seconds to wait", body = Problem, content_type = "application/problem+json")
))]
#[post("/me/two-factor/disable")]
pub async fn disable_two_factor(
    state: web::Data<AppState>,
    SignedInStaff(caller): SignedInStaff,
    ValidatedJson(body): ValidatedJson<TwoFactorCode>,
) -> ApiResult<HttpResponse> {
    two_factor::disable(&state.db, &caller, state.sign_in_backoff, body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// New recovery codes, with the app's current code or a recovery code: the old ones stop
/// working. Shown this once.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = TwoFactorCode, responses(
    (status = 200, description = "Ten new recovery codes, once", body = RecoveryCodes),
    (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "API keys have no two-factor sign-in", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Two-factor sign-in is not on", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`code` is wrong or already used (`wrong`), or neither six digits nor a recovery code (`code_format`)", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many wrong codes or sign-ins for this account: `Retry-After` says how many seconds to wait", body = Problem, content_type = "application/problem+json")
))]
#[post("/me/two-factor/recovery-codes")]
pub async fn regenerate_recovery_codes(
    state: web::Data<AppState>,
    SignedInStaff(caller): SignedInStaff,
    ValidatedJson(body): ValidatedJson<TwoFactorCode>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    Ok(web::Json(
        two_factor::regenerate_recovery_codes(&state.db, &caller, state.sign_in_backoff, body)
            .await?,
    ))
}
