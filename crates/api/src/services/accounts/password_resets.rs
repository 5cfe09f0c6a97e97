//! "Forgot password?": a single-use link by mail, valid an hour, that sets a new password and
//! ends every session of the account.

use crate::db::begin_write;
use crate::db::entities::{merchant, password_reset, staff};
use crate::error::{ApiError, ApiResult};
use crate::notify::{Links, Outgoing, enqueue};
use crate::services::{random_token, sha256_hex};
use chrono::{Duration, Utc};
use rebound_shared::ErrorKind;
use rebound_shared::api::auth::{RequestPasswordReset, ResetPassword};
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::domain::Email;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// How long a link works.
const LINK_MINUTES: i64 = 60;
/// One pending link per account: asking again sooner sends nothing new, so the form cannot be
/// used to flood someone's inbox.
const RESEND_AFTER_MINUTES: i64 = 5;

/// The dashboard page a reset link opens.
pub fn reset_path(token: &str) -> String {
    format!("/dashboard/password-reset/{token}")
}

/// Queues the reset mail when `email` has an account. Answers the same either way: whether an
/// address has an account is not for a stranger to learn.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    links: &Links,
    req: RequestPasswordReset,
) -> ApiResult<()> {
    let Ok(email) = Email::parse(&req.email) else {
        return Ok(());
    };
    let txn = begin_write(db).await?;
    let Some(member) = staff::Entity::find()
        .filter(staff::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let now = Utc::now();
    let pending = password_reset::Entity::find()
        .filter(password_reset::Column::StaffId.eq(member.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .order_by_desc(password_reset::Column::CreatedAt)
        .one(&txn)
        .await?;
    if pending.is_some_and(|p| now - p.created_at < Duration::minutes(RESEND_AFTER_MINUTES)) {
        return Ok(());
    }
    // A new link replaces the older ones: only the latest mail works.
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::StaffId.eq(member.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let token = random_token().map_err(ApiError::internal)?;
    let reset = password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(member.merchant_id),
        staff_id: Set(member.id),
        token_hash: Set(sha256_hex(&token)),
        expires_at: Set(now + Duration::minutes(LINK_MINUTES)),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let shop = merchant::Entity::find_by_id(member.merchant_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let locale = req.locale.unwrap_or_default().as_str();
    let mail = Outgoing::new(MailEvent::PasswordReset, &member.email, locale, reset.id)
        .var("staff_name", member.name.clone())
        .var("reset_url", links.absolute(&reset_path(&token)));
    enqueue(&txn, links, &shop, mail).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the new password from a reset link, uses the link up and signs the account out
/// everywhere (a reset often follows a suspected break-in).
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    req: ResetPassword,
) -> ApiResult<()> {
    // Hash before the transaction: it is slow on purpose and must not hold the write lock.
    let password = req.password;
    let password_hash =
        tokio::task::spawn_blocking(move || crate::auth::password::hash_password(&password))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let reset = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(sha256_hex(token)))
        .one(&txn)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::NotFound,
                "this reset link has expired or was already used; ask for a new one",
            )
        })?;
    let member = staff::Entity::find_by_id(reset.staff_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("account"))?;
    let version = member.session_version + 1;
    let mut row: staff::ActiveModel = member.into();
    row.password_hash = Set(password_hash);
    row.session_version = Set(version);
    row.update(&txn).await?;
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::StaffId.eq(reset.staff_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
