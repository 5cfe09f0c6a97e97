//! Rebound's web app, rendered in the browser: one library, two entries. The shopper portal
//! (`bin/portal.rs`) and the merchant dashboard (`bin/dashboard.rs`) each link only the
//! screens they route to, so a shopper on a phone never downloads the dashboard.

mod api;
mod app;
mod components;
mod contexts;
mod i18n;
mod pages;
mod routes;

/// Starts the shopper portal (`/{slug}/...`).
pub fn mount_portal() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::portal::PortalApp);
}

/// Starts the merchant dashboard (`/`, `/dashboard/...`).
pub fn mount_dashboard() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::dashboard::DashboardApp);
}
