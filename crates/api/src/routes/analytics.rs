//! `/analytics`: what the shop learns from its returns and shoppers, one card per request over
//! a period (`from`..=`to`, UTC days, at most two years), and the survey results.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::services::analytics::{
    CardQuery, card_scope, reasons, resolutions, return_rate, shoppers, speed, surveys,
};
use crate::state::AppState;
use actix_web::{get, web};
use rebound_shared::Problem;
use rebound_shared::api::analytics::{
    ReasonsCard, ResolutionsCard, ReturnRateCard, ShoppersCard, SpeedCard,
};
use rebound_shared::api::surveys::SurveyStats;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(survey_stats)
        .service(return_rate_card)
        .service(reasons_card)
        .service(resolutions_card)
        .service(speed_card)
        .service(shoppers_card);
}

/// The period and product a card covers. Dates are read here, not by the deserializer, so a
/// bad one is a 422 naming its field.
#[derive(Debug, Deserialize, IntoParams)]
pub struct CardParams {
    /// First day, `YYYY-MM-DD` (UTC).
    #[param(required = true, value_type = String, format = Date, example = "2026-11-01")]
    from: Option<String>,
    /// Last day, included, `YYYY-MM-DD` (UTC); not before `from`, less than two years after.
    #[param(required = true, value_type = String, format = Date, example = "2026-11-30")]
    to: Option<String>,
    /// `week` or `month`; weeks up to 92 days, months past that when absent.
    #[param(value_type = Option<String>, pattern = "^(week|month)$")]
    bucket: Option<String>,
    /// Only this product (by SKU). Not with `tag`.
    sku: Option<String>,
    /// Only the products with this tag (case forgiven). Not with `sku`.
    tag: Option<String>,
}

impl CardParams {
    fn query(&self) -> CardQuery<'_> {
        CardQuery {
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            bucket: self.bucket.as_deref(),
            sku: self.sku.as_deref(),
            tag: self.tag.as_deref(),
        }
    }
}

/// Return rate: orders and units with a return requested in the period over those delivered
/// in it (cancelled returns not counted), per week or month, with the totals of the period
/// and of the period of equal length before it.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(CardParams), responses(
    (status = 200, body = ReturnRateCard),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`from`, `to`, `bucket` or `tag` not valid (named in `errors`)", body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/return-rate")]
pub async fn return_rate_card(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    params: web::Query<CardParams>,
) -> ApiResult<web::Json<ReturnRateCard>> {
    let scope = card_scope(&caller, &params.query())?;
    Ok(web::Json(
        return_rate::return_rate_card(&state.db, caller.tenant, &scope).await?,
    ))
}

/// Reasons: units returned per reason with their share; the 20 most returned products with
/// their reasons and their defective rate (defective units returned over units delivered).
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(CardParams), responses(
    (status = 200, body = ReasonsCard),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`from`, `to`, `bucket` or `tag` not valid (named in `errors`)", body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/reasons")]
pub async fn reasons_card(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    params: web::Query<CardParams>,
) -> ApiResult<web::Json<ReasonsCard>> {
    let scope = card_scope(&caller, &params.query())?;
    Ok(web::Json(
        reasons::reasons_card(&state.db, caller.tenant, &scope).await?,
    ))
}

/// Resolutions: returns requested in the period per resolution (keep-the-item included,
/// rejected and cancelled ones not counted); money per currency as recorded in the period:
/// refunded, store credit, exchanges, replacements, fees, revenue kept (exchanges plus store
/// credit) and return labels bought. Never summed across currencies.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(CardParams), responses(
    (status = 200, body = ResolutionsCard),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`from`, `to`, `bucket` or `tag` not valid (named in `errors`)", body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/resolutions")]
pub async fn resolutions_card(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    params: web::Query<CardParams>,
) -> ApiResult<web::Json<ResolutionsCard>> {
    let scope = card_scope(&caller, &params.query())?;
    Ok(web::Json(
        resolutions::resolutions_card(&state.db, caller.tenant, &scope).await?,
    ))
}

/// Speed: median and 90th percentile hours from request to approval, to receipt and to
/// resolution of the returns requested in the period; the open returns waiting longest now.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(CardParams), responses(
    (status = 200, body = SpeedCard),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`from`, `to`, `bucket` or `tag` not valid (named in `errors`)", body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/speed")]
pub async fn speed_card(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    params: web::Query<CardParams>,
) -> ApiResult<web::Json<SpeedCard>> {
    let scope = card_scope(&caller, &params.query())?;
    Ok(web::Json(
        speed::speed_card(&state.db, caller.tenant, &scope).await?,
    ))
}

/// Shoppers: the ten shoppers with the most returns requested in the period, their figures
/// over it and the flags the shop's risk thresholds give them (the product filter does not
/// apply).
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(CardParams), responses(
    (status = 200, body = ShoppersCard),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`from`, `to`, `bucket` or `tag` not valid (named in `errors`)", body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/shoppers")]
pub async fn shoppers_card(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    params: web::Query<CardParams>,
) -> ApiResult<web::Json<ShoppersCard>> {
    let scope = card_scope(&caller, &params.query())?;
    Ok(web::Json(
        shoppers::shoppers_card(&state.db, caller.tenant, &scope).await?,
    ))
}

/// Survey results: answers, average, the count per rating and the latest comments.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), responses(
    (status = 200, body = SurveyStats),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/analytics/surveys")]
pub async fn survey_stats(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<SurveyStats>> {
    Ok(web::Json(surveys::stats(&state.db, &caller).await?))
}
