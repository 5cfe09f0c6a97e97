//! `/merchants` (sign-up) and `/auth/login` (sign-in, and its second step with a code). The
//! signed-in caller is under `/me`.

use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::accounts;
use crate::services::accounts::SignIn;
use crate::services::accounts::password_resets;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use rebound_shared::Problem;
use rebound_shared::api::auth::{
    Login, RegisterMerchant, RequestPasswordReset, ResetPassword, Session,
};
use rebound_shared::api::two_factor::{LoginSecondStep, TwoFactorChallenge};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register_merchant)
        .service(login)
        .service(login_second_step)
        .service(request_password_reset)
        .service(reset_password);
}

/// Register a merchant and its owner account; answers with a signed-in session.
#[utoipa::path(
    tag = "accounts",
    request_body = RegisterMerchant,
    responses(
        (status = 201, description = "Merchant created, owner signed in", body = Session),
        (status = 409, description = "Slug or email already taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/merchants")]
pub async fn register_merchant(
    state: web::Data<AppState>,
    ValidatedJson(body): ValidatedJson<RegisterMerchant>,
) -> ApiResult<HttpResponse> {
    let session = accounts::register_merchant(&state.db, &state.tokens, body).await?;
    Ok(HttpResponse::Created().json(session))
}

/// Sign in with email and password. A wrong email and a wrong password get the same answer.
/// On an account with two-factor sign-in a right password answers `202` with a challenge:
/// send it with a code to `POST /auth/login/two-factor` within five minutes. After five
/// failures in a row for one address (known or not), each further attempt waits longer
/// (doubling, at most 15 minutes) and is refused with 429 until then, the right password
/// included.
#[utoipa::path(
    tag = "accounts",
    request_body = Login,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 202, description = "Password right; this account also asks for a code: answer the challenge at `POST /auth/login/two-factor`", body = TwoFactorChallenge),
        (status = 401, description = "Email or password is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this address: `Retry-After` says how many seconds to wait", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait before the next attempt")))
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    ValidatedJson(body): ValidatedJson<Login>,
) -> ApiResult<HttpResponse> {
    Ok(
        match accounts::login(&state.db, &state.tokens, state.sign_in_backoff, body).await? {
            SignIn::Session(session) => HttpResponse::Ok().json(session),
            SignIn::SecondStep(challenge) => HttpResponse::Accepted().json(challenge),
        },
    )
}

/// The second step of signing in: the challenge from `POST /auth/login` and a code from the
/// authenticator app (each code works once) or one of the recovery codes (each works once).
/// Wrong codes count towards the same slowdown as wrong passwords.
#[utoipa::path(
    tag = "accounts",
    request_body = LoginSecondStep,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 401, description = "The code is wrong or already used (`errors` names `code`), or the challenge expired or is not valid (`challenge_token`: sign in again)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid: `code` is neither six digits nor a recovery code", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this account: `Retry-After` says how many seconds to wait", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait before the next attempt")))
    )
)]
#[post("/auth/login/two-factor")]
pub async fn login_second_step(
    state: web::Data<AppState>,
    ValidatedJson(body): ValidatedJson<LoginSecondStep>,
) -> ApiResult<web::Json<Session>> {
    Ok(web::Json(
        accounts::login_second_step(&state.db, &state.tokens, state.sign_in_backoff, body).await?,
    ))
}

/// "Forgot password?": mails a reset link valid for an hour when the address has an account.
/// Always 202, account or not; asking again within five minutes sends nothing new.
#[utoipa::path(
    tag = "accounts",
    request_body = RequestPasswordReset,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    ValidatedJson(body): ValidatedJson<RequestPasswordReset>,
) -> ApiResult<HttpResponse> {
    password_resets::request_password_reset(&state.db, &state.links, body).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with the token from the reset link. The link works once, and every
/// session of the account ends.
#[utoipa::path(
    tag = "accounts",
    params(("token" = String, Path, description = "The token from the reset link")),
    request_body = ResetPassword,
    responses(
        (status = 204, description = "Password changed; sign in with it"),
        (status = 404, description = "Unknown, used or expired link", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/password-reset/{token}")]
pub async fn reset_password(
    state: web::Data<AppState>,
    token: web::Path<String>,
    ValidatedJson(body): ValidatedJson<ResetPassword>,
) -> ApiResult<HttpResponse> {
    password_resets::reset_password(&state.db, &token, body).await?;
    Ok(HttpResponse::NoContent().finish())
}
