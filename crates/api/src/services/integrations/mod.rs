//! What connects Rebound to other systems: webhooks out to the shop's endpoints.

pub mod webhooks;
