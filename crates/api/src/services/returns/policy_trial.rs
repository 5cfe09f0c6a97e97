//! The Policies tab's "try it" box: the rules in force evaluated on a real order, per item and
//! per reason, without making a return.

use crate::auth::CurrentStaff;
use crate::db::entities::return_reason;
use crate::error::ApiResult;
use crate::services::orders::find_by_number;
use crate::services::returns::policy_facts::{
    item_facts, order_currency, order_facts, quantity_left,
};
use crate::services::returns::return_records::ordered_items;
use crate::services::settings;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::policies::{PolicyTrial, ReasonVerdict, TrialItem, TryPolicies};
use rebound_shared::domain::policy::{ReasonFacts, evaluate_item, evaluate_item_any_reason};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder};

pub async fn try_policies(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: TryPolicies,
) -> ApiResult<PolicyTrial> {
    caller.require(Permission::ReadSettings)?;
    let tenant = caller.tenant;
    let o = find_by_number(db, tenant, &input.order_number).await?;
    let (_, policy) = settings::policies::load(db, tenant.merchant_id()).await?;
    let reasons: Vec<return_reason::Model> = tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::SystemKey.is_null())
        .filter(return_reason::Column::RetiredAt.is_null())
        .order_by_asc(return_reason::Column::Position)
        .all(db)
        .await?;
    let reason_facts: Vec<ReasonFacts> = reasons
        .iter()
        .map(|r| ReasonFacts {
            id: r.id,
            defective: r.defective,
        })
        .collect();
    let now = Utc::now();
    let ordered = ordered_items(db, tenant, o.id).await?;
    let currency = order_currency(&o)?;
    let facts = order_facts(db, tenant, &o, &ordered, &policy.rules, now).await?;
    let items = ordered
        .iter()
        .map(|(item, rule)| {
            let verdict = evaluate_item_any_reason(
                &policy.rules,
                &item_facts(item, rule, currency, None),
                &facts,
                &reason_facts,
                now,
            );
            let by_reason = reasons
                .iter()
                .zip(&reason_facts)
                .map(|(r, chosen)| ReasonVerdict {
                    reason_id: r.id,
                    label_en: r.label_en.clone(),
                    label_fr: r.label_fr.clone(),
                    defective: r.defective,
                    verdict: evaluate_item(
                        &policy.rules,
                        &item_facts(item, rule, currency, Some(*chosen)),
                        &facts,
                        now,
                    ),
                })
                .collect();
            TrialItem {
                order_item_id: item.id,
                sku: item.sku.clone(),
                title: item.title.clone(),
                why_not: quantity_left(&verdict, rule).err(),
                verdict,
                by_reason,
            }
        })
        .collect();
    Ok(PolicyTrial {
        order_number: o.number,
        source: policy.source,
        items,
    })
}
