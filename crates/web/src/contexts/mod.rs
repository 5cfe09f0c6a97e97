//! App-wide state handed down through Leptos contexts: the locale, the signed-in staff member
//! and the portal's branding.

pub mod auth;
pub mod branding;
pub mod locale;
pub mod order_access;

/// The browser's localStorage, when the page may use it (private modes may refuse).
pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
