//! Mail notifications. A change that should tell someone writes a rendered mail into the
//! `outbox` table inside its own transaction (`compose::enqueue`), so the mail exists exactly
//! when the change does; `worker` delivers due rows through `mailer` with retries and backoff.
//! Work that must follow a change but cannot sit in its transaction is a `jobs` row written
//! the same way, done by the same worker.

pub mod compose;
pub mod jobs;
pub mod mailer;
pub mod webhook_guard;
pub mod webhook_sender;
pub mod webhooks;
pub mod worker;

pub use compose::{Links, Outgoing, enqueue};
pub use mailer::Mailer;
