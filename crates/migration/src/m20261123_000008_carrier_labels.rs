//! Each merchant's carrier (a rate table, as JSON) and the return labels bought from it.

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
                    .table("carrier_settings")
                    .col(pk_uuid("merchant_id"))
                    // Which implementation reads `config`: `rate_table` today.
                    .col(string_len("carrier", 32))
                    .col(text("config"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("carrier_settings", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("return_labels")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("return_id"))
                    // The return's id while this is its current label, null once re-issued:
                    // the unique index keeps one current label per return even when two
                    // requests race, and allows any number of voided ones.
                    .col(uuid_null("current_for_return"))
                    .col(string_len("carrier", 64))
                    .col(string_len("service", 32))
                    .col(string_len("service_name", 64))
                    .col(string_len_uniq("tracking_number", 32))
                    .col(big_integer("price_minor"))
                    .col(string_len("currency", 3))
                    .col(integer("weight_grams"))
                    .col(string_len("pdf_key", 200))
                    .col(string_len("qr_key", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("voided_at"))
                    .foreign_key(&mut fk("return_labels", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("return_labels", "return_id", "returns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("return_labels", &["current_for_return"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_labels", &["merchant_id", "return_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["return_labels", "carrier_settings"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
