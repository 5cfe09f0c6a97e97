//! Rebound's shared vocabulary: domain newtypes, their validation, staff roles and the JSON
//! contract of the REST API. No I/O here: it compiles for the server and for the wasm app, so a
//! form in the browser applies exactly the rule the server will apply.

pub mod api;
pub mod domain;
pub mod limits;
pub mod mail;
pub mod problem;
pub mod roles;
pub mod web_entry;

#[cfg(all(test, feature = "sea-orm"))]
mod stored_enums;

pub use problem::{ErrorKind, FieldError, Problem};
pub use roles::{Permission, Role};
