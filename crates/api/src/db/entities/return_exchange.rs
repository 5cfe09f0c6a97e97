//! The `return_exchanges` table.

use rebound_shared::api::exchanges::ExchangeState;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_exchanges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub return_id: Uuid,
    pub return_item_id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub title: String,
    /// The variant's option values when asked for, as JSON.
    pub options: String,
    pub quantity: i32,
    /// The variant's price when the shopper asked for it: the difference never moves after.
    pub unit_price_minor: i64,
    pub currency: String,
    pub state: ExchangeState,
    pub shipment_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
