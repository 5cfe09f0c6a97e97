//! What the return policy engine reads about an order (`rebound_shared::domain::policy`):
//! its items, dates, shopper and, when a rule asks, the shopper's history with the shop; and
//! what the policy says about a submission (`policy_terms`).

use crate::db::Tenant;
use crate::db::entities::{order, order_item, return_request, shipment};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::labels;
use crate::services::returns::risk::{RiskVerdict, assess_shopper};
use chrono::{DateTime, Duration, Utc};
use rebound_shared::api::return_terms::parcel_units;
use rebound_shared::api::returns::CreateReturn;
use rebound_shared::domain::policy::{
    Approval, Condition, DateBasis, Effect, FeeLine, ItemFacts, ItemVerdict, OrderFacts,
    PolicyRule, ReasonFacts, ShopperHistory, evaluate_item, fee_for_return,
};
use rebound_shared::domain::{
    Currency, Money, NotReturnable, OrderedItem, ReasonChoice, line_paid,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::HashSet;

/// How far back a shopper's history goes.
const HISTORY_DAYS: i64 = 365;

/// The order's currency. An order stored before codes were checked may hold one ISO 4217 does
/// not know: its amounts are then read in euros, so amount conditions written in another
/// currency do not match it.
pub(crate) fn order_currency(o: &order::Model) -> ApiResult<Currency> {
    Currency::parse(&o.currency)
        .or_else(|_| Currency::parse("EUR"))
        .map_err(|_| ApiError::internal(anyhow::anyhow!("EUR is not an ISO 4217 currency")))
}

/// One item, with the reason chosen for it if any.
pub(crate) fn item_facts(
    item: &order_item::Model,
    rule: &OrderedItem,
    currency: Currency,
    reason: Option<ReasonFacts>,
) -> ItemFacts {
    ItemFacts {
        sku: item.sku.clone(),
        tags: rule.tags.clone(),
        unit_price: Money::new(item.unit_price_minor, currency),
        returnable: rule.returnable,
        reason,
    }
}

/// How many units a verdict lets come back: what open returns do not hold yet, or why none.
pub(crate) fn quantity_left(
    verdict: &ItemVerdict,
    rule: &OrderedItem,
) -> Result<i32, NotReturnable> {
    if let Some(why) = verdict.why_not() {
        return Err(why);
    }
    let left = rule.bought - rule.already_returned;
    if left <= 0 {
        return Err(NotReturnable::AllReturned);
    }
    Ok(left)
}

fn asks_history(rules: &[PolicyRule]) -> bool {
    rules.iter().filter(|r| r.enabled).any(|r| {
        r.conditions.iter().any(|c| {
            matches!(
                c,
                Condition::ShopperReturns { .. } | Condition::ReturnRate { .. }
            )
        })
    })
}

/// Whether a rule's approval depends on the shopper being flagged by the risk thresholds.
fn asks_flagged(rules: &[PolicyRule]) -> bool {
    rules.iter().filter(|r| r.enabled).any(|r| {
        matches!(
            r.effect,
            Effect::Approval {
                approval: Approval::ManualWhenFlagged
            }
        )
    })
}

fn asks_fulfilment(rules: &[PolicyRule]) -> bool {
    rules.iter().filter(|r| r.enabled).any(|r| {
        matches!(
            r.effect,
            Effect::Window {
                basis: DateBasis::Fulfilment,
                ..
            }
        ) || r.conditions.iter().any(|c| {
            matches!(
                c,
                Condition::DaysSince {
                    basis: DateBasis::Fulfilment,
                    ..
                }
            )
        })
    })
}

/// The order as the rules see it. The fulfilment date, the shopper's history and whether the
/// shopper is flagged cost queries, made only when a rule asks for them.
pub(crate) async fn order_facts(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    items: &[(order_item::Model, OrderedItem)],
    rules: &[PolicyRule],
    now: DateTime<Utc>,
) -> ApiResult<OrderFacts> {
    let mut facts = facts_but_flag(db, tenant, o, items, rules, now).await?;
    // "Try it" and the portal's terms read the approval the submission will get.
    if asks_flagged(rules) {
        facts.shopper.flagged = assess_shopper(db, tenant, &o.email, now).await?.flagged();
    }
    Ok(facts)
}

/// `order_facts` without the risk flag, for a caller that assesses the shopper anyway.
async fn facts_but_flag(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    items: &[(order_item::Model, OrderedItem)],
    rules: &[PolicyRule],
    now: DateTime<Utc>,
) -> ApiResult<OrderFacts> {
    let currency = order_currency(o)?;
    let total = items
        .iter()
        .map(|(i, _)| line_paid(i.unit_price_minor, i.quantity))
        .fold(0_i64, i64::saturating_add);
    let fulfilled_at = if asks_fulfilment(rules) {
        // The order's shipments were found through the tenant's order.
        shipment::Entity::find()
            .filter(shipment::Column::OrderId.eq(o.id))
            .order_by_asc(shipment::Column::CreatedAt)
            .one(db)
            .await?
            .map(|s| s.created_at)
    } else {
        None
    };
    let shopper = if asks_history(rules) {
        shopper_history(db, tenant, &o.email, now).await?
    } else {
        ShopperHistory::default()
    };
    Ok(OrderFacts {
        total: Money::new(total, currency),
        placed_at: o.placed_at,
        fulfilled_at,
        delivered_at: o.delivered_at,
        email: o.email.clone(),
        country: o.country.clone(),
        tags: crate::services::orders::batch::read_tags(o.tags.as_deref()),
        shopper,
    })
}

/// The shopper's orders and returns with this shop over the last year, by email. Whether they
/// are flagged is the shop's risk thresholds' answer (`risk`), set by `order_facts` when a
/// rule asks and by `policy_terms` always.
async fn shopper_history(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    email: &str,
    now: DateTime<Utc>,
) -> ApiResult<ShopperHistory> {
    let since = now - Duration::days(HISTORY_DAYS);
    let orders = tenant
        .find::<order::Entity>()
        .filter(order::Column::Email.eq(email))
        .filter(order::Column::PlacedAt.gte(since));
    let order_count = orders.clone().count(db).await?;
    let ids = orders.select_only().column(order::Column::Id).into_query();
    let returns: Vec<(uuid::Uuid, DateTime<Utc>)> = tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::OrderId.in_subquery(ids))
        .filter(return_request::Column::CreatedAt.gte(since))
        .select_only()
        .column(return_request::Column::OrderId)
        .column(return_request::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    let returned: HashSet<uuid::Uuid> = returns.iter().map(|(id, _)| *id).collect();
    Ok(ShopperHistory {
        returns: returns.into_iter().map(|(_, at)| at).collect(),
        orders: u32::try_from(order_count).unwrap_or(u32::MAX),
        orders_returned: u32::try_from(returned.len()).unwrap_or(u32::MAX),
        flagged: false,
    })
}

/// What the shop's policy says about a submission: a verdict per request line (none for an item
/// not in the order) and the fee.
pub(crate) struct PolicyTerms {
    pub verdicts: Vec<Option<ItemVerdict>>,
    pub fee_minor: Option<i64>,
    /// The shopper's risk flags, which `Approval::ManualWhenFlagged` has already read.
    pub risk: RiskVerdict,
}

#[expect(clippy::too_many_arguments, reason = "the facts a verdict reads")]
pub(crate) async fn policy_terms(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    ordered: &[(order_item::Model, OrderedItem)],
    rules: &[PolicyRule],
    reasons: &[ReasonChoice],
    input: &CreateReturn,
    now: chrono::DateTime<Utc>,
) -> ApiResult<PolicyTerms> {
    let currency = order_currency(o)?;
    // The submission needs the shopper's risk whatever the rules ask: assessed once here.
    let mut facts = facts_but_flag(db, tenant, o, ordered, rules, now).await?;
    let risk = assess_shopper(db, tenant, &o.email, now).await?;
    facts.shopper.flagged = risk.flagged();
    let mut verdicts = Vec::with_capacity(input.items.len());
    let mut fee_lines = Vec::new();
    for wanted in &input.items {
        let Some((item, rule)) = ordered.iter().find(|(i, _)| i.id == wanted.order_item_id) else {
            verdicts.push(None);
            continue;
        };
        let reason = reasons
            .iter()
            .find(|r| r.id == wanted.reason_id)
            .map(|r| ReasonFacts {
                id: r.id,
                defective: r.defective,
            });
        let verdict = evaluate_item(
            rules,
            &item_facts(item, rule, currency, reason),
            &facts,
            now,
        );
        fee_lines.push(FeeLine {
            fee: verdict.fee.clone(),
            value: Money::new(line_paid(item.unit_price_minor, wanted.quantity), currency),
            defective: reason.is_some_and(|r| r.defective),
        });
        verdicts.push(Some(verdict));
    }
    let fee_minor = if fee_lines.iter().any(|l| l.fee.is_some()) {
        let label = label_cost(db, tenant, o, &verdicts, input).await?;
        Some(
            fee_for_return(&fee_lines, currency, label, input.resolution)
                .total
                .minor(),
        )
    } else {
        None
    };
    Ok(PolicyTerms {
        verdicts,
        fee_minor,
        risk,
    })
}

/// What the shop's cheapest label for this parcel costs, as the return form worked it out
/// (`ReturnOptions::label_cost`): none when every item stays with the shopper.
async fn label_cost(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    verdicts: &[Option<ItemVerdict>],
    input: &CreateReturn,
) -> ApiResult<Option<Money>> {
    if verdicts
        .iter()
        .all(|v| v.as_ref().is_some_and(|v| v.keep_item))
    {
        return Ok(None);
    }
    labels::cheapest_label(db, tenant, o, parcel_units(&input.items)).await
}
