//! Who is calling: password hashing, access tokens, and the extractors that turn a request
//! into a `CurrentStaff`.

pub mod current_staff;
pub mod key_limiter;
pub mod one_time_code;
mod order_access;
pub mod password;
pub mod signing;
pub mod token;

pub use current_staff::{CurrentStaff, SignedInStaff};
pub use order_access::OrderAccess;
pub use token::TokenKeys;
