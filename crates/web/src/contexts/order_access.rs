//! The order a shopper looked up, per shop: its token lives in sessionStorage (a reload keeps the
//! order open, closing the tab forgets it) until it expires. Also the message the lookup page
//! shows when a shopper is sent back to it.

use leptos::prelude::*;
use rebound_shared::api::orders::OrderAccess;
use serde::{Deserialize, Serialize};

use crate::api::ShopperApi;
use crate::i18n::Key;

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    token: String,
    /// Milliseconds since the epoch, the browser's clock.
    expires_at: f64,
    number: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn key(slug: &str) -> String {
    format!("rebound.order.{slug}")
}

/// Keeps the token of the order just found.
pub fn remember(slug: &str, access: &OrderAccess) {
    let stored = Stored {
        token: access.access_token.clone(),
        // A minute early, so a page never opens with a token about to lapse mid-request.
        expires_at: js_sys::Date::now() + (access.expires_in.saturating_sub(60) as f64) * 1000.0,
        number: access.order_number.clone(),
    };
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&stored)) {
        let _ = storage.set_item(&key(slug), &json);
    }
}

/// A client for the open order of this shop, or `None` when there is none or it expired.
pub fn shopper_api(slug: &str) -> Option<ShopperApi> {
    let storage = storage()?;
    let raw = storage.get_item(&key(slug)).ok().flatten()?;
    match serde_json::from_str::<Stored>(&raw) {
        Ok(stored) if stored.expires_at > js_sys::Date::now() => {
            Some(ShopperApi::new(slug, stored.token))
        }
        _ => {
            let _ = storage.remove_item(&key(slug));
            None
        }
    }
}

/// Closes the order (expired token, or the shopper is done).
pub fn forget(slug: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(slug));
    }
}

/// A message for the lookup form, such as "your order closed, look it up again".
#[derive(Debug, Clone, Copy)]
pub struct LookupNotice(pub RwSignal<Option<Key>>);

impl LookupNotice {
    pub fn provide() -> LookupNotice {
        let notice = LookupNotice(RwSignal::new(None));
        provide_context(notice);
        notice
    }

    pub fn take(self) -> Option<Key> {
        let notice = self.0.get_untracked();
        if notice.is_some() {
            self.0.set(None);
        }
        notice
    }
}

pub fn use_lookup_notice() -> LookupNotice {
    expect_context::<LookupNotice>()
}
