//! The `CurrentStaff` extractor: who acts on a merchant's behalf. Either a staff member (a
//! verified bearer token, checked against the database so a removed member or a changed role
//! takes effect at once) or an API key (`rbk_…`, limited to its scopes).

use super::token::{Claims, Verified};
use crate::auth::key_limiter::KeyLimiter;
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
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryResult, QuerySelect, Set,
};
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
    Staff(CurrentStaff, Gate),
    Refused(String),
}

/// Whether a signed-in person may go everywhere their role allows, or only enrol in
/// two-factor sign-in because the shop requires it and they have not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Open,
    EnrolFirst,
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
            // A wrong key is a 401, whatever its rate. A known one is counted against its
            // rate only by an operation that reads the caller (see [`settled`]): the signed
            // label links, `/healthz` or a password reset sent with a key in the header are
            // not the key's requests, and must not answer 429 for it.
            let key = from_api_key(&state.db, &token).await;
            // Keys do not sign in: two-factor sign-in is not theirs to have.
            Some(key.map(|staff| (staff, Gate::Open)))
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
            Some(Ok((staff, gate))) => {
                req.extensions_mut().insert(Settled::Staff(staff, gate));
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

/// Reads what [`settle_credentials`] decided; never waits, so it cannot lose to the body.
fn settled(req: &HttpRequest) -> Result<(CurrentStaff, Gate), ApiError> {
    let found = req.extensions().get::<Settled>().cloned();
    match found {
        Some(Settled::Staff(staff, gate)) => {
            if staff.is_api_key() {
                count_key_request(req, staff.staff_id)?;
            }
            Ok((staff, gate))
        }
        Some(Settled::Refused(detail)) => Err(ApiError::unauthorized(detail)),
        None if bearer(req).is_none() => Err(ApiError::unauthorized("sign in to continue")),
        None => Err(ApiError::unauthorized(
            "your session has expired or is not valid; sign in again",
        )),
    }
}

/// Counts a request made with an API key against the key's rate, once per request however
/// many extractors read the caller; past the rate, 429 with `Retry-After`.
fn count_key_request(req: &HttpRequest, key: Uuid) -> Result<(), ApiError> {
    /// The wait the count answered, kept so a second read of the caller agrees.
    #[derive(Clone, Copy)]
    struct Counted(Option<u64>);
    let counted = req.extensions().get::<Counted>().copied();
    let wait = match counted {
        Some(Counted(wait)) => wait,
        None => {
            let wait = req
                .app_data::<web::Data<AppState>>()
                .and_then(|state| state.key_limiter.check(key).err())
                .and_then(|refused| refused.retry_after);
            req.extensions_mut().insert(Counted(wait));
            wait
        }
    };
    match wait {
        None => Ok(()),
        Some(wait) => Err(KeyLimiter::refusal(wait)),
    }
}

impl FromRequest for CurrentStaff {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    /// The caller, refused with 403 `two_factor_required` while they must enrol first.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(settled(req).and_then(|(staff, gate)| match gate {
            Gate::Open => Ok(staff),
            Gate::EnrolFirst => Err(ApiError::new(
                ErrorKind::TwoFactorRequired,
                "this shop requires two-factor sign-in: turn it on under Security to continue",
            )),
        }))
    }
}

/// The signed-in caller whether or not they must enrol in two-factor sign-in first: for the
/// few operations open to them then (`/me` and enrolment).
#[derive(Debug, Clone)]
pub struct SignedInStaff(pub CurrentStaff);

impl FromRequest for SignedInStaff {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(settled(req).map(|(staff, _)| SignedInStaff(staff)))
    }
}

async fn from_staff_claims(
    state: &AppState,
    claims: &Claims,
) -> Result<(CurrentStaff, Gate), ApiError> {
    // The token says who; the database says whether they still are, in what role, and
    // whether they must enrol in two-factor sign-in first (one statement). The answer is
    // remembered until the next write anywhere (a removal, a reset, an enrolment or the
    // owner's switch is one), so a busy dashboard does not read it on every request.
    let cache = &state.read_cache;
    let (row, enrol_first) = cache
        .remember(&cache.staff, claims.sub, async {
            Ok(staff::Entity::find_by_id(claims.sub)
                .column_as(Expr::cust(MUST_ENROL), "must_enrol")
                .into_model::<GatedStaff>()
                .one(&state.db)
                .await?
                .map(|g| (g.staff, g.must_enrol)))
        })
        .await?
        .filter(|(s, _)| s.merchant_id == claims.mid)
        .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
    if row.session_version != claims.sv {
        return Err(ApiError::unauthorized(
            "this session ended when the password was reset; sign in again",
        ));
    }
    let role = Role::parse(&row.role)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {}", row.role)))?;
    let staff = CurrentStaff {
        staff_id: row.id,
        role,
        api_scopes: None,
        tenant: Tenant::new(row.merchant_id),
    };
    Ok((
        staff,
        if enrol_first {
            Gate::EnrolFirst
        } else {
            Gate::Open
        },
    ))
}

/// True when the staff member's shop requires two-factor sign-in (`merchant_security`) and they
/// have not confirmed theirs (`staff_two_factor`): read as SQL beside their row.
const MUST_ENROL: &str = r#"(EXISTS (SELECT 1 FROM "merchant_security" AS "ms" WHERE "ms"."merchant_id" = "staff"."merchant_id" AND "ms"."require_two_factor" = TRUE) AND NOT EXISTS (SELECT 1 FROM "staff_two_factor" AS "tf" WHERE "tf"."staff_id" = "staff"."id" AND "tf"."confirmed_at" IS NOT NULL))"#;

/// A staff row with whether they must enrol first.
struct GatedStaff {
    staff: staff::Model,
    must_enrol: bool,
}

impl FromQueryResult for GatedStaff {
    fn from_query_result(row: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        Ok(GatedStaff {
            staff: staff::Model::from_query_result(row, prefix)?,
            must_enrol: row.try_get(prefix, "must_enrol")?,
        })
    }
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
