//! The `orders` table.

use rebound_shared::domain::OrderStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub number: String,
    pub customer_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    pub country: String,
    pub currency: String,
    pub status: OrderStatus,
    pub placed_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
    /// The shopper cancelled it before dispatch (where the shop allows it).
    pub cancelled_at: Option<DateTimeUtc>,
    /// The shop's tags, a JSON array of text (none: no tags).
    pub tags: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
