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
    /// Set when refunds of its parent ended every unit (a care plan on refunded items).
    pub ended_at: Option<DateTimeUtc>,
    /// How many units refunds of its parent ended so far (one care plan per refunded coat).
    pub ended_quantity: i32,
    pub position: i32,
    /// The product's tags, a JSON array of text (none: no tags).
    pub tags: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
