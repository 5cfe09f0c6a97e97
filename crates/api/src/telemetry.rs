//! Logging: `tracing` with the request id of tracing-actix-web's root span on every line.

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Idempotent: tests build many applications in one process.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,actix_server=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let _ = if json {
        registry
            .with(fmt::layer().json().with_current_span(true))
            .try_init()
    } else {
        registry.with(fmt::layer().compact()).try_init()
    };
}
