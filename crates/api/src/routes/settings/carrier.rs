//! `/settings/carrier`: the carrier's rate table.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::settings::carrier_settings;
use crate::state::AppState;
use actix_web::{get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::carrier::CarrierSettings;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_carrier_settings)
        .service(update_carrier_settings);
}

/// The carrier's rate table: zones, weight bands, services and prices. Until one is saved,
/// the default table built around the default return address.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses(
    (status = 200, body = CarrierSettings),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/carrier")]
pub async fn get_carrier_settings(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<CarrierSettings>> {
    Ok(web::Json(
        carrier_settings::get_carrier_settings(&state.db, &caller).await?,
    ))
}

/// Save the carrier's rate table (whole). Every (zone, service, band) needs exactly one price.
#[utoipa::path(tag = "settings", security(("bearer" = [])), request_body = CarrierSettings, responses(
    (status = 200, body = CarrierSettings),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Each error names its field, e.g. `weight_bands[2].up_to_grams` or `prices`", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/carrier")]
pub async fn update_carrier_settings(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<CarrierSettings>,
) -> ApiResult<web::Json<CarrierSettings>> {
    Ok(web::Json(
        carrier_settings::update_carrier_settings(&state.db, &caller, body).await?,
    ))
}
