//! A form field: its label, the input, an optional hint and the error under it. Errors come
//! from the shared validation rules (before sending) or from the server's `Problem.errors`.

use leptos::prelude::*;
use rebound_shared::FieldError;
use validator::ValidationError;

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, rule_key};

/// What is wrong with a field: a sentence we translate, or the server's own words when the rule
/// is one we have no translation for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldMessage {
    Key(Key),
    Text(String),
}

impl FieldMessage {
    /// From a shared constructor's verdict on `field`.
    pub fn from_rule(field: &str, error: &ValidationError) -> FieldMessage {
        match rule_key(field, &error.code) {
            Some(key) => FieldMessage::Key(key),
            None => FieldMessage::Text(
                error
                    .message
                    .as_ref()
                    .map_or_else(|| error.code.to_string(), ToString::to_string),
            ),
        }
    }

    /// From one of the server's field errors.
    pub fn from_server(error: &FieldError) -> FieldMessage {
        match rule_key(&error.field, &error.code) {
            Some(key) => FieldMessage::Key(key),
            None => FieldMessage::Text(error.message.clone()),
        }
    }

    /// Runs a shared rule on `raw`: `None` when it passes.
    pub fn check(
        field: &str,
        raw: &str,
        rule: fn(&str) -> Result<(), ValidationError>,
    ) -> Option<FieldMessage> {
        rule(raw).err().map(|e| FieldMessage::from_rule(field, &e))
    }
}

/// One error slot per field of a form.
pub type ErrorSlot = RwSignal<Option<FieldMessage>>;

#[component]
pub fn Field(
    /// The input's id; also the JSON field name, so server errors find their field.
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    error: ErrorSlot,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] required: bool,
    /// The phone keyboard to show (`email`, `numeric`...).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Typed as is (order numbers, emails): phones neither capitalise nor correct it.
    #[prop(optional)]
    literal: bool,
    /// The longest value the server accepts (`rebound_shared::limits`).
    #[prop(optional, into)]
    max_length: Option<u64>,
    /// Extra content under the hint (a live preview, for instance).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // `autocorrect` (Safari's) is not among the view macro's attribute names.
    let input = view! {
        <input
            id=id
            name=id
            type=input_type
            autocomplete=autocomplete
            inputmode=inputmode
            autocapitalize=literal.then_some("off")
            spellcheck=literal.then_some("false")
            required=required
            maxlength=max_length
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=described_by
            prop:value=move || value.get()
            on:input=move |ev| {
                value.set(event_target_value(&ev));
                error.set(None);
            }
        />
    }
    .attr("autocorrect", literal.then_some("off"));
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{i18n.tr(label)}</label>
            {hint.map(|key| view! { <p class="field-hint" id=hint_id.clone()>{i18n.tr(key)}</p> })}
            {children.map(|c| c())}
            {input}
            <FieldErrorText id=error_id error=error />
        </div>
    }
}

/// The error line under a field; an empty live region until there is something to say.
#[component]
pub fn FieldErrorText(id: String, error: ErrorSlot) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || {
                error
                    .get()
                    .map(|message| {
                        let text = match message {
                            FieldMessage::Key(key) => i18n.t(key).to_owned(),
                            FieldMessage::Text(text) => text,
                        };
                        view! {
                            <svg class="field-error-icon" viewBox="0 0 16 16" aria-hidden="true">
                                <circle cx="8" cy="8" r="7" />
                                <path d="M8 4.5v4.2M8 11.2v.1" />
                            </svg>
                            <span>{text}</span>
                        }
                    })
            }}
        </p>
    }
}

/// Puts the server's field errors under their fields; returns whether any field matched.
pub fn show_server_errors(errors: &[FieldError], slots: &[(&str, ErrorSlot)]) -> bool {
    let mut matched = false;
    for (field, slot) in slots {
        if let Some(error) = errors.iter().find(|e| e.field == *field) {
            slot.set(Some(FieldMessage::from_server(error)));
            matched = true;
        }
    }
    matched
}

/// Moves focus to the first field with an error, so keyboard and screen-reader users land on it.
pub fn focus_first_error(slots: &[(&str, ErrorSlot)]) {
    if let Some((id, _)) = slots
        .iter()
        .find(|(_, slot)| slot.with_untracked(Option::is_some))
    {
        focus(id);
    }
}

/// Moves focus to the element `id` (a field that needs attention).
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The submit button: disabled with a spinner and "…ing" text while the request runs.
#[component]
pub fn SubmitButton(
    label: Key,
    busy_label: Key,
    #[prop(into)] pending: Signal<bool>,
    #[prop(optional)] wide: bool,
    /// In the shop's colour (the portal) rather than Rebound's.
    #[prop(optional)]
    brand: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="submit"
            class="btn"
            class:btn-primary=!brand
            class:btn-brand=brand
            class:btn-wide=wide
            disabled=move || pending.get()
            aria-busy=move || pending.get().then_some("true")
        >
            {move || pending.get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
            <span>{move || i18n.t(if pending.get() { busy_label } else { label })}</span>
        </button>
    }
}
