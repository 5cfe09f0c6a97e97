//! Return policies: a shop's rules as one JSON document beside its other settings (null: the
//! rules its Returns tab implies, so shops from before keep their behaviour), and the fee each
//! return was charged under them (null: no fee rule applied).

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
                    .add_column(text_null("policies"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .add_column(big_integer_null("fee_minor"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("returns")
                    .drop_column("fee_minor")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("merchant_settings")
                    .drop_column("policies")
                    .to_owned(),
            )
            .await
    }
}
