//! The shop's sign-in rules: whether everyone must sign in with two factors. Owners change
//! it, and only once they have two-factor sign-in themselves (they would otherwise shut
//! themselves out of everything but enrolment). While it is on, a staff member without two
//! factors keeps their session but reaches only `/me` and enrolment (the credentials
//! middleware reads that with the staff row: `auth::current_staff`).

use super::audit;
use super::two_factor;
use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::merchant_security;
use crate::error::{ApiError, ApiResult};
use chrono::Utc;
use rebound_shared::api::settings::Change;
use rebound_shared::api::two_factor::SecuritySettings;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;
use uuid::Uuid;

pub async fn requires_two_factor(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<bool> {
    Ok(merchant_security::Entity::find_by_id(merchant_id)
        .one(db)
        .await?
        .is_some_and(|row| row.require_two_factor))
}

pub async fn get_security(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<SecuritySettings> {
    caller.require(Permission::ReadSettings)?;
    Ok(SecuritySettings {
        require_two_factor: requires_two_factor(db, caller.tenant.merchant_id()).await?,
    })
}

pub async fn set_security(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    body: SecuritySettings,
) -> ApiResult<SecuritySettings> {
    // Who may sign in is the owners' call, like who is on the staff.
    caller.require(Permission::ManageStaff)?;
    if caller.is_api_key() {
        return Err(ApiError::forbidden(
            "sign-in rules are changed by an owner, not an API key",
        ));
    }
    let merchant_id = caller.tenant.merchant_id();
    if body.require_two_factor && !two_factor::is_enabled(db, caller.staff_id).await? {
        return Err(ApiError::field(
            ErrorKind::Conflict,
            "require_two_factor",
            "enrol_first",
            "turn on two-factor sign-in for yourself first",
        ));
    }
    let txn = begin_write(db).await?;
    let before = requires_two_factor(&txn, merchant_id).await?;
    if before != body.require_two_factor {
        let row = merchant_security::ActiveModel {
            merchant_id: Set(merchant_id),
            require_two_factor: Set(body.require_two_factor),
            updated_at: Set(Utc::now()),
        };
        if merchant_security::Entity::find_by_id(merchant_id)
            .one(&txn)
            .await?
            .is_some()
        {
            row.update(&txn).await?;
        } else {
            row.insert(&txn).await?;
        }
        audit::record(
            &txn,
            caller,
            "security",
            vec![Change {
                field: "require_two_factor".into(),
                from: json!(before),
                to: json!(body.require_two_factor),
            }],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(body)
}
