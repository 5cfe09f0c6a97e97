//! The inbox and its threads: one thread per order, return or issue report, found or made
//! on the first message, paged latest activity first.

use super::{PAGE, message_views, preview, summary};
use crate::auth::CurrentStaff;
use crate::db::entities::{issue_report, message, message_thread, order, return_request};
use crate::db::{Tenant, write_alone};
use crate::error::{ApiError, ApiResult};
use crate::services::orders::photos::PhotoUrls;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::helpdesk::{
    MessageAuthor, MessageView, PostMessage, ThreadPage, ThreadSubject, ThreadSubjectKind,
    ThreadSummary, ThreadView,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

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
        let (at, id) = crate::services::keyset::decode(cursor)?;
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
    let next_cursor = more
        .then(|| {
            threads
                .last()
                .map(|t| crate::services::keyset::encode(t.last_message_at, t.id))
        })
        .flatten();
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

pub(super) async fn messages_of(
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
        .get::<message_thread::Entity>(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    if t.unread_for_staff > 0 {
        let seen = message_thread::Entity::update_many()
            .col_expr(message_thread::Column::UnreadForStaff, Expr::value(0))
            .filter(message_thread::Column::Id.eq(t.id));
        write_alone(db, seen).await?;
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
pub(super) async fn subject_order(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    subject: ThreadSubject,
) -> ApiResult<(order::Model, Option<String>)> {
    let (order_id, return_number) = match subject.kind {
        ThreadSubjectKind::Order => (subject.id, None),
        ThreadSubjectKind::Return => {
            let r = tenant
                .get::<return_request::Entity>(subject.id)
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found("return"))?;
            (r.order_id, Some(r.number))
        }
        ThreadSubjectKind::Issue => {
            let i = tenant
                .get::<issue_report::Entity>(subject.id)
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found("issue report"))?;
            (i.order_id, None)
        }
    };
    let o = tenant
        .get::<order::Entity>(order_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))?;
    Ok((o, return_number))
}

/// The thread of `subject`, created on first use (a concurrent creator wins; we reuse it).
pub(super) async fn thread_for(
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
        subject_kind: Set(subject.kind),
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

/// A message to store in `thread` (see `append`).
pub(super) struct NewMessage<'a> {
    pub(super) thread: &'a message_thread::Model,
    pub(super) author: MessageAuthor,
    pub(super) staff_id: Option<Uuid>,
    pub(super) author_name: String,
    pub(super) body: String,
    pub(super) client_request_id: String,
}

/// Stores the message and moves the thread's counters; `None` when this request was already
/// stored (a retry), so the caller sends no second mail.
pub(super) async fn append(
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

pub(super) fn request_id(input: &PostMessage) -> String {
    input
        .client_request_id
        .clone()
        .unwrap_or_else(|| Uuid::new_v4().to_string())
}
