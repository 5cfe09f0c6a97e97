//! sea-orm entities, one per table. Plain data: behaviour lives in `services`.

pub mod address_change;
pub mod api_key;
pub mod audit_entry;
pub mod import;
pub mod import_rejection;
pub mod issue_report;
pub mod merchant;
pub mod merchant_settings;
pub mod order;
pub mod order_item;
pub mod return_address;
pub mod return_item;
pub mod return_reason;
pub mod return_request;
pub mod shipment;
pub mod shipment_event;
pub mod slug_redirect;
pub mod staff;
pub mod staff_invitation;
