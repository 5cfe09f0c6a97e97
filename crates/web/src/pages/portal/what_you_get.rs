//! What the shopper gets back and when, in money and plain words: on the wizard's summary
//! before submitting, and for each status afterwards. No code (`returned_item`, `resolved`)
//! ever reaches the shopper; every sentence comes from the portal's translations.

use std::collections::BTreeMap;

use leptos::prelude::*;
use rebound_shared::api::returns::ReturnView;
use rebound_shared::api::settings::Resolution;
use rebound_shared::api::timeline::{ReturnEventCode, note_amount};
use rebound_shared::domain::{Money, ReturnStatus};

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, P, event_note, shopper_text};

fn say(locale: Locale, p: P) -> &'static str {
    shopper_text(locale, Key::Portal(p))
}

fn money(locale: Locale) -> impl Fn(i64, &str) -> String {
    move |minor, currency| Money::show(minor, currency, locale.lang())
}

/// "your refund" / "votre avoir", for the status sentences.
fn what(locale: Locale, resolution: Option<Resolution>) -> &'static str {
    say(
        locale,
        match resolution {
            Some(Resolution::Refund) => P::WhatRefund,
            Some(Resolution::StoreCredit) => P::WhatStoreCredit,
            Some(Resolution::Replacement) => P::WhatReplacement,
            Some(Resolution::Exchange) => P::WhatExchange,
            None => P::WhatAgreed,
        },
    )
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Where the money goes, with the amount: "79.00 $ back to your original payment method".
pub fn what_you_get(locale: Locale, resolution: Resolution, minor: i64, currency: &str) -> String {
    let p = match resolution {
        Resolution::Refund => P::GetRefund,
        Resolution::StoreCredit => P::GetStoreCredit,
        Resolution::Replacement => P::GetReplacement,
        Resolution::Exchange => P::GetExchange,
    };
    say(locale, p).replace("{amount}", &money(locale)(minor, currency))
}

/// The latest refund's amount, from its history note.
fn refunded_amount(made: &ReturnView, locale: Locale) -> Option<String> {
    made.history
        .iter()
        .rev()
        .find(|e| e.code == Some(ReturnEventCode::Refunded))
        .map(|e| note_amount(&e.params, money(locale)))
}

/// What the status means for the shopper's money, in plain words.
pub fn status_sentence(locale: Locale, made: &ReturnView) -> String {
    let p = match made.status {
        ReturnStatus::PendingReview if made.keep_item => P::NowPendingKeepItem,
        ReturnStatus::PendingReview => P::NowPending,
        ReturnStatus::NeedsContact => P::NowNeedsContact,
        ReturnStatus::Approved if made.keep_item => P::NowKeepItem,
        // No label yet (none could be bought): say what happens instead of "send the parcel".
        ReturnStatus::Approved if made.label_url.is_none() && made.qr_url.is_none() => {
            P::NowApprovedNoLabel
        }
        ReturnStatus::Approved => P::NowApproved,
        ReturnStatus::InTransit => P::NowInTransit,
        ReturnStatus::Received | ReturnStatus::Inspected => P::NowReceived,
        // A resolved return always says how (staff settling a defect decide it).
        ReturnStatus::Resolved => match made.resolution {
            Some(Resolution::StoreCredit) => P::NowStoreCredit,
            Some(Resolution::Replacement | Resolution::Exchange) => P::NowReplaced,
            Some(Resolution::Refund) | None => P::NowRefunded,
        },
        ReturnStatus::Rejected => P::NowRejected,
        ReturnStatus::Cancelled => P::NowCancelled,
    };
    let what = what(locale, made.resolution);
    say(locale, p)
        .replace("{what}", what)
        .replace("{What}", &capitalised(what))
        .replace(
            "{amount}",
            &refunded_amount(made, locale).unwrap_or_default(),
        )
}

/// A history note as the shopper reads it: a refund says where the money went, never the
/// shop's internal reason for it.
pub fn shopper_event_note(
    locale: Locale,
    code: ReturnEventCode,
    params: &BTreeMap<String, String>,
) -> String {
    match code {
        ReturnEventCode::Refunded => say(locale, P::TimelineRefunded)
            .replace("{amount}", &note_amount(params, money(locale))),
        other => event_note(locale, other, params, money(locale)),
    }
}

/// The summary's "What you get": the amount (less any return fee), where it goes, and when
/// (after inspection, or once approved when the shopper keeps the items).
#[component]
pub fn WhatYouGet(
    resolution: Resolution,
    minor: i64,
    currency: String,
    #[prop(optional)] kept: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="return-payout" id="what-you-get">
            <h3 class="return-payout-title">{i18n.tr(Key::Portal(P::YouGet))}</h3>
            <p class="return-payout-amount">
                {move || what_you_get(i18n.locale(), resolution, minor, &currency)}
            </p>
            <p class="muted">{i18n.tr(Key::Portal(if kept { P::WhenKept } else { P::WhenAfterInspection }))}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_and_where_it_goes_read_in_both_languages() {
        assert_eq!(
            what_you_get(Locale::En, Resolution::Refund, 7900, "CAD"),
            format!(
                "{} back to your original payment method",
                Money::show(7900, "CAD", Locale::En.lang())
            )
        );
        assert!(what_you_get(Locale::Fr, Resolution::StoreCredit, 7900, "EUR").contains("avoir"));
    }

    #[test]
    fn a_refund_note_never_shows_the_internal_reason() {
        let params = BTreeMap::from([
            ("amount_minor".to_owned(), "7900".to_owned()),
            ("currency".to_owned(), "CAD".to_owned()),
            ("reason".to_owned(), "returned_item".to_owned()),
        ]);
        for locale in [Locale::En, Locale::Fr] {
            let note = shopper_event_note(locale, ReturnEventCode::Refunded, &params);
            assert!(!note.contains("returned_item"), "{note}");
            assert!(
                note.contains(&Money::show(7900, "CAD", locale.lang())),
                "{note}"
            );
        }
    }
}
