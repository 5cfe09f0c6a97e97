//! The staff half of returns: item inspections, refunds, store credits, replacements, items
//! ended by a refund (a care plan attached to a refunded item), and the indexes behind the
//! returns queue's filters.

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
                    .table("return_inspections")
                    .col(pk_uuid("id"))
                    .col(uuid("return_id"))
                    .col(uuid("return_item_id"))
                    // `ok` or `damaged`.
                    .col(string_len("condition", 16))
                    // What the damaged-item policy decided when it was inspected: `restock`,
                    // `keep` or `discard`. Recorded, so a later policy change rewrites nothing.
                    .col(string_len("disposition", 16))
                    .col(text_null("note"))
                    .col(uuid_null("staff_id"))
                    .col(timestamp_with_time_zone("inspected_at"))
                    .foreign_key(&mut fk("return_inspections", "return_id", "returns"))
                    .foreign_key(&mut fk(
                        "return_inspections",
                        "return_item_id",
                        "return_items",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("return_inspections", &["return_item_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_inspections", &["return_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("refunds")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("return_id"))
                    // The returned line refunded; none for an attached item (a care plan)
                    // refunded along with its parent.
                    .col(uuid_null("return_item_id"))
                    .col(uuid("order_item_id"))
                    .col(big_integer("amount_minor"))
                    .col(string_len("currency", 3))
                    .col(string_len("reason", 32))
                    .col(uuid_null("staff_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("refunds", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("refunds", "return_id", "returns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("refunds", &["return_id"]))
            .await?;
        manager
            .create_index(index("refunds", &["order_item_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("store_credits")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("return_id"))
                    .col(uuid("order_id"))
                    .col(string_len("code", 32))
                    .col(big_integer("amount_minor"))
                    .col(big_integer("balance_minor"))
                    .col(string_len("currency", 3))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("store_credits", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("store_credits", "return_id", "returns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("store_credits", &["merchant_id", "code"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("store_credits", &["return_id"]).unique().to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("replacements")
                    .col(pk_uuid("id"))
                    .col(uuid("return_id"))
                    .col(uuid("shipment_id"))
                    .col(string_len_null("variant", 100))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("replacements", "return_id", "returns"))
                    .foreign_key(&mut fk("replacements", "shipment_id", "shipments"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("replacements", &["return_id"]).unique().to_owned())
            .await?;

        // A refunded parent ends what was sold attached to it (a warranty, a care plan).
        manager
            .alter_table(
                Table::alter()
                    .table("order_items")
                    .add_column(timestamp_with_time_zone_null("ended_at"))
                    .to_owned(),
            )
            .await?;

        // The queue: newest first per merchant, optionally by status or resolution; reasons
        // and the defective flag through the items. Status, order and search by number or email
        // are indexed since the first migrations.
        for columns in [
            &["merchant_id", "created_at", "id"][..],
            &["merchant_id", "resolution", "created_at"][..],
        ] {
            manager.create_index(index("returns", columns)).await?;
        }
        for columns in [&["reason_id"][..], &["defective", "return_id"][..]] {
            manager.create_index(index("return_items", columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "replacements",
            "store_credits",
            "refunds",
            "return_inspections",
        ] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("order_items")
                    .drop_column("ended_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
