//! The interface language: first the one the visitor chose (kept in localStorage), else the
//! browser's, else English. Changing it updates `<html lang>` so screen readers follow.

use leptos::prelude::*;

use super::local_storage;
use crate::i18n::{Dictionary, Key, Locale};

const STORAGE_KEY: &str = "rebound.locale";

/// The translator handed to every component.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
    /// The entry's own sentences (`i18n::text` or `i18n::shopper_text`).
    dictionary: Dictionary,
}

impl I18n {
    /// Creates the context for the whole app, speaking from the entry's `dictionary`.
    pub fn provide(dictionary: Dictionary) -> I18n {
        let i18n = I18n {
            locale: RwSignal::new(initial_locale()),
            dictionary,
        };
        Effect::new(move || {
            let locale = i18n.locale.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", locale.tag());
            }
        });
        provide_context(i18n);
        i18n
    }

    /// The current language (tracked: a view reading it follows changes).
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// Switches language and remembers the choice.
    pub fn set_locale(self, locale: Locale) {
        self.locale.set(locale);
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, locale.tag());
        }
    }

    /// The text of `key` in the current language (tracked).
    pub fn t(self, key: Key) -> &'static str {
        (self.dictionary)(self.locale.get(), key)
    }

    /// A reactive text node or attribute value for `key`.
    pub fn tr(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn initial_locale() -> Locale {
    let stored = local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Locale::from_tag(&tag));
    stored
        .or_else(|| {
            let navigator = web_sys::window()?.navigator();
            let languages = navigator.languages();
            // The first language of the visitor's list that we speak.
            languages
                .iter()
                .filter_map(|l| l.as_string())
                .chain(navigator.language())
                .find_map(|tag| Locale::from_tag(&tag))
        })
        .unwrap_or(Locale::En)
}
