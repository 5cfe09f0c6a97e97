//! `/settings/mail`: the templates per event and language, and the optional events a shop
//! turns off.

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{TypedJson, ValidatedJson};
use crate::services::notifications::mail;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, put, web};
use rebound_shared::Problem;
use rebound_shared::api::notifications::{
    LocalisedTemplate, MailEvent, MailEventSettings, MailLanguage, MailTemplate, SetMailEvent,
};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_mail_templates)
        .service(save_mail_template)
        .service(reset_mail_template)
        .service(set_mail_event);
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
    (status = 422, description = "A transactional mail (about money or a return) cannot be turned off", body = Problem, content_type = "application/problem+json")
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

/// The `{event}` of a path; an unknown one is a page that does not exist (404), as the document
/// says with its enum.
fn mail_event(key: &str) -> ApiResult<MailEvent> {
    MailEvent::parse(key).ok_or_else(|| ApiError::not_found("mail event"))
}

/// The `{locale}` of a path: `en` or `fr`, else 404.
fn language(code: &str) -> ApiResult<MailLanguage> {
    MailLanguage::parse(code).ok_or_else(|| ApiError::not_found("language"))
}
