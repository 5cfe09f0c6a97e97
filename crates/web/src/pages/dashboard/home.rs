//! `/dashboard`: the first-run checklist (until it is done or hidden) and why returns are not
//! open yet, above the returns queue.

use leptos::prelude::*;
use rebound_shared::Permission;
use rebound_shared::api::onboarding::Onboarding;

use super::checklist::{Checklist, ReturnsClosedBanner};
use super::returns::ReturnsPage;
use crate::contexts::auth::use_auth;

#[component]
pub fn DashboardHome() -> impl IntoView {
    let auth = use_auth();
    let onboarding = RwSignal::new(None::<Onboarding>);
    // Read once the role is known: agents never see the checklist (it is about settings).
    Effect::new(move || {
        if !auth.can(Permission::ManageSettings) {
            return;
        }
        let Some(api) = auth.api() else { return };
        leptos::task::spawn_local(async move {
            // Without the checklist the queue still works: a failure just hides it.
            if let Ok(found) = api.onboarding().await {
                onboarding.set(Some(found));
            }
        });
    });
    let closed = move || {
        onboarding
            .get()
            .and_then(|o| o.returns_closed)
            .map(|reason| view! { <ReturnsClosedBanner reason=reason /> })
    };
    view! {
        <div class="dashboard-home">
            {closed}
            <Checklist onboarding=onboarding />
            <ReturnsPage />
        </div>
    }
}
