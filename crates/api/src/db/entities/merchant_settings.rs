//! The `merchant_settings` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "merchant_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub merchant_id: Uuid,
    /// `ReturnsSettings` as JSON.
    pub returns: String,
    /// `AftercareSettings` as JSON.
    pub aftercare: String,
    /// The shop's return policy rules as JSON; none: the rules its Returns tab implies.
    pub policies: Option<String>,
    /// The shop's `RiskThresholds` as JSON; none: no thresholds, nobody is flagged.
    pub risk: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
