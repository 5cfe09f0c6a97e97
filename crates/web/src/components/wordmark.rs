//! Rebound's own mark, for the dashboard and the sign-in pages.

use leptos::prelude::*;

#[component]
pub fn Wordmark() -> impl IntoView {
    view! {
        <span class="wordmark">
            <svg class="wordmark-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                <rect width="32" height="32" rx="8" />
                <path d="M10 22V10h6.5a4 4 0 0 1 0 8H13m3.5 0L21 22" />
            </svg>
            <span class="wordmark-text">"Rebound"</span>
        </span>
    }
}
