//! `/dashboard/orders`: the orders section (for now an empty state).

use leptos::prelude::*;

use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::page_title::use_page_title;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Key::NavOrders);
    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::NavOrders)}</h1>
            <div class="card">
                <EmptyState
                    illustration=Illustration::Orders
                    title=Key::OrdersEmptyTitle
                    body=Key::OrdersEmptyBody
                />
            </div>
        </div>
    }
}
