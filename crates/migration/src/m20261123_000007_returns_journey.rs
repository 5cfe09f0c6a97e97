//! The shopper's return journey: shopper photos, what a return records beyond the demo's
//! columns, its status history, idempotency keys for submissions, and EU withdrawal statements.

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
                    .table("photos")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    .col(string_len("storage_key", 200))
                    .col(string_len("content_type", 32))
                    .col(integer("byte_size"))
                    .col(integer("width"))
                    .col(integer("height"))
                    // What it was attached to, once; an unattached photo is a draft upload.
                    .col(uuid_null("issue_report_id"))
                    .col(uuid_null("return_item_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("photos", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("photos", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("photos", &["order_id"])).await?;
        manager
            .create_index(index("photos", &["issue_report_id"]))
            .await?;
        manager
            .create_index(index("photos", &["return_item_id"]))
            .await?;

        // SQLite adds one column per ALTER TABLE.
        for (table, column) in [
            ("returns", string_len_null("replacement_variant", 100)),
            ("returns", boolean("withdrawal").default(false).to_owned()),
            ("returns", timestamp_with_time_zone_null("label_issued_at")),
            // The reason's defective flag when the shopper chose it: renaming or re-flagging a
            // reason later does not rewrite a submitted case.
            (
                "return_items",
                boolean("defective").default(false).to_owned(),
            ),
            // `withdrawal` marks the one hidden reason EU withdrawals point at.
            ("return_reasons", string_len_null("system_key", 24)),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table.to_owned())
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("return_events")
                    .col(pk_uuid("id"))
                    .col(uuid("return_id"))
                    .col(string_len("actor", 16))
                    .col(uuid_null("staff_id"))
                    .col(string_len_null("from_status", 24))
                    .col(string_len("to_status", 24))
                    .col(text_null("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("return_events", "return_id", "returns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_events", &["return_id", "created_at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("idempotency_keys")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    // `return` or `withdrawal`: the same key may not mean both.
                    .col(string_len("scope", 24))
                    .col(string_len("key", 200))
                    .col(string_len("request_hash", 64))
                    .col(uuid("return_id"))
                    // The first answer, replayed byte for byte.
                    .col(text("response"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("idempotency_keys", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("idempotency_keys", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("idempotency_keys", &["order_id", "scope", "key"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("withdrawals")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    .col(uuid("return_id"))
                    .col(string_len("name", 200))
                    .col(string_len("email", 254))
                    // The items as stated (id, title, quantity), JSON: the receipt must not
                    // change if the order does.
                    .col(text("items"))
                    .col(timestamp_with_time_zone("stated_at"))
                    .foreign_key(&mut fk("withdrawals", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("withdrawals", "order_id", "orders"))
                    .foreign_key(&mut fk("withdrawals", "return_id", "returns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("withdrawals", &["return_id"]).unique().to_owned())
            .await?;
        manager
            .create_index(index("withdrawals", &["merchant_id", "stated_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["withdrawals", "idempotency_keys", "return_events", "photos"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        for (table, column) in [
            ("return_reasons", "system_key"),
            ("return_items", "defective"),
            ("returns", "label_issued_at"),
            ("returns", "withdrawal"),
            ("returns", "replacement_variant"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table.to_owned())
                        .drop_column(column.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
