//! The `message_threads` table: one conversation about an order, a return or an issue report.

use rebound_shared::api::helpdesk::ThreadSubjectKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_threads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub order_id: Uuid,
    pub subject_kind: ThreadSubjectKind,
    pub subject_id: Uuid,
    pub unread_for_staff: i32,
    pub unread_for_shopper: i32,
    pub last_preview: String,
    pub last_message_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
