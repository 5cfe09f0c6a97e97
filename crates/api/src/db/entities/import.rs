//! The `imports` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub created_by: Uuid,
    pub file_name: String,
    pub storage_key: String,
    pub encoding: String,
    /// An `ImportStatus` in snake_case.
    pub status: String,
    /// `Vec<String>` as JSON.
    pub columns: String,
    /// `Vec<Vec<String>>` as JSON.
    pub preview: String,
    /// `BTreeMap<ImportField, String>` as JSON.
    pub suggested_mapping: String,
    pub mapping: Option<String>,
    pub total_rows: i64,
    pub processed_rows: i64,
    pub orders_created: i64,
    pub orders_updated: i64,
    pub rows_rejected: i64,
    pub orders_delivered: i64,
    pub orders_shipped: i64,
    pub orders_not_shipped: i64,
    pub error: Option<String>,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
