//! What every handler shares: the database, keys, stored files, mail links and signers.
//! Its own module so that routes and startup need not import each other.

use crate::auth::TokenKeys;
use crate::notify::Links;
use crate::services::orders::photos::PhotoUrls;
use crate::services::orders::shopper::LookupLimiter;
use crate::services::returns::ReturnDeps;
use crate::storage::Storage;
use sea_orm::DatabaseConnection;

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub tokens: TokenKeys,
    pub storage: Storage,
    pub lookups: LookupLimiter,
    /// Requests per API key a minute.
    pub key_limiter: crate::auth::key_limiter::KeyLimiter,
    /// Absolute links in mails and their unsubscribe signatures.
    pub links: Links,
    /// Signs the download links of labels (a key derived from the JWT secret).
    pub label_links: crate::labels::LinkSigner,
    /// Signs the links of shoppers' photos.
    pub photo_urls: PhotoUrls,
    /// What every shopper reads (portal configuration, tracking views), served with ETags.
    pub read_cache: crate::read_cache::ReadCache,
    /// `REBOUND_WEBHOOKS_ALLOW_PRIVATE`: webhook endpoints may point inside (development).
    pub webhooks_allow_private: bool,
    /// How long an instance holds background work before another may take it over.
    pub lease: std::time::Duration,
    /// Set on SIGTERM once the server stopped answering: background work gives its leases back.
    pub stopping: crate::shutdown::Stopping,
    /// The first wait after five failed sign-ins in a row for one address.
    pub sign_in_backoff: std::time::Duration,
}

impl AppState {
    pub fn return_deps(&self) -> ReturnDeps<'_> {
        ReturnDeps {
            storage: &self.storage,
            links: &self.links,
            labels: &self.label_links,
            photos: &self.photo_urls,
        }
    }
}
