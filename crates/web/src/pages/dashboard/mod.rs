//! The merchant dashboard at `/dashboard`.

pub mod analytics;
mod analytics_cards;
mod analytics_figures;
pub mod checklist;
pub mod developers;
pub mod forgot_password;
pub mod home;
pub mod import;
pub mod import_steps;
pub mod invitation;
pub mod issues;
pub mod login;
pub mod messages;
pub mod order;
pub mod order_fulfilment;
pub mod order_returns;
pub mod orders;
pub mod password_reset;
pub mod register;
pub mod returns;
pub mod sent_mail;
pub mod settings;
pub mod shell;
pub mod shoppers;
pub mod staff;
pub mod staff_actions;
