//! What every screen about a looked-up order shares: the order's client from the token kept for
//! this shop, the order itself, and the way back to the lookup form when the token is missing
//! or has expired.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use rebound_shared::api::orders::OrderView;
use rebound_shared::api::portal::PortalConfig;
use rebound_shared::{ErrorKind, Problem};

use crate::api::{ApiResult, ShopperApi};
use crate::contexts::order_access::{forget, shopper_api, use_lookup_notice};
use crate::i18n::{Key, P};
use crate::routes::Page;

/// The open order of the shop in the address bar.
#[derive(Clone)]
pub struct Opened {
    pub slug: String,
    pub api: Option<ShopperApi>,
    pub order: LocalResource<ApiResult<OrderView>>,
}

/// Loads the open order; with no token, or once the server says it expired, forgets it and
/// sends the shopper back to the lookup form with a message.
pub fn use_opened_order() -> Opened {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let api = shopper_api(&slug);
    let back = send_back(slug.clone());
    if api.is_none() {
        let back = back.clone();
        request_animation_frame(back);
    }
    let order = {
        let api = api.clone();
        LocalResource::new(move || {
            let api = api.clone();
            async move {
                match api {
                    Some(api) => api.order().await,
                    None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
                }
            }
        })
    };
    let had_token = api.is_some();
    Effect::new(move || {
        if let Some(Err(p)) = order.get()
            && p.kind == ErrorKind::Unauthorized
            && had_token
        {
            back();
        }
    });
    Opened { slug, api, order }
}

/// A function that closes the order and returns to the lookup form, saying why.
pub fn send_back(slug: String) -> impl Fn() + Clone + 'static {
    let navigate = use_navigate();
    let notice = use_lookup_notice();
    move || {
        forget(&slug);
        notice.0.set(Some(Key::Portal(P::OrderClosed)));
        navigate(&Page::PortalHome(slug.clone()).path(), Default::default());
    }
}

/// The shop's portal options (from the portal frame).
pub fn use_portal_config() -> Option<PortalConfig> {
    use_context::<PortalConfig>()
}

/// True when the order is not dispatched (nor cancelled) and the shop takes cancellations online.
pub fn order_cancellable(order: &OrderView, config: Option<&PortalConfig>) -> bool {
    config.is_some_and(|c| c.aftercare.order_cancellation_enabled)
        && order.cancelled_at.is_none()
        && order.shipments.is_empty()
        && order.status == rebound_shared::domain::OrderStatus::Unfulfilled
}

/// True when the order is not dispatched yet and the shop takes address changes online.
pub fn address_editable(order: &OrderView, config: Option<&PortalConfig>) -> bool {
    config.is_some_and(|c| c.aftercare.address_edits_enabled)
        && order.cancelled_at.is_none()
        && order.shipments.is_empty()
        && order.status == rebound_shared::domain::OrderStatus::Unfulfilled
}
