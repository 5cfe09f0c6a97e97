//! The `issue_reports` table.

use rebound_shared::api::orders::IssueStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issue_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub order_id: Uuid,
    pub issue_type: String,
    pub message: String,
    pub created_at: DateTimeUtc,
    /// `open` or `closed` (`IssueStatus`).
    pub status: IssueStatus,
    /// The staff member handling it.
    pub assignee_id: Option<Uuid>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
