//! The first-run checklist's own flags (portal link shared, checklist dismissed) and the
//! origins a merchant's portal may be framed by (CSP `frame-ancestors`).

use crate::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every other step of the checklist is read from the data it is about; only these two
        // leave no other trace.
        manager
            .create_table(
                Table::create()
                    .table("merchant_onboarding")
                    .col(uuid("merchant_id").primary_key())
                    .col(timestamp_with_time_zone_null("portal_shared_at"))
                    .col(timestamp_with_time_zone_null("dismissed_at"))
                    .foreign_key(&mut fk("merchant_onboarding", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("merchant_embedding")
                    .col(uuid("merchant_id").primary_key())
                    // A JSON list of origins such as `https://shop.example`.
                    .col(text("frame_ancestors"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("merchant_embedding", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["merchant_embedding", "merchant_onboarding"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
