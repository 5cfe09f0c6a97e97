//! A photo shown large over the page; Escape, the close button or a click outside closes it,
//! and focus goes back where it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O};

/// The photo on show: its address and its description.
pub type Shown = RwSignal<Option<(String, String)>>;

#[component]
pub fn Lightbox(shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let close = move || {
        shown.set(None);
        if let Some(element) = opener.get_value() {
            let _ = element.focus();
        }
    };
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && shown.with_untracked(Option::is_some) {
            close();
        }
    });
    on_cleanup(move || listener.remove());
    Effect::new(move || {
        if shown.with(Option::is_some) {
            let document = web_sys::window().and_then(|w| w.document());
            opener.set_value(
                document
                    .as_ref()
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            request_animation_frame(move || {
                if let Some(button) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".lightbox-close").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            });
        }
    });
    move || {
        shown.get().map(|(src, alt)| {
            let label = alt.clone();
            view! {
                <div class="lightbox" role="dialog" aria-modal="true" aria-label=label on:click=move |_| close()>
                    <img src=src alt=alt on:click=|ev| ev.stop_propagation() />
                    <button type="button" class="lightbox-close btn btn-secondary btn-small" on:click=move |_| close()>
                        {i18n.tr(Key::Ord(O::Close))}
                    </button>
                </div>
            }
        })
    }
}
