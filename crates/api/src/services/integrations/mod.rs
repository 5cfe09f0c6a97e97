//! Integrations: orders in from shop platforms (Shopify and WooCommerce webhooks mapped onto
//! the order and shipment upserts) and the connections staff set up for them.

pub mod connections;
pub mod inbound;
pub mod mapping;
pub mod shopify;
pub mod woocommerce;
