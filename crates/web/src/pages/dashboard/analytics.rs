//! `/dashboard/analytics`: the analytics section (for now an empty state).

use leptos::prelude::*;

use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::page_title::use_page_title;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Key::NavAnalytics);
    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::NavAnalytics)}</h1>
            <div class="card">
                <EmptyState
                    illustration=Illustration::Analytics
                    title=Key::AnalyticsEmptyTitle
                    body=Key::AnalyticsEmptyBody
                />
            </div>
        </div>
    }
}
