//! Messages above a form or a screen: the problem an API call ran into, or a notice.

use leptos::prelude::*;
use rebound_shared::Problem;

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, error_kind_key};

/// The translated headline for a problem: a screen's own reading of it when it has one
/// (`explain`), else the sentence for its kind.
pub fn problem_key(problem: &Problem, explain: Option<fn(&Problem) -> Option<Key>>) -> Key {
    explain
        .and_then(|f| f(problem))
        .unwrap_or_else(|| error_kind_key(problem.kind))
}

/// An always-present alert region (so screen readers announce what appears in it) showing the
/// current problem, if any.
#[component]
pub fn ProblemAlert(
    #[prop(into)] problem: Signal<Option<Problem>>,
    #[prop(optional)] explain: Option<fn(&Problem) -> Option<Key>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert-region" role="alert">
            {move || {
                problem
                    .get()
                    .map(|p| {
                        let explained = explain.and_then(|f| f(&p)).is_some();
                        let headline = problem_key(&p, explain);
                        // The server writes its details in English: shown to English readers
                        // when they add something to the headline.
                        let detail = (i18n.locale() == Locale::En && !explained
                            && !p.detail.is_empty() && p.errors.is_empty())
                            .then(|| p.detail.clone())
                            .filter(|d| d != i18n.t(headline));
                        let reference = p.request_id.clone();
                        view! {
                            <div class="alert alert-error">
                                <svg class="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
                                    <circle cx="10" cy="10" r="8.5" />
                                    <path d="M10 5.5v5.5M10 14v.1" />
                                </svg>
                                <div>
                                    <p class="alert-title">{i18n.t(headline)}</p>
                                    {detail.map(|d| view! { <p class="alert-detail">{d}</p> })}
                                    {reference
                                        .map(|r| {
                                            view! {
                                                <p class="alert-detail">
                                                    {i18n.t(Key::ErrorReference)} ": " <code>{r}</code>
                                                </p>
                                            }
                                        })}
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// A polite live region for neutral or good news.
#[component]
pub fn Notice(#[prop(into)] message: Signal<Option<Key>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || {
                message
                    .get()
                    .map(|key| {
                        view! {
                            <div class="alert alert-info">
                                <svg class="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
                                    <circle cx="10" cy="10" r="8.5" />
                                    <path d="M10 9v5M10 6v.1" />
                                </svg>
                                <p class="alert-title">{i18n.t(key)}</p>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
