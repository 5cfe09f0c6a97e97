//! Merchant settings (Returns and Aftercare tabs as JSON documents validated by the shared
//! types), return addresses, old slugs that keep redirecting, and the settings audit log.

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
                    .table("merchant_settings")
                    .col(uuid("merchant_id").primary_key())
                    .col(text("returns"))
                    .col(text("aftercare"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("merchant_settings", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("return_addresses")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("name", 100))
                    .col(string_len("line1", 200))
                    .col(string_len_null("line2", 200))
                    .col(string_len("city", 100))
                    .col(string_len_null("region", 100))
                    .col(string_len("postal_code", 20))
                    .col(string_len("country", 2))
                    .col(boolean("is_default"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("return_addresses", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_addresses", &["merchant_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("slug_redirects")
                    .col(string_len("slug", 40).primary_key())
                    .col(uuid("merchant_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("slug_redirects", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("staff_id"))
                    .col(string_len("area", 32))
                    .col(text("changes"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut fk("audit_log", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("audit_log", &["merchant_id", "at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_log",
            "slug_redirects",
            "return_addresses",
            "merchant_settings",
        ] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
