//! A labelled `<select>` with the same hint and error slots as a text field.

use leptos::prelude::*;

use crate::components::field::{ErrorSlot, FieldErrorText};
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn SelectField(
    /// The select's id; also the JSON field name, so server errors find their field.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    error: ErrorSlot,
    /// `(value, visible label)` pairs, in order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
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
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|key| view! { <p class="field-hint" id=hint_id.clone()>{i18n.tr(key)}</p> })}
            <select
                id=id.clone()
                name=id.clone()
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    error.set(None);
                }
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.with_untracked(|current| *current == v);
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldErrorText id=error_id error=error />
        </div>
    }
}
