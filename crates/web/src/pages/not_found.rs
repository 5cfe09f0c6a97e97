//! The 404 page: an address that matches no screen, or a portal slug with no shop behind it.

use leptos::prelude::*;

use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::language_switch::LanguageSwitch;
use crate::components::page_title::use_page_title;
use crate::components::wordmark::Wordmark;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn NotFound(
    /// A portal address with no shop behind it (the shopper followed a wrong link).
    #[prop(optional)]
    shop: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Key::NotFoundTitle);
    let body = if shop {
        Key::ShopNotFoundBody
    } else {
        Key::NotFoundBody
    };
    view! {
        <div class="plain-page">
            <header class="plain-header">
                <Wordmark />
                <LanguageSwitch />
            </header>
            <main id="main" class="plain-main">
                <div class="card not-found">
                    <p class="status-code" aria-hidden="true">"404"</p>
                    <EmptyState
                        illustration=Illustration::NotFound
                        title=Key::NotFoundTitle
                        body=body
                        page_title=true
                    >
                        {(!shop)
                            .then(|| {
                                view! {
                                    <a class="btn btn-primary" href="/">
                                        {i18n.tr(Key::GoHome)}
                                    </a>
                                }
                            })}
                    </EmptyState>
                </div>
            </main>
        </div>
    }
}
