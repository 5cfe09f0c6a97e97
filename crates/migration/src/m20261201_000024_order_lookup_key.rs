//! The shopper's lookup compares order numbers as people type them: upper case, without spaces
//! or `#` (`#1001`, `mc 1040`). Compared on the stored column, that expression defeated the
//! `(merchant_id, number)` index and every lookup read all of the shop's orders; an index on the
//! expression itself makes it one index search on SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The normalised order number, exactly as the lookup writes it: both databases use an
/// expression index only for the same expression with the same literals (not bound values).
/// This text is part of the schema; the lookup's query is built from this constant.
pub const ORDER_NUMBER_KEY: &str = r#"REPLACE(REPLACE(UPPER("number"), ' ', ''), '#', '')"#;

const NAME: &str = "ix_orders_merchant_id_number_key";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // sea-query has no expression index builder; this statement reads the same on both.
        manager
            .get_connection()
            .execute_unprepared(&format!(
                r#"CREATE INDEX "{NAME}" ON "orders" ("merchant_id", ({ORDER_NUMBER_KEY}))"#
            ))
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table("orders".to_owned())
                    .to_owned(),
            )
            .await
    }
}
