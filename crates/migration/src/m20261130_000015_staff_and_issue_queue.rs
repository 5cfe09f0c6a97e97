//! What staff manage themselves: revoking invitations, password resets by email (and the
//! session version that signs everyone out after one), and the issue-reports queue (status,
//! assignee).

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for (table, column) in [
            (
                "staff_invitations",
                timestamp_with_time_zone_null("revoked_at"),
            ),
            // Carried in every staff token: bumping it (a password reset) ends older sessions.
            ("staff", integer("session_version").default(0).to_owned()),
            (
                "issue_reports",
                string_len("status", 16).default("open").to_owned(),
            ),
            ("issue_reports", uuid_null("assignee_id")),
            ("issue_reports", timestamp_with_time_zone_null("closed_at")),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table.to_owned())
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(index(
                "issue_reports",
                &["merchant_id", "status", "created_at"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("password_resets")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("staff_id"))
                    // Only a hash is kept: a leaked database must not leak usable links.
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("password_resets", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("password_resets", "staff_id", "staff"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("password_resets", &["staff_id", "created_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("password_resets".to_owned()).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_issue_reports_merchant_id_status_created_at")
                    .table("issue_reports".to_owned())
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            ("issue_reports", "closed_at"),
            ("issue_reports", "assignee_id"),
            ("issue_reports", "status"),
            ("staff", "session_version"),
            ("staff_invitations", "revoked_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table.to_owned())
                        .drop_column(column.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
