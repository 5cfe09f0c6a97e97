//! Webhook endpoints (owners and managers) and their delivery log. Writing deliveries and
//! sending them live in `notify` (`webhooks::emit`, `webhook_sender`), beside the mail outbox,
//! since every part of the product emits events.

pub mod deliveries;
pub mod endpoints;

pub use deliveries::{list_deliveries, resend_delivery, send_test_event};
pub use endpoints::{
    create_endpoint, delete_endpoint, get_endpoint, list_endpoints, reveal_secret, rotate_secret,
    update_endpoint,
};
