//! The defective path as seed 003 has it: a return with a defective item may leave its
//! resolution and method to the shop (`resolution_pending`, `method_pending`: the columns
//! beside them hold a placeholder until staff decide, and the API shows none).
//!
//! Two endings without a parcel. Keep the item: a return whose policy lets the shopper keep (or
//! donate) what they return has no label, and its resolution follows approval
//! (`Journey::KeepItem`). A cancelled order: the shopper cancelled it before dispatch, where
//! the shop allows it (null: not cancelled).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .add_column(boolean("keep_item").default(false))
                    .to_owned(),
            )
            .await?;
        for column in ["resolution_pending", "method_pending"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("returns")
                        .add_column(boolean(column).default(false))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("orders")
                    .add_column(timestamp_with_time_zone_null("cancelled_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("orders")
                    .drop_column("cancelled_at")
                    .to_owned(),
            )
            .await?;
        for column in ["method_pending", "resolution_pending"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("returns")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .drop_column("keep_item")
                    .to_owned(),
            )
            .await
    }
}
