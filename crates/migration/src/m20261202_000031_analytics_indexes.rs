//! The analytics cards over a period: deliveries and label spend are read by their own date
//! within one merchant (not by walking the merchant's whole history), and a shopper's latest
//! order is found within their own orders.

use crate::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, columns), each explained by the card statement that needs it.
const INDEXES: [(&str, &[&str]); 3] = [
    // Return rate and defective rate: orders delivered in the period.
    ("orders", &["merchant_id", "delivered_at"]),
    // Resolutions: labels bought in the period.
    ("return_labels", &["merchant_id", "created_at"]),
    // Shoppers: the name on each top returner's latest order.
    ("orders", &["merchant_id", "email", "placed_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in INDEXES {
            manager.create_index(index(table, columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("ix_{table}_{}", columns.join("_")))
                        .table(table.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
