//! The shopper portal at `/{slug}`, in the shop's colours.

pub mod address;
pub mod cancel_order;
pub mod home;
pub mod issue;
pub mod messages;
pub mod opened;
pub mod return_wizard;
pub mod returns_panel;
pub mod shell;
pub mod survey;
pub mod tracking;
pub mod unsubscribe;
pub mod what_you_get;
pub mod withdrawal;
