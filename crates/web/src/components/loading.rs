//! What shows while something loads: a spinner with words for screen readers, or skeleton bars.

use leptos::prelude::*;

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            <span>{i18n.tr(Key::Loading)}</span>
        </div>
    }
}

/// A grey bar standing in for text that is on its way.
#[component]
pub fn Skeleton(#[prop(default = "8rem")] width: &'static str) -> impl IntoView {
    view! { <span class="skeleton" style:width=width aria-hidden="true"></span> }
}
