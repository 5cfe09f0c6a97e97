//! The transactional outbox: every mail is a row written in the same transaction as the change
//! that causes it, then delivered by a background worker with retries.

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
                    .table("outbox")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("event", 48))
                    // Makes a repeated cause (a re-sent scan, a retried request) one mail.
                    .col(string_len("dedupe_key", 200))
                    .col(string_len("recipient", 254))
                    .col(string_len("locale", 8))
                    // Rendered when enqueued: the mail says what was true at the time, and
                    // "Sent mail" shows exactly what went out.
                    .col(string_len("subject", 300))
                    .col(text("body_text"))
                    .col(text("body_html"))
                    .col(string_len_null("reply_to", 254))
                    // JSON list of {name, content_type, storage_key}.
                    .col(text("attachments"))
                    .col(string_len("status", 16))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    // A worker holds a row until this time; another may take it after, so a
                    // crashed worker delays a mail but never loses it.
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .foreign_key(&mut fk("outbox", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("outbox", &["merchant_id", "dedupe_key"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("outbox", &["status", "next_attempt_at"]))
            .await?;
        manager
            .create_index(index("outbox", &["merchant_id", "created_at"]))
            .await?;

        // A merchant's own wording; events without a row use the built-in defaults.
        manager
            .create_table(
                Table::create()
                    .table("mail_templates")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("event", 48))
                    .col(string_len("locale", 8))
                    .col(string_len("subject", 200))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("mail_templates", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("mail_templates", &["merchant_id", "event", "locale"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Optional events a merchant turned off.
        manager
            .create_table(
                Table::create()
                    .table("mail_event_opt_outs")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("event", 48))
                    .foreign_key(&mut fk("mail_event_opt_outs", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("mail_event_opt_outs", &["merchant_id", "event"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Shoppers who asked for no optional mail from this shop.
        manager
            .create_table(
                Table::create()
                    .table("mail_unsubscribes")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("email", 254))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("mail_unsubscribes", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("mail_unsubscribes", &["merchant_id", "email"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "mail_unsubscribes",
            "mail_event_opt_outs",
            "mail_templates",
            "outbox",
        ] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
