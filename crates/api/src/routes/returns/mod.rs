//! `/returns`: the returns queue and a return's actions (staff, or API keys with the `returns`
//! scope); its label in `labels`.
//! Each action answers with the return's whole case; a refused transition is a 409 naming
//! the status the return is in.

pub mod labels;

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::page::Limit;
use crate::services::returns::return_actions;
use crate::services::returns::return_queue::{self, ReturnFilter};
use crate::services::returns::{return_export, shop_submit};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use rebound_shared::Problem;
use rebound_shared::api::return_queue::{
    BulkApprove, BulkApproveResult, InspectReturn, IssueStoreCredit, RefundReturn, RejectReturn,
    ReplaceReturn, ReturnDetail, ReturnPage,
};
use rebound_shared::api::returns::{CreateShopReturn, ReturnView};
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::ReturnStatus;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    labels::configure(cfg);
    // The export before `/returns/{id}`, whose UUID would refuse `export.csv`.
    cfg.service(list_returns)
        .service(export_returns_csv)
        .service(create_return)
        .service(bulk_approve_returns)
        .service(get_return)
        .service(approve_return)
        .service(reject_return)
        .service(receive_return)
        .service(inspect_return)
        .service(refund_return)
        .service(store_credit_return)
        .service(replace_return);
}

/// The queue's filters without its paging: what the CSV export takes.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ReturnExportQuery {
    status: Option<ReturnStatus>,
    reason_id: Option<Uuid>,
    resolution: Option<Resolution>,
    /// Only returns with (true) or without (false) a defective item.
    defective: Option<bool>,
    /// Created at or after this moment (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Created before this moment (RFC 3339).
    to: Option<DateTime<Utc>>,
    /// Return number, order number or customer email.
    q: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReturnQuery {
    status: Option<ReturnStatus>,
    reason_id: Option<Uuid>,
    resolution: Option<Resolution>,
    /// Only returns with (true) or without (false) a defective item.
    defective: Option<bool>,
    /// Created at or after this moment (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Created before this moment (RFC 3339).
    to: Option<DateTime<Utc>>,
    /// Return number, order number or customer email.
    q: Option<String>,
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The returns queue, newest first, keyset-paginated, with counts per status.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(ReturnQuery), responses(
    (status = 200, body = ReturnPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor or filter", body = Problem, content_type = "application/problem+json")
))]
#[get("/returns")]
pub async fn list_returns(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ReturnQuery>,
) -> ApiResult<web::Json<ReturnPage>> {
    let q = query.into_inner();
    let filter = ReturnFilter {
        status: q.status,
        reason_id: q.reason_id,
        resolution: q.resolution,
        defective: q.defective,
        from: q.from,
        to: q.to,
        q: q.q,
        cursor: q.cursor,
        limit: q.limit.get()?,
    };
    Ok(web::Json(
        return_queue::list_returns(&state.db, &state.read_cache, &caller, filter).await?,
    ))
}

/// Every return the queue's filters match, newest first, as CSV (UTF-8, a header row, RFC 4180
/// quoting). Streamed in batches, so any number of rows can be exported. Cells starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`, so a spreadsheet shows
/// them as text instead of running them.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(ReturnExportQuery), responses(
    (status = 200, description = "The CSV file", content_type = "text/csv", body = String),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/returns/export.csv")]
pub async fn export_returns_csv(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ReturnExportQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let filter = ReturnFilter {
        status: q.status,
        reason_id: q.reason_id,
        resolution: q.resolution,
        defective: q.defective,
        from: q.from,
        to: q.to,
        q: q.q,
        cursor: None,
        limit: crate::services::keyset::PageSize::checked(return_export::EXPORT_BATCH),
    };
    let body = return_export::export_returns(state.db.clone(), &caller, filter)?;
    let name = format!("returns-{}.csv", Utc::now().format("%Y-%m-%d"));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(body))
}

/// Create a return for a shopper (a phoned-in return, or an integration's): the order by its
/// number, then the portal's fields, under the portal's rules (quantities, the return window,
/// returnable products, reasons, photos for defective items) and with its outcomes (a
/// defective item makes it `needs_contact`; automatic approval approves it and issues the
/// label; otherwise `pending_review`), mails included. The portal's on/off switch is the
/// shopper's alone. The same `Idempotency-Key` (or `client_request_id`) again answers 200 with
/// the first return; with a different body, 409. Staff, or a key with `returns:write`.
/// With `policy_override`, what the shop's return policy refuses is accepted (quantities still
/// hold), its history says so, and the audit log keeps who overrode what and why.
#[utoipa::path(tag = "returns", security(("bearer" = [])),
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: one return per key and order")
    ),
    request_body = CreateShopReturn,
    responses(
        (status = 201, body = ReturnView),
        (status = 200, description = "The return already made with this key", body = ReturnView),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No order with this number in the shop", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Key reused with a different request, or the shop has no return address yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken; `errors` names each field (`items[0].quantity`, `items[0].photo_ids` for a defective item or a kept item shown first, `policy_override.reason`)", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns")]
pub async fn create_return(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<CreateShopReturn>,
) -> ApiResult<HttpResponse> {
    let key = crate::routes::portal::returns::idempotency_key(&req);
    let made =
        shop_submit::create_shop_return(&state.db, state.return_deps(), &caller, key, body).await?;
    Ok(crate::routes::portal::returns::submitted(made))
}

async fn detail(state: &AppState, caller: &CurrentStaff, id: Uuid) -> ApiResult<ReturnDetail> {
    return_queue::return_detail(&state.db, state.return_deps(), caller, id).await
}

/// A return's whole case: items, photos, order, timeline, label, resolution, thread.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/returns/{id}")]
pub async fn get_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ReturnDetail>> {
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Approve: the label is bought with the shop's first service and mailed to the shopper. An
/// exchange's new items are reserved now (and shipped now, for an instant exchange).
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status, or an exchanged variant just sold out (`exchange`, code `sold_out`)", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/approve")]
pub async fn approve_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::approve(&state.db, state.return_deps(), &caller, *id).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Reject, with a reason the shopper sees.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RejectReturn, responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status", body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/reject")]
pub async fn reject_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<RejectReturn>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::reject(&state.db, state.return_deps(), &caller, *id, body).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// The parcel arrived at the shop.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/receive")]
pub async fn receive_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::receive(&state.db, state.return_deps(), &caller, *id).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Every line's condition; a damaged line gets the shop's damaged-item policy, recorded.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = InspectReturn, responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A line unknown, repeated or missing", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/inspect")]
pub async fn inspect_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<InspectReturn>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::inspect(&state.db, state.return_deps(), &caller, *id, body).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Refund lines (each at most what was paid for it) within the refund deadline; attached
/// items (a care plan) are refunded and ended with their item.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RefundReturn, responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Above what was paid, past the refund deadline, or an unknown line", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/refund")]
pub async fn refund_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<RefundReturn>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::refund(&state.db, state.return_deps(), &caller, *id, body).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Settle with a store credit: a code with a balance the shopper sees on the order page.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = IssueStoreCredit, responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/store-credit")]
pub async fn store_credit_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<IssueStoreCredit>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::store_credit(&state.db, state.return_deps(), &caller, *id, body).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Send a replacement: a new shipment on the order. On an exchange, "ship the exchange": the
/// reserved variants ship (unless an instant exchange sent them at approval) and a cheaper
/// exchange's difference is refunded or credited, as the shop's settings said at submission.
#[utoipa::path(tag = "returns", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReplaceReturn, responses(
    (status = 200, body = ReturnDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Not possible in the return's status", body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/{id}/replace")]
pub async fn replace_return(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<ReplaceReturn>,
) -> ApiResult<web::Json<ReturnDetail>> {
    return_actions::replace(&state.db, state.return_deps(), &caller, *id, body).await?;
    Ok(web::Json(detail(&state, &caller, *id).await?))
}

/// Approve several returns; each gets its outcome.
#[utoipa::path(tag = "returns", security(("bearer" = [])), request_body = BulkApprove, responses(
    (status = 200, body = BulkApproveResult),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[post("/returns/bulk-approve")]
pub async fn bulk_approve_returns(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<BulkApprove>,
) -> ApiResult<web::Json<BulkApproveResult>> {
    Ok(web::Json(
        return_actions::bulk_approve(&state.db, state.return_deps(), &caller, body).await?,
    ))
}
