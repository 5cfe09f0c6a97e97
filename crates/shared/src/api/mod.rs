//! The JSON contract of `/api/v1`: request and response bodies. Views are their own types, not
//! database rows, so storage can change without breaking integrators.

pub mod analytics;
pub mod api_keys;
pub mod auth;
pub mod carrier;
pub mod catalogue;
pub mod connections;
pub mod exchanges;
pub mod fulfilment;
pub mod health;
pub mod helpdesk;
pub mod imports;
pub mod notifications;
pub mod onboarding;
pub mod orders;
pub mod outcomes;
pub mod policies;
pub mod portal;
pub mod return_queue;
pub mod return_terms;
pub mod returns;
pub mod risk;
#[cfg(feature = "openapi")]
pub mod schemas;
pub mod settings;
pub mod shopper_data;
pub mod staff;
pub mod surveys;
pub mod timeline;
pub mod two_factor;
pub mod webhooks;

/// The path prefix of every versioned endpoint.
pub const API_V1: &str = "/api/v1";
