//! Reusable pieces of the interface.

pub mod alert;
pub mod auth_card;
pub mod chart;
pub mod composer;
pub mod conversation;
pub mod copy_field;
pub mod count_badge;
pub mod download;
pub mod empty_state;
pub mod field;
pub mod format;
pub mod language_switch;
pub mod lightbox;
pub mod list_page;
pub mod loading;
pub mod nav;
pub mod open_issues;
pub mod order_parts;
pub mod page_title;
pub mod photo_picker;
pub mod risk_badge;
pub mod select;
pub mod toast;
pub mod unread;
pub mod wordmark;
