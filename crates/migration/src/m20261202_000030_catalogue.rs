//! The shop's catalogue and the exchanges made from it. `catalogue_variants`: one row per
//! sellable variant (the SKU, unique per merchant), grouped into products by `product_key`
//! (the shop's product id or handle); option values as a JSON array of `{name, value}` in the
//! shop's order; stock on hand and what approved exchanges hold (`reserved`). A single table,
//! because every read the product needs (a product's variants, a search, a stock change) is a
//! read of variants.
//!
//! `return_exchanges`: per returned line, the variant the shopper wants instead, at the price
//! it had when asked, and where its unit stands (`requested`, `reserved`, `released`,
//! `shipped`). `returns.exchange`: how the return's price difference is settled, fixed when
//! the shopper submits (JSON; null: not an exchange), so a later change of the shop's settings
//! never changes what a shopper was shown.

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
                    .table("catalogue_variants")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("sku", 64))
                    .col(string_len("product_key", 255))
                    .col(string_len("title", 200))
                    .col(text("options"))
                    .col(big_integer("price_minor"))
                    .col(string_len("currency", 3))
                    .col(integer("stock_on_hand"))
                    .col(integer("reserved").default(0))
                    .col(string_len_null("image_url", 2048))
                    .col(text_null("tags"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("catalogue_variants", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("catalogue_variants", &["merchant_id", "sku"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("catalogue_variants", &["merchant_id", "product_key"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("return_exchanges")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("return_id"))
                    .col(uuid("return_item_id"))
                    .col(uuid("variant_id"))
                    .col(string_len("sku", 64))
                    .col(string_len("title", 200))
                    .col(text("options"))
                    .col(integer("quantity"))
                    .col(big_integer("unit_price_minor"))
                    .col(string_len("currency", 3))
                    .col(string_len("state", 16))
                    .col(uuid_null("shipment_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("return_exchanges", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("return_exchanges", "return_id", "returns"))
                    .foreign_key(&mut fk(
                        "return_exchanges",
                        "return_item_id",
                        "return_items",
                    ))
                    .foreign_key(&mut fk(
                        "return_exchanges",
                        "variant_id",
                        "catalogue_variants",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_exchanges", &["return_id"]))
            .await?;
        manager
            .create_index(index("return_exchanges", &["variant_id"]))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .add_column(text_null("exchange"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .drop_column("exchange")
                    .to_owned(),
            )
            .await?;
        for table in ["return_exchanges", "catalogue_variants"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
