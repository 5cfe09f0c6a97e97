//! Staff and invitations.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::staff;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::auth::{Session, StaffView};
use rebound_shared::api::staff::{AcceptInvitation, InvitationView, InviteStaff};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_staff)
        .service(invite_staff)
        .service(accept_invitation);
}

/// The merchant's staff (owners and managers).
#[utoipa::path(
    tag = "staff",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Staff, oldest first", body = Vec<StaffView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/staff")]
pub async fn list_staff(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<StaffView>>> {
    Ok(web::Json(staff::list_staff(&state.db, &caller).await?))
}

/// Invite a colleague as manager or agent (owners only). The answer carries the invitation
/// token once; the link is `/dashboard/invitations/{token}`.
#[utoipa::path(
    tag = "staff",
    security(("bearer" = [])),
    request_body = InviteStaff,
    responses(
        (status = 201, description = "Invitation created", body = InvitationView),
        (status = 403, description = "Only owners invite", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Email already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/staff/invitations")]
pub async fn invite_staff(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<InviteStaff>,
) -> ApiResult<HttpResponse> {
    let invitation = staff::invite_staff(&state.db, &caller, body).await?;
    Ok(HttpResponse::Created().json(invitation))
}

/// Accept an invitation: creates the account and signs it in.
#[utoipa::path(
    tag = "staff",
    params(("token" = String, Path, description = "The token from the invitation link")),
    request_body = AcceptInvitation,
    responses(
        (status = 201, description = "Account created, signed in", body = Session),
        (status = 404, description = "Unknown, used or expired invitation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/invitations/{token}/accept")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    token: web::Path<String>,
    ValidatedJson(body): ValidatedJson<AcceptInvitation>,
) -> ApiResult<HttpResponse> {
    let session = staff::accept_invitation(&state.db, &state.tokens, &token, body).await?;
    Ok(HttpResponse::Created().json(session))
}
