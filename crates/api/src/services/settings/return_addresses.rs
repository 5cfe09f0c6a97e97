//! Return addresses: where parcels go back to; one is the default (the label's destination).

use crate::auth::CurrentStaff;
use crate::db::entities::return_address;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use crate::services::{checked_postal_code, trimmed};
use chrono::Utc;
use rebound_shared::api::settings::{Change, ReturnAddressInput, ReturnAddressView};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

pub async fn list(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<Vec<ReturnAddressView>> {
    Ok(tenant
        .find::<return_address::Entity>()
        .order_by_desc(return_address::Column::IsDefault)
        .order_by_asc(return_address::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

fn view(a: return_address::Model) -> ReturnAddressView {
    ReturnAddressView {
        id: a.id,
        name: a.name,
        line1: a.line1,
        line2: a.line2,
        city: a.city,
        region: a.region,
        postal_code: a.postal_code,
        country: a.country,
        is_default: a.is_default,
    }
}

fn postal_code(input: &ReturnAddressInput) -> ApiResult<String> {
    checked_postal_code(&input.country, &input.postal_code, "postal_code")
}

/// Makes `id` the only default of the tenant.
async fn make_default(db: &impl ConnectionTrait, tenant: Tenant, id: Uuid) -> ApiResult<()> {
    tenant
        .update::<return_address::Entity>()
        .col_expr(return_address::Column::IsDefault, Expr::value(false))
        .filter(return_address::Column::Id.ne(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: ReturnAddressInput,
) -> ApiResult<ReturnAddressView> {
    caller.require(Permission::ManageSettings)?;
    let postal_code = postal_code(&input)?;
    let txn = begin_write(db).await?;
    let is_first = list(&txn, caller.tenant).await?.is_empty();
    let saved = return_address::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        name: Set(input.name.trim().to_owned()),
        line1: Set(input.line1.trim().to_owned()),
        line2: Set(trimmed(&input.line2)),
        city: Set(input.city.trim().to_owned()),
        region: Set(trimmed(&input.region)),
        postal_code: Set(postal_code),
        country: Set(input.country.clone()),
        // The first address is the default whatever the form said: there must be one.
        is_default: Set(input.is_default || is_first),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    if saved.is_default {
        make_default(&txn, caller.tenant, saved.id).await?;
    }
    let added = Change {
        field: "address".into(),
        from: json!(null),
        to: json!(saved.name),
    };
    audit::record(&txn, caller, "return_addresses", vec![added]).await?;
    txn.commit().await?;
    Ok(view(saved))
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
    input: ReturnAddressInput,
) -> ApiResult<ReturnAddressView> {
    caller.require(Permission::ManageSettings)?;
    let postal_code = postal_code(&input)?;
    let txn = begin_write(db).await?;
    let current = find(&txn, caller.tenant, id).await?;
    if current.is_default && !input.is_default {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "is_default",
            "default_required",
            "make another address the default instead",
        ));
    }
    let before = serde_json::to_value(view(current.clone())).map_err(ApiError::internal)?;
    let mut row: return_address::ActiveModel = current.into();
    row.name = Set(input.name.trim().to_owned());
    row.line1 = Set(input.line1.trim().to_owned());
    row.line2 = Set(trimmed(&input.line2));
    row.city = Set(input.city.trim().to_owned());
    row.region = Set(trimmed(&input.region));
    row.postal_code = Set(postal_code);
    row.country = Set(input.country.clone());
    row.is_default = Set(input.is_default);
    let saved = row.update(&txn).await?;
    if saved.is_default {
        make_default(&txn, caller.tenant, saved.id).await?;
    }
    let after = serde_json::to_value(view(saved.clone())).map_err(ApiError::internal)?;
    audit::record(
        &txn,
        caller,
        "return_addresses",
        rebound_shared::api::settings::diff(&before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(view(saved))
}

pub async fn delete(db: &DatabaseConnection, caller: &CurrentStaff, id: Uuid) -> ApiResult<()> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let current = find(&txn, caller.tenant, id).await?;
    return_address::Entity::delete_by_id(current.id)
        .exec(&txn)
        .await?;
    if current.is_default {
        // The oldest remaining address takes over as default.
        if let Some(next) = list(&txn, caller.tenant).await?.into_iter().next() {
            let mut row: return_address::ActiveModel =
                find(&txn, caller.tenant, next.id).await?.into();
            row.is_default = Set(true);
            row.update(&txn).await?;
        }
    }
    let removed = Change {
        field: "address".into(),
        from: json!(current.name),
        to: json!(null),
    };
    audit::record(&txn, caller, "return_addresses", vec![removed]).await?;
    txn.commit().await?;
    Ok(())
}

async fn find(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    id: Uuid,
) -> ApiResult<return_address::Model> {
    tenant
        .get::<return_address::Entity>(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("return address"))
}
