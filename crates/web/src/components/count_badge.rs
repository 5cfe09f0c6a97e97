//! A count on a nav entry (unread messages, open issue reports): read when the entry is
//! shown, then every minute while it stays shown, into a signal the entry's own page also
//! writes (it knows the count first after an action); a small badge, hidden at zero.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Permission;
use std::future::Future;
use std::time::Duration;

use crate::api::AuthorizedApi;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

const REFRESH: Duration = Duration::from_secs(60);

/// One count shared by a nav entry's badge and its page, provided as a context by type `T`
/// (a marker naming what is counted), so two counts never mix.
#[derive(Debug)]
pub struct Count<T: 'static>(pub RwSignal<u64>, std::marker::PhantomData<T>);

impl<T> Clone for Count<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Count<T> {}

impl<T: Send + Sync + 'static> Count<T> {
    pub fn provide() -> Count<T> {
        let count = Count(RwSignal::new(0), std::marker::PhantomData);
        provide_context(count);
        count
    }

    pub fn used() -> Count<T> {
        expect_context::<Count<T>>()
    }
}

/// The badge. `fetch` asks the server for the count (`None` when it could not); `label`
/// holds `{count}` and names what is counted, read by screen readers after the entry's name.
/// Only staff who may handle returns see the entries that carry one, so only they ask.
#[component]
pub fn CountBadge<F, Fut>(
    count: RwSignal<u64>,
    fetch: F,
    label: Key,
    #[prop(optional)] class: &'static str,
) -> impl IntoView
where
    F: Fn(AuthorizedApi) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Option<u64>> + 'static,
{
    let i18n = use_i18n();
    let auth = use_auth();
    let refresh = move || {
        if !auth.can(Permission::HandleReturns) {
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Some(n) = fetch(api).await {
                count.set(n);
            }
        });
    };
    // Once `/me` says the staff member may see it.
    Effect::new(move || {
        if auth.can(Permission::HandleReturns) {
            refresh();
        }
    });
    if let Ok(handle) = set_interval_with_handle(refresh, REFRESH) {
        on_cleanup(move || handle.clear());
    }
    move || {
        let n = count.get();
        (n > 0).then(|| {
            let spoken = i18n.t(label).replace("{count}", &n.to_string());
            view! {
                <span class=format!("unread-badge {class}") aria-hidden="true">{n.min(99)}</span>
                <span class="visually-hidden">", " {spoken}</span>
            }
        })
    }
}
