//! `/healthz` (the process is up) and `/readyz` (and can reach its database).

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web};
use rebound_shared::ErrorKind;
use rebound_shared::api::health::Health;

#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The process is up", body = Health))
)]
#[get("/healthz")]
pub async fn healthz() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: None,
    })
}

#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, description = "The database is unreachable", body = rebound_shared::Problem, content_type = "application/problem+json")
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<web::Json<Health>> {
    state.db.ping().await.map_err(|e| {
        let mut err = ApiError::new(ErrorKind::Unavailable, "the database is not answering");
        err.cause = Some(e.into());
        err
    })?;
    Ok(web::Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: Some(crate::db::backend_name(&state.db).into()),
    }))
}
