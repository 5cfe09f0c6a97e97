//! Orders in from shop platforms: one Shopify and one WooCommerce connection per merchant, the
//! webhook deliveries already taken (so a replay changes nothing), which platform order became
//! which Rebound order (fulfilments name the platform's order id, not its number), and the
//! deliveries that could not become an order, for the merchant to read.

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
                    .table("shop_connections")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("platform", 16))
                    .col(string_len("shop", 255))
                    // Kept as given: verifying a signature needs the secret itself, not a hash.
                    .col(string_len_null("webhook_secret", 200))
                    // The unguessable part of the URL the platform posts to.
                    .col(string_len_uniq("inbound_key", 64))
                    .col(string_len_null("last_event_topic", 64))
                    .col(string_len_null("last_event_outcome", 16))
                    .col(timestamp_with_time_zone_null("last_event_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("shop_connections", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("shop_connections", &["merchant_id", "platform"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("shop_webhook_receipts")
                    .col(pk_uuid("id"))
                    .col(uuid("connection_id"))
                    .col(string_len("delivery_id", 128))
                    .col(string_len("topic", 64))
                    .col(timestamp_with_time_zone("received_at"))
                    .foreign_key(&mut fk(
                        "shop_webhook_receipts",
                        "connection_id",
                        "shop_connections",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("shop_webhook_receipts", &["connection_id", "delivery_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("shop_order_links")
                    .col(pk_uuid("id"))
                    .col(uuid("connection_id"))
                    .col(string_len("external_id", 64))
                    .col(string_len("order_number", 64))
                    .foreign_key(&mut fk(
                        "shop_order_links",
                        "connection_id",
                        "shop_connections",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("shop_order_links", &["connection_id", "external_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("integration_errors")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("connection_id"))
                    .col(string_len("platform", 16))
                    .col(string_len("topic", 64))
                    .col(string_len_null("delivery_id", 128))
                    .col(string_len_null("order_ref", 64))
                    .col(string_len_null("field", 100))
                    .col(text("detail"))
                    .col(timestamp_with_time_zone("received_at"))
                    .foreign_key(&mut fk("integration_errors", "merchant_id", "merchants"))
                    .foreign_key(&mut fk(
                        "integration_errors",
                        "connection_id",
                        "shop_connections",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "integration_errors",
                &["merchant_id", "received_at", "id"],
            ))
            .await?;
        manager
            .create_index(index(
                "integration_errors",
                &["connection_id", "delivery_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "integration_errors",
            "shop_order_links",
            "shop_webhook_receipts",
            "shop_connections",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
