//! Small form controls the settings tabs share: a labelled checkbox, a number field and the
//! answer handling every save does (field errors under fields, a toast on success).

use leptos::prelude::*;
use rebound_shared::Problem;

use crate::components::field::{ErrorSlot, FieldErrorText, focus_first_error, show_server_errors};
use crate::components::toast::Toasts;
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{Key, S};

/// A checkbox with its label beside it.
#[component]
pub fn Check(
    id: String,
    label: Key,
    value: RwSignal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="check">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || value.get()
                disabled=move || disabled.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{i18n.tr(label)}</label>
        </div>
    }
}

/// A whole-number field (days), kept as text so a half-typed value is not lost.
#[component]
pub fn NumberField(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    error: ErrorSlot,
    min: u32,
    max: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field field-number" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{i18n.tr(label)}</label>
            <input
                id=id
                name=id
                type="number"
                inputmode="numeric"
                min=min
                max=max
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            <FieldErrorText id=format!("{id}-error") error=error />
        </div>
    }
}

/// Reads a day count in `min..=max`, or puts the range rule under the field.
pub fn parse_days(i18n: I18n, raw: &str, min: u32, max: u32, error: ErrorSlot) -> Option<u32> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            error.set(Some(crate::components::field::FieldMessage::Text(
                i18n.t(Key::Set(S::RuleDays))
                    .replace("{min}", &min.to_string())
                    .replace("{max}", &max.to_string()),
            )));
            None
        }
    }
}

/// What every save does with the server's answer: a toast when it worked; otherwise each field
/// error under its field (focusing the first) and the problem above the form.
pub fn after_save<T>(
    result: Result<T, Problem>,
    slots: &[(&str, ErrorSlot)],
    problem: RwSignal<Option<Problem>>,
    toasts: Toasts,
) -> Option<T> {
    match result {
        Ok(value) => {
            problem.set(None);
            toasts.show(Key::Set(S::Saved));
            Some(value)
        }
        Err(p) => {
            if show_server_errors(&p.errors, slots) {
                focus_first_error(slots);
            }
            problem.set(Some(p));
            None
        }
    }
}
