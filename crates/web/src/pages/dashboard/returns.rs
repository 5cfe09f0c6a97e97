//! `/dashboard/returns`: the returns section (for now an empty state).

use leptos::prelude::*;

use rebound_shared::domain::Slug;

use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;
use crate::routes::Page;

#[component]
pub fn ReturnsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::NavReturns);
    // Returns start on the shop's portal: the way to see what shoppers see.
    let portal = move || {
        auth.me()
            .and_then(|me| Slug::parse(&me.merchant.slug).ok())
            .map(|slug| Page::Portal(slug).path())
    };
    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::NavReturns)}</h1>
            <div class="card">
                <EmptyState
                    illustration=Illustration::Returns
                    title=Key::ReturnsEmptyTitle
                    body=Key::ReturnsEmptyBody
                >
                    {move || {
                        portal()
                            .map(|href| {
                                view! {
                                    <a class="btn btn-secondary" href=href target="_blank" rel="noopener">
                                        {i18n.tr(Key::ViewPortal)}
                                    </a>
                                }
                            })
                    }}
                </EmptyState>
            </div>
        </div>
    }
}
