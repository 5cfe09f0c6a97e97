//! CSV order imports: the uploaded file's description and progress, and the rows it rejected.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("imports")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("created_by"))
                    .col(string_len("file_name", 255))
                    // Where the file is kept, transcoded to UTF-8 (see `storage`).
                    .col(string_len("storage_key", 255))
                    .col(string_len("encoding", 16))
                    .col(string_len("status", 16))
                    // JSON: the header row, the first rows, the suggested and chosen mappings.
                    .col(text("columns"))
                    .col(text("preview"))
                    .col(text("suggested_mapping"))
                    .col(text_null("mapping"))
                    .col(big_integer("total_rows"))
                    .col(big_integer("processed_rows").default(0))
                    .col(big_integer("orders_created").default(0))
                    .col(big_integer("orders_updated").default(0))
                    .col(big_integer("rows_rejected").default(0))
                    .col(text_null("error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .foreign_key(&mut fk("imports", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("imports", &["merchant_id", "created_at"]))
            .await?;
        // Startup looks for imports a crash left running.
        manager.create_index(index("imports", &["status"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("import_rejections")
                    .col(pk_uuid("id"))
                    .col(uuid("import_id"))
                    .col(big_integer("line"))
                    .col(string_len_null("field", 32))
                    .col(text("reason"))
                    // JSON array of the row's original cells (each cut to a readable length).
                    .col(text("cells"))
                    .foreign_key(&mut fk("import_rejections", "import_id", "imports"))
                    .to_owned(),
            )
            .await?;
        // The report is read in file order, keyset-paginated on (line, id).
        manager
            .create_index(index("import_rejections", &["import_id", "line", "id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("import_rejections").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("imports").to_owned())
            .await
    }
}
