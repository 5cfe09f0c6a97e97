//! The open issue-reports count on the nav's Issues entry: read when the dashboard opens, every
//! minute while it stays open, and from each page of the queue (which carries the count).

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Permission;
use rebound_shared::api::orders::IssueStatus;
use std::time::Duration;

use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, N};

const REFRESH: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
pub struct OpenIssues(pub RwSignal<u64>);

/// Provided by the dashboard's shell, so the nav and the queue share one count.
pub fn provide_open_issues() -> OpenIssues {
    let open = OpenIssues(RwSignal::new(0));
    provide_context(open);
    open
}

pub fn use_open_issues() -> OpenIssues {
    expect_context::<OpenIssues>()
}

/// Asks the server now and then every minute, until the caller is unmounted.
pub fn poll_open_issues() {
    let auth = use_auth();
    let open = use_open_issues();
    let refresh = move || {
        if !auth.can(Permission::HandleReturns) {
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(page) = api.issue_reports(IssueStatus::Open, None).await {
                open.0.set(page.open_count);
            }
        });
    };
    Effect::new(move || {
        if auth.can(Permission::HandleReturns) {
            refresh();
        }
    });
    if let Ok(handle) = set_interval_with_handle(refresh, REFRESH) {
        on_cleanup(move || handle.clear());
    }
}

/// The count as a small badge, hidden at zero.
#[component]
pub fn OpenIssuesBadge() -> impl IntoView {
    let i18n = use_i18n();
    let open = use_open_issues();
    move || {
        let count = open.0.get();
        (count > 0).then(|| {
            view! {
                <span class="unread-badge issues-badge" aria-hidden="true">{count.min(99)}</span>
                <span class="visually-hidden">", " {count} " " {i18n.tr(Key::Onb(N::OpenCount))}</span>
            }
        })
    }
}
