//! HTTP routes, one module per URL prefix, each with a `configure()`; handlers stay thin:
//! extract, call a service, return a view.

pub mod allowed_methods;
pub mod analytics;
pub mod api_keys;
pub mod audit_log;
pub mod auth;
pub mod catalogue;
pub mod framing;
pub mod health;
pub mod helpdesk;
pub mod imports;
pub mod inbound;
pub mod integrations;
pub mod issue_reports;
pub mod labels;
pub mod mail;
pub mod me;
pub mod onboarding;
pub mod orders;
pub mod page;
pub mod photos;
pub mod portal;
pub mod returns;
pub mod settings;
pub mod shoppers;
pub mod staff;
pub mod two_factor;
pub mod web_app;
pub mod webhooks;

use utoipa_actix_web::{scope, service_config::ServiceConfig};

/// Everything under `/api/v1`. New resources add their `configure` here.
pub fn configure_v1(cfg: &mut ServiceConfig) {
    // The shopper portal first, in a scope of its own: actix tries routes in the order they
    // are registered, one pattern at a time, and shoppers' reads are most of the traffic. A
    // portal request now tries its own ~20 patterns instead of walking every staff route
    // first, and a staff request skips the portal's with one prefix test.
    cfg.service(scope::scope("/portal").configure(portal::configure));
    auth::configure(cfg);
    me::configure(cfg);
    two_factor::configure(cfg);
    helpdesk::configure(cfg);
    mail::configure(cfg);
    analytics::configure(cfg);
    staff::configure(cfg);
    orders::configure(cfg);
    catalogue::configure(cfg);
    issue_reports::configure(cfg);
    photos::configure(cfg);
    imports::configure(cfg);
    api_keys::configure(cfg);
    returns::configure(cfg);
    labels::configure(cfg);
    settings::configure(cfg);
    shoppers::configure(cfg);
    onboarding::configure(cfg);
    audit_log::configure(cfg);
    webhooks::configure(cfg);
    integrations::configure(cfg);
    inbound::configure(cfg);
}
