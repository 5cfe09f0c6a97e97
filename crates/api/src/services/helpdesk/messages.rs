//! Writing in a thread, as staff or as the shopper: each message once whatever the retries,
//! the unread counters moved in the same transaction, and the other side mailed.

use super::threads::{
    NewMessage, append, get_thread, messages_of, request_id, subject_order, thread_for,
};
use super::{message_views, summary};
use crate::auth::{CurrentStaff, OrderAccess};
use crate::db::entities::{merchant, message, message_thread, staff};
use crate::db::{Tenant, begin_write, write_alone};
use crate::error::{ApiError, ApiResult};
use crate::notify::compose::{Outgoing, shop_recipient, shopper_locale};
use crate::notify::{Links, enqueue};
use crate::services::orders::access::opened_order;
use crate::services::orders::photos::{self, AttachTo, PhotoUrls};
use crate::storage::Storage;
use bytes::Bytes;
use rebound_shared::api::helpdesk::{
    MessageAuthor, MessageView, PostMessage, ThreadSubject, ThreadSubjectKind, ThreadView,
};
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::api::orders::PhotoView;
use rebound_shared::mail::fill_placeholders;
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

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
        emit_message(&txn, caller.tenant, urls, &o, thread.id, saved.id).await?;
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
        // Read: only threads with something unread are written (a shopper rereading writes
        // nothing), in the write queue like every lone write.
        let unread: Vec<Uuid> = threads
            .iter()
            .filter(|t| t.unread_for_shopper > 0)
            .map(|t| t.id)
            .collect();
        if !unread.is_empty() {
            let seen = message_thread::Entity::update_many()
                .col_expr(message_thread::Column::UnreadForShopper, Expr::value(0))
                .filter(message_thread::Column::Id.is_in(unread));
            write_alone(db, seen).await?;
        }
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
        emit_message(&txn, Tenant::new(m.id), urls, &o, thread.id, saved.id).await?;
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

/// `message.created`, with the thread as the API answers a new message (`ThreadView`), read
/// in the message's transaction.
async fn emit_message(
    conn: &impl sea_orm::ConnectionTrait,
    tenant: Tenant,
    urls: &PhotoUrls,
    o: &crate::db::entities::order::Model,
    thread_id: Uuid,
    message_id: Uuid,
) -> ApiResult<()> {
    use crate::notify::webhooks;
    use rebound_shared::api::webhooks::WebhookEvent;
    if webhooks::subscribers(conn, tenant, WebhookEvent::MessageCreated)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let t = message_thread::Entity::find_by_id(thread_id)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let view = ThreadView {
        summary: summary(&t, o, true),
        messages: messages_of(conn, tenant, urls, t.id).await?,
    };
    webhooks::emit(
        conn,
        tenant,
        WebhookEvent::MessageCreated,
        message_id,
        &view,
    )
    .await
}
