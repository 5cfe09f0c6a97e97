//! Tags on orders and on products (order items), as the shop sends them: what return policies'
//! order-tag and product-tag rules ask about. JSON arrays of text; null: none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["orders", "order_items"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(text_null("tags"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["order_items", "orders"] {
            manager
                .alter_table(Table::alter().table(table).drop_column("tags").to_owned())
                .await?;
        }
        Ok(())
    }
}
