//! Three changes found trying the product as a new user would: attached lines end unit by
//! unit (`order_items.ended_quantity`), background jobs that must follow a commit (`jobs`,
//! e.g. buying an automatically approved return's label), and return history stored as event
//! codes with parameters (`return_events.code` + `params`) instead of English sentences.

use crate::{fk, index};
use sea_orm_migration::sea_orm::{ConnectionTrait, JsonValue};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // How many units of an attached line (a care plan) a refund of its parent ended; the
        // line's `ended_at` is now set only once every unit is ended.
        manager
            .alter_table(
                Table::alter()
                    .table("order_items")
                    .add_column(integer("ended_quantity").default(0))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE order_items SET ended_quantity = quantity WHERE ended_at IS NOT NULL",
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("jobs")
                    .col(pk_uuid("id"))
                    .col(uuid("merchant_id"))
                    .col(string_len("kind", 48))
                    // The same cause twice (a replayed submission) is one job.
                    .col(string_len("dedupe_key", 200))
                    // JSON: what the job needs, e.g. {"return_id": ...}.
                    .col(text("payload"))
                    .col(string_len("status", 16))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("done_at"))
                    .foreign_key(&mut fk("jobs", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("jobs", &["merchant_id", "dedupe_key"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("jobs", &["status", "next_attempt_at"]))
            .await?;

        for column in [string_len_null("code", 40), text_null("params")] {
            manager
                .alter_table(
                    Table::alter()
                        .table("return_events")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        convert_notes(db).await?;
        manager
            .alter_table(
                Table::alter()
                    .table("return_events")
                    .drop_column("note")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("return_events")
                    .add_column(text_null("note"))
                    .to_owned(),
            )
            .await?;
        // Going back keeps the parameters as JSON text: the English wording lives in the app.
        manager
            .get_connection()
            .execute_unprepared("UPDATE return_events SET note = params WHERE code IS NOT NULL")
            .await?;
        for column in ["code", "params"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("return_events")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table("jobs").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("order_items")
                    .drop_column("ended_quantity")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

/// Rewrites each stored sentence as the code (and parameters) the app now words itself. Rows
/// are matched by their text, so ids of either backend's type never need reading.
async fn convert_notes<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let select = Query::select()
        .distinct()
        .columns(["to_status", "note"])
        .from("return_events")
        .and_where(Expr::col("note").is_not_null())
        .to_owned();
    for row in db.query_all(&select).await? {
        let to_status: String = row.try_get("", "to_status")?;
        let note: String = row.try_get("", "note")?;
        let (code, params) = code_of(&to_status, &note);
        let params = JsonValue::Object(
            params
                .into_iter()
                .map(|(k, v)| (k.to_owned(), JsonValue::String(v)))
                .collect(),
        )
        .to_string();
        let update = Query::update()
            .table("return_events")
            .value("code", code)
            .value("params", params)
            .and_where(Expr::col("to_status").eq(to_status.as_str()))
            .and_where(Expr::col("note").eq(note.as_str()))
            .to_owned();
        db.execute(&update).await?;
    }
    Ok(())
}

/// The code and parameters of a sentence the app used to store; text it never wrote (or
/// cannot read back) is kept whole as a `note`.
fn code_of(to_status: &str, note: &str) -> (&'static str, Vec<(&'static str, String)>) {
    let note = note.trim();
    match note {
        "A defective item: the shop will get in touch before any label." => {
            return ("needs_contact", vec![]);
        }
        "Approved automatically (shop setting)." => return ("auto_approved", vec![]),
        "Withdrawal from the contract (EU), stated online." => {
            return ("withdrawal_stated", vec![]);
        }
        "Return label issued." => return ("label_issued", vec![]),
        "Inspected: every item in good condition." => return ("inspected_ok", vec![]),
        _ => {}
    }
    if let Some(rest) = note
        .strip_prefix("Inspected: ")
        .and_then(|r| r.strip_suffix('.'))
        && let Some((count, policy)) = rest.split_once(" damaged item(s); damaged-item policy: ")
        && count.parse::<u32>().is_ok()
    {
        return (
            "inspected_damaged",
            vec![("count", count.to_owned()), ("policy", policy.to_owned())],
        );
    }
    if let Some(rest) = note
        .strip_prefix("Refunded ")
        .and_then(|r| r.strip_suffix(")."))
        && let Some((amount, reason)) = rest.rsplit_once(" (")
    {
        return (
            "refunded",
            vec![("amount", amount.to_owned()), ("reason", reason.to_owned())],
        );
    }
    if let Some(rest) = note
        .strip_prefix("Store credit ")
        .and_then(|r| r.strip_suffix('.'))
        && let Some((code, amount)) = rest.split_once(" of ")
    {
        return (
            "store_credit",
            vec![("code", code.to_owned()), ("amount", amount.to_owned())],
        );
    }
    if let Some(rest) = note
        .strip_prefix("Replacement ")
        .and_then(|r| r.strip_suffix('.'))
    {
        if let Some(tracking) = rest.strip_prefix("shipped as ") {
            return (
                "replacement_shipped",
                vec![("tracking", tracking.to_owned())],
            );
        }
        if let Some((variant, tracking)) = rest
            .strip_prefix('(')
            .and_then(|r| r.split_once(") shipped as "))
        {
            return (
                "replacement_shipped",
                vec![
                    ("variant", variant.to_owned()),
                    ("tracking", tracking.to_owned()),
                ],
            );
        }
    }
    // The only free text the app stored: the reason staff gave the shopper for a refusal.
    if to_status == "rejected" {
        return ("rejected", vec![("reason", note.to_owned())]);
    }
    ("note", vec![("text", note.to_owned())])
}

#[cfg(test)]
mod tests {
    use super::code_of;

    #[test]
    fn known_sentences_become_codes_and_the_rest_stays_text() {
        assert_eq!(
            code_of("approved", "Return label issued.").0,
            "label_issued"
        );
        assert_eq!(
            code_of(
                "inspected",
                "Inspected: 2 damaged item(s); damaged-item policy: keep."
            ),
            (
                "inspected_damaged",
                vec![("count", "2".to_owned()), ("policy", "keep".to_owned())]
            )
        );
        assert_eq!(
            code_of("resolved", "Refunded 100.00 CAD (returned_item)."),
            (
                "refunded",
                vec![
                    ("amount", "100.00 CAD".to_owned()),
                    ("reason", "returned_item".to_owned())
                ]
            )
        );
        assert_eq!(
            code_of("resolved", "Replacement (L) shipped as 5001-R1-REPL.").1,
            vec![
                ("variant", "L".to_owned()),
                ("tracking", "5001-R1-REPL".to_owned())
            ]
        );
        assert_eq!(
            code_of("rejected", "Worn"),
            ("rejected", vec![("reason", "Worn".to_owned())])
        );
        assert_eq!(
            code_of("approved", "Something else"),
            ("note", vec![("text", "Something else".to_owned())])
        );
    }
}
