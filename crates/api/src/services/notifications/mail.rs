//! The mail the dashboard shows and edits: "Sent mail" (the outbox, newest first), the
//! per-event templates in English and French, the optional events a shop turns off, and the
//! shopper's unsubscribe link.

use crate::auth::CurrentStaff;
use crate::db::entities::{mail_event_opt_out, mail_template, mail_unsubscribe, outbox};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::notify::compose::StoredAttachment;
use crate::services::accounts::audit;
use crate::services::settings::portal;
use chrono::Utc;
use rebound_shared::api::notifications::{
    COMMON_PLACEHOLDERS, LocalisedTemplate, MailEvent, MailEventSettings, MailLanguage,
    MailTemplate, SentMailPage, SentMailSummary, SentMailView, Unsubscribe,
};
use rebound_shared::api::settings::Change;
use rebound_shared::mail::{default_template, unknown_placeholders};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

pub const LOCALES: [&str; 2] = ["en", "fr"];
const PAGE: u64 = 50;
/// A password-reset mail carries a working link to someone's account: no colleague may read
/// it in "Sent mail", owners included.
const PRIVATE_EVENT: &str = "password_reset";

fn summary(row: &outbox::Model) -> ApiResult<SentMailSummary> {
    Ok(SentMailSummary {
        id: row.id,
        event: MailEvent::parse(&row.event).ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!("unknown mail event {}", row.event))
        })?,
        recipient: row.recipient.clone(),
        subject: row.subject.clone(),
        status: row.status,
        attempts: row.attempts,
        last_error: row.last_error.clone(),
        created_at: row.created_at,
        sent_at: row.sent_at,
    })
}

/// Newest first, one query per page; the cursor is the last id seen (ids grow with time).
pub async fn list_sent(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    cursor: Option<&str>,
) -> ApiResult<SentMailPage> {
    caller.require(Permission::ReadSettings)?;
    let mut query = caller
        .tenant
        .find::<outbox::Entity>()
        .filter(outbox::Column::Event.ne(PRIVATE_EVENT))
        .order_by_desc(outbox::Column::Id)
        .limit(PAGE + 1);
    if let Some(cursor) = cursor {
        let id = Uuid::parse_str(cursor).map_err(|_| {
            ApiError::field(
                ErrorKind::Validation,
                "cursor",
                "cursor",
                "this cursor is not valid",
            )
        })?;
        query = query.filter(outbox::Column::Id.lt(id));
    }
    let rows = query.all(db).await?;
    let more = rows.len() as u64 > PAGE;
    let mails = rows
        .iter()
        .take(PAGE as usize)
        .map(summary)
        .collect::<ApiResult<Vec<_>>>()?;
    let next_cursor = more
        .then(|| mails.last().map(|m| m.id.to_string()))
        .flatten();
    Ok(SentMailPage { mails, next_cursor })
}

pub async fn get_sent(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<SentMailView> {
    caller.require(Permission::ReadSettings)?;
    let row = caller
        .tenant
        .get::<outbox::Entity>(id)
        .filter(outbox::Column::Event.ne(PRIVATE_EVENT))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("mail"))?;
    let attachments: Vec<StoredAttachment> =
        serde_json::from_str(&row.attachments).map_err(ApiError::internal)?;
    Ok(SentMailView {
        summary: summary(&row)?,
        body_text: row.body_text,
        body_html: row.body_html,
        attachments: attachments.into_iter().map(|a| a.name).collect(),
    })
}

/// Every event with its wording in both languages (saved or default) and its on/off state.
pub async fn list_templates(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<MailEventSettings>> {
    caller.require(Permission::ReadSettings)?;
    let saved = caller
        .tenant
        .find::<mail_template::Entity>()
        .all(db)
        .await?;
    let off: Vec<String> = caller
        .tenant
        .find::<mail_event_opt_out::Entity>()
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.event)
        .collect();
    Ok(MailEvent::ALL
        .into_iter()
        .map(|event| MailEventSettings {
            event,
            transactional: event.transactional(),
            to_shop: event.to_shop(),
            enabled: event.transactional() || !off.iter().any(|o| o == event.key()),
            placeholders: COMMON_PLACEHOLDERS
                .iter()
                .chain(event.placeholders())
                .map(|p| (*p).to_owned())
                .collect(),
            templates: LOCALES
                .iter()
                .map(|locale| {
                    match saved
                        .iter()
                        .find(|t| t.event == event.key() && t.locale == *locale)
                    {
                        Some(t) => LocalisedTemplate {
                            locale: (*locale).to_owned(),
                            subject: t.subject.clone(),
                            body: t.body.clone(),
                            customised: true,
                        },
                        None => {
                            let d = default_template(event, locale);
                            LocalisedTemplate {
                                locale: (*locale).to_owned(),
                                subject: d.subject,
                                body: d.body,
                                customised: false,
                            }
                        }
                    }
                })
                .collect(),
        })
        .collect())
}

/// Saves a merchant's wording; a placeholder the event does not offer is refused by name.
pub async fn save_template(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    event: MailEvent,
    language: MailLanguage,
    input: MailTemplate,
) -> ApiResult<LocalisedTemplate> {
    caller.require(Permission::ManageSettings)?;
    let locale = language.code();
    for (field, text) in [("subject", &input.subject), ("body", &input.body)] {
        if let Some(bad) = unknown_placeholders(event, text).first() {
            return Err(ApiError::field(
                ErrorKind::Validation,
                field,
                "placeholder",
                &format!("{{{{{bad}}}}} is not available in this mail"),
            ));
        }
    }
    let before = template_of(db, caller.tenant, event, locale).await?;
    let txn = begin_write(db).await?;
    let row = mail_template::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        event: Set(event.key().to_owned()),
        locale: Set(locale.to_owned()),
        subject: Set(input.subject.trim().to_owned()),
        body: Set(input.body.trim().to_owned()),
        updated_at: Set(Utc::now()),
    };
    mail_template::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                mail_template::Column::MerchantId,
                mail_template::Column::Event,
                mail_template::Column::Locale,
            ])
            .update_columns([
                mail_template::Column::Subject,
                mail_template::Column::Body,
                mail_template::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        caller,
        "mail_templates",
        vec![Change {
            field: format!("{}.{locale}", event.key()),
            from: json!({"subject": before.subject, "body": before.body}),
            to: json!({"subject": input.subject.trim(), "body": input.body.trim()}),
        }],
    )
    .await?;
    txn.commit().await?;
    Ok(LocalisedTemplate {
        locale: locale.to_owned(),
        subject: input.subject.trim().to_owned(),
        body: input.body.trim().to_owned(),
        customised: true,
    })
}

async fn template_of(
    db: &DatabaseConnection,
    tenant: Tenant,
    event: MailEvent,
    locale: &str,
) -> ApiResult<MailTemplate> {
    crate::notify::compose::template_for(db, tenant.merchant_id(), event, locale).await
}

/// Back to the default wording.
pub async fn reset_template(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    event: MailEvent,
    language: MailLanguage,
) -> ApiResult<LocalisedTemplate> {
    caller.require(Permission::ManageSettings)?;
    let locale = language.code();
    let txn = begin_write(db).await?;
    caller
        .tenant
        .delete::<mail_template::Entity>()
        .filter(mail_template::Column::Event.eq(event.key()))
        .filter(mail_template::Column::Locale.eq(locale))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        caller,
        "mail_templates",
        vec![Change {
            field: format!("{}.{locale}", event.key()),
            from: json!("custom"),
            to: json!("default"),
        }],
    )
    .await?;
    txn.commit().await?;
    let d = default_template(event, locale);
    Ok(LocalisedTemplate {
        locale: locale.to_owned(),
        subject: d.subject,
        body: d.body,
        customised: false,
    })
}

/// Turns an optional event on or off for the whole shop; transactional ones cannot be off.
pub async fn set_event_enabled(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    event: MailEvent,
    enabled: bool,
) -> ApiResult<()> {
    caller.require(Permission::ManageSettings)?;
    if event.transactional() && !enabled {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "enabled",
            "transactional",
            "this mail tells people about their money or their return, so it always goes",
        ));
    }
    let txn = begin_write(db).await?;
    caller
        .tenant
        .delete::<mail_event_opt_out::Entity>()
        .filter(mail_event_opt_out::Column::Event.eq(event.key()))
        .exec(&txn)
        .await?;
    if !enabled {
        mail_event_opt_out::ActiveModel {
            id: Set(Uuid::now_v7()),
            merchant_id: Set(caller.tenant.merchant_id()),
            event: Set(event.key().to_owned()),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        caller,
        "mail_events",
        vec![Change {
            field: event.key().to_owned(),
            from: json!(!enabled),
            to: json!(enabled),
        }],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The shopper's "no more optional mail from this shop". The signed link is the proof that
/// the request comes from the mailbox; doing it twice is fine.
pub async fn unsubscribe(
    db: &DatabaseConnection,
    links: &Links,
    slug: &str,
    input: Unsubscribe,
) -> ApiResult<()> {
    let m = portal::merchant_by_slug(db, slug).await?;
    let email = input.email.trim().to_lowercase();
    if !links.verify_unsubscribe(m.id, &email, input.signature.trim()) {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "signature",
            "signature",
            "this unsubscribe link is not valid; use the link from the latest mail",
        ));
    }
    let txn = begin_write(db).await?;
    mail_unsubscribe::Entity::insert(mail_unsubscribe::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(m.id),
        email: Set(email),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            mail_unsubscribe::Column::MerchantId,
            mail_unsubscribe::Column::Email,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}
