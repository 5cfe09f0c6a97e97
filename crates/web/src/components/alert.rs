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

/// Whether the page has an input for `field` (inputs take their JSON field's name as id, see
/// `Field`), where the form shows that field's error itself.
fn field_on_page(field: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(field))
        .is_some()
}

/// An always-present alert region (so screen readers announce what appears in it) showing the
/// current problem, if any: the headline for its kind, then the server's reason (its `detail`),
/// and the field errors no input on the page shows, so a refusal never reads as "Some fields
/// need your attention" with no field in sight.
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
                        // Errors the form does not show under an input of its own.
                        // In the server's own words: our translations of a rule ("This field
                        // is required") need the field beside them, which is not on the screen.
                        let loose: Vec<(String, bool)> = p
                            .errors
                            .iter()
                            .filter(|e| !field_on_page(&e.field))
                            .map(|e| (e.message.clone(), true))
                            .collect();
                        // The server's reason when no field carries it (with field errors its
                        // detail only sums them up), unless the screen worded it already.
                        let detail = (!explained && p.errors.is_empty() && !p.detail.is_empty())
                            .then(|| p.detail.clone())
                            .filter(|d| d != i18n.t(headline));
                        // The server writes in English: said so to French readers' screen readers.
                        let lang = (i18n.locale() != Locale::En).then_some("en");
                        let reference = p.request_id.clone();
                        let list = (!loose.is_empty()).then(move || {
                            let items = loose
                                .into_iter()
                                .map(|(t, english)| view! { <li lang=lang.filter(|_| english)>{sentence(&t)}</li> })
                                .collect_view();
                            view! { <ul class="alert-fields">{items}</ul> }
                        });
                        view! {
                            <div class="alert alert-error">
                                <svg class="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
                                    <circle cx="10" cy="10" r="8.5" />
                                    <path d="M10 5.5v5.5M10 14v.1" />
                                </svg>
                                <div>
                                    <p class="alert-title">{i18n.t(headline)}</p>
                                    {detail.map(|d| view! { <p class="alert-detail alert-reason" lang=lang>{sentence(&d)}</p> })}
                                    {list}
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

/// The server's lower-case reasons ("add a return address in Settings first") read as
/// sentences.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
