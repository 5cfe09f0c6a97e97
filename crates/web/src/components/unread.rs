//! The unread-messages count on the nav's Messages entry: read from the inbox whenever it
//! loads, and every minute while the dashboard is open.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Permission;
use std::time::Duration;

use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key};

const REFRESH: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
pub struct Unread(pub RwSignal<i64>);

impl Unread {
    pub fn provide() -> Unread {
        let unread = Unread(RwSignal::new(0));
        provide_context(unread);
        unread
    }
}

pub fn use_unread() -> Unread {
    expect_context::<Unread>()
}

/// Asks the server for the count now and then every minute, until the caller is unmounted.
pub fn poll_unread() {
    let auth = use_auth();
    let unread = use_unread();
    let refresh = move || {
        if !auth.can(Permission::HandleReturns) {
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(page) = api.threads(false, None).await {
                unread.0.set(page.total_unread);
            }
        });
    };
    // Once `/me` says the staff member may read messages.
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
pub fn UnreadBadge() -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    move || {
        let count = unread.0.get();
        (count > 0).then(|| {
            let label = i18n
                .t(Key::Help(H::UnreadNav))
                .replace("{count}", &count.to_string());
            view! {
                <span class="unread-badge" aria-hidden="true">{count.min(99)}</span>
                <span class="visually-hidden">" " {label}</span>
            }
        })
    }
}
