//! The helpdesk: message threads on orders, returns and issue reports, canned replies, and a
//! signature per staff member.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("message_threads")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    // What the thread is about: the order itself, one of its returns, or
                    // one of its issue reports.
                    .col(string_len("subject_kind", 16))
                    .col(uuid("subject_id"))
                    // Counters kept with each message, so the inbox needs no COUNT per row.
                    .col(integer("unread_for_staff").default(0))
                    .col(integer("unread_for_shopper").default(0))
                    .col(text("last_preview"))
                    .col(timestamp_with_time_zone("last_message_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("message_threads", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("message_threads", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "message_threads",
                    &["merchant_id", "subject_kind", "subject_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "message_threads",
                &["merchant_id", "last_message_at"],
            ))
            .await?;
        manager
            .create_index(index("message_threads", &["order_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("messages")
                    .col(pk_uuid("id"))
                    .col(uuid("thread_id"))
                    .col(string_len("author_kind", 16))
                    .col(uuid_null("staff_id"))
                    .col(string_len("author_name", 200))
                    .col(text("body"))
                    // JSON list of photo ids.
                    .col(text("attachments"))
                    // A retried post carries the same id and finds its message already there.
                    .col(string_len("client_request_id", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("messages", "thread_id", "message_threads"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("messages", &["thread_id", "client_request_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("messages", &["thread_id", "created_at"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("canned_replies")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("title", 100))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("canned_replies", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("canned_replies", &["merchant_id", "title"]))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .add_column(text_null("signature"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .drop_column("signature")
                    .to_owned(),
            )
            .await?;
        for table in ["canned_replies", "messages", "message_threads"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
