//! The `integration_errors` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "integration_errors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub connection_id: Uuid,
    /// A `ShopPlatform` key.
    pub platform: String,
    pub topic: String,
    pub delivery_id: Option<String>,
    /// The platform's order number or id, when the payload had one.
    pub order_ref: Option<String>,
    /// The field at fault, when one is.
    pub field: Option<String>,
    pub detail: String,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
