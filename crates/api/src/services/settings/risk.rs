//! The shop's risk thresholds: read (none saved: no thresholds), saved whole (validated by the
//! shared rules, audited), and the currency their amount is written in.

use crate::auth::CurrentStaff;
use crate::db::entities::merchant_settings;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use crate::services::settings::{carrier_settings, parse, to_value};
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::risk::RiskSettingsView;
use rebound_shared::api::settings::{AftercareSettings, ReturnsSettings, diff};
use rebound_shared::domain::Currency;
use rebound_shared::domain::risk::{RiskThresholds, validate_thresholds};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};

/// The shop's thresholds; none saved: none set.
pub async fn load(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<RiskThresholds> {
    let row = merchant_settings::Entity::find_by_id(tenant.merchant_id())
        .one(db)
        .await?;
    match row.and_then(|r| r.risk) {
        Some(json) => parse(&json),
        None => Ok(RiskThresholds::default()),
    }
}

/// The currency the shop's amounts are written in: the carrier's rate table's, as for return
/// fees.
pub async fn shop_currency(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<Currency> {
    let table = carrier_settings::load(db, tenant).await?;
    Currency::parse(&table.currency).map_err(|_| {
        ApiError::internal(anyhow::anyhow!(
            "the rate table's currency {:?} is not ISO 4217",
            table.currency
        ))
    })
}

pub async fn get_risk(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<RiskSettingsView> {
    caller.require(Permission::ReadSettings)?;
    let tenant = caller.tenant;
    Ok(RiskSettingsView {
        thresholds: load(db, tenant).await?,
        currency: shop_currency(db, tenant).await?.code().to_owned(),
    })
}

pub async fn update_risk(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    new: RiskThresholds,
) -> ApiResult<RiskSettingsView> {
    caller.require(Permission::ManageSettings)?;
    let tenant = caller.tenant;
    let currency = shop_currency(db, tenant).await?;
    let errors = validate_thresholds(&new, currency);
    if !errors.is_empty() {
        return Err(ApiError::rules(errors));
    }
    let json = serde_json::to_string(&new).map_err(ApiError::internal)?;
    let txn = begin_write(db).await?;
    let row = merchant_settings::Entity::find_by_id(tenant.merchant_id())
        .one(&txn)
        .await?;
    let before = match row.as_ref().and_then(|r| r.risk.as_deref()) {
        Some(saved) => parse(saved)?,
        None => RiskThresholds::default(),
    };
    match row {
        Some(row) => {
            let mut row: merchant_settings::ActiveModel = row.into();
            row.risk = Set(Some(json));
            row.updated_at = Set(Utc::now());
            row.update(&txn).await?;
        }
        None => {
            let text = |v: serde_json::Value| v.to_string();
            merchant_settings::ActiveModel {
                merchant_id: Set(tenant.merchant_id()),
                returns: Set(text(to_value(&ReturnsSettings::default())?)),
                aftercare: Set(text(to_value(&AftercareSettings::default())?)),
                policies: Set(None),
                risk: Set(Some(json)),
                updated_at: Set(Utc::now()),
            }
            .insert(&txn)
            .await?;
        }
    }
    let changes = diff(&to_value(&before)?, &to_value(&new)?);
    audit::record(&txn, caller, "risk", changes).await?;
    txn.commit().await?;
    Ok(RiskSettingsView {
        thresholds: new,
        currency: currency.code().to_owned(),
    })
}
