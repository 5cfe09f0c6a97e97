//! The shopper's returns: what can be returned, submitting a return (once, whatever the
//! retries), and following it. What may come back and on what terms is the shop's return
//! policy (the shared `policy` engine); the form's other rules the shared `return_rules`; the
//! statuses the shared `return_state`.

use crate::auth::{CurrentStaff, OrderAccess};
use crate::db::entities::{order, return_reason, return_request};
use crate::db::{Tenant, WriteTxn, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::jobs::{self, Job};
use crate::services::accounts::audit;
use crate::services::orders::access::opened_order;
use crate::services::returns::ReturnDeps;
use crate::services::returns::exchanges;
use crate::services::returns::labels;
use crate::services::returns::outcomes;
use crate::services::returns::policy_facts::{
    item_facts, order_currency, order_facts, policy_terms, quantity_left,
};
use crate::services::returns::reason_terms::{ShopOffer, reason_terms};
use crate::services::returns::return_mails;
use crate::services::returns::return_records::{
    Idempotency, NewLine, NewReturn, insert_return, lock_order, ordered_items, rule_errors,
    transition,
};
use crate::services::returns::return_views::{Created, Known, Reader, return_views, views_knowing};
use crate::services::returns::risk;
use crate::services::settings;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::portal::PortalReason;
use rebound_shared::api::returns::{
    CreateReturn, ReturnActor, ReturnOptions, ReturnView, ReturnableItem,
};
use rebound_shared::api::settings::{
    ApprovalMode, Change, Resolution, ReturnMethod, ReturnsSettings,
};
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::domain::policy::{ReasonFacts, evaluate_item_any_reason};
use rebound_shared::domain::{
    NotReturnable, Offered, OrderedItem, ReasonChoice, ReturnAction, ReturnStatus, any_defective,
    check_return_with, kept_items_need_photos,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder};
use serde_json::json;
use std::collections::HashMap;

/// A submission's answer: the JSON of the return, and whether it was made now (201) or
/// found from an earlier identical submission (200).
#[derive(Debug)]
pub struct Submitted {
    pub replayed: bool,
    pub body: String,
}

pub(crate) fn returnable_item(
    item: &crate::db::entities::order_item::Model,
    rule: &OrderedItem,
    quantity: Result<i32, NotReturnable>,
) -> ReturnableItem {
    ReturnableItem {
        order_item_id: item.id,
        sku: item.sku.clone(),
        title: item.title.clone(),
        variant: item.variant.clone(),
        image_url: item.image_url.clone(),
        bought: rule.bought,
        unit_price_minor: item.unit_price_minor,
        returnable_quantity: quantity.unwrap_or(0),
        why_not: quantity.err(),
        terms: Vec::new(),
        exchange_choices: Vec::new(),
    }
}

/// The merchant's reasons as the rules see them (the hidden withdrawal reason excluded).
async fn reason_choices(
    db: &impl ConnectionTrait,
    tenant: Tenant,
) -> ApiResult<Vec<return_reason::Model>> {
    Ok(tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::SystemKey.is_null())
        .order_by_asc(return_reason::Column::Position)
        .all(db)
        .await?)
}

pub async fn options(
    db: &DatabaseConnection,
    access: OrderAccess,
    slug: &str,
) -> ApiResult<ReturnOptions> {
    let o = opened_order(db, access, slug).await?;
    options_for(db, Tenant::new(access.merchant_id), &o, Submitter::Shopper).await
}

/// What `o` may still return when `submitter` asks: the same rules for everyone, the
/// portal's on/off switch only for shoppers.
pub(crate) async fn options_for(
    db: &DatabaseConnection,
    tenant: Tenant,
    o: &order::Model,
    submitter: Submitter<'_>,
) -> ApiResult<ReturnOptions> {
    let (returns, policy) = settings::policies::load(db, tenant.merchant_id()).await?;
    let now = Utc::now();
    let open = returns.portal_enabled || !submitter.is_shopper();
    let active: Vec<return_reason::Model> = reason_choices(db, tenant)
        .await?
        .into_iter()
        .filter(|r| r.retired_at.is_none())
        .collect();
    let reason_facts: Vec<ReasonFacts> = active
        .iter()
        .map(|r| ReasonFacts {
            id: r.id,
            defective: r.defective,
        })
        .collect();
    let ordered = ordered_items(db, tenant, o.id).await?;
    let currency = order_currency(o)?;
    let facts = order_facts(db, tenant, o, &ordered, &policy.rules, now).await?;
    let mut window_ends_at = None;
    let offered = offered_resolutions(&returns);
    let offer = ShopOffer {
        resolutions: &offered,
        methods: &returns.return_methods,
        open,
    };
    let mut choices = if returns.exchanges.enabled {
        exchanges::choices(db, tenant, o, &ordered).await?
    } else {
        HashMap::new()
    };
    let items = ordered
        .iter()
        .map(|(item, rule)| {
            let unchosen = item_facts(item, rule, currency, None);
            // Before a reason is chosen, an item is offered if any reason lets it come back.
            let verdict =
                evaluate_item_any_reason(&policy.rules, &unchosen, &facts, &reason_facts, now);
            window_ends_at = window_ends_at.max(verdict.deadline());
            let left = if open {
                quantity_left(&verdict, rule)
            } else {
                Err(NotReturnable::NotReturnable)
            };
            ReturnableItem {
                terms: reason_terms(&policy.rules, &unchosen, &facts, &reason_facts, &offer, now),
                exchange_choices: choices.remove(&item.id).unwrap_or_default(),
                ..returnable_item(item, rule, left)
            }
        })
        .collect();
    let reasons = active
        .into_iter()
        .map(|r| PortalReason {
            id: r.id,
            label_en: r.label_en,
            label_fr: r.label_fr,
            defective: r.defective,
        })
        .collect();
    Ok(ReturnOptions {
        items,
        reasons,
        window_ends_at,
        currency: o.currency.clone(),
        closed: settings::portal::returns_closed(db, tenant).await?,
        resolutions: offered_resolutions(&returns),
        exchange: exchanges::offer(&returns.exchanges),
        methods: returns.return_methods,
        label_costs: labels::label_costs(db, tenant, o).await?,
    })
}

/// The resolutions the shop offers: those its Returns tab ticks, and exchanges when on.
pub(crate) fn offered_resolutions(returns: &ReturnsSettings) -> Vec<Resolution> {
    let mut offered = returns.resolutions.clone();
    if returns.exchanges.enabled {
        offered.push(Resolution::Exchange);
    }
    offered
}

pub async fn list(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    access: OrderAccess,
    slug: &str,
) -> ApiResult<Vec<ReturnView>> {
    let o = opened_order(db, access, slug).await?;
    let tenant = Tenant::new(access.merchant_id);
    let rows = tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::OrderId.eq(o.id))
        .order_by_desc(return_request::Column::CreatedAt)
        .all(db)
        .await?;
    return_views(db, tenant, deps.photos, deps.labels, rows, &numbers_of(&o)).await
}

pub(crate) fn numbers_of(o: &order::Model) -> HashMap<uuid::Uuid, String> {
    HashMap::from([(o.id, o.number.clone())])
}

/// Who submits a return: the shopper on the portal, or the shop on the shopper's behalf
/// (staff taking a phoned-in return, an integration's API key).
#[derive(Debug, Clone, Copy)]
pub enum Submitter<'a> {
    Shopper,
    Shop(&'a CurrentStaff),
    /// The shop, accepting what its own policy refuses, for the reason given.
    ShopOverriding(&'a CurrentStaff, &'a str),
}

impl<'a> Submitter<'a> {
    fn is_shopper(self) -> bool {
        matches!(self, Submitter::Shopper)
    }

    /// Who the return's first history step names.
    fn actor(self) -> (ReturnActor, Option<uuid::Uuid>) {
        match self {
            Submitter::Shopper => (ReturnActor::Shopper, None),
            // A key is no staff member: the audit log names it instead.
            Submitter::Shop(caller) | Submitter::ShopOverriding(caller, _)
                if caller.is_api_key() =>
            {
                (ReturnActor::Staff, None)
            }
            Submitter::Shop(caller) | Submitter::ShopOverriding(caller, _) => {
                (ReturnActor::Staff, Some(caller.staff_id))
            }
        }
    }

    fn caller(self) -> Option<&'a CurrentStaff> {
        match self {
            Submitter::Shopper => None,
            Submitter::Shop(caller) | Submitter::ShopOverriding(caller, _) => Some(caller),
        }
    }

    fn policy_override(self) -> Option<&'a str> {
        match self {
            Submitter::ShopOverriding(_, reason) => Some(reason),
            _ => None,
        }
    }
}

pub async fn create(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    access: OrderAccess,
    slug: &str,
    idempotency_key: Option<String>,
    input: CreateReturn,
) -> ApiResult<Submitted> {
    let o = opened_order(db, access, slug).await?;
    submit_return(
        db,
        deps,
        Tenant::new(access.merchant_id),
        o,
        idempotency_key,
        input,
        Submitter::Shopper,
    )
    .await
}

/// A return of `o` as `submitter` asks for it: the rules, the idempotency and the outcomes
/// (needs contact, automatic or manual approval, their mails) are the same whoever submits;
/// only the portal's on/off switch is the shopper's alone.
pub(crate) async fn submit_return(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    tenant: Tenant,
    o: order::Model,
    idempotency_key: Option<String>,
    input: CreateReturn,
    submitter: Submitter<'_>,
) -> ApiResult<Submitted> {
    let (returns, policy) = settings::policies::load(db, tenant.merchant_id()).await?;
    let idempotency = Idempotency::of(
        "return",
        idempotency_key,
        input.client_request_id.as_deref(),
        &input,
    )?;
    // The shop's configuration is read before queueing for the write turn, which only the
    // order's own rows need: every statement inside it is time the other shoppers wait.
    let closed = settings::portal::returns_closed(db, tenant).await?;
    let reason_rows = reason_choices(db, tenant).await?;
    let reasons: Vec<ReasonChoice> = reason_rows
        .iter()
        .map(|r| ReasonChoice {
            id: r.id,
            defective: r.defective,
            retired: r.retired_at.is_some(),
        })
        .collect();
    let (txn, o) = match open_submission(db, tenant, o, idempotency.as_ref()).await? {
        Opened::Replayed(submitted) => return Ok(submitted),
        Opened::New { txn, order } => (txn, *order),
    };
    if !returns.portal_enabled && submitter.is_shopper() {
        return Err(ApiError::forbidden(
            "this shop does not take returns online; contact them",
        ));
    }
    if o.cancelled_at.is_some() {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "this order was cancelled before dispatch: there is nothing to return",
        ));
    }
    if let Some(closed) = closed {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "this shop does not take returns yet ({}): it has no return address for the parcel",
                closed.code()
            ),
        ));
    }
    let now = Utc::now();
    let ordered_rows = ordered_items(&txn, tenant, o.id).await?;
    let terms = policy_terms(
        &txn,
        tenant,
        &o,
        &ordered_rows,
        &policy.rules,
        &reasons,
        &input,
        now,
    )
    .await?;
    let (order_items, ordered): (Vec<_>, Vec<OrderedItem>) = ordered_rows.into_iter().unzip();
    let overriding = submitter.policy_override();
    // What the policy refuses, by code, for the override's record; staff overriding get the
    // shop's whole offer of resolutions and methods.
    let overridden: Vec<&'static str> = terms
        .verdicts
        .iter()
        .flatten()
        .flat_map(|v| {
            v.why
                .iter()
                .filter(|w| w.code.is_refusal())
                .map(|w| w.code.code())
        })
        .collect();
    let resolutions: Vec<Resolution> = offered_resolutions(&returns)
        .into_iter()
        .filter(|r| {
            overriding.is_some()
                || terms
                    .verdicts
                    .iter()
                    .flatten()
                    .all(|v| v.resolutions.as_ref().is_none_or(|only| only.contains(r)))
        })
        .collect();
    let methods: Vec<ReturnMethod> = returns
        .return_methods
        .iter()
        .copied()
        .filter(|m| {
            overriding.is_some()
                || terms
                    .verdicts
                    .iter()
                    .flatten()
                    .all(|v| v.methods.as_ref().is_none_or(|only| only.contains(m)))
        })
        .collect();
    let offered = Offered {
        resolutions: &resolutions,
        methods: &methods,
    };
    let errors = check_return_with(&ordered, &reasons, &input, offered, |i, item| {
        match terms.verdicts.get(i).and_then(Option::as_ref) {
            Some(_) if overriding.is_some() => match item.bought - item.already_returned {
                left if left > 0 => Ok(left),
                _ => Err(NotReturnable::AllReturned),
            },
            Some(verdict) => quantity_left(verdict, item),
            None => Err(NotReturnable::NotReturnable),
        }
    });
    if !errors.is_empty() {
        return Err(rule_errors(errors));
    }
    let keeps: Vec<(bool, bool)> = terms
        .verdicts
        .iter()
        .map(|v| {
            v.as_ref()
                .map_or((false, false), |v| (v.keep_item, v.keep_item_photos))
        })
        .collect();
    let unseen = kept_items_need_photos(&input, &keeps);
    if !unseen.is_empty() {
        return Err(rule_errors(unseen));
    }
    let exchange = exchanges::plan(
        &txn,
        tenant,
        &o,
        &returns.exchanges,
        &input,
        &order_items,
        terms.fee_minor,
    )
    .await?;
    let defective = any_defective(&reasons, &input);
    // Kept only when the policy says so for every line: one item that must come back needs a
    // parcel, and then everything travels in it.
    let keep_item = !terms.verdicts.is_empty()
        && terms
            .verdicts
            .iter()
            .all(|v| v.as_ref().is_some_and(|v| v.keep_item));
    let (status, note) = if defective {
        (
            ReturnStatus::NeedsContact,
            Some(ReturnNote::new(ReturnEventCode::NeedsContact)),
        )
    } else if let Some(reason) = overriding.filter(|_| !overridden.is_empty()) {
        (
            ReturnStatus::PendingReview,
            Some(ReturnNote::new(ReturnEventCode::PolicyOverridden).with("reason", reason)),
        )
    } else {
        (ReturnStatus::PendingReview, terms.risk.review_note())
    };
    let (actor, staff_id) = submitter.actor();
    let lines = input
        .items
        .iter()
        .map(|i| NewLine {
            order_item_id: i.order_item_id,
            quantity: i.quantity,
            reason_id: i.reason_id,
            comment: crate::services::trimmed(&i.comment),
            defective: reasons.iter().any(|r| r.id == i.reason_id && r.defective),
            photo_ids: i.photo_ids.clone(),
        })
        .collect();
    let (mut saved, items) = insert_return(
        &txn,
        tenant,
        o.id,
        NewReturn {
            resolution: input.resolution,
            replacement_variant: crate::services::trimmed(&input.replacement_variant),
            method: input.method,
            withdrawal: false,
            status,
            note,
            actor,
            staff_id,
            lines,
            fee_minor: terms.fee_minor,
            keep_item,
            exchange: None,
        },
    )
    .await?;
    // The mail and the answer below reuse what was read and written above.
    let known = Known {
        reasons: Some(&reason_rows),
        order_items: Some(&order_items),
        created: Some(Created {
            items: &items,
            photos: input.items.iter().any(|i| !i.photo_ids.is_empty()),
        }),
    };
    if let Some(plan) = exchange {
        saved = exchanges::record(&txn, tenant, saved, &o, &returns.exchanges, plan).await?;
    }
    saved = risk::record_flags(&txn, saved, &terms.risk).await?;
    // A policy's approval decides over the shop's setting; one item needing review is enough.
    let approvals: Vec<ApprovalMode> = terms
        .verdicts
        .iter()
        .flatten()
        .filter_map(|v| v.approval)
        .collect();
    let approval = if approvals.contains(&ApprovalMode::Manual) {
        ApprovalMode::Manual
    } else if approvals.contains(&ApprovalMode::Automatic) {
        ApprovalMode::Automatic
    } else {
        returns.approval_mode
    };
    // A flagged shopper's return waits for staff when the shop says so (the note says why).
    let auto_approved =
        !defective && approval == ApprovalMode::Automatic && !terms.risk.holds_for_review();
    if auto_approved && keep_item {
        // Nothing to ship: no label job, the approval mail says to keep the items.
        saved = transition(
            &txn,
            saved,
            ReturnAction::Approve,
            ReturnActor::System,
            None,
            Some(ReturnNote::new(ReturnEventCode::AutoApproved)),
        )
        .await?;
        outcomes::record_shipping_saved(&txn, tenant, &saved, &o).await?;
        return_mails::return_approved(&txn, deps.links, &o, &saved, None).await?;
        crate::services::returns::return_webhooks::approved(&txn, deps, &saved, None).await?;
    } else if auto_approved {
        // The label (a carrier call) and the approval mail follow through the worker: the
        // job commits with the return, so a crash cannot leave one without the other.
        saved = transition(
            &txn,
            saved,
            ReturnAction::Approve,
            ReturnActor::System,
            None,
            Some(ReturnNote::new(ReturnEventCode::AutoApproved)),
        )
        .await?;
        jobs::enqueue(
            &txn,
            tenant,
            Job::IssueLabel {
                return_id: saved.id,
            },
        )
        .await?;
    } else if defective {
        return_mails::return_needs_contact(&txn, deps.links, &o, &saved, known).await?;
    } else {
        return_mails::return_submitted(&txn, deps.links, &o, &saved, known).await?;
    }
    if let (Some(caller), Some(reason)) = (submitter.caller(), overriding)
        && !overridden.is_empty()
    {
        // Who accepted what the policy refused, and why: the override is the shop's word.
        let change = Change {
            field: format!("return {} policy_override", saved.number),
            from: json!(overridden),
            to: json!(reason),
        };
        audit::record(&txn, caller, "returns", vec![change]).await?;
    }
    if let Some(caller) = submitter.caller()
        && caller.is_api_key()
    {
        // Every return an integration makes is on record with the key that made it.
        let change = Change {
            field: "return".into(),
            from: json!(null),
            to: json!(saved.number),
        };
        audit::record(&txn, caller, "returns", vec![change]).await?;
    }
    crate::services::returns::return_webhooks::submitted(&txn, deps, &saved).await?;
    commit_submission(txn, tenant, deps, &o, saved, idempotency.as_ref(), known).await
}

/// Where a submission starts, return or withdrawal alike: the order opened and locked in a
/// write transaction, unless this idempotency key already made a return for the same request,
/// whose first answer is then the answer (nothing is written).
pub(crate) enum Opened {
    Replayed(Submitted),
    New {
        txn: WriteTxn,
        order: Box<order::Model>,
    },
}

/// The order `o` is found before the write turn (a refusal then costs the other writers
/// nothing); what can change under a submission (the quantities already returned) is read
/// inside it.
pub(crate) async fn open_submission(
    db: &DatabaseConnection,
    tenant: Tenant,
    o: order::Model,
    idempotency: Option<&Idempotency>,
) -> ApiResult<Opened> {
    let txn = begin_write(db).await?;
    // Locked before the replay check, so two identical retries in flight make one return.
    lock_order(&txn, tenant, o.id).await?;
    if let Some(idem) = idempotency
        && let Some(body) = idem.replay(&txn, tenant, o.id).await?
    {
        txn.rollback().await?;
        return Ok(Opened::Replayed(Submitted {
            replayed: true,
            body,
        }));
    }
    Ok(Opened::New {
        txn,
        order: Box::new(o),
    })
}

/// Where a submission ends: its answer remembered under the key and committed with the return.
pub(crate) async fn commit_submission(
    txn: WriteTxn,
    tenant: Tenant,
    deps: ReturnDeps<'_>,
    o: &order::Model,
    saved: return_request::Model,
    idempotency: Option<&Idempotency>,
    known: Known<'_>,
) -> ApiResult<Submitted> {
    let body = finish(&txn, tenant, deps, o, saved, idempotency, known).await?;
    txn.commit().await?;
    Ok(Submitted {
        replayed: false,
        body,
    })
}

/// The new return's JSON, remembered under its idempotency key in the same transaction.
async fn finish(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    deps: ReturnDeps<'_>,
    o: &order::Model,
    saved: return_request::Model,
    idempotency: Option<&Idempotency>,
    known: Known<'_>,
) -> ApiResult<String> {
    let id = saved.id;
    let view = views_knowing(
        db,
        tenant,
        (deps.photos, deps.labels),
        vec![saved],
        &numbers_of(o),
        Reader::Shopper,
        known,
    )
    .await?
    .pop()
    .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the new return has no view")))?;
    let body = serde_json::to_string(&view).map_err(ApiError::internal)?;
    if let Some(idem) = idempotency {
        idem.remember(db, tenant, o.id, id, &body).await?;
    }
    Ok(body)
}
