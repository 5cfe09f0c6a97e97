//! The `return_reasons` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_reasons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub label_en: String,
    pub label_fr: String,
    pub defective: bool,
    pub position: i32,
    pub retired_at: Option<DateTimeUtc>,
    /// `withdrawal` on the hidden reason EU withdrawals use; none on the shop's own reasons.
    pub system_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
