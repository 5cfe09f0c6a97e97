//! The `staff` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: DateTimeUtc,
    /// Appended to this person's messages.
    pub signature: Option<String>,
    /// Carried in this person's tokens; bumped to end every session (a password reset).
    pub session_version: i32,
    /// When this person turned the weekly summary on (null: off); no week that ended before it
    /// is sent.
    pub weekly_summary_since: Option<DateTimeUtc>,
    /// The weekly summary's language, "en" or "fr".
    pub weekly_summary_locale: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
