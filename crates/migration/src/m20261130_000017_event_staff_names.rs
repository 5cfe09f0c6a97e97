//! The name of the staff member who moved a return, kept on the history step itself, so the
//! timeline still names them after they leave the shop (their `staff` row is deleted then).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("return_events")
                    .add_column(string_len_null("staff_name", 200))
                    .to_owned(),
            )
            .await?;
        // Steps recorded before this column: named after the staff member while they are here.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE return_events SET staff_name = \
                 (SELECT name FROM staff WHERE staff.id = return_events.staff_id) \
                 WHERE staff_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("return_events")
                    .drop_column("staff_name")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
