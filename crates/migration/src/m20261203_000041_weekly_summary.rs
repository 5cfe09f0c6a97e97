//! The weekly summary by mail, per staff member: off (null) until they turn it on. The time
//! they turned it on decides their first week (a week that ended before it is never sent), and
//! the language is the one they chose. One mail per person per ISO week is the outbox's own
//! unique `(merchant_id, dedupe_key)`, so nothing here needs a table of its own.

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
                    .table("staff")
                    .add_column(timestamp_with_time_zone_null("weekly_summary_since"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .add_column(string_len_null("weekly_summary_locale", 8))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["weekly_summary_locale", "weekly_summary_since"] {
            manager
                .alter_table(Table::alter().table("staff").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
