//! The EN / FR switch. Each button's name is the code it shows (what a voice-control user says,
//! WCAG 2.5.3 "label in name"); its description, from `title`, names the language in that
//! language, for whoever needs it.

use leptos::prelude::*;

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale};

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="lang-switch" role="group" aria-label=i18n.tr(Key::Language)>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            class="lang-option"
                            lang=locale.tag()
                            data-locale=locale.tag()
                            title=locale.native_name()
                            aria-pressed=move || if i18n.locale() == locale { "true" } else { "false" }
                            on:click=move |_| i18n.set_locale(locale)
                        >
                            {locale.short()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
