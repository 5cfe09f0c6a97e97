//! The `return_labels` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_labels")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub return_id: Uuid,
    /// `Some(return_id)` while current, `None` once voided (unique: one current per return).
    pub current_for_return: Option<Uuid>,
    pub carrier: String,
    pub service: String,
    pub service_name: String,
    pub tracking_number: String,
    pub price_minor: i64,
    pub currency: String,
    pub weight_grams: i32,
    pub pdf_key: String,
    pub qr_key: String,
    pub created_at: DateTimeUtc,
    pub voided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
