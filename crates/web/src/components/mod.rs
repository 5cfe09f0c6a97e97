//! Reusable pieces of the interface.

pub mod alert;
pub mod auth_card;
pub mod empty_state;
pub mod field;
pub mod language_switch;
pub mod loading;
pub mod nav;
pub mod page_title;
pub mod toast;
pub mod wordmark;
