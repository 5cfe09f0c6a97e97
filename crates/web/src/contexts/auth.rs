//! Who is signed in: the bearer token (kept in localStorage so a reload stays signed in) and,
//! once the dashboard has asked `/me`, the staff member, their shop and their permissions.

use leptos::prelude::*;
use rebound_shared::Permission;
use rebound_shared::api::auth::{Me, Session};

use super::local_storage;
use crate::api::AuthorizedApi;
use crate::i18n::Key;

const STORAGE_KEY: &str = "rebound.token";

#[derive(Debug, Clone, Copy)]
pub struct Auth {
    token: RwSignal<Option<String>>,
    me: RwSignal<Option<Me>>,
    /// A message for the sign-in page, such as "your session has ended".
    notice: RwSignal<Option<Key>>,
}

impl Auth {
    pub fn provide() -> Auth {
        let token = local_storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .filter(|t| !t.is_empty());
        let auth = Auth {
            token: RwSignal::new(token),
            me: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        provide_context(auth);
        auth
    }

    pub fn sign_in(self, session: &Session) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, &session.access_token);
        }
        self.me.set(None);
        self.notice.set(None);
        self.token.set(Some(session.access_token.clone()));
    }

    /// Forgets the token; `notice` is shown on the sign-in page.
    pub fn sign_out(self, notice: Option<Key>) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.token.set(None);
        self.me.set(None);
        self.notice.set(notice);
    }

    /// A client for the signed-in calls (tracked), or `None` when signed out.
    pub fn api(self) -> Option<AuthorizedApi> {
        self.token.get().map(AuthorizedApi::new)
    }

    /// The same, without tracking (for event handlers and timers).
    pub fn api_untracked(self) -> Option<AuthorizedApi> {
        self.token.get_untracked().map(AuthorizedApi::new)
    }

    pub fn is_signed_in(self) -> bool {
        self.token.with_untracked(Option::is_some)
    }

    pub fn me(self) -> Option<Me> {
        self.me.get()
    }

    pub fn set_me(self, me: Me) {
        self.me.set(Some(me));
    }

    /// Whether the signed-in staff member may do `permission` (false until `/me` answered).
    pub fn can(self, permission: Permission) -> bool {
        self.me.with(|me| {
            me.as_ref()
                .is_some_and(|m| m.permissions.contains(&permission))
        })
    }

    pub fn take_notice(self) -> Option<Key> {
        let notice = self.notice.get_untracked();
        if notice.is_some() {
            self.notice.set(None);
        }
        notice
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
