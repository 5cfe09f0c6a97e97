//! The return outcomes ledger: one row for each sum of money a resolution moved (refund, store
//! credit, exchange, replacement, fee), in minor units with its currency, so analytics sums
//! rows instead of recomputing from today's prices. Backfilled from the resolutions already
//! recorded, reusing their ids (each outcome comes from exactly one row, a fee from its return).

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const BACKFILL: [&str; 4] = [
    "INSERT INTO return_outcomes (id, merchant_id, return_id, kind, amount_minor, currency, created_at) \
     SELECT id, merchant_id, return_id, 'refund', amount_minor, currency, created_at FROM refunds",
    "INSERT INTO return_outcomes (id, merchant_id, return_id, kind, amount_minor, currency, created_at) \
     SELECT id, merchant_id, return_id, 'store_credit', amount_minor, currency, created_at FROM store_credits",
    "INSERT INTO return_outcomes (id, merchant_id, return_id, kind, amount_minor, currency, created_at) \
     SELECT rp.id, r.merchant_id, rp.return_id, 'replacement', \
            COALESCE((SELECT SUM(ri.quantity * oi.unit_price_minor) FROM return_items ri \
                      JOIN order_items oi ON oi.id = ri.order_item_id WHERE ri.return_id = rp.return_id), 0), \
            o.currency, rp.created_at \
     FROM replacements rp JOIN returns r ON r.id = rp.return_id JOIN orders o ON o.id = r.order_id",
    // A fee counts once its return was resolved with money.
    "INSERT INTO return_outcomes (id, merchant_id, return_id, kind, amount_minor, currency, created_at) \
     SELECT r.id, r.merchant_id, r.id, 'fee', r.fee_minor, o.currency, r.updated_at \
     FROM returns r JOIN orders o ON o.id = r.order_id \
     WHERE r.fee_minor > 0 AND (EXISTS (SELECT 1 FROM refunds f WHERE f.return_id = r.id) \
                                OR EXISTS (SELECT 1 FROM store_credits c WHERE c.return_id = r.id))",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("return_outcomes")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(uuid("return_id"))
                    // `refund`, `store_credit`, `exchange`, `replacement` or `fee`.
                    .col(string_len("kind", 16))
                    .col(big_integer("amount_minor"))
                    .col(string_len("currency", 3))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("return_outcomes", "merchant_id", "merchants"))
                    .foreign_key(&mut fk("return_outcomes", "return_id", "returns"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("return_outcomes", &["merchant_id", "created_at"]))
            .await?;
        manager
            .create_index(index("return_outcomes", &["return_id"]))
            .await?;
        let db = manager.get_connection();
        for sql in BACKFILL {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("return_outcomes").to_owned())
            .await
    }
}
