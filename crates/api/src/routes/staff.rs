//! Staff and invitations.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::accounts::staff;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::auth::{Session, StaffView};
use rebound_shared::api::staff::{AcceptInvitation, ChangeRole, InvitationView, InviteStaff};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_staff)
        .service(list_invitations)
        .service(invite_staff)
        .service(revoke_invitation)
        .service(change_staff_role)
        .service(remove_staff)
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
        (status = 404, description = "Unknown, used, expired or revoked invitation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An account already uses the invited email", body = Problem, content_type = "application/problem+json"),
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

/// Pending invitations (not accepted, revoked or expired), newest first. Tokens are not shown
/// again.
#[utoipa::path(
    tag = "staff",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Pending invitations", body = Vec<InvitationView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/staff/invitations")]
pub async fn list_invitations(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<InvitationView>>> {
    Ok(web::Json(
        staff::list_invitations(&state.db, &caller).await?,
    ))
}

/// Revoke a pending invitation (owners only): its link stops working. Idempotent.
#[utoipa::path(
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only owners revoke", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invitation at this merchant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already accepted", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/staff/invitations/{id}")]
pub async fn revoke_invitation(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    staff::revoke_invitation(&state.db, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Change a colleague's role (owners only). Not one's own, and never the last owner's.
#[utoipa::path(
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The staff member's id")),
    request_body = ChangeRole,
    responses(
        (status = 200, description = "The colleague with the new role", body = StaffView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only owners change roles", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such staff member at this merchant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own role, or the last owner", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/staff/{id}/role")]
pub async fn change_staff_role(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<ChangeRole>,
) -> ApiResult<web::Json<StaffView>> {
    Ok(web::Json(
        staff::change_role(&state.db, &caller, *id, body).await?,
    ))
}

/// Remove a colleague (owners only): their sessions stop working at once. Not oneself, and
/// never the last owner.
#[utoipa::path(
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The staff member's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only owners remove staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such staff member at this merchant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Oneself, or the last owner", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/staff/{id}")]
pub async fn remove_staff(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    staff::remove_staff(&state.db, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
