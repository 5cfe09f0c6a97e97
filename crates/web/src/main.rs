//! Rebound's web app: the merchant dashboard and the shopper portal, rendered in the browser.

mod api;
mod app;
mod components;
mod contexts;
mod i18n;
mod pages;
mod routes;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
