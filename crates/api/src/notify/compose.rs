//! Turning "this happened" into an outbox row: pick the merchant's wording (or the default) in
//! the reader's language, fill the placeholders, brand the HTML, respect opt-outs, and insert it
//! in the caller's transaction. The same cause twice (a retried request, a re-sent scan) finds
//! its `dedupe_key` taken and adds nothing.

use crate::auth::signing::{Purpose, Signer};
use crate::db::Tenant;
use crate::db::entities::{
    mail_event_opt_out, mail_template, mail_unsubscribe, merchant, order, outbox, staff,
};
use crate::error::{ApiError, ApiResult};
use crate::services::settings;
use chrono::Utc;
use rebound_shared::api::notifications::{MailEvent, MailStatus, MailTemplate};
use rebound_shared::mail::{MailBranding, default_template, render};
use rebound_shared::roles::Role;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Absolute links for mails (they are read outside the app) and signatures for the links that
/// act without a login (unsubscribe, the survey).
#[derive(Clone)]
pub struct Links {
    base: String,
    unsubscribe: Signer,
    survey: Signer,
}

impl std::fmt::Debug for Links {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Links").field("base", &self.base).finish()
    }
}

impl Links {
    pub fn new(base: &str, secret: &[u8]) -> Links {
        Links {
            base: base.trim_end_matches('/').to_owned(),
            unsubscribe: Signer::new(secret, Purpose::Unsubscribe),
            survey: Signer::new(secret, Purpose::Survey),
        }
    }

    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn portal(&self, slug: &str) -> String {
        self.absolute(&format!("/{slug}"))
    }

    fn unsubscribe_subject(merchant_id: Uuid, email: &str) -> String {
        format!("{merchant_id}:{}", email.to_lowercase())
    }

    /// Whether `signature` is the one the unsubscribe link for `email` at this shop carries.
    pub fn verify_unsubscribe(&self, merchant_id: Uuid, email: &str, signature: &str) -> bool {
        self.unsubscribe
            .verify(&Self::unsubscribe_subject(merchant_id, email), signature)
    }

    /// The follow-up survey's token for an order: the order id and its signature, so the
    /// link works without a lookup and cannot be guessed for another order.
    pub fn survey_token(&self, order_id: Uuid) -> String {
        let sig = self.survey.sign(&order_id.to_string());
        format!("{}.{sig}", order_id.simple())
    }

    /// The order a survey token stands for, when its signature holds.
    pub fn survey_order(&self, token: &str) -> Option<Uuid> {
        let (id, sig) = token.split_once('.')?;
        let id = Uuid::parse_str(id).ok()?;
        self.survey.verify(&id.to_string(), sig).then_some(id)
    }

    pub fn survey(&self, slug: &str, order_id: Uuid) -> String {
        self.absolute(&format!("/{slug}/survey/{}", self.survey_token(order_id)))
    }

    pub fn unsubscribe(&self, slug: &str, merchant_id: Uuid, email: &str) -> String {
        let email = email.to_lowercase();
        let sig = self
            .unsubscribe
            .sign(&Self::unsubscribe_subject(merchant_id, &email));
        let email: String = url_escape(&email);
        self.absolute(&format!(
            "/{slug}/unsubscribe?email={email}&signature={sig}"
        ))
    }
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A file in storage sent along with the mail (a label, a defective-item photo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAttachment {
    pub name: String,
    pub content_type: String,
    pub storage_key: String,
}

/// A mail to be sent.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub event: MailEvent,
    pub to: String,
    /// "en" or "fr".
    pub locale: String,
    pub vars: BTreeMap<String, String>,
    pub attachments: Vec<StoredAttachment>,
    /// What makes this mail unique, e.g. `order_dispatched:<shipment id>`.
    pub dedupe_key: String,
    /// Held in the outbox until then (the follow-up survey, days after delivery).
    pub not_before: Option<chrono::DateTime<Utc>>,
}

impl Outgoing {
    pub fn new(event: MailEvent, to: &str, locale: &str, dedupe: impl std::fmt::Display) -> Self {
        Outgoing {
            event,
            to: to.trim().to_owned(),
            locale: locale.to_owned(),
            vars: BTreeMap::new(),
            attachments: Vec::new(),
            dedupe_key: format!("{}:{dedupe}", event.key()),
            not_before: None,
        }
    }

    pub fn var(mut self, name: &str, value: impl Into<String>) -> Self {
        self.vars.insert(name.to_owned(), value.into());
        self
    }

    /// The placeholders every order mail has.
    pub fn for_order(self, o: &order::Model) -> Self {
        self.var("customer_name", o.customer_name.clone())
            .var("order_number", o.number.clone())
    }
}

/// The shopper's language, from where the order ships: French for France and Quebec.
pub fn shopper_locale(o: &order::Model) -> &'static str {
    let region = o
        .region
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    match o.country.as_str() {
        "FR" => "fr",
        "CA" if region == "QC" || region == "QUÉBEC" || region == "QUEBEC" => "fr",
        _ => "en",
    }
}

/// Who at the shop reads mails about shoppers: the customer-service address for defective
/// items, the support address otherwise, and the owner when the shop set neither.
pub async fn shop_recipient(
    conn: &impl ConnectionTrait,
    merchant_id: Uuid,
    customer_service: bool,
) -> ApiResult<Option<String>> {
    let (_, aftercare) = settings::load_documents(conn, merchant_id).await?;
    let preferred = if customer_service {
        aftercare
            .customer_service_email
            .or(aftercare.support_email.clone())
    } else {
        aftercare.support_email.clone()
    };
    if preferred.is_some() {
        return Ok(preferred);
    }
    Ok(Tenant::new(merchant_id)
        .find::<staff::Entity>()
        .filter(staff::Column::Role.eq(Role::Owner.as_str()))
        .one(conn)
        .await?
        .map(|s| s.email))
}

/// The template a merchant set for this event and language, or the default.
pub async fn template_for(
    conn: &impl ConnectionTrait,
    merchant_id: Uuid,
    event: MailEvent,
    locale: &str,
) -> ApiResult<MailTemplate> {
    let saved = Tenant::new(merchant_id)
        .find::<mail_template::Entity>()
        .filter(mail_template::Column::Event.eq(event.key()))
        .filter(mail_template::Column::Locale.eq(locale))
        .one(conn)
        .await?;
    Ok(match saved {
        Some(t) => MailTemplate {
            subject: t.subject,
            body: t.body,
        },
        None => default_template(event, locale),
    })
}

pub fn branding(links: &Links, m: &merchant::Model) -> MailBranding {
    MailBranding {
        shop_name: m.company_name.clone(),
        primary_colour: m.primary_colour.clone(),
        logo_url: m
            .logo_key
            .as_ref()
            .map(|_| links.absolute(&format!("/api/v1/portal/{}/logo", m.slug))),
        unsubscribe_url: None,
    }
}

/// Writes the mail into the outbox in `conn`'s transaction. Returns false when nothing was
/// queued: an optional mail the merchant or the reader turned off, or the same cause again.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    links: &Links,
    m: &merchant::Model,
    mut mail: Outgoing,
) -> ApiResult<bool> {
    if mail.to.is_empty() {
        return Ok(false);
    }
    let tenant = Tenant::new(m.id);
    let mut look = branding(links, m);
    if !mail.event.transactional() {
        let merchant_off = tenant
            .find::<mail_event_opt_out::Entity>()
            .filter(mail_event_opt_out::Column::Event.eq(mail.event.key()))
            .one(conn)
            .await?
            .is_some();
        let reader_off = tenant
            .find::<mail_unsubscribe::Entity>()
            .filter(mail_unsubscribe::Column::Email.eq(mail.to.to_lowercase()))
            .one(conn)
            .await?
            .is_some();
        if merchant_off || reader_off {
            return Ok(false);
        }
        look.unsubscribe_url = Some(links.unsubscribe(&m.slug, m.id, &mail.to));
    }
    mail.vars
        .entry("shop_name".into())
        .or_insert_with(|| m.company_name.clone());
    mail.vars
        .entry("portal_url".into())
        .or_insert_with(|| links.portal(&m.slug));
    let template = template_for(conn, m.id, mail.event, &mail.locale).await?;
    let rendered = render(&template, &mail.vars, &look);
    let reply_to = if mail.event.to_shop() {
        None
    } else {
        settings::load_documents(conn, m.id).await?.1.support_email
    };
    let now = Utc::now();
    let row = outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(m.id),
        event: Set(mail.event.key().to_owned()),
        dedupe_key: Set(mail.dedupe_key),
        recipient: Set(mail.to),
        locale: Set(mail.locale),
        subject: Set(rendered.subject),
        body_text: Set(rendered.text),
        body_html: Set(rendered.html),
        reply_to: Set(reply_to),
        attachments: Set(serde_json::to_string(&mail.attachments).map_err(ApiError::internal)?),
        status: Set(MailStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(mail.not_before.unwrap_or(now).max(now)),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    };
    let inserted = outbox::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([outbox::Column::MerchantId, outbox::Column::DedupeKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(inserted > 0)
}
