//! Each staff member's signature under their messages.

use crate::auth::CurrentStaff;
use crate::db::entities::staff;
use crate::error::{ApiError, ApiResult};
use rebound_shared::api::helpdesk::Signature;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

fn own_staff_id(caller: &CurrentStaff) -> ApiResult<Uuid> {
    if caller.api_scopes.is_some() {
        return Err(ApiError::forbidden("an API key has no signature"));
    }
    Ok(caller.staff_id)
}

pub async fn get_signature(db: &DatabaseConnection, caller: &CurrentStaff) -> ApiResult<Signature> {
    let id = own_staff_id(caller)?;
    let s = staff::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("staff member"))?;
    Ok(Signature {
        signature: s.signature.unwrap_or_default(),
    })
}

pub async fn set_signature(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: Signature,
) -> ApiResult<Signature> {
    let id = own_staff_id(caller)?;
    let value = input.signature.trim().to_owned();
    staff::Entity::update_many()
        .col_expr(
            staff::Column::Signature,
            Expr::value((!value.is_empty()).then(|| value.clone())),
        )
        .filter(staff::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Signature { signature: value })
}
