//! API keys: only a hash of the secret is kept.

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
                    .table("api_keys")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("name", 100))
                    .col(string_len("prefix", 16))
                    .col(string_len_uniq("secret_hash", 64))
                    .col(text("scopes"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("api_keys", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("api_keys", &["merchant_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("api_keys").to_owned())
            .await
    }
}
