//! The `order_items` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub sku: String,
    pub title: String,
    pub variant: Option<String>,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub image_url: Option<String>,
    pub returnable: bool,
    pub parent_item_id: Option<Uuid>,
    /// Set when a refund of its parent ended it (a care plan on a refunded item).
    pub ended_at: Option<DateTimeUtc>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
