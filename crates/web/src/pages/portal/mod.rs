//! The shopper portal at `/{slug}`, in the shop's colours.

pub mod home;
pub mod shell;
