//! sea-orm entities, one per table. Plain data: behaviour lives in `services`.

pub mod address_change;
pub mod api_key;
pub mod audit_entry;
pub mod canned_reply;
pub mod carrier_settings;
pub mod issue_report;
pub mod mail_event_opt_out;
pub mod mail_template;
pub mod mail_unsubscribe;
pub mod merchant;
pub mod merchant_settings;
pub mod message;
pub mod message_thread;
pub mod order;
pub mod order_item;
pub mod outbox;
pub mod return_address;
pub mod return_item;
pub mod return_label;
pub mod return_reason;
pub mod return_request;
pub mod shipment;
pub mod shipment_event;
pub mod slug_redirect;
pub mod staff;
pub mod staff_invitation;
