//! The returns queue at a million rows: a page filtered by status or resolution reads one
//! index in the page's own order (created_at, id), so neither the page nor the capped counts
//! per status sort or visit rows of other statuses.

use crate::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (old index, the one that replaces it): each new index starts with the old one's columns,
/// so the old one has nothing left to answer and only slows the writes.
const REPLACED: [(&[&str], &[&str]); 2] = [
    (
        &["merchant_id", "status", "created_at"],
        &["merchant_id", "status", "created_at", "id"],
    ),
    (
        &["merchant_id", "resolution", "created_at"],
        &["merchant_id", "resolution", "created_at", "id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (old, new) in REPLACED {
            manager.create_index(index("returns", new)).await?;
            manager.drop_index(drop("returns", old)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (old, new) in REPLACED {
            manager.create_index(index("returns", old)).await?;
            manager.drop_index(drop("returns", new)).await?;
        }
        Ok(())
    }
}

/// Drops the index `crate::index` named for these columns.
fn drop(table: &str, columns: &[&str]) -> IndexDropStatement {
    Index::drop()
        .name(format!("ix_{table}_{}", columns.join("_")))
        .table(table.to_owned())
        .to_owned()
}
