//! Risk per shopper: the shop's thresholds as one JSON document beside its other settings
//! (null: none set, nobody is flagged), and the flags a return's shopper had when it was
//! submitted (null: none).

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
                    .table("merchant_settings")
                    .add_column(text_null("risk"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .add_column(text_null("risk_flags"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .drop_column("risk_flags")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("merchant_settings")
                    .drop_column("risk")
                    .to_owned(),
            )
            .await
    }
}
