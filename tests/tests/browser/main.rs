//! What a person sees in a real browser, one module per part of the product: the dashboard
//! sign-in, the shopper portal with the shop's branding and language switch, settings as the
//! shopper then sees them, orders from both sides, the return wizard, the helpdesk and the
//! returns desk. Every screen a test reaches is also checked by axe-core (see `rebound_e2e`).

// Tests stop at the first broken expectation, with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod analytics;
mod bundles;
mod catalogue;
mod dashboard;
mod demo_orders;
mod developers;
mod developers_connections;
mod developers_webhooks;
mod exchange_shipping;
mod first_use;
mod helpdesk;
mod import_fulfilment;
mod onboarding;
mod orders;
mod policies_tab;
mod portal;
mod portal_exchange;
mod portal_fee;
mod portal_returns;
mod return_case;
mod return_desk;
mod returns;
mod settings;
mod shoppers;
mod staff_screens;
mod start_return;
mod two_factor;
