//! The browser tab's title for the current screen.

use leptos::prelude::*;

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// Keeps the tab title at "<screen> · Rebound", in the current language.
pub fn use_page_title(key: Key) {
    let i18n = use_i18n();
    Effect::new(move || {
        let title = format!("{} · Rebound", i18n.t(key));
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
}
