//! Staff of a merchant: listing them, inviting a colleague with a role, accepting an invitation.

use crate::auth::password::hash_password;
use crate::auth::{CurrentStaff, TokenKeys};
use crate::db::begin_write;
use crate::db::entities::{merchant, staff, staff_invitation};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::{parse_role, session, staff_view};
use crate::services::{conflict_on, random_token, sha256_hex};
use chrono::{Duration, Utc};
use rebound_shared::api::auth::{Session, StaffView};
use rebound_shared::api::staff::{AcceptInvitation, InvitationView, InviteStaff};
use rebound_shared::domain::Email;
use rebound_shared::{ErrorKind, Permission, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// Invitations expire after a week: long enough for a holiday, short enough to forget safely.
const INVITATION_DAYS: i64 = 7;

pub async fn list_staff(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<StaffView>> {
    caller.require(Permission::ViewStaff)?;
    caller
        .tenant
        .find::<staff::Entity>()
        .order_by_asc(staff::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(staff_view)
        .collect()
}

pub async fn invite_staff(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    req: InviteStaff,
) -> ApiResult<InvitationView> {
    caller.require(Permission::ManageStaff)?;
    if req.role == Role::Owner {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "role",
            "role",
            "invite a manager or an agent; a merchant has one owner",
        ));
    }
    let email = Email::parse(&req.email).map_err(|_| {
        ApiError::field(
            ErrorKind::Validation,
            "email",
            "email",
            "enter a valid email address",
        )
    })?;
    let txn = begin_write(db).await?;
    let already_staff = staff::Entity::find()
        .filter(staff::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
        .is_some();
    if already_staff {
        return Err(ApiError::field(
            ErrorKind::Conflict,
            "email",
            "taken",
            "an account already uses this email",
        ));
    }
    let token = random_token();
    let now = Utc::now();
    let invitation = staff_invitation::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        email: Set(email.to_string()),
        role: Set(req.role.as_str().to_owned()),
        token_hash: Set(sha256_hex(&token)),
        invited_by: Set(caller.staff_id),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        accepted_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(InvitationView {
        id: invitation.id,
        email: invitation.email,
        role: req.role,
        expires_at: invitation.expires_at,
        token: Some(token),
    })
}

pub async fn accept_invitation(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    token: &str,
    req: AcceptInvitation,
) -> ApiResult<Session> {
    let password_hash = hash_password(&req.password).map_err(ApiError::internal)?;
    let txn = begin_write(db).await?;
    let invitation = staff_invitation::Entity::find()
        .filter(staff_invitation::Column::TokenHash.eq(sha256_hex(token)))
        .one(&txn)
        .await?
        .filter(|i| i.accepted_at.is_none() && i.expires_at > Utc::now())
        .ok_or_else(|| ApiError::not_found("invitation (it may have expired or been used)"))?;
    let merchant = merchant::Entity::find_by_id(invitation.merchant_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let role = parse_role(&invitation.role)?;
    let now = Utc::now();
    let member = staff::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(invitation.merchant_id),
        email: Set(invitation.email.clone()),
        name: Set(req.name.trim().to_owned()),
        password_hash: Set(password_hash),
        role: Set(role.as_str().to_owned()),
        created_at: Set(now),
        signature: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(conflict_on("email", "an account already uses this email"))?;
    let mut accepted: staff_invitation::ActiveModel = invitation.into();
    accepted.accepted_at = Set(Some(now));
    accepted.update(&txn).await?;
    txn.commit().await?;
    session(keys, member, merchant)
}
