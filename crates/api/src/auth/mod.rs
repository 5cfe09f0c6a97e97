//! Who is calling: password hashing, access tokens, and the extractors that turn a request
//! into a `CurrentStaff`.

mod current_staff;
pub mod password;
pub mod token;

pub use current_staff::CurrentStaff;
pub use token::TokenKeys;
