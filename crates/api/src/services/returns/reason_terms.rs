//! The return form's terms per item and reason: the policy evaluated for each active reason,
//! its resolutions and methods intersected with the shop's offer, so the wizard offers only
//! what the submission will accept and shows the fee before it is sent.

use chrono::{DateTime, Utc};
use rebound_shared::api::return_terms::ReasonTerms;
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::NotReturnable;
use rebound_shared::domain::policy::{
    ItemFacts, OrderFacts, PolicyRule, ReasonFacts, evaluate_item,
};

/// What the shop offers, and whether it takes returns at all from this caller.
pub(crate) struct ShopOffer<'a> {
    pub resolutions: &'a [Resolution],
    pub methods: &'a [ReturnMethod],
    pub open: bool,
}

/// The terms of `item` for each of `reasons`, in their order: the verdict `submit` will reach
/// for the same item and reason.
pub(crate) fn reason_terms(
    rules: &[PolicyRule],
    item: &ItemFacts,
    order: &OrderFacts,
    reasons: &[ReasonFacts],
    offer: &ShopOffer<'_>,
    now: DateTime<Utc>,
) -> Vec<ReasonTerms> {
    reasons
        .iter()
        .map(|reason| {
            let facts = ItemFacts {
                reason: Some(*reason),
                ..item.clone()
            };
            let verdict = evaluate_item(rules, &facts, order, now);
            let why_not = if offer.open {
                verdict.why_not()
            } else {
                Some(NotReturnable::NotReturnable)
            };
            ReasonTerms {
                reason_id: reason.id,
                allowed: why_not.is_none(),
                why_not,
                resolutions: offer
                    .resolutions
                    .iter()
                    .copied()
                    .filter(|r| verdict.resolutions.as_ref().is_none_or(|o| o.contains(r)))
                    .collect(),
                methods: offer
                    .methods
                    .iter()
                    .copied()
                    .filter(|m| verdict.methods.as_ref().is_none_or(|o| o.contains(m)))
                    .collect(),
                deadline: verdict.deadline(),
                fee: verdict.fee,
                keep_item: verdict.keep_item,
                keep_item_photos: verdict.keep_item_photos,
            }
        })
        .collect()
}
