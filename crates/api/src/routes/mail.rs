//! Mail: what went out ("Sent mail"), the templates per event and language, the optional
//! events a shop turns off, and the shopper's unsubscribe link.

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{TypedJson, ValidatedJson};
use crate::services::mail;
use crate::startup::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use rebound_shared::Problem;
use rebound_shared::api::notifications::{
    LocalisedTemplate, MailEvent, MailEventSettings, MailLanguage, MailTemplate, SentMailPage,
    SentMailView, SetMailEvent, Unsubscribe,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_sent_mail)
        .service(get_sent_mail)
        .service(list_mail_templates)
        .service(save_mail_template)
        .service(reset_mail_template)
        .service(set_mail_event)
        .service(unsubscribe);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SentMailQuery {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Mail sent, waiting or failed, newest first (50 a page).
#[utoipa::path(tag = "mail", security(("bearer" = [])), params(SentMailQuery), responses(
    (status = 200, body = SentMailPage),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/mail")]
pub async fn list_sent_mail(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<SentMailQuery>,
) -> ApiResult<web::Json<SentMailPage>> {
    Ok(web::Json(
        mail::list_sent(&state.db, &caller, query.cursor.as_deref()).await?,
    ))
}

/// One mail with its plain-text and HTML parts.
#[utoipa::path(tag = "mail", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = SentMailView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/mail/{id}")]
pub async fn get_sent_mail(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<SentMailView>> {
    Ok(web::Json(mail::get_sent(&state.db, &caller, *id).await?))
}

/// Every mail event: on/off, placeholders, wording in English and French.
#[utoipa::path(tag = "mail", security(("bearer" = [])), responses(
    (status = 200, body = Vec<MailEventSettings>),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/settings/mail")]
pub async fn list_mail_templates(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<MailEventSettings>>> {
    Ok(web::Json(mail::list_templates(&state.db, &caller).await?))
}

/// Save the wording of one event in one language (`en` or `fr`).
#[utoipa::path(tag = "mail", security(("bearer" = [])),
    params(("event" = MailEvent, Path), ("locale" = MailLanguage, Path)), request_body = MailTemplate, responses(
    (status = 200, body = LocalisedTemplate),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "A placeholder this mail does not offer", body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/mail/{event}/{locale}")]
pub async fn save_mail_template(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    path: web::Path<(String, String)>,
    ValidatedJson(body): ValidatedJson<MailTemplate>,
) -> ApiResult<web::Json<LocalisedTemplate>> {
    let (event, locale) = path.into_inner();
    Ok(web::Json(
        mail::save_template(
            &state.db,
            &caller,
            mail_event(&event)?,
            language(&locale)?,
            body,
        )
        .await?,
    ))
}

/// Back to the default wording.
#[utoipa::path(tag = "mail", security(("bearer" = [])),
    params(("event" = MailEvent, Path), ("locale" = MailLanguage, Path)), responses(
    (status = 200, body = LocalisedTemplate),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[delete("/settings/mail/{event}/{locale}")]
pub async fn reset_mail_template(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<LocalisedTemplate>> {
    let (event, locale) = path.into_inner();
    Ok(web::Json(
        mail::reset_template(&state.db, &caller, mail_event(&event)?, language(&locale)?).await?,
    ))
}

/// Turn an optional mail on or off for the shop (transactional mails always go).
#[utoipa::path(tag = "mail", security(("bearer" = [])), params(("event" = MailEvent, Path)),
    request_body = SetMailEvent, responses(
    (status = 204, description = "Saved"),
    (status = 422, body = Problem, content_type = "application/problem+json")
))]
#[put("/settings/mail/{event}")]
pub async fn set_mail_event(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    event: web::Path<String>,
    TypedJson(body): TypedJson<SetMailEvent>,
) -> ApiResult<HttpResponse> {
    mail::set_event_enabled(&state.db, &caller, mail_event(&event)?, body.enabled).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A shopper's "no more optional mail from this shop", from the signed link in a mail.
#[utoipa::path(tag = "portal", params(("slug" = String, Path)), request_body = Unsubscribe, responses(
    (status = 204, description = "Unsubscribed"),
    (status = 422, description = "The link's signature does not match", body = Problem, content_type = "application/problem+json")
))]
#[post("/portal/{slug}/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    ValidatedJson(body): ValidatedJson<Unsubscribe>,
) -> ApiResult<HttpResponse> {
    mail::unsubscribe(&state.db, &state.links, &slug, body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The `{event}` of a path; an unknown one is a page that does not exist (404), as the document
/// says with its enum.
fn mail_event(key: &str) -> ApiResult<MailEvent> {
    MailEvent::parse(key).ok_or_else(|| ApiError::not_found("mail event"))
}

/// The `{locale}` of a path: `en` or `fr`, else 404.
fn language(code: &str) -> ApiResult<MailLanguage> {
    MailLanguage::parse(code).ok_or_else(|| ApiError::not_found("language"))
}
