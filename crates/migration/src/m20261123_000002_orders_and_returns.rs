//! Orders with their items and shipments, return reasons, and returns: the tables the demo
//! data fills and the later features (tracking, the return journey) build on.

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
                    .table("orders")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("number", 64))
                    .col(string_len("customer_name", 200))
                    .col(string_len("email", 254))
                    .col(string_len_null("phone", 40))
                    .col(string_len("address_line1", 200))
                    .col(string_len_null("address_line2", 200))
                    .col(string_len("city", 100))
                    .col(string_len_null("region", 100))
                    .col(string_len("postal_code", 20))
                    .col(string_len("country", 2))
                    .col(string_len("currency", 3))
                    .col(string_len("status", 24))
                    .col(timestamp_with_time_zone("placed_at"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("orders", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("orders", &["merchant_id", "number"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("orders", &["merchant_id", "email"]))
            .await?;
        manager
            .create_index(index("orders", &["merchant_id", "placed_at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("order_items")
                    .col(pk_uuid("id"))
                    .col(uuid("order_id"))
                    .col(string_len("sku", 64))
                    .col(string_len("title", 200))
                    .col(string_len_null("variant", 100))
                    .col(integer("quantity"))
                    // Money is integer minor units in the order's currency, never a float.
                    .col(big_integer("unit_price_minor"))
                    .col(string_null("image_url"))
                    .col(boolean("returnable").default(true))
                    .col(uuid_null("parent_item_id"))
                    .col(integer("position"))
                    .foreign_key(&mut fk("order_items", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("order_items", &["order_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("shipments")
                    .col(pk_uuid("id"))
                    .col(uuid("order_id"))
                    .col(string_len("carrier", 64))
                    .col(string_len("service", 64))
                    .col(string_len("tracking_number", 64))
                    .col(string_len("status", 24))
                    .col(timestamp_with_time_zone_null("estimated_delivery"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("shipments", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("shipments", &["order_id"]))
            .await?;
        manager
            .create_index(index("shipments", &["tracking_number"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("shipment_events")
                    .col(pk_uuid("id"))
                    .col(uuid("shipment_id"))
                    .col(string_len("kind", 24))
                    .col(string_len("description", 200))
                    .col(string_len_null("location", 100))
                    .col(timestamp_with_time_zone("occurred_at"))
                    .foreign_key(&mut fk("shipment_events", "shipment_id", "shipments"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("shipment_events", &["shipment_id", "occurred_at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("return_reasons")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("label_en", 120))
                    .col(string_len("label_fr", 120))
                    .col(boolean("defective").default(false))
                    .col(integer("position"))
                    // Reasons used by past returns are retired, never deleted.
                    .col(timestamp_with_time_zone_null("retired_at"))
                    .foreign_key(&mut fk("return_reasons", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_reasons", &["merchant_id", "position"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("returns")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    .col(string_len("number", 32))
                    .col(string_len("status", 24))
                    .col(string_len("resolution", 24))
                    .col(string_len("method", 24))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("returns", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("returns", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("returns", &["merchant_id", "number"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("returns", &["merchant_id", "status", "created_at"]))
            .await?;
        manager
            .create_index(index("returns", &["order_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("return_items")
                    .col(pk_uuid("id"))
                    .col(uuid("return_id"))
                    .col(uuid("order_item_id"))
                    .col(uuid("reason_id"))
                    .col(integer("quantity"))
                    .col(text_null("comment"))
                    .foreign_key(&mut fk("return_items", "return_id", "returns"))
                    .foreign_key(&mut fk("return_items", "order_item_id", "order_items"))
                    .foreign_key(&mut fk("return_items", "reason_id", "return_reasons"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_items", &["return_id"]))
            .await?;
        manager
            .create_index(index("return_items", &["order_item_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "return_items",
            "returns",
            "return_reasons",
            "shipment_events",
            "shipments",
            "order_items",
            "orders",
        ] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
