//! Message threads between shoppers and staff, one per order, return or issue report. Unread
//! counters live on the thread and move with each message, so the inbox is a fixed number of
//! queries whatever its length. Each side gets a mail when the other writes.

pub mod issue_reports;

use crate::auth::{CurrentStaff, OrderAccess};
use crate::db::entities::{
    canned_reply, issue_report, merchant, message, message_thread, order, return_request, staff,
};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::compose::{Outgoing, shop_recipient, shopper_locale};
use crate::notify::{Links, enqueue};
use crate::services::accounts::audit;
use crate::services::orders::access::opened_order;
use crate::services::orders::photos::{self, AttachKind, AttachTo, PhotoUrls};
use crate::storage::Storage;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use rebound_shared::api::helpdesk::{
    CannedReply, CannedReplyInput, MessageAuthor, MessageView, PostMessage, REPLY_PLACEHOLDERS,
    Signature, ThreadPage, ThreadSubject, ThreadSubjectKind, ThreadSummary, ThreadView,
};
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::api::orders::PhotoView;
use rebound_shared::api::settings::Change;
use rebound_shared::mail::fill_placeholders;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

const PAGE: u64 = 30;
const PREVIEW_CHARS: usize = 140;

fn preview(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

fn author_of(m: &message::Model) -> MessageAuthor {
    if m.author_kind == "staff" {
        MessageAuthor::Staff
    } else {
        MessageAuthor::Shopper
    }
}

fn message_view(m: message::Model, photos: &mut HashMap<Uuid, Vec<PhotoView>>) -> MessageView {
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
async fn message_views(
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

fn summary(t: &message_thread::Model, o: &order::Model, for_staff: bool) -> ThreadSummary {
    ThreadSummary {
        id: t.id,
        subject: ThreadSubject {
            kind: ThreadSubjectKind::parse(&t.subject_kind).unwrap_or(ThreadSubjectKind::Order),
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

fn encode_cursor(t: &ThreadSummary) -> String {
    format!("{}|{}", t.last_message_at.to_rfc3339(), t.id)
}

fn decode_cursor(raw: &str) -> ApiResult<(DateTime<Utc>, Uuid)> {
    let bad = || {
        ApiError::field(
            ErrorKind::Validation,
            "cursor",
            "cursor",
            "this cursor is not valid",
        )
    };
    let (at, id) = raw.split_once('|').ok_or_else(bad)?;
    Ok((
        DateTime::parse_from_rfc3339(at)
            .map_err(|_| bad())?
            .with_timezone(&Utc),
        Uuid::parse_str(id).map_err(|_| bad())?,
    ))
}

/// The shop's inbox, latest activity first: three queries per page (threads, their orders,
/// the unread total).
pub async fn list_threads(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    unread_only: bool,
    cursor: Option<&str>,
) -> ApiResult<ThreadPage> {
    caller.require(Permission::HandleReturns)?;
    let mut query = caller
        .tenant
        .find::<message_thread::Entity>()
        .order_by_desc(message_thread::Column::LastMessageAt)
        .order_by_desc(message_thread::Column::Id)
        .limit(PAGE + 1);
    if unread_only {
        query = query.filter(message_thread::Column::UnreadForStaff.gt(0));
    }
    if let Some(cursor) = cursor {
        let (at, id) = decode_cursor(cursor)?;
        query = query.filter(
            Condition::any()
                .add(message_thread::Column::LastMessageAt.lt(at))
                .add(
                    Condition::all()
                        .add(message_thread::Column::LastMessageAt.eq(at))
                        .add(message_thread::Column::Id.lt(id)),
                ),
        );
    }
    let rows = query.all(db).await?;
    let more = rows.len() as u64 > PAGE;
    let rows: Vec<_> = rows.into_iter().take(PAGE as usize).collect();
    let orders = orders_by_id(db, caller.tenant, rows.iter().map(|t| t.order_id)).await?;
    let threads: Vec<ThreadSummary> = rows
        .iter()
        .filter_map(|t| orders.get(&t.order_id).map(|o| summary(t, o, true)))
        .collect();
    let total_unread: Option<i64> = caller
        .tenant
        .find::<message_thread::Entity>()
        .select_only()
        .column_as(
            Expr::expr(Func::sum(Expr::col(message_thread::Column::UnreadForStaff))),
            "total",
        )
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    let next_cursor = more.then(|| threads.last().map(encode_cursor)).flatten();
    Ok(ThreadPage {
        threads,
        total_unread: total_unread.unwrap_or(0),
        next_cursor,
    })
}

async fn orders_by_id(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    ids: impl Iterator<Item = Uuid>,
) -> ApiResult<HashMap<Uuid, order::Model>> {
    let ids: Vec<Uuid> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

async fn messages_of(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    urls: &PhotoUrls,
    thread_id: Uuid,
) -> ApiResult<Vec<MessageView>> {
    let rows = message::Entity::find()
        .filter(message::Column::ThreadId.eq(thread_id))
        .order_by_asc(message::Column::CreatedAt)
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    message_views(db, tenant, urls, rows).await
}

/// One thread with its messages; opening it marks it read for staff.
pub async fn get_thread(
    db: &DatabaseConnection,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<ThreadView> {
    caller.require(Permission::HandleReturns)?;
    let t = caller
        .tenant
        .find::<message_thread::Entity>()
        .filter(message_thread::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    if t.unread_for_staff > 0 {
        message_thread::Entity::update_many()
            .col_expr(message_thread::Column::UnreadForStaff, Expr::value(0))
            .filter(message_thread::Column::Id.eq(t.id))
            .exec(db)
            .await?;
    }
    let o = orders_by_id(db, caller.tenant, std::iter::once(t.order_id))
        .await?
        .remove(&t.order_id)
        .ok_or_else(|| ApiError::not_found("order"))?;
    let mut summary = summary(&t, &o, true);
    summary.unread = 0;
    Ok(ThreadView {
        summary,
        messages: messages_of(db, caller.tenant, urls, t.id).await?,
    })
}

/// The order a subject belongs to, inside the tenant (another shop's id is a 404), and the
/// return number when the subject is a return.
async fn subject_order(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    subject: ThreadSubject,
) -> ApiResult<(order::Model, Option<String>)> {
    let (order_id, return_number) = match subject.kind {
        ThreadSubjectKind::Order => (subject.id, None),
        ThreadSubjectKind::Return => {
            let r = tenant
                .find::<return_request::Entity>()
                .filter(return_request::Column::Id.eq(subject.id))
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found("return"))?;
            (r.order_id, Some(r.number))
        }
        ThreadSubjectKind::Issue => {
            let i = tenant
                .find::<issue_report::Entity>()
                .filter(issue_report::Column::Id.eq(subject.id))
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found("issue report"))?;
            (i.order_id, None)
        }
    };
    let o = tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.eq(order_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))?;
    Ok((o, return_number))
}

/// The thread of `subject`, created on first use (a concurrent creator wins; we reuse it).
async fn thread_for(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
    order_id: Uuid,
    subject: ThreadSubject,
) -> ApiResult<message_thread::Model> {
    let now = Utc::now();
    message_thread::Entity::insert(message_thread::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(merchant_id),
        order_id: Set(order_id),
        subject_kind: Set(subject.kind.key().to_owned()),
        subject_id: Set(subject.id),
        unread_for_staff: Set(0),
        unread_for_shopper: Set(0),
        last_preview: Set(String::new()),
        last_message_at: Set(now),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            message_thread::Column::MerchantId,
            message_thread::Column::SubjectKind,
            message_thread::Column::SubjectId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Tenant::new(merchant_id)
        .find::<message_thread::Entity>()
        .filter(message_thread::Column::SubjectKind.eq(subject.kind.key()))
        .filter(message_thread::Column::SubjectId.eq(subject.id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))
}

struct NewMessage<'a> {
    thread: &'a message_thread::Model,
    author: MessageAuthor,
    staff_id: Option<Uuid>,
    author_name: String,
    body: String,
    client_request_id: String,
}

/// Stores the message and moves the thread's counters; `None` when this request was already
/// stored (a retry), so the caller sends no second mail.
async fn append(
    db: &impl ConnectionTrait,
    new: NewMessage<'_>,
) -> ApiResult<Option<message::Model>> {
    let existing = message::Entity::find()
        .filter(message::Column::ThreadId.eq(new.thread.id))
        .filter(message::Column::ClientRequestId.eq(&new.client_request_id))
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(None);
    }
    let now = Utc::now();
    let saved = message::ActiveModel {
        id: Set(Uuid::now_v7()),
        thread_id: Set(new.thread.id),
        author_kind: Set(match new.author {
            MessageAuthor::Staff => "staff",
            MessageAuthor::Shopper => "shopper",
        }
        .to_owned()),
        staff_id: Set(new.staff_id),
        author_name: Set(new.author_name),
        body: Set(new.body),
        attachments: Set("[]".into()),
        client_request_id: Set(new.client_request_id),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    let unread = match new.author {
        MessageAuthor::Staff => message_thread::Column::UnreadForShopper,
        MessageAuthor::Shopper => message_thread::Column::UnreadForStaff,
    };
    message_thread::Entity::update_many()
        .col_expr(unread, Expr::col(unread).add(1))
        .col_expr(
            message_thread::Column::LastPreview,
            Expr::value(preview(&saved.body)),
        )
        .col_expr(message_thread::Column::LastMessageAt, Expr::value(now))
        .filter(message_thread::Column::Id.eq(new.thread.id))
        .exec(db)
        .await?;
    Ok(Some(saved))
}

fn request_id(input: &PostMessage) -> String {
    input
        .client_request_id
        .clone()
        .unwrap_or_else(|| Uuid::new_v4().to_string())
}

/// Staff write to a shopper: placeholders filled, signature appended, the shopper mailed.
pub async fn staff_post(
    db: &DatabaseConnection,
    links: &Links,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    input: PostMessage,
) -> ApiResult<ThreadView> {
    caller.require(Permission::HandleReturns)?;
    let subject = input.subject.ok_or_else(|| {
        ApiError::field(
            ErrorKind::Validation,
            "subject",
            "required",
            "say which order, return or issue this message is about",
        )
    })?;
    let txn = begin_write(db).await?;
    let (o, return_number) = subject_order(&txn, caller.tenant, subject).await?;
    let m = merchant::Entity::find_by_id(o.merchant_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let author = staff::Entity::find_by_id(caller.staff_id).one(&txn).await?;
    let (name, signature) = match author {
        Some(s) => (s.name, s.signature),
        // An API key writes as the shop.
        None => (m.company_name.clone(), None),
    };
    let vars: BTreeMap<String, String> = [
        ("customer_name", o.customer_name.clone()),
        ("order_number", o.number.clone()),
        ("return_number", return_number.unwrap_or_default()),
        ("staff_name", name.clone()),
        ("shop_name", m.company_name.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let mut body = fill_placeholders(input.body.trim(), &vars);
    if let Some(sig) = signature.filter(|s| !s.trim().is_empty()) {
        body.push_str("\n\n--\n");
        body.push_str(sig.trim());
    }
    let thread = thread_for(&txn, m.id, o.id, subject).await?;
    let saved = append(
        &txn,
        NewMessage {
            thread: &thread,
            author: MessageAuthor::Staff,
            staff_id: Some(caller.staff_id),
            author_name: name,
            body,
            client_request_id: request_id(&input),
        },
    )
    .await?;
    if let Some(saved) = saved {
        photos::attach(
            &txn,
            caller.tenant,
            o.id,
            &input.photo_ids,
            "photo_ids",
            AttachTo::Message(saved.id),
        )
        .await?;
        let mail = Outgoing::new(
            MailEvent::NewMessage,
            &o.email,
            shopper_locale(&o),
            saved.id,
        )
        .for_order(&o)
        .var("message", saved.body.clone())
        .var("thread_url", links.portal(&m.slug));
        enqueue(&txn, links, &m, mail).await?;
    }
    txn.commit().await?;
    get_thread(db, urls, caller, thread.id).await
}

/// The shopper's threads on the opened order, each with its messages; reading marks them
/// read for the shopper.
pub async fn shopper_threads(
    db: &DatabaseConnection,
    urls: &PhotoUrls,
    access: OrderAccess,
    slug: &str,
) -> ApiResult<Vec<ThreadView>> {
    let o = opened_order(db, access, slug).await?;
    let threads = Tenant::new(o.merchant_id)
        .find::<message_thread::Entity>()
        .filter(message_thread::Column::OrderId.eq(o.id))
        .order_by_desc(message_thread::Column::LastMessageAt)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = threads.iter().map(|t| t.id).collect();
    let mut by_thread: HashMap<Uuid, Vec<MessageView>> = HashMap::new();
    if !ids.is_empty() {
        let rows = message::Entity::find()
            .filter(message::Column::ThreadId.is_in(ids.clone()))
            .order_by_asc(message::Column::CreatedAt)
            .order_by_asc(message::Column::Id)
            .all(db)
            .await?;
        let thread_of: Vec<Uuid> = rows.iter().map(|m| m.thread_id).collect();
        let views = message_views(db, Tenant::new(o.merchant_id), urls, rows).await?;
        for (thread_id, view) in thread_of.into_iter().zip(views) {
            by_thread.entry(thread_id).or_default().push(view);
        }
        message_thread::Entity::update_many()
            .col_expr(message_thread::Column::UnreadForShopper, Expr::value(0))
            .filter(message_thread::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    Ok(threads
        .iter()
        .map(|t| ThreadView {
            summary: summary(t, &o, false),
            messages: by_thread.remove(&t.id).unwrap_or_default(),
        })
        .collect())
}

/// A shopper writes about the opened order (or one of its returns or issues); the shop is
/// mailed.
pub async fn shopper_post(
    db: &DatabaseConnection,
    links: &Links,
    urls: &PhotoUrls,
    access: OrderAccess,
    slug: &str,
    input: PostMessage,
) -> ApiResult<ThreadView> {
    let txn = begin_write(db).await?;
    let o = opened_order(&txn, access, slug).await?;
    let subject = input.subject.unwrap_or(ThreadSubject {
        kind: ThreadSubjectKind::Order,
        id: o.id,
    });
    let (subject_order, _) = subject_order(&txn, Tenant::new(o.merchant_id), subject)
        .await
        .map_err(|_| {
            ApiError::field(
                ErrorKind::Validation,
                "subject",
                "not_yours",
                "this conversation is not about your order",
            )
        })?;
    if subject_order.id != o.id {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "subject",
            "not_yours",
            "this conversation is not about your order",
        ));
    }
    let m = merchant::Entity::find_by_id(o.merchant_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let thread = thread_for(&txn, m.id, o.id, subject).await?;
    let saved = append(
        &txn,
        NewMessage {
            thread: &thread,
            author: MessageAuthor::Shopper,
            staff_id: None,
            author_name: o.customer_name.clone(),
            body: input.body.trim().to_owned(),
            client_request_id: request_id(&input),
        },
    )
    .await?;
    if let Some(saved) = &saved {
        photos::attach(
            &txn,
            Tenant::new(m.id),
            o.id,
            &input.photo_ids,
            "photo_ids",
            AttachTo::Message(saved.id),
        )
        .await?;
    }
    if let (Some(saved), Some(to)) = (saved, shop_recipient(&txn, m.id, false).await?) {
        let mail = Outgoing::new(MailEvent::ShopperMessage, &to, "en", saved.id)
            .for_order(&o)
            .var("message", saved.body.clone())
            .var("thread_url", links.absolute("/dashboard/messages"));
        enqueue(&txn, links, &m, mail).await?;
    }
    txn.commit().await?;
    let t = message_thread::Entity::find_by_id(thread.id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    Ok(ThreadView {
        summary: summary(&t, &o, false),
        messages: messages_of(db, Tenant::new(o.merchant_id), urls, t.id).await?,
    })
}

/// A photo staff attach to a message about order `number` (same checks as shoppers' photos).
pub async fn staff_upload(
    db: &DatabaseConnection,
    storage: &Storage,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    number: &str,
    raw: Bytes,
) -> ApiResult<PhotoView> {
    caller.require(Permission::HandleReturns)?;
    let o = crate::services::orders::find_by_number(db, caller.tenant, number).await?;
    photos::store(db, storage, urls, &o, raw).await
}

fn canned_view(c: canned_reply::Model) -> CannedReply {
    CannedReply {
        id: c.id,
        title: c.title,
        body: c.body,
    }
}

fn check_reply_placeholders(body: &str) -> ApiResult<()> {
    let names = body
        .split("{{")
        .skip(1)
        .filter_map(|part| part.split_once("}}").map(|(name, _)| name.trim()));
    for name in names {
        if !REPLY_PLACEHOLDERS.contains(&name) {
            return Err(ApiError::field(
                ErrorKind::Validation,
                "body",
                "placeholder",
                &format!(
                    "{{{{{name}}}}} is not a placeholder; use one of {}",
                    REPLY_PLACEHOLDERS.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

pub async fn list_canned(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<CannedReply>> {
    caller.require(Permission::HandleReturns)?;
    Ok(caller
        .tenant
        .find::<canned_reply::Entity>()
        .order_by_asc(canned_reply::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(canned_view)
        .collect())
}

pub async fn save_canned(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Option<Uuid>,
    input: CannedReplyInput,
) -> ApiResult<CannedReply> {
    caller.require(Permission::ManageSettings)?;
    check_reply_placeholders(&input.body)?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let (saved, logged) = match id {
        Some(id) => {
            let row = caller
                .tenant
                .find::<canned_reply::Entity>()
                .filter(canned_reply::Column::Id.eq(id))
                .one(&txn)
                .await?
                .ok_or_else(|| ApiError::not_found("canned reply"))?;
            let before = serde_json::json!({ "title": row.title, "body": row.body });
            let mut row: canned_reply::ActiveModel = row.into();
            row.title = Set(input.title.trim().to_owned());
            row.body = Set(input.body.trim().to_owned());
            row.updated_at = Set(now);
            let saved = row.update(&txn).await?;
            let after = serde_json::json!({ "title": saved.title, "body": saved.body });
            let edited =
                (before != after).then(|| audit_change("canned_reply.edited", before, after));
            (saved, edited)
        }
        None => {
            let saved = canned_reply::ActiveModel {
                id: Set(Uuid::now_v7()),
                merchant_id: Set(caller.tenant.merchant_id()),
                title: Set(input.title.trim().to_owned()),
                body: Set(input.body.trim().to_owned()),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            let created = audit_change(
                "canned_reply.created",
                serde_json::Value::Null,
                serde_json::json!({ "title": saved.title, "body": saved.body }),
            );
            (saved, Some(created))
        }
    };
    audit::record(
        &txn,
        caller,
        CANNED_AUDIT_AREA,
        logged.into_iter().collect(),
    )
    .await?;
    txn.commit().await?;
    Ok(canned_view(saved))
}

/// The audit log's area for canned replies.
const CANNED_AUDIT_AREA: &str = "canned_replies";

fn audit_change(field: &str, from: serde_json::Value, to: serde_json::Value) -> Change {
    Change {
        field: field.to_owned(),
        from,
        to,
    }
}

pub async fn delete_canned(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<()> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let row = caller
        .tenant
        .find::<canned_reply::Entity>()
        .filter(canned_reply::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("canned reply"))?;
    let deleted = audit_change(
        "canned_reply.deleted",
        serde_json::json!({ "title": row.title, "body": row.body }),
        serde_json::Value::Null,
    );
    canned_reply::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    audit::record(&txn, caller, CANNED_AUDIT_AREA, vec![deleted]).await?;
    txn.commit().await?;
    Ok(())
}

fn own_staff_id(caller: &CurrentStaff) -> ApiResult<Uuid> {
    if caller.api_scopes.is_some() {
        return Err(ApiError::forbidden("an API key has no signature"));
    }
    Ok(caller.staff_id)
}

pub async fn get_signature(db: &DatabaseConnection, caller: &CurrentStaff) -> ApiResult<Signature> {
    let id = own_staff_id(caller)?;
    let s = staff::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("staff member"))?;
    Ok(Signature {
        signature: s.signature.unwrap_or_default(),
    })
}

pub async fn set_signature(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: Signature,
) -> ApiResult<Signature> {
    let id = own_staff_id(caller)?;
    let value = input.signature.trim().to_owned();
    staff::Entity::update_many()
        .col_expr(
            staff::Column::Signature,
            Expr::value((!value.is_empty()).then(|| value.clone())),
        )
        .filter(staff::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Signature { signature: value })
}

/// The demo shop's helpdesk: two canned replies, the owner's signature, and a question waiting
/// on its most recent order, so the inbox is not empty on first look.
pub async fn seed_demo(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<()> {
    let now = Utc::now();
    for (title, body) in [
        (
            "Parcel on its way",
            "Hi {{customer_name}}, thank you for your patience: order {{order_number}} is on its way and the tracking link on your order page shows where it is.",
        ),
        (
            "Return received",
            "Hi {{customer_name}}, we received your return {{return_number}} and will process it within two working days.",
        ),
    ] {
        canned_reply::ActiveModel {
            id: Set(Uuid::now_v7()),
            merchant_id: Set(merchant_id),
            title: Set(title.to_owned()),
            body: Set(body.to_owned()),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    staff::Entity::update_many()
        .col_expr(
            staff::Column::Signature,
            Expr::value(Some("Avery — Maple & Co customer care".to_owned())),
        )
        .filter(staff::Column::MerchantId.eq(merchant_id))
        .filter(staff::Column::Role.eq(rebound_shared::Role::Owner.as_str()))
        .exec(db)
        .await?;
    let Some(o) = Tenant::new(merchant_id)
        .find::<order::Entity>()
        .order_by_desc(order::Column::PlacedAt)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let subject = ThreadSubject {
        kind: ThreadSubjectKind::Order,
        id: o.id,
    };
    let thread = thread_for(db, merchant_id, o.id, subject).await?;
    append(
        db,
        NewMessage {
            thread: &thread,
            author: MessageAuthor::Shopper,
            staff_id: None,
            author_name: o.customer_name.clone(),
            body: "Hello! Could you tell me when my order will ship? Thanks.".into(),
            client_request_id: "demo".into(),
        },
    )
    .await?;
    Ok(())
}
