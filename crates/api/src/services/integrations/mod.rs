//! What connects Rebound to other systems: webhooks out to the shop's endpoints, and orders in
//! from shop platforms (Shopify and WooCommerce webhooks mapped onto the order and shipment
//! upserts) with the connections staff set up for them.

pub mod connections;
pub mod inbound;
pub mod mapping;
pub mod products;
pub mod shopify;
pub mod webhooks;
pub mod woocommerce;
