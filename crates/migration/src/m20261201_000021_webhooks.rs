//! Webhooks out: a shop's endpoints (URL, events, signing secret) and one delivery row per event
//! per endpoint, written in the transaction of the change and sent by the worker.

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
                    .table("webhook_endpoints")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("url", 2000))
                    .col(string_len("description", 200))
                    // A JSON list of event types such as `return.approved`.
                    .col(text("events"))
                    .col(boolean("enabled"))
                    .col(string_len_null("disabled_reason", 16))
                    // `whsec_<base64>`: kept as is, since every delivery is signed with it.
                    .col(string_len("secret", 100))
                    // After a rotation the old secret signs too, until `previous_valid_until`.
                    .col(string_len_null("previous_secret", 100))
                    .col(timestamp_with_time_zone_null("previous_valid_until"))
                    // Set by the first failure after a success; three days of it disables.
                    .col(timestamp_with_time_zone_null("failing_since"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("webhook_endpoints", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("webhook_endpoints", &["merchant_id", "created_at"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("endpoint_id"))
                    // The `webhook-id` header, derived from the cause: a retried request
                    // finds it taken instead of making a second delivery.
                    .col(string_len("event_id", 64))
                    .col(string_len("event", 48))
                    // The body as signed and sent, byte for byte, on every attempt.
                    .col(text("payload"))
                    .col(string_len("status", 16))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone_null("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(integer_null("response_status"))
                    .col(big_integer_null("duration_ms"))
                    .col(text_null("response_excerpt"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .foreign_key(&mut fk("webhook_deliveries", "merchant_id", "merchants"))
                    .foreign_key(&mut fk(
                        "webhook_deliveries",
                        "endpoint_id",
                        "webhook_endpoints",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("webhook_deliveries", &["endpoint_id", "event_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("webhook_deliveries", &["status", "next_attempt_at"]))
            .await?;
        manager
            .create_index(index(
                "webhook_deliveries",
                &["merchant_id", "endpoint_id", "created_at"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["webhook_deliveries", "webhook_endpoints"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
