//! The "Flagged" badge of a shopper past the shop's risk thresholds, with its reasons: shown
//! on hover and read by screen readers in the queue, listed in full in the case.

use leptos::prelude::*;
use rebound_shared::domain::risk::RiskFlag;

use crate::contexts::locale::use_i18n;
use crate::i18n::{K, Key, flag_reason};

/// The badge, or nothing when `flags` is empty.
#[component]
pub fn RiskBadge(flags: Vec<RiskFlag>) -> impl IntoView {
    let i18n = use_i18n();
    (!flags.is_empty()).then(move || {
        let reasons = Memo::new(move |_| {
            flags
                .iter()
                .map(|f| flag_reason(i18n.locale(), f))
                .collect::<Vec<_>>()
                .join("; ")
        });
        view! {
            <span class="badge badge-risk" title=reasons>
                {i18n.tr(Key::Risk(K::Flagged))}
                <span class="visually-hidden">": " {reasons}</span>
            </span>
        }
    })
}

/// The reasons as a list, under a "Flagged shopper" badge.
#[component]
pub fn RiskReasons(flags: Vec<RiskFlag>) -> impl IntoView {
    let i18n = use_i18n();
    (!flags.is_empty()).then(move || {
        view! {
            <div class="risk-reasons">
                <span class="badge badge-risk">{i18n.tr(Key::Risk(K::FlaggedShopper))}</span>
                <ul>
                    {flags
                        .into_iter()
                        .map(|f| view! { <li>{move || flag_reason(i18n.locale(), &f)}</li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
