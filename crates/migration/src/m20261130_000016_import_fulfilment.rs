//! What an import's result tells the merchant shoppers can now do: how many of its orders are
//! delivered (returnable), shipped (tracking only) and not shipped (address changes only).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["orders_delivered", "orders_shipped", "orders_not_shipped"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table("imports".to_owned())
                        .add_column(big_integer(column).default(0).to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS.into_iter().rev() {
            manager
                .alter_table(
                    Table::alter()
                        .table("imports".to_owned())
                        .drop_column(column.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
