//! The `staff_two_factor` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_two_factor")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_id: Uuid,
    /// Base32 TOTP secret.
    pub secret: String,
    /// None while enrolment waits for its first code.
    pub confirmed_at: Option<DateTimeUtc>,
    /// The last 30-second step whose code was accepted.
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
