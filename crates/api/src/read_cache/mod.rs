//! Answers every shopper reads and that rarely change (a portal's configuration, an order's
//! tracking view), kept serialized for a moment and sent with an `ETag`, so a repeat visit
//! is a `304` and a busy portal stops re-reading the same rows; and the rows nearly every
//! request reads first (the staff member behind a token, the shop behind a portal address).
//!
//! Freshness: this instance forgets everything after any write it serves (see
//! [`forget_after_writes`]), so whoever writes reads it back at once; writes made elsewhere
//! (another instance on the same database, a background job) empty it within
//! [`watch::WATCH_EVERY`] (see [`watch::clear_on_writes`]). [`FRESH_FOR`] is only the backstop.
//! The ETag is a hash of the body, so every instance gives the same answer the same tag.

pub mod watch;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use uuid::Uuid;

use crate::db::entities::{merchant, staff};
use crate::error::{ApiError, ApiResult};
use crate::services::returns::queue_statements::CountsKey;
use crate::state::AppState;
use rebound_shared::domain::ReturnStatus;
use std::collections::BTreeMap;
use std::hash::Hash;

/// How long an answer may be served after it was made when no write was seen: a backstop in
/// case a write escapes both watches. Writes, not this, are what empty the cache.
pub const FRESH_FOR: Duration = Duration::from_secs(30);
/// Answers kept at most (a portal configuration is ~2 KB, a tracking view ~3 KB).
const CAPACITY: usize = 10_000;

/// Returns per status, exact up to the queue's limit, and the statuses past it.
pub type StatusCounts = (BTreeMap<String, u64>, Vec<ReturnStatus>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CacheKey {
    /// By the slug as asked (lowercased): an old slug answers with the current one.
    PortalConfig(String),
    /// By order: every shopper token of one order sees the same view.
    Tracking { order: Uuid, slug: String },
}

#[derive(Debug)]
pub struct Cached {
    body: Bytes,
    etag: HeaderValue,
    made: Instant,
}

#[derive(Debug)]
pub struct ReadCache {
    entries: quick_cache::sync::Cache<CacheKey, Arc<Cached>>,
    /// Who a staff token names (by staff id): every dashboard request asks, and the row changes
    /// only with a write (a removal, a new role, a password reset), which empties this too.
    /// With it, whether they may only enrol in two-factor sign-in (the shop requires it and
    /// they have none), read in the same statement.
    pub staff: Memo<Uuid, Option<(staff::Model, bool)>>,
    /// Which shop a portal address names (by slug as asked, lowercased): every lookup asks.
    pub shops: Memo<String, merchant::Model>,
    /// A returns queue's status counts, per shop and filter: every page and every agent asks.
    pub queue_counts: Memo<CountsKey, StatusCounts>,
    /// Bumped by every clear: an answer made before a write finished is not kept after it.
    generation: AtomicU64,
}

impl Default for ReadCache {
    fn default() -> Self {
        ReadCache {
            entries: quick_cache::sync::Cache::new(CAPACITY),
            staff: Memo::new(CAPACITY),
            shops: Memo::new(CAPACITY),
            queue_counts: Memo::new(CAPACITY),
            generation: AtomicU64::new(0),
        }
    }
}

/// Rows most requests read before their own work, kept as values under the same rules as the
/// cached answers: forgotten on every write, never kept when a write finished while they
/// were being read.
#[derive(Debug)]
pub struct Memo<K, V> {
    entries: quick_cache::sync::Cache<K, (V, Instant)>,
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    fn new(capacity: usize) -> Self {
        Memo {
            entries: quick_cache::sync::Cache::new(capacity),
        }
    }
}

impl ReadCache {
    /// The cached answer for `key`, or the one `make` builds (then kept).
    pub async fn get_or_make<T, F>(&self, key: CacheKey, make: F) -> ApiResult<Arc<Cached>>
    where
        T: serde::Serialize,
        F: Future<Output = ApiResult<T>>,
    {
        if let Some(hit) = self.entries.get(&key)
            && hit.made.elapsed() < FRESH_FOR
        {
            return Ok(hit);
        }
        let generation = self.generation.load(Ordering::Acquire);
        let value = make.await?;
        let body = Bytes::from(serde_json::to_vec(&value).map_err(ApiError::internal)?);
        let cached = Arc::new(Cached {
            etag: etag_of(&body),
            body,
            made: Instant::now(),
        });
        if self.generation.load(Ordering::Acquire) == generation {
            self.entries.insert(key.clone(), cached.clone());
            // A clear between the check and the insert: take it back out.
            if self.generation.load(Ordering::Acquire) != generation {
                self.entries.remove(&key);
            }
        }
        Ok(cached)
    }

    /// The value remembered in `memo` for `key`, or the one `make` reads (then remembered).
    pub async fn remember<K, V, F>(&self, memo: &Memo<K, V>, key: K, make: F) -> ApiResult<V>
    where
        K: Eq + Hash + Clone,
        V: Clone,
        F: Future<Output = ApiResult<V>>,
    {
        if let Some((value, made)) = memo.entries.get(&key)
            && made.elapsed() < FRESH_FOR
        {
            return Ok(value);
        }
        let generation = self.generation.load(Ordering::Acquire);
        let value = make.await?;
        if self.generation.load(Ordering::Acquire) == generation {
            memo.entries
                .insert(key.clone(), (value.clone(), Instant::now()));
            if self.generation.load(Ordering::Acquire) != generation {
                memo.entries.remove(&key);
            }
        }
        Ok(value)
    }

    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries.clear();
        self.staff.entries.clear();
        self.shops.entries.clear();
        self.queue_counts.entries.clear();
    }
}

/// A strong tag: the first 128 bits of the body's SHA-256, base64url.
fn etag_of(body: &[u8]) -> HeaderValue {
    use base64::Engine as _;
    let digest = Sha256::digest(body);
    let tag = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16]);
    HeaderValue::from_str(&format!("\"{tag}\"")).unwrap_or(HeaderValue::from_static("\"\""))
}

/// `304 Not Modified` when the client already holds this answer, else the answer. Clients
/// must ask again each time (`no-cache`): a shopper's next visit revalidates in one round trip.
pub fn respond(req: &HttpRequest, cached: &Cached) -> HttpResponse {
    let not_modified = client_has(req, &cached.etag);
    let mut response = if not_modified {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, cached.etag.clone()))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    if not_modified {
        return response.finish();
    }
    response
        .content_type("application/json")
        .body(cached.body.clone())
}

/// `If-None-Match`: a list of tags, weak ones compared by their opaque part (RFC 9110 §13.1.2).
fn client_has(req: &HttpRequest, etag: &HeaderValue) -> bool {
    let Ok(ours) = etag.to_str() else {
        return false;
    };
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// POSTs that change nothing a cached answer shows. A shopper's lookup is the busiest request
/// of a portal: were it a write here, every lookup would empty the cache the next page reads.
const READS_SENT_AS_POST: [&str; 2] = ["/portal/{slug}/lookup", "/auth/login"];

fn may_change_cached(method: &actix_web::http::Method, route: Option<&str>) -> bool {
    !method.is_safe()
        && !route.is_some_and(|route| READS_SENT_AS_POST.iter().any(|r| route.ends_with(r)))
}

/// Middleware: after any write this instance answers with success, every cached answer goes,
/// so the merchant who saves a setting (or the shopper who submits a return) reads it back
/// at once. Coarse on purpose: writes are rare next to reads, and no write path can forget
/// to invalidate.
pub async fn forget_after_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // Reads are most requests: they skip everything below. The route is asked of the answer,
    // once routing is done; asked before, it walks the whole route table.
    if req.method().is_safe() {
        return next.call(req).await;
    }
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().clone();
    let response = next.call(req).await?;
    if response.status().is_success()
        && may_change_cached(&method, response.request().match_pattern().as_deref())
        && let Some(state) = state
    {
        state.read_cache.clear();
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn if_none_match_accepts_lists_and_weak_tags() {
        let tag = etag_of(b"{}");
        let quoted = tag.to_str().unwrap().to_owned();
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, format!("\"other\", W/{quoted}")))
            .to_http_request();
        assert!(client_has(&req, &tag));
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"other\""))
            .to_http_request();
        assert!(!client_has(&req, &tag));
        assert!(!client_has(&TestRequest::default().to_http_request(), &tag));
    }

    #[test]
    fn lookups_and_sign_ins_keep_the_cache_and_other_writes_do_not() {
        use actix_web::http::Method;
        let lookup = Some("/api/v1/portal/{slug}/lookup");
        assert!(!may_change_cached(&Method::POST, lookup));
        assert!(!may_change_cached(
            &Method::POST,
            Some("/api/v1/auth/login")
        ));
        assert!(!may_change_cached(&Method::GET, Some("/api/v1/settings")));
        assert!(may_change_cached(
            &Method::PUT,
            Some("/api/v1/settings/returns")
        ));
        assert!(may_change_cached(
            &Method::POST,
            Some("/api/v1/portal/{slug}/order/returns")
        ));
        assert!(may_change_cached(&Method::POST, None));
    }

    #[test]
    fn the_tag_follows_the_body() {
        assert_eq!(etag_of(b"{\"a\":1}"), etag_of(b"{\"a\":1}"));
        assert_ne!(etag_of(b"{\"a\":1}"), etag_of(b"{\"a\":2}"));
    }
}
