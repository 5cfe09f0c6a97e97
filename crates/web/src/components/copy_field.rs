//! A read-only value to copy (a secret, a URL to paste elsewhere): its label, the text, selected
//! on focus, and a Copy button that says when it worked.

use leptos::prelude::*;

use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key};

#[component]
pub fn CopyField(id: String, label: Key, #[prop(into)] value: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .navigator()
                .clipboard()
                .write_text(&value.get_untracked());
            copied.set(true);
        }
    };
    Effect::new(move || {
        value.track();
        copied.set(false);
    });
    view! {
        <div class="copy-field">
            <label for=id.clone()>{i18n.tr(label)}</label>
            <div class="copy-row">
                <input id=id type="text" readonly spellcheck="false" prop:value=move || value.get() on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.select();
                    }
                } />
                <button type="button" class="btn btn-secondary btn-small" on:click=copy>
                    {move || i18n.t(if copied.get() { Key::Dev(D::Copied) } else { Key::Dev(D::Copy) })}
                </button>
            </div>
        </div>
    }
}
