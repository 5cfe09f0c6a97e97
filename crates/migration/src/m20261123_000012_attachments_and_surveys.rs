//! Photos attached to helpdesk messages, and the follow-up survey's answers.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("photos")
                    .add_column(uuid_null("message_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("photos", &["message_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("survey_answers")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    .col(integer("rating"))
                    .col(text_null("comment"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("survey_answers", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("survey_answers", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        // One answer per order: answering again changes it.
        manager
            .create_index(index("survey_answers", &["order_id"]).unique().to_owned())
            .await?;
        manager
            .create_index(index("survey_answers", &["merchant_id", "created_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("survey_answers").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("photos")
                    .drop_column("message_id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
