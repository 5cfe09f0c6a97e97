//! Message threads between shoppers and staff, one per order, return or issue report. Unread
//! counters live on the thread and move with each message, so the inbox is a fixed number of
//! queries whatever its length. Each side gets a mail when the other writes.
//!
//! One file per part; this module holds the views they share.

mod canned;
mod demo;
pub mod issue_reports;
mod messages;
mod signature;
mod threads;

pub use canned::{delete_canned, list_canned, save_canned};
pub use demo::seed_demo;
pub use messages::{shopper_post, shopper_threads, staff_post, staff_upload};
pub use signature::{get_signature, set_signature};
pub use threads::{get_thread, list_threads};

use crate::db::Tenant;
use crate::db::entities::{message, message_thread, order};
use crate::error::ApiResult;
use crate::services::orders::photos::{self, AttachKind, PhotoUrls};
use rebound_shared::api::helpdesk::{MessageAuthor, MessageView, ThreadSubject, ThreadSummary};
use rebound_shared::api::orders::PhotoView;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use uuid::Uuid;
pub(super) const PAGE: u64 = 30;
pub(super) const PREVIEW_CHARS: usize = 140;

pub(super) fn preview(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

pub(super) fn author_of(m: &message::Model) -> MessageAuthor {
    if m.author_kind == "staff" {
        MessageAuthor::Staff
    } else {
        MessageAuthor::Shopper
    }
}

pub(super) fn message_view(
    m: message::Model,
    photos: &mut HashMap<Uuid, Vec<PhotoView>>,
) -> MessageView {
    MessageView {
        author: author_of(&m),
        attachments: photos.remove(&m.id).unwrap_or_default(),
        id: m.id,
        author_name: m.author_name,
        body: m.body,
        created_at: m.created_at,
    }
}

/// Messages with their photos: two queries for any number of messages.
pub(super) async fn message_views(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    urls: &PhotoUrls,
    rows: Vec<message::Model>,
) -> ApiResult<Vec<MessageView>> {
    let ids = rows.iter().map(|m| m.id).collect();
    let mut photos = photos::views_for(db, tenant, urls, AttachKind::Message, ids).await?;
    Ok(rows
        .into_iter()
        .map(|m| message_view(m, &mut photos))
        .collect())
}

pub(super) fn summary(
    t: &message_thread::Model,
    o: &order::Model,
    for_staff: bool,
) -> ThreadSummary {
    ThreadSummary {
        id: t.id,
        subject: ThreadSubject {
            kind: t.subject_kind,
            id: t.subject_id,
        },
        order_number: o.number.clone(),
        customer_name: o.customer_name.clone(),
        preview: t.last_preview.clone(),
        unread: if for_staff {
            t.unread_for_staff
        } else {
            t.unread_for_shopper
        },
        last_message_at: t.last_message_at,
    }
}
