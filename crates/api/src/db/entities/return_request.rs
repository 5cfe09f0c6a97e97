//! The `returns` table.

use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::ReturnStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "returns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub order_id: Uuid,
    pub number: String,
    pub status: ReturnStatus,
    pub resolution: Resolution,
    pub method: ReturnMethod,
    pub replacement_variant: Option<String>,
    pub withdrawal: bool,
    pub label_issued_at: Option<DateTimeUtc>,
    /// The return fee its policy charged, in the order's currency; none: no fee rule applied.
    pub fee_minor: Option<i64>,
    /// The policy lets the shopper keep the items: no label, no parcel (`Journey::KeepItem`).
    pub keep_item: bool,
    /// A defective return left the resolution to the shop: `resolution` is a placeholder
    /// until a refund, store credit or replacement settles it.
    pub resolution_pending: bool,
    /// The same for `method`, until a label is issued.
    pub method_pending: bool,
    /// The `RiskFlag`s its shopper had when it was submitted, as JSON; none: not flagged.
    pub risk_flags: Option<String>,
    /// `ExchangeTerms` as JSON, fixed at submission; none: not an exchange.
    pub exchange: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
