//! Orders, shipments and tracking events pushed by the shop; the dashboard's order list;
//! issue reports; photos staff attach to messages about an order.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::{ValidatedJson, read_body};
use crate::images::ImagePurpose;
use crate::openapi::BinaryFile;
use crate::routes::page::Limit;
use crate::services::helpdesk;
use crate::services::orders::{self, OrderFilter, Upserted, fulfilment};
use crate::services::returns::returnable;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::fulfilment::{FulfilmentResults, MarkFulfilment, MarkFulfilments};
use rebound_shared::api::orders::{
    AddTrackingEvent, IssueReportView, OrderPage, OrderView, PhotoView, UpsertOrder, UpsertShipment,
};
use rebound_shared::api::returns::ReturnOptions;
use rebound_shared::domain::OrderStatus;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // Before `/orders/{number}`: only POST is taken here, so a GET or PUT of an order whose
    // number is "fulfilment" still reaches its own route.
    cfg.service(mark_fulfilments)
        .service(mark_fulfilment)
        .service(list_orders)
        .service(upsert_order)
        .service(get_order)
        .service(returnable_items)
        .service(upsert_shipment)
        .service(add_tracking_event)
        .service(list_issues)
        .service(upload_staff_photo);
}

fn created_or_ok(outcome: Upserted, view: OrderView) -> HttpResponse {
    match outcome {
        Upserted::Created => HttpResponse::Created().json(view),
        Upserted::Updated => HttpResponse::Ok().json(view),
    }
}

/// Create or update an order by the shop's order number. Idempotent: the same body twice
/// leaves one order (201 the first time, 200 after).
#[utoipa::path(tag = "orders", security(("bearer" = [])),
    params(("number" = String, Path, description = "The shop's order number", example = "MC-1001")),
    request_body = UpsertOrder,
    responses(
        (status = 201, description = "Created", body = OrderView),
        (status = 200, description = "Updated", body = OrderView),
        (status = 422, description = "A rule is broken: a postal code in its country's format (CA, US, FR, GB, DE), `placed_at` neither more than a day ahead nor before 2000", body = Problem, content_type = "application/problem+json")
))]
#[put("/orders/{number}")]
pub async fn upsert_order(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    number: web::Path<String>,
    ValidatedJson(body): ValidatedJson<UpsertOrder>,
) -> ApiResult<HttpResponse> {
    let (outcome, view) =
        orders::upsert_order(&state.db, &state.links, &caller, &number, body).await?;
    Ok(created_or_ok(outcome, view))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OrderQuery {
    /// Order number, customer email or tracking number.
    q: Option<String>,
    status: Option<OrderStatus>,
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// Orders, newest first, keyset-paginated.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(OrderQuery), responses(
    (status = 200, body = OrderPage),
    (status = 422, description = "Bad cursor", body = Problem, content_type = "application/problem+json")
))]
#[get("/orders")]
pub async fn list_orders(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<OrderQuery>,
) -> ApiResult<web::Json<OrderPage>> {
    let q = query.into_inner();
    let filter = OrderFilter {
        q: q.q,
        status: q.status,
        cursor: q.cursor,
        limit: q.limit.get()?,
    };
    Ok(web::Json(
        orders::list_orders(&state.db, &caller, filter).await?,
    ))
}

/// One order with its items, shipments and tracking events.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("number" = String, Path)), responses(
    (status = 200, body = OrderView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/orders/{number}")]
pub async fn get_order(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    number: web::Path<String>,
) -> ApiResult<web::Json<OrderView>> {
    Ok(web::Json(
        orders::get_order(&state.db, &caller, &number).await?,
    ))
}

/// What the order can still return: per item the units left and, when none, why
/// (`not_delivered`, `window_closed`, `not_returnable` for a final-sale or non-returnable
/// product, `all_returned`); the shop's active reasons, resolutions and return methods; when
/// the window closes; `closed` when no return can be made yet. The portal's own answer, for
/// staff and keys with a returns scope (the portal's on/off switch aside).
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("number" = String, Path, description = "The shop's order number", example = "MC-1001")), responses(
    (status = 200, body = ReturnOptions),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/orders/{number}/returnable")]
pub async fn returnable_items(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    number: web::Path<String>,
) -> ApiResult<web::Json<ReturnOptions>> {
    Ok(web::Json(
        returnable::returnable(&state.db, &caller, &number).await?,
    ))
}

/// Add or update a shipment (matched by tracking number) on an order.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("number" = String, Path)), request_body = UpsertShipment, responses(
    (status = 201, description = "Shipment added", body = OrderView),
    (status = 200, description = "Shipment updated", body = OrderView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[put("/orders/{number}/shipments")]
pub async fn upsert_shipment(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    number: web::Path<String>,
    ValidatedJson(body): ValidatedJson<UpsertShipment>,
) -> ApiResult<HttpResponse> {
    let (outcome, view) =
        orders::upsert_shipment(&state.db, &state.links, &caller, &number, body).await?;
    Ok(created_or_ok(outcome, view))
}

/// Record a carrier scan; the shipment's and the order's status follow. Idempotent.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("tracking_number" = String, Path)), request_body = AddTrackingEvent, responses(
    (status = 200, body = OrderView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "`occurred_at` more than a day ahead or before 2000", body = Problem, content_type = "application/problem+json")
))]
#[post("/shipments/{tracking_number}/events")]
pub async fn add_tracking_event(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    tracking_number: web::Path<String>,
    ValidatedJson(body): ValidatedJson<AddTrackingEvent>,
) -> ApiResult<web::Json<OrderView>> {
    Ok(web::Json(
        orders::add_tracking_event(&state.db, &state.links, &caller, &tracking_number, body)
            .await?,
    ))
}

/// Mark an order shipped or delivered, for shops without a carrier feed. The order's tracking
/// timeline records it and the audit log says who did it. Idempotent: marking it where it
/// already is changes nothing (no second event). An order only moves forward.
#[utoipa::path(tag = "orders", security(("bearer" = [])),
    params(("number" = String, Path, description = "The shop's order number", example = "MC-1001")),
    request_body = MarkFulfilment,
    responses(
        (status = 200, description = "Marked, or already there", body = OrderView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage orders", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No order of this shop has that number", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already delivered: it cannot go back to shipped", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`at` in the future, before 2000 or before the order", body = Problem, content_type = "application/problem+json")
))]
#[post("/orders/{number}/fulfilment")]
pub async fn mark_fulfilment(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    number: web::Path<String>,
    ValidatedJson(body): ValidatedJson<MarkFulfilment>,
) -> ApiResult<web::Json<OrderView>> {
    Ok(web::Json(
        fulfilment::mark_fulfilment(&state.db, &state.links, &caller, &number, body).await?,
    ))
}

/// Mark up to 100 orders shipped or delivered at once. Each order answers on its own:
/// `marked`, `unchanged` (already there) or `refused` with a code (`not_found`,
/// `already_delivered`, `before_placed`) and a reason.
#[utoipa::path(tag = "orders", security(("bearer" = [])),
    request_body = MarkFulfilments,
    responses(
        (status = 200, description = "One result per distinct number, in the order sent", body = FulfilmentResults),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage orders", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No numbers or more than 100, or `at` not plausible", body = Problem, content_type = "application/problem+json")
))]
#[post("/orders/fulfilment")]
pub async fn mark_fulfilments(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<MarkFulfilments>,
) -> ApiResult<web::Json<FulfilmentResults>> {
    Ok(web::Json(
        fulfilment::mark_fulfilments(&state.db, &state.links, &caller, body).await?,
    ))
}

/// Issues shoppers reported from the portal, newest first.
#[utoipa::path(tag = "orders", security(("bearer" = [])), responses(
    (status = 200, body = Vec<IssueReportView>),
    (status = 401, body = Problem, content_type = "application/problem+json")
))]
#[get("/issues")]
pub async fn list_issues(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<IssueReportView>>> {
    Ok(web::Json(
        orders::list_issues(&state.db, &state.photo_urls, &caller).await?,
    ))
}

/// Upload a photo (JPG, PNG, GIF or WEBP, checked by content) to attach to a message about
/// order `number`; send its id in `photo_ids`.
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), params(("number" = String, Path)),
    request_body(content = inline(BinaryFile), content_type = "image/*"), responses(
    (status = 201, body = PhotoView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "Not a JPG, PNG, GIF or WEBP image", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "No file, too many pixels, or already 40 photos on this order", body = Problem, content_type = "application/problem+json")
))]
#[post("/orders/{number}/photos")]
pub async fn upload_staff_photo(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    number: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let raw = read_body(payload, ImagePurpose::Photo.max_bytes()).await?;
    let view = helpdesk::staff_upload(
        &state.db,
        &state.storage,
        &state.photo_urls,
        &caller,
        &number,
        raw,
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}
