//! HTTP routes, one module per resource, each with a `configure()`; handlers stay thin:
//! extract, call a service, return a view.

pub mod allowed_methods;
pub mod api_keys;
pub mod auth;
pub mod health;
pub mod helpdesk;
pub mod imports;
pub mod issue_reports;
pub mod labels;
pub mod mail;
pub mod orders;
pub mod page;
pub mod portal;
pub mod return_queue;
pub mod returns;
pub mod settings;
pub mod staff;
pub mod surveys;
pub mod web_app;

use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`. New resources add their `configure` here.
pub fn configure_v1(cfg: &mut ServiceConfig) {
    auth::configure(cfg);
    // Before `portal`: its `/portal/{slug}/{asset}` would otherwise take `/order/messages`.
    helpdesk::configure(cfg);
    mail::configure(cfg);
    surveys::configure(cfg);
    staff::configure(cfg);
    orders::configure(cfg);
    issue_reports::configure(cfg);
    imports::configure(cfg);
    api_keys::configure(cfg);
    returns::configure(cfg);
    return_queue::configure(cfg);
    portal::configure(cfg);
    settings::configure(cfg);
    labels::configure(cfg);
}
