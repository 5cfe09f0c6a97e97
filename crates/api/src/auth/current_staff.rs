//! The `CurrentStaff` extractor: a verified bearer token, checked against the database so a
//! removed staff member or a changed role takes effect at once.

use super::token::TokenKeys;
use crate::db::Tenant;
use crate::db::entities::staff;
use crate::error::ApiError;
use crate::startup::AppState;
use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use futures_util::future::LocalBoxFuture;
use rebound_shared::{Permission, Role};
use sea_orm::EntityTrait;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct CurrentStaff {
    pub staff_id: Uuid,
    pub role: Role,
    pub tenant: Tenant,
}

impl CurrentStaff {
    /// Refuses with 403 unless the caller's role allows `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.role.allows(permission) {
            Ok(())
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

impl FromRequest for CurrentStaff {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(req).map(str::to_owned);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("no app state")))?;
            let token = token.ok_or_else(|| ApiError::unauthorized("sign in to continue"))?;
            let claims = verify(&state.tokens, &token)?;
            // The token says who; the database says whether they still are, and in what role.
            let row = staff::Entity::find_by_id(claims.sub)
                .one(&state.db)
                .await?
                .filter(|s| s.merchant_id == claims.mid)
                .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
            let role = Role::parse(&row.role)
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {}", row.role)))?;
            Ok(CurrentStaff {
                staff_id: row.id,
                role,
                tenant: Tenant::new(row.merchant_id),
            })
        })
    }
}

fn verify(keys: &TokenKeys, token: &str) -> Result<super::token::Claims, ApiError> {
    keys.verify(token).ok_or_else(|| {
        ApiError::unauthorized("your session has expired or is not valid; sign in again")
    })
}
