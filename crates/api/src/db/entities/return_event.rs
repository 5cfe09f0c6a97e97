//! The `return_events` table.

use rebound_shared::api::returns::ReturnActor;
use rebound_shared::domain::ReturnStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub return_id: Uuid,
    pub actor: ReturnActor,
    pub staff_id: Option<Uuid>,
    /// The staff member's name when they acted (kept after they leave).
    pub staff_name: Option<String>,
    pub from_status: Option<ReturnStatus>,
    pub to_status: ReturnStatus,
    /// A `ReturnEventCode` name, when the step has a note.
    pub code: Option<String>,
    /// JSON object of the note's values (strings).
    pub params: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
