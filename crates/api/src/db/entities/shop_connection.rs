//! The `shop_connections` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shop_connections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    /// A `ShopPlatform` key.
    pub platform: String,
    /// The Shopify shop domain or the WooCommerce site URL.
    pub shop: String,
    pub webhook_secret: Option<String>,
    #[sea_orm(unique)]
    pub inbound_key: String,
    pub last_event_topic: Option<String>,
    /// An `InboundOutcome` key.
    pub last_event_outcome: Option<String>,
    pub last_event_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
