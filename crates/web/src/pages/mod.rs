//! Screens, one file each: the merchant dashboard, the shopper portal and the 404 page.

pub mod dashboard;
pub mod not_found;
pub mod portal;
