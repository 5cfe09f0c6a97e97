//! `/shoppers`: the top returners of the last twelve months, with their figures and the risk
//! thresholds they cross (staff, or API keys that read returns); and a shopper's data on
//! request, exported or erased (the owner only).

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::page::Limit;
use crate::services::returns::risk;
use crate::services::shoppers::{data_export, erasure};
use crate::state::AppState;
use actix_web::http::header::{
    CacheControl, CacheDirective, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, get, post, web};
use rebound_shared::Problem;
use rebound_shared::api::risk::ShopperList;
use rebound_shared::api::shopper_data::{ShopperDataExport, ShopperDataRequest, ShopperErasure};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_shoppers)
        .service(export_shopper_data)
        .service(erase_shopper_data);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ShopperQuery {
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The shoppers (by email, this shop only) with the most returns over the last twelve months,
/// then the most value returned: orders, returns, orders with a return, return rate, value
/// returned, "not received" claims and the flags the shop's risk thresholds give them.
/// Cancelled returns are not counted. The value is in the shop's currency: returns of orders in
/// another currency count as returns but add nothing to it.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(ShopperQuery), responses(
    (status = 200, body = ShopperList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "The caller may not read returns", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`limit` out of range", body = Problem, content_type = "application/problem+json")
))]
#[get("/shoppers")]
pub async fn list_shoppers(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ShopperQuery>,
) -> ApiResult<web::Json<ShopperList>> {
    let limit = query.into_inner().limit.get()?;
    Ok(web::Json(
        risk::list_shoppers(&state.db, &caller, limit).await?,
    ))
}

/// Everything this shop holds about an email address, as one JSON file to hand to the shopper
/// (GDPR article 15): orders, returns, messages, photos' links (signed, expiring), mails,
/// issue reports, survey answers, withdrawals, address changes. Another shop's data is never
/// in it. An address the shop does not know gets an empty document. The address travels in
/// the body so that it stays out of access logs. Owners only.
#[utoipa::path(tag = "returns", security(("bearer" = [])), request_body = ShopperDataRequest, responses(
    (status = 200, description = "The document, as a file to save", body = ShopperDataExport,
        headers(("Content-Disposition" = String, description = "attachment; filename=\"shopper-data-<date>.json\""))),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Only the owner handles data requests", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`email` is not an email address", body = Problem, content_type = "application/problem+json")
))]
#[post("/shoppers/export")]
pub async fn export_shopper_data(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<ShopperDataRequest>,
) -> ApiResult<HttpResponse> {
    let document =
        data_export::export_shopper_data(&state.db, &state.photo_urls, &caller, &body.email)
            .await?;
    let file_name = format!(
        "shopper-data-{}.json",
        document.generated_at.format("%Y-%m-%d")
    );
    Ok(HttpResponse::Ok()
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .json(document))
}

/// Erases what this shop holds about an email address (GDPR article 17): orders and returns
/// stay for the accounts (amounts, items, dates, statuses) with the name, address, email and
/// phone replaced; comments, messages, photos, label files, mails, webhook deliveries and the
/// address in imports and the audit log are deleted or blanked. Recorded in the audit log
/// (area `shoppers`) with the orders' numbers, not the address. Idempotent: once done, a retry
/// answers zeros and records nothing. Another shop's data is never touched. Owners only.
#[utoipa::path(tag = "returns", security(("bearer" = [])), request_body = ShopperDataRequest, responses(
    (status = 200, description = "What was erased", body = ShopperErasure),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "Only the owner handles data requests", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`email` is not an email address", body = Problem, content_type = "application/problem+json")
))]
#[post("/shoppers/erase")]
pub async fn erase_shopper_data(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<ShopperDataRequest>,
) -> ApiResult<web::Json<ShopperErasure>> {
    Ok(web::Json(
        erasure::erase_shopper_data(&state.db, &state.storage, &caller, &body.email).await?,
    ))
}
