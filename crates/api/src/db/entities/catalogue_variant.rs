//! The `catalogue_variants` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_variants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub sku: String,
    /// The shop's product id or handle: variants sharing it are one product.
    pub product_key: String,
    pub title: String,
    /// `Vec<OptionValue>` as JSON, in the shop's order.
    pub options: String,
    pub price_minor: i64,
    pub currency: String,
    pub stock_on_hand: i32,
    /// Units approved exchanges hold; never more than `stock_on_hand`.
    pub reserved: i32,
    pub image_url: Option<String>,
    /// A JSON array of text; none: no tags.
    pub tags: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
