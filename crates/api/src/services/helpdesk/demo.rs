//! The demo shop's helpdesk.

use super::threads::{NewMessage, append, thread_for};
use crate::db::Tenant;
use crate::db::entities::{canned_reply, order, staff};
use crate::error::ApiResult;
use chrono::Utc;
use rebound_shared::api::helpdesk::{MessageAuthor, ThreadSubject, ThreadSubjectKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

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
    Tenant::new(merchant_id)
        .update::<staff::Entity>()
        .col_expr(
            staff::Column::Signature,
            Expr::value(Some("Avery — Maple & Co customer care".to_owned())),
        )
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
