//! The shop's terms for what the shopper chose, read from the return options: the reasons each
//! item may come back for, the resolutions and methods every chosen item allows, and the fee,
//! worked out with the server's own `fee_for_return` so the summary shows what will be charged.

use leptos::prelude::*;
use rebound_shared::api::return_terms::ReasonTerms;
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::NotReturnable;

use crate::i18n::R;

use super::form::Wizard;

/// What the summary says about money and the parcel.
pub(super) struct Reckoning {
    /// What the chosen units were paid.
    pub(super) value: i64,
    /// The fee the server will charge; 0 when none.
    pub(super) fee: i64,
    /// The shopper keeps every item: no parcel.
    pub(super) kept: bool,
}

impl Wizard {
    /// The resolutions and methods every chosen item allows for its reason.
    pub(super) fn offered(&self) -> (Vec<Resolution>, Vec<ReturnMethod>) {
        let items = self.request().items;
        self.options
            .with_value(|o| (o.resolutions_for(&items), o.methods_for(&items)))
    }

    /// Moves the resolution and method to ones still offered, when a reason took them away.
    pub(super) fn keep_choices_offered(&self) {
        let (resolutions, methods) = self.offered();
        if let Some(first) = resolutions.first()
            && !resolutions.contains(&self.resolution.get_untracked())
        {
            self.resolution.set(*first);
        }
        if let Some(first) = methods.first()
            && !methods.contains(&self.method.get_untracked())
        {
            self.method.set(*first);
        }
    }

    pub(super) fn reckon(&self) -> Reckoning {
        let request = self.request();
        self.options.with_value(|o| {
            let value = o.value_of(&request.items);
            let fee = o
                .fee_for(&request.items, request.resolution)
                .map_or(0, |m| m.minor());
            Reckoning {
                value,
                fee: fee.clamp(0, value.max(0)),
                kept: o.keeps_every_item(&request.items),
            }
        })
    }

    /// Whether the shopper keeps the item of `index` for the reason chosen for it.
    pub(super) fn keeps(&self, index: usize, reason: &str) -> bool {
        self.options.with_value(|o| {
            reason.parse::<uuid::Uuid>().ok().is_some_and(|id| {
                o.items[index]
                    .terms_for(id)
                    .is_some_and(|t: &ReasonTerms| t.keep_item)
            })
        })
    }
}

/// Why a reason cannot be chosen for an item, as the option's suffix; none when it can.
pub(super) fn refusal(terms: Option<&ReasonTerms>) -> Option<R> {
    let terms = terms.filter(|t| !t.allowed)?;
    Some(match terms.why_not {
        Some(NotReturnable::WindowClosed) => R::ReasonClosed,
        Some(NotReturnable::NotDelivered) => R::ReasonNotYet,
        _ => R::ReasonRefused,
    })
}
