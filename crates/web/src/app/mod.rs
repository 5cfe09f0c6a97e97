//! The two routers, one per entry (`portal`, `dashboard`), and what both do with an address
//! that belongs to the other one.

pub mod dashboard;
pub mod portal;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use rebound_shared::web_entry::WebEntry;

use crate::pages::not_found::NotFound;

/// The router's fallback. An address served by the other entry (a dashboard link to a shop's
/// portal, the 404 page's link home) is loaded by the browser as a new document, since this
/// bundle does not carry those screens; anything else is a real 404. It watches the address:
/// the router keeps a fallback mounted from one unmatched address to the next.
#[component]
pub fn ElsewhereOrNotFound(entry: WebEntry) -> impl IntoView {
    let pathname = use_location().pathname;
    let elsewhere = move || WebEntry::for_path(&pathname.get()) != entry;
    Effect::new(move |_| {
        if elsewhere() {
            load_document(&pathname.get_untracked());
        }
    });
    move || (!elsewhere()).then(|| view! { <NotFound /> })
}

/// Asks the browser for `path` as a new document. `replace`: the router already pushed this
/// address, so Back still leaves it.
fn load_document(path: &str) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    // The browser's own address keeps the query (`?next=`) when it is this path.
    let href = match (location.pathname(), location.href()) {
        (Ok(here), Ok(href)) if here == path => href,
        _ => path.to_owned(),
    };
    let _ = location.replace(&href);
}
