//! What shoppers do on the tracking page: address changes before dispatch and issue reports.

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
                    .table("address_changes")
                    .col(pk_uuid("id"))
                    .col(uuid("order_id"))
                    // Old and new addresses as JSON: the record must survive later edits.
                    .col(text("old_address"))
                    .col(text("new_address"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("address_changes", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("address_changes", &["order_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("issue_reports")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("order_id"))
                    .col(string_len("issue_type", 32))
                    .col(text("message"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("issue_reports", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("issue_reports", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("issue_reports", &["merchant_id", "created_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["issue_reports", "address_changes"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
