//! Merchants, their staff and staff invitations.

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
                    .table("merchants")
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("slug", 40))
                    .col(string_len("company_name", 100))
                    .col(string_len("primary_colour", 7))
                    .col(string_len("accent_colour", 7))
                    .col(string_len("background_colour", 7))
                    .col(string_null("logo_key"))
                    .col(string_null("favicon_key"))
                    .col(string_null("background_image"))
                    .col(boolean("portal_enabled").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("staff")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len_uniq("email", 254))
                    .col(string_len("name", 100))
                    .col(string("password_hash"))
                    .col(string_len("role", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("staff", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("staff", &["merchant_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("staff_invitations")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("email", 254))
                    .col(string_len("role", 16))
                    // Only a hash is kept: a leaked database must not leak usable links.
                    .col(string_len_uniq("token_hash", 64))
                    .col(uuid("invited_by"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("staff_invitations", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("staff_invitations", &["merchant_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["staff_invitations", "staff", "merchants"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
