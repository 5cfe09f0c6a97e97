//! The return this tab just submitted, per shop, in sessionStorage: a reload of the wizard
//! shows it again instead of a blank form, until the shopper starts another.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn key(slug: &str) -> String {
    format!("rebound.submitted-return.{slug}")
}

pub(super) fn remember(slug: &str, number: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(slug), number);
    }
}

/// The number of the return submitted from this tab, if any.
pub(super) fn recall(slug: &str) -> Option<String> {
    storage()?.get_item(&key(slug)).ok().flatten()
}

pub(super) fn forget(slug: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(slug));
    }
}
