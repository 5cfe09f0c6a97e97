//! The shop's return policy rules: read with the Returns tab they fall back on, saved whole
//! (validated by the shared rules, audited), and seeded for new shops.

use crate::auth::CurrentStaff;
use crate::db::entities::merchant_settings;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use crate::services::settings::{carrier_settings, parse, to_value};
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::policies::{DescribedRule, PoliciesView, PolicySource, UpdatePolicies};
use rebound_shared::api::settings::{AftercareSettings, ReturnsSettings, diff};
use rebound_shared::domain::policy::{
    PolicyRule, describe_rule, rules_from_settings, validate_rules,
};
use rebound_shared::domain::{Currency, Lang};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use uuid::Uuid;

/// The rules in force and where they come from.
#[derive(Debug, Clone)]
pub struct Policy {
    pub source: PolicySource,
    pub rules: Vec<PolicyRule>,
}

/// The Returns tab and the rules in force, from one read of the settings row: saved rules, or
/// (none saved) the ones the Returns tab implies.
pub async fn load(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
) -> ApiResult<(ReturnsSettings, Policy)> {
    let row = merchant_settings::Entity::find_by_id(merchant_id)
        .one(db)
        .await?;
    let (returns, saved) = match row {
        Some(r) => (parse::<ReturnsSettings>(&r.returns)?, r.policies),
        None => (ReturnsSettings::default(), None),
    };
    let policy = match saved {
        Some(json) => Policy {
            source: PolicySource::Rules,
            rules: parse(&json)?,
        },
        None => Policy {
            source: PolicySource::Settings,
            rules: rules_from_settings(&returns),
        },
    };
    Ok((returns, policy))
}

fn json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(ApiError::internal)
}

fn view(policy: Policy) -> PoliciesView {
    PoliciesView {
        source: policy.source,
        rules: policy
            .rules
            .into_iter()
            .map(|rule| DescribedRule {
                sentence_en: describe_rule(&rule, Lang::En),
                sentence_fr: describe_rule(&rule, Lang::Fr),
                rule,
            })
            .collect(),
    }
}

pub async fn get_policies(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<PoliciesView> {
    caller.require(Permission::ReadSettings)?;
    let (_, policy) = load(db, caller.tenant.merchant_id()).await?;
    Ok(view(policy))
}

/// The currency fee amounts are written in: the carrier's rate table's, which labels are
/// priced in.
async fn shop_currency(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<Currency> {
    let table = carrier_settings::load(db, tenant).await?;
    Currency::parse(&table.currency).map_err(|_| {
        ApiError::internal(anyhow::anyhow!(
            "the rate table's currency {:?} is not ISO 4217",
            table.currency
        ))
    })
}

pub async fn update_policies(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    new: UpdatePolicies,
) -> ApiResult<PoliciesView> {
    caller.require(Permission::ManageSettings)?;
    let tenant = caller.tenant;
    let errors = validate_rules(&new.rules, shop_currency(db, tenant).await?);
    if !errors.is_empty() {
        return Err(ApiError::rules(errors));
    }
    let txn = begin_write(db).await?;
    let (returns, before) = load(&txn, tenant.merchant_id()).await?;
    let rules = json(&new.rules)?;
    match merchant_settings::Entity::find_by_id(tenant.merchant_id())
        .one(&txn)
        .await?
    {
        Some(row) => {
            let mut row: merchant_settings::ActiveModel = row.into();
            row.policies = Set(Some(rules));
            row.updated_at = Set(Utc::now());
            row.update(&txn).await?;
        }
        None => {
            merchant_settings::ActiveModel {
                merchant_id: Set(tenant.merchant_id()),
                returns: Set(json(&returns)?),
                aftercare: Set(json(&AftercareSettings::default())?),
                policies: Set(Some(rules)),
                risk: Set(None),
                updated_at: Set(Utc::now()),
            }
            .insert(&txn)
            .await?;
        }
    }
    let changes = diff(&to_value(&before.rules)?, &to_value(&new.rules)?);
    audit::record(&txn, caller, "policies", changes).await?;
    txn.commit().await?;
    Ok(view(Policy {
        source: PolicySource::Rules,
        rules: new.rules,
    }))
}
