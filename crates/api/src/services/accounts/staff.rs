//! Staff of a merchant: listing them, inviting a colleague with a role, accepting, listing and
//! revoking invitations, changing a colleague's role, removing a colleague.

use crate::auth::password::hash_password;
use crate::auth::{CurrentStaff, TokenKeys};
use crate::db::begin_write;
use crate::db::entities::{merchant, staff, staff_invitation};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use crate::services::accounts::{parse_role, session, staff_view};
use crate::services::{conflict_on, random_token, sha256_hex};
use chrono::{Duration, Utc};
use rebound_shared::api::auth::{Session, StaffView};
use rebound_shared::api::settings::Change;
use rebound_shared::api::staff::{AcceptInvitation, ChangeRole, InvitationView, InviteStaff};
use rebound_shared::domain::Email;
use rebound_shared::{ErrorKind, Permission, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// The audit log's area for everything in this file.
const AUDIT_AREA: &str = "staff";

fn event(field: &str, from: Value, to: Value) -> Change {
    Change {
        field: field.to_owned(),
        from,
        to,
    }
}

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
    let token = random_token().map_err(ApiError::internal)?;
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
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let sent = event(
        "invitation.sent",
        Value::Null,
        json!({ "email": invitation.email, "role": req.role }),
    );
    audit::record(&txn, caller, AUDIT_AREA, vec![sent]).await?;
    txn.commit().await?;
    Ok(InvitationView {
        id: invitation.id,
        email: invitation.email,
        role: req.role,
        expires_at: invitation.expires_at,
        token: Some(token),
        created_at: Some(invitation.created_at),
    })
}

/// Invitations not yet accepted, revoked or expired, newest first.
pub async fn list_invitations(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<InvitationView>> {
    caller.require(Permission::ViewStaff)?;
    caller
        .tenant
        .find::<staff_invitation::Entity>()
        .filter(staff_invitation::Column::AcceptedAt.is_null())
        .filter(staff_invitation::Column::RevokedAt.is_null())
        .filter(staff_invitation::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(staff_invitation::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|i| {
            Ok(InvitationView {
                role: parse_role(&i.role)?,
                id: i.id,
                email: i.email,
                expires_at: i.expires_at,
                token: None,
                created_at: Some(i.created_at),
            })
        })
        .collect()
}

/// Withdraws a pending invitation: its link stops working. Revoking twice is harmless; an
/// accepted invitation is a colleague now (remove them instead).
pub async fn revoke_invitation(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<()> {
    caller.require(Permission::ManageStaff)?;
    let txn = begin_write(db).await?;
    let invitation = caller
        .tenant
        .get::<staff_invitation::Entity>(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    if invitation.accepted_at.is_some() {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "this invitation was already accepted; remove the colleague instead",
        ));
    }
    if invitation.revoked_at.is_some() {
        return Ok(());
    }
    let revoked = event(
        "invitation.revoked",
        json!({ "email": invitation.email, "role": invitation.role }),
        Value::Null,
    );
    let mut row: staff_invitation::ActiveModel = invitation.into();
    row.revoked_at = Set(Some(Utc::now()));
    row.update(&txn).await?;
    audit::record(&txn, caller, AUDIT_AREA, vec![revoked]).await?;
    txn.commit().await?;
    Ok(())
}

/// The colleague `id` of the caller's merchant, if the caller may manage them: never oneself
/// (an owner locking themselves out by mistake has nobody to undo it).
async fn managed_colleague(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<staff::Model> {
    caller.require(Permission::ManageStaff)?;
    if id == caller.staff_id {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "you cannot change or remove your own account; ask another owner",
        ));
    }
    caller
        .tenant
        .get::<staff::Entity>(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("staff member"))
}

/// Refuses when `member` is the merchant's only owner: someone must always be able to manage
/// the staff and the billing.
async fn keep_an_owner(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    member: &staff::Model,
) -> ApiResult<()> {
    if member.role != Role::Owner.as_str() {
        return Ok(());
    }
    let owners = caller
        .tenant
        .find::<staff::Entity>()
        .filter(staff::Column::Role.eq(Role::Owner.as_str()))
        .count(db)
        .await?;
    if owners <= 1 {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "a merchant keeps at least one owner; make someone else owner first",
        ));
    }
    Ok(())
}

/// Gives a colleague another role; it applies to their very next request.
pub async fn change_role(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
    req: ChangeRole,
) -> ApiResult<StaffView> {
    let txn = begin_write(db).await?;
    let member = managed_colleague(&txn, caller, id).await?;
    if member.role == req.role.as_str() {
        return staff_view(member);
    }
    keep_an_owner(&txn, caller, &member).await?;
    let changed = event(
        "staff.role",
        json!({ "email": member.email, "role": member.role }),
        json!({ "email": member.email, "role": req.role }),
    );
    let mut row: staff::ActiveModel = member.into();
    row.role = Set(req.role.as_str().to_owned());
    let saved = row.update(&txn).await?;
    audit::record(&txn, caller, AUDIT_AREA, vec![changed]).await?;
    txn.commit().await?;
    staff_view(saved)
}

/// Removes a colleague's account: their tokens stop working at once (every request checks the
/// account still exists). What they wrote stays; the audit log keeps their name and email.
pub async fn remove_staff(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<()> {
    let txn = begin_write(db).await?;
    let member = managed_colleague(&txn, caller, id).await?;
    keep_an_owner(&txn, caller, &member).await?;
    let removed = event(
        "staff.removed",
        json!({ "email": member.email, "name": member.name, "role": member.role }),
        Value::Null,
    );
    member.delete(&txn).await?;
    audit::record(&txn, caller, AUDIT_AREA, vec![removed]).await?;
    txn.commit().await?;
    Ok(())
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
    if invitation.revoked_at.is_some() {
        return Err(ApiError::new(
            ErrorKind::NotFound,
            "this invitation was withdrawn by the shop; ask them for a new one",
        ));
    }
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
        session_version: Set(0),
        weekly_summary_since: Set(None),
        weekly_summary_locale: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(conflict_on("email", "an account already uses this email"))?;
    let joined = event(
        "invitation.accepted",
        Value::Null,
        json!({ "email": member.email, "name": member.name, "role": member.role }),
    );
    audit::record_as(
        &txn,
        member.merchant_id,
        member.id,
        AUDIT_AREA,
        vec![joined],
    )
    .await?;
    let mut accepted: staff_invitation::ActiveModel = invitation.into();
    accepted.accepted_at = Set(Some(now));
    accepted.update(&txn).await?;
    txn.commit().await?;
    session(keys, member, merchant)
}
