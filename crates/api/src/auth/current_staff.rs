//! The `CurrentStaff` extractor: who acts on a merchant's behalf. Either a staff member (a
//! verified bearer token, checked against the database so a removed member or a changed role
//! takes effect at once) or an API key (`rbk_…`, limited to its scopes).

use super::token::{Claims, Verified};
use crate::db::Tenant;
use crate::db::entities::{api_key, staff};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, http::header, web};
use chrono::{Duration, Utc};
use rebound_shared::api::api_keys::ApiScope;
use rebound_shared::{ErrorKind, Permission, Role};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::future::{Ready, ready};
use uuid::Uuid;

/// API key secrets start with this, so a key is recognised (and found by secret scanners).
pub const API_KEY_PREFIX: &str = "rbk_";

#[derive(Debug, Clone)]
pub struct CurrentStaff {
    /// The staff member's id, or the API key's id.
    pub staff_id: Uuid,
    pub role: Role,
    /// Present for API keys: what the key may do, whatever `role` says.
    pub api_scopes: Option<Vec<ApiScope>>,
    pub tenant: Tenant,
}

/// A key's stored scopes (a JSON list of names), old names mapped onto what they granted.
pub(crate) fn stored_scopes(json: &str) -> Result<Vec<ApiScope>, ApiError> {
    let names: Vec<String> = serde_json::from_str(json).map_err(ApiError::internal)?;
    Ok(ApiScope::from_stored_names(
        names.iter().map(String::as_str),
    ))
}

impl CurrentStaff {
    /// Whether the caller is an API key (rather than a person).
    pub fn is_api_key(&self) -> bool {
        self.api_scopes.is_some()
    }

    /// Refuses with 403 unless the caller may do at least one of `permissions`.
    pub fn require_any(&self, permissions: &[Permission]) -> Result<(), ApiError> {
        let mut last = Ok(());
        for permission in permissions {
            last = self.require(*permission);
            if last.is_ok() {
                return last;
            }
        }
        last
    }

    /// Refuses with 403 unless the caller's role (or key's scopes) allow `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        let allowed = match &self.api_scopes {
            Some(scopes) => scopes.iter().any(|s| s.allows(permission)),
            None => self.role.allows(permission),
        };
        if allowed {
            Ok(())
        } else if self.api_scopes.is_some() {
            Err(ApiError::forbidden(
                "this API key's scopes do not allow this",
            ))
        } else {
            Err(ApiError::forbidden(format!(
                "the {} role may not do this",
                self.role.as_str()
            )))
        }
    }
}

fn bearer(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// What [`settle_credentials`] found for the request's staff credential.
#[derive(Debug, Clone)]
enum Settled {
    Staff(CurrentStaff),
    Refused(String),
}

/// Whether [`settle_credentials`] refused the request's token or key: the answer will be 401,
/// and checks that would answer something else first step aside.
pub(crate) fn credentials_refused(req: &ServiceRequest) -> bool {
    matches!(req.extensions().get::<Settled>(), Some(Settled::Refused(_)))
}

/// Middleware: checks a staff token or API key before any handler's extractors run, so the
/// answer to bad credentials is 401 whatever else is wrong with the request. (Extractors run
/// side by side: a database lookup inside one loses the race against a bad body.)
/// A shopper's order token is verified here too and left for the `OrderAccess` extractor.
pub async fn settle_credentials(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let token = bearer(req.request()).map(str::to_owned);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    if let (Some(token), Some(state)) = (token, state) {
        let settled = if token.starts_with(API_KEY_PREFIX) {
            let key = from_api_key(&state.db, &token).await;
            // Counted once the key is known (a wrong key is a 401, whatever its rate).
            if let Ok(staff) = &key {
                state.key_limiter.check(staff.staff_id)?;
            }
            Some(key)
        } else {
            match state.tokens.verify_any(&token) {
                Some(Verified::Staff(claims)) => Some(from_staff_claims(&state, &claims).await),
                // A shopper's token: verified here once, read by the `OrderAccess` extractor.
                Some(Verified::Order(claims)) => {
                    req.extensions_mut().insert(claims);
                    None
                }
                None => None,
            }
        };
        match settled {
            Some(Ok(staff)) => {
                req.extensions_mut().insert(Settled::Staff(staff));
            }
            Some(Err(e)) if e.kind == ErrorKind::Unauthorized => {
                req.extensions_mut().insert(Settled::Refused(e.detail));
            }
            // A fault (the database is down) is the answer whatever the route.
            Some(Err(e)) => return Err(e.into()),
            None => {}
        }
    }
    next.call(req).await
}

impl FromRequest for CurrentStaff {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    /// Reads what [`settle_credentials`] decided; never waits, so it cannot lose to the body.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.extensions().get::<Settled>() {
            Some(Settled::Staff(staff)) => Ok(staff.clone()),
            Some(Settled::Refused(detail)) => Err(ApiError::unauthorized(detail.clone())),
            None if bearer(req).is_none() => Err(ApiError::unauthorized("sign in to continue")),
            None => Err(ApiError::unauthorized(
                "your session has expired or is not valid; sign in again",
            )),
        })
    }
}

async fn from_staff_claims(state: &AppState, claims: &Claims) -> Result<CurrentStaff, ApiError> {
    // The token says who; the database says whether they still are, and in what role. The
    // row is remembered until the next write anywhere (a removal or a reset is one), so a
    // busy dashboard does not read it on every request.
    let cache = &state.read_cache;
    let row = cache
        .remember(&cache.staff, claims.sub, async {
            Ok(staff::Entity::find_by_id(claims.sub).one(&state.db).await?)
        })
        .await?
        .filter(|s| s.merchant_id == claims.mid)
        .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
    if row.session_version != claims.sv {
        return Err(ApiError::unauthorized(
            "this session ended when the password was reset; sign in again",
        ));
    }
    let role = Role::parse(&row.role)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {}", row.role)))?;
    Ok(CurrentStaff {
        staff_id: row.id,
        role,
        api_scopes: None,
        tenant: Tenant::new(row.merchant_id),
    })
}

async fn from_api_key(db: &DatabaseConnection, secret: &str) -> Result<CurrentStaff, ApiError> {
    let key = api_key::Entity::find()
        .filter(api_key::Column::SecretHash.eq(crate::services::sha256_hex(secret)))
        .one(db)
        .await?
        .filter(|k| k.revoked_at.is_none())
        .ok_or_else(|| ApiError::unauthorized("this API key is not valid or was revoked"))?;
    let scopes = stored_scopes(&key.scopes)?;
    // "Last used" to the minute is enough, and spares a write on every request.
    let now = Utc::now();
    if key
        .last_used_at
        .is_none_or(|t| now - t > Duration::minutes(1))
    {
        let mut row: api_key::ActiveModel = key.clone().into();
        row.last_used_at = Set(Some(now));
        row.update(db).await?;
    }
    Ok(CurrentStaff {
        staff_id: key.id,
        // Unused for keys (`api_scopes` decides); the least-privileged role as a safe default.
        role: Role::Agent,
        api_scopes: Some(scopes),
        tenant: Tenant::new(key.merchant_id),
    })
}
