//! The two routers, one per entry (`portal`, `dashboard`), and what both do with an address
//! that belongs to the other one.

pub mod dashboard;
pub mod portal;

use leptos::prelude::*;
use rebound_shared::web_entry::WebEntry;

use crate::pages::not_found::NotFound;

/// The router's fallback. An address served by the other entry (a dashboard link to a shop's
/// portal, the 404 page's link home) is loaded by the browser as a new document, since this
/// bundle does not carry those screens; anything else is a real 404.
#[component]
pub fn ElsewhereOrNotFound(entry: WebEntry) -> impl IntoView {
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    if WebEntry::for_path(&path) != entry
        && let Some(location) = location
        && let Ok(href) = location.href()
        // `replace`: the router already pushed this address, so Back still leaves it.
        && location.replace(&href).is_ok()
    {
        return ().into_any();
    }
    view! { <NotFound /> }.into_any()
}
