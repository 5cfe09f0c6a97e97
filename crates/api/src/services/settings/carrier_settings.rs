//! A merchant's carrier: the rate table read (or the default built around the default return
//! address, until one is saved) and saved whole, audited in the same transaction.

use crate::auth::CurrentStaff;
use crate::carrier::rate_table;
use crate::db::entities::{carrier_settings, return_address};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::carrier::{CarrierSettings, default_rate_table};
use rebound_shared::api::settings::diff;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, Set,
};
use uuid::Uuid;

/// The saved table, or the default one around the current default return address.
pub async fn load(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<CarrierSettings> {
    match tenant.find::<carrier_settings::Entity>().one(db).await? {
        Some(row) => serde_json::from_str(&row.config).map_err(ApiError::internal),
        None => {
            let address = default_return_address(db, tenant).await?;
            Ok(default_rate_table(
                address.as_ref().map(|a| a.country.as_str()),
                address.as_ref().map(|a| a.postal_code.as_str()),
            ))
        }
    }
}

pub async fn default_return_address(
    db: &impl ConnectionTrait,
    tenant: Tenant,
) -> ApiResult<Option<return_address::Model>> {
    Ok(tenant
        .find::<return_address::Entity>()
        .filter(return_address::Column::IsDefault.eq(true))
        .one(db)
        .await?)
}

pub async fn get_carrier_settings(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<CarrierSettings> {
    caller.require(Permission::ReadSettings)?;
    load(db, caller.tenant).await
}

/// Saves the whole table (already validated by the shared rules).
pub async fn update_carrier_settings(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    new: CarrierSettings,
) -> ApiResult<CarrierSettings> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let before = load(&txn, caller.tenant).await?;
    save(&txn, caller.tenant.merchant_id(), &new).await?;
    let as_json = |t: &CarrierSettings| serde_json::to_value(t).map_err(ApiError::internal);
    audit::record(
        &txn,
        caller,
        "carrier",
        diff(&as_json(&before)?, &as_json(&new)?),
    )
    .await?;
    txn.commit().await?;
    Ok(new)
}

async fn save(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
    table: &CarrierSettings,
) -> ApiResult<()> {
    let config = serde_json::to_string(table).map_err(ApiError::internal)?;
    let existing = Tenant::new(merchant_id)
        .find::<carrier_settings::Entity>()
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut row: carrier_settings::ActiveModel = row.into();
            row.carrier = Set(rate_table::KIND.into());
            row.config = Set(config);
            row.updated_at = Set(Utc::now());
            row.update(db).await?;
        }
        None => {
            carrier_settings::ActiveModel {
                merchant_id: Set(merchant_id),
                carrier: Set(rate_table::KIND.into()),
                config: Set(config),
                updated_at: Set(Utc::now()),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The demo shop's returns go to its Montréal warehouse, priced with the default table.
pub async fn seed_demo(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<()> {
    let tenant = Tenant::new(merchant_id);
    let address = match default_return_address(db, tenant).await? {
        Some(a) => a,
        None => {
            return_address::ActiveModel {
                id: Set(Uuid::now_v7()),
                merchant_id: Set(merchant_id),
                name: Set("Returns centre".into()),
                line1: Set("455 rue Saint-Antoine Ouest".into()),
                line2: Set(None),
                city: Set("Montréal".into()),
                region: Set(Some("QC".into())),
                postal_code: Set("H2Z 1J1".into()),
                country: Set("CA".into()),
                is_default: Set(true),
                created_at: Set(Utc::now()),
            }
            .insert(db)
            .await?
        }
    };
    let table = default_rate_table(Some(&address.country), Some(&address.postal_code));
    save(db, merchant_id, &table).await
}
