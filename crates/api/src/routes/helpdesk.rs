//! The helpdesk, staff side: `/threads` (the shop's inbox), `/messages` and `/canned-replies`.
//! The shopper's side is `portal::messages`; the signature is under `/me`.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::services::helpdesk;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::helpdesk::{
    CannedReply, CannedReplyInput, PostMessage, ThreadPage, ThreadView,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_threads)
        .service(get_thread)
        .service(post_message)
        .service(list_canned_replies)
        .service(create_canned_reply)
        .service(update_canned_reply)
        .service(delete_canned_reply);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ThreadQuery {
    /// Only threads with messages staff have not read.
    #[serde(default)]
    unread: bool,
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
}

/// The shop's message threads, latest activity first, with unread counts.
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), params(ThreadQuery), responses(
    (status = 200, body = ThreadPage),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/threads")]
pub async fn list_threads(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ThreadQuery>,
) -> ApiResult<web::Json<ThreadPage>> {
    Ok(web::Json(
        helpdesk::list_threads(&state.db, &caller, query.unread, query.cursor.as_deref()).await?,
    ))
}

/// One thread with its messages (marks it read for staff).
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ThreadView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/threads/{id}")]
pub async fn get_thread(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ThreadView>> {
    Ok(web::Json(
        helpdesk::get_thread(&state.db, &state.photo_urls, &caller, *id).await?,
    ))
}

/// Write to the shopper about an order, a return or an issue report (`subject` required).
/// Placeholders are filled and the author's signature appended; the shopper gets a mail.
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), request_body = PostMessage, responses(
    (status = 201, body = ThreadView),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A rule is broken: staff say which order, return or issue the message is about (`subject`), photos are their own uploads", body = Problem, content_type = "application/problem+json")
))]
#[post("/messages")]
pub async fn post_message(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<PostMessage>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(
        helpdesk::staff_post(&state.db, &state.links, &state.photo_urls, &caller, body).await?,
    ))
}

/// Canned replies, by title.
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), responses(
    (status = 200, body = Vec<CannedReply>),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/canned-replies")]
pub async fn list_canned_replies(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<CannedReply>>> {
    Ok(web::Json(helpdesk::list_canned(&state.db, &caller).await?))
}

/// Add a canned reply (owners and managers).
#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), request_body = CannedReplyInput, responses(
    (status = 201, body = CannedReply),
    (status = 422, description = "A rule is broken: each `{{…}}` in the text is one of `{{customer_name}}`, `{{order_number}}`, `{{return_number}}`, `{{staff_name}}`, `{{shop_name}}`", body = Problem, content_type = "application/problem+json")
))]
#[post("/canned-replies")]
pub async fn create_canned_reply(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<CannedReplyInput>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(helpdesk::save_canned(&state.db, &caller, None, body).await?))
}

#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CannedReplyInput, responses(
    (status = 200, body = CannedReply),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A rule is broken: each `{{…}}` in the text is one of `{{customer_name}}`, `{{order_number}}`, `{{return_number}}`, `{{staff_name}}`, `{{shop_name}}`", body = Problem, content_type = "application/problem+json")
))]
#[put("/canned-replies/{id}")]
pub async fn update_canned_reply(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<CannedReplyInput>,
) -> ApiResult<web::Json<CannedReply>> {
    Ok(web::Json(
        helpdesk::save_canned(&state.db, &caller, Some(*id), body).await?,
    ))
}

#[utoipa::path(tag = "helpdesk", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Deleted"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[delete("/canned-replies/{id}")]
pub async fn delete_canned_reply(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    helpdesk::delete_canned(&state.db, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
