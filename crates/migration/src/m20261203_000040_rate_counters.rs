//! Lookup attempts counted in the database, per client and per order, per minute: with several
//! server instances on one PostgreSQL database each keeps its own in-memory limiter, and
//! without a shared count N instances would allow N times the limit.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("rate_counters")
                    .col(string_len("bucket", 200))
                    // Unix time of the minute counted.
                    .col(big_integer("window_start"))
                    .col(integer("hits"))
                    .primary_key(Index::create().col("bucket").col("window_start"))
                    .to_owned(),
            )
            .await?;
        // Old minutes are swept by window.
        manager
            .create_index(
                Index::create()
                    .name("rate_counters_window")
                    .table("rate_counters")
                    .col("window_start")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("rate_counters").to_owned())
            .await
    }
}
