//! Two-factor sign-in for the signed-in staff member: enrolment (a secret, confirmed by a
//! first code), recovery codes (shown once, kept hashed, each used once), turning it off, and
//! the check of a second factor that signing in and these operations share. A code is
//! accepted once: the step it belongs to is remembered and older or equal steps are refused.

use super::audit;
use super::sign_in_slowdown::{self, Attempt};
use crate::auth::CurrentStaff;
use crate::auth::one_time_code;
use crate::db::begin_write;
use crate::db::entities::{staff, staff_recovery_code, staff_two_factor};
use crate::error::{ApiError, ApiResult};
use crate::services::sha256_hex;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::settings::Change;
use rebound_shared::api::two_factor::{
    RecoveryCodes, TwoFactorCode, TwoFactorEnrolment, TwoFactorStatus,
};
use rebound_shared::domain::SecondFactor;
use rebound_shared::domain::second_factor::format_recovery_code;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;

/// The audit log's area for these entries.
pub const AUDIT_AREA: &str = "two_factor";

/// What checking a second factor found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// A fresh app code.
    AppCode,
    /// An unused recovery code, now used; how many are left.
    RecoveryCode { left: u64 },
    /// Wrong, or already used.
    Wrong,
    /// The person has no two-factor sign-in (any more).
    NotEnabled,
}

fn person(caller: &CurrentStaff) -> ApiResult<Uuid> {
    if caller.is_api_key() {
        return Err(ApiError::forbidden(
            "API keys do not sign in; two-factor sign-in is for people",
        ));
    }
    Ok(caller.staff_id)
}

async fn confirmed(
    db: &impl ConnectionTrait,
    staff_id: Uuid,
) -> ApiResult<Option<staff_two_factor::Model>> {
    Ok(staff_two_factor::Entity::find_by_id(staff_id)
        .one(db)
        .await?
        .filter(|row| row.confirmed_at.is_some()))
}

/// Whether `staff_id` signs in with a code.
pub async fn is_enabled(db: &impl ConnectionTrait, staff_id: Uuid) -> ApiResult<bool> {
    Ok(confirmed(db, staff_id).await?.is_some())
}

async fn codes_left(db: &impl ConnectionTrait, staff_id: Uuid) -> ApiResult<u64> {
    Ok(staff_recovery_code::Entity::find()
        .filter(staff_recovery_code::Column::StaffId.eq(staff_id))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

pub async fn status(db: &DatabaseConnection, caller: &CurrentStaff) -> ApiResult<TwoFactorStatus> {
    let staff_id = person(caller)?;
    let enabled = is_enabled(db, staff_id).await?;
    Ok(TwoFactorStatus {
        enabled,
        required: super::sign_in_rules::requires_two_factor(db, caller.tenant.merchant_id())
            .await?,
        recovery_codes_left: if enabled {
            u32::try_from(codes_left(db, staff_id).await?).unwrap_or(u32::MAX)
        } else {
            0
        },
    })
}

fn already_on() -> ApiError {
    ApiError::new(
        ErrorKind::Conflict,
        "two-factor sign-in is already on; turn it off first to move it to another app",
    )
}

fn not_on() -> ApiError {
    ApiError::new(ErrorKind::Conflict, "two-factor sign-in is not on")
}

fn wrong_code() -> ApiError {
    ApiError::field(
        ErrorKind::Validation,
        "code",
        "wrong",
        "this code is not right, or was already used",
    )
}

/// Starts (or starts again) enrolment: a new secret, not in force until a code confirms it.
pub async fn start_enrolment(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<TwoFactorEnrolment> {
    let staff_id = person(caller)?;
    let me = caller
        .tenant
        .get::<staff::Entity>(staff_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
    let secret = one_time_code::new_secret()?;
    let otpauth_uri = one_time_code::otpauth_uri(&secret, &me.email)?;
    let qr_svg = one_time_code::qr_svg(&otpauth_uri)?;
    let txn = begin_write(db).await?;
    match staff_two_factor::Entity::find_by_id(staff_id)
        .one(&txn)
        .await?
    {
        Some(row) if row.confirmed_at.is_some() => return Err(already_on()),
        Some(row) => {
            let mut row: staff_two_factor::ActiveModel = row.into();
            row.secret = Set(secret.clone());
            row.last_step = Set(None);
            row.created_at = Set(Utc::now());
            row.update(&txn).await?;
        }
        None => {
            staff_two_factor::ActiveModel {
                staff_id: Set(staff_id),
                secret: Set(secret.clone()),
                confirmed_at: Set(None),
                last_step: Set(None),
                created_at: Set(Utc::now()),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(TwoFactorEnrolment {
        otpauth_uri,
        secret,
        qr_svg,
    })
}

/// Confirms enrolment with a code from the app: two-factor sign-in is on from now, and the
/// answer carries the recovery codes, once.
pub async fn confirm_enrolment(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    body: TwoFactorCode,
) -> ApiResult<RecoveryCodes> {
    let staff_id = person(caller)?;
    let pending = staff_two_factor::Entity::find_by_id(staff_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::Conflict,
                "start enrolment first: there is no secret to confirm",
            )
        })?;
    if pending.confirmed_at.is_some() {
        return Err(already_on());
    }
    let Ok(SecondFactor::Totp(code)) = SecondFactor::parse(&body.code) else {
        return Err(wrong_code());
    };
    let step =
        one_time_code::matching_step(&pending.secret, &code, now_secs())?.ok_or_else(wrong_code)?;
    let codes = one_time_code::new_recovery_codes()?;
    let txn = begin_write(db).await?;
    // Confirms only the secret that was checked, once: a second confirmation or a restarted
    // enrolment in between changes nothing.
    let done = staff_two_factor::Entity::update_many()
        .col_expr(
            staff_two_factor::Column::ConfirmedAt,
            Expr::value(Utc::now()),
        )
        .col_expr(
            staff_two_factor::Column::LastStep,
            Expr::value(step_i64(step)),
        )
        .filter(staff_two_factor::Column::StaffId.eq(staff_id))
        .filter(staff_two_factor::Column::Secret.eq(pending.secret.clone()))
        .filter(staff_two_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(already_on());
    }
    replace_recovery_codes(&txn, staff_id, &codes).await?;
    audit::record(
        &txn,
        caller,
        AUDIT_AREA,
        vec![change("enabled", json!(false), json!(true))],
    )
    .await?;
    txn.commit().await?;
    Ok(shown(codes))
}

/// The caller's id once `code` (from the app, or a recovery code) proves it is them, for the
/// changes that need one; wrong codes count towards the sign-in slowdown.
async fn with_a_code(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    base: Duration,
    code: &str,
) -> ApiResult<Uuid> {
    let staff_id = person(caller)?;
    let attempt = guarded(db, caller, base).await?;
    match check_second_factor(db, staff_id, code).await? {
        Checked::NotEnabled => {
            attempt.passed_first_step(db).await?;
            Err(not_on())
        }
        Checked::Wrong => {
            attempt.failed(db).await?;
            Err(wrong_code())
        }
        Checked::AppCode | Checked::RecoveryCode { .. } => {
            attempt.succeeded(db).await?;
            Ok(staff_id)
        }
    }
}

/// Turns two-factor sign-in off, with a code from the app or a recovery code (a lost phone is
/// the usual reason). Wrong codes count towards the sign-in slowdown.
pub async fn disable(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    base: Duration,
    body: TwoFactorCode,
) -> ApiResult<()> {
    let staff_id = with_a_code(db, caller, base, &body.code).await?;
    let txn = begin_write(db).await?;
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffId.eq(staff_id))
        .exec(&txn)
        .await?;
    staff_two_factor::Entity::delete_by_id(staff_id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        caller,
        AUDIT_AREA,
        vec![change("enabled", json!(true), json!(false))],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// New recovery codes for old ones (all of them stop working), with a code.
pub async fn regenerate_recovery_codes(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    base: Duration,
    body: TwoFactorCode,
) -> ApiResult<RecoveryCodes> {
    let staff_id = with_a_code(db, caller, base, &body.code).await?;
    let codes = one_time_code::new_recovery_codes()?;
    let txn = begin_write(db).await?;
    replace_recovery_codes(&txn, staff_id, &codes).await?;
    audit::record(
        &txn,
        caller,
        AUDIT_AREA,
        vec![change("recovery_codes", json!(null), json!("regenerated"))],
    )
    .await?;
    txn.commit().await?;
    Ok(shown(codes))
}

/// The slowdown, keyed by the caller's email, in front of a check of their code: a stolen
/// session must not be a way to guess codes quickly.
async fn guarded(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    base: Duration,
) -> ApiResult<Attempt> {
    let me = caller
        .tenant
        .get::<staff::Entity>(caller.staff_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
    sign_in_slowdown::begin(db, &me.email, base).await
}

/// Checks `raw` as `staff_id`'s second factor and, when right, uses it up: an app code's step
/// is remembered (that code and older ones no longer work), a recovery code is spent. Both
/// are conditional updates, so two requests racing with one code cannot both pass. A
/// recovery code used is recorded in the audit log.
pub async fn check_second_factor(
    db: &DatabaseConnection,
    staff_id: Uuid,
    raw: &str,
) -> ApiResult<Checked> {
    let Some(row) = confirmed(db, staff_id).await? else {
        return Ok(Checked::NotEnabled);
    };
    match SecondFactor::parse(raw) {
        Err(_) => Ok(Checked::Wrong),
        Ok(SecondFactor::Totp(code)) => {
            let Some(step) = one_time_code::matching_step(&row.secret, &code, now_secs())? else {
                return Ok(Checked::Wrong);
            };
            let step = step_i64(step);
            let done = staff_two_factor::Entity::update_many()
                .col_expr(staff_two_factor::Column::LastStep, Expr::value(step))
                .filter(staff_two_factor::Column::StaffId.eq(staff_id))
                .filter(
                    Condition::any()
                        .add(staff_two_factor::Column::LastStep.is_null())
                        .add(staff_two_factor::Column::LastStep.lt(step)),
                )
                .exec(db)
                .await?;
            Ok(if done.rows_affected == 1 {
                Checked::AppCode
            } else {
                Checked::Wrong
            })
        }
        Ok(SecondFactor::Recovery(code)) => {
            let txn = begin_write(db).await?;
            let done = staff_recovery_code::Entity::update_many()
                .col_expr(staff_recovery_code::Column::UsedAt, Expr::value(Utc::now()))
                .filter(staff_recovery_code::Column::StaffId.eq(staff_id))
                .filter(staff_recovery_code::Column::CodeHash.eq(sha256_hex(&code)))
                .filter(staff_recovery_code::Column::UsedAt.is_null())
                .exec(&txn)
                .await?;
            if done.rows_affected != 1 {
                return Ok(Checked::Wrong);
            }
            let left = codes_left(&txn, staff_id).await?;
            let merchant_id = staff::Entity::find_by_id(staff_id)
                .one(&txn)
                .await?
                .map(|s| s.merchant_id)
                .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
            audit::record_as(
                &txn,
                merchant_id,
                staff_id,
                AUDIT_AREA,
                vec![change("recovery_codes_left", json!(left + 1), json!(left))],
            )
            .await?;
            txn.commit().await?;
            Ok(Checked::RecoveryCode { left })
        }
    }
}

async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    staff_id: Uuid,
    codes: &[String],
) -> ApiResult<()> {
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffId.eq(staff_id))
        .exec(db)
        .await?;
    staff_recovery_code::Entity::insert_many(codes.iter().map(|code| {
        staff_recovery_code::ActiveModel {
            id: Set(Uuid::now_v7()),
            staff_id: Set(staff_id),
            code_hash: Set(sha256_hex(code)),
            used_at: Set(None),
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}

fn shown(codes: Vec<String>) -> RecoveryCodes {
    RecoveryCodes {
        codes: codes.iter().map(|c| format_recovery_code(c)).collect(),
    }
}

fn change(field: &str, from: serde_json::Value, to: serde_json::Value) -> Change {
    Change {
        field: field.to_owned(),
        from,
        to,
    }
}

fn now_secs() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}

fn step_i64(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}
