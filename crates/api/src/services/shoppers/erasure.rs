//! `POST /shoppers/erase`: erases what this shop holds about an email address (GDPR article
//! 17). Orders and returns stay for the shop's accounting (amounts, items, dates, statuses),
//! with the personal fields replaced; the shopper's words, photos, messages and mails go.
//! One transaction, recorded in the audit log without the address. Idempotent: a retry finds
//! nothing left, changes nothing and records nothing.

use super::{Footprint, footprint, holds, parse_email, scrub};
use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{
    address_change, audit_entry, idempotency_key, import, import_rejection, integration_error,
    issue_report, mail_unsubscribe, message, message_thread, outbox, photo, refund, return_event,
    return_inspection, return_item, return_label, shipment, survey_answer, webhook_delivery,
};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use crate::services::holds_text;
use crate::storage::Storage;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::settings::Change;
use rebound_shared::api::shopper_data::ShopperErasure;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

/// The audit log's area for data requests.
pub const AUDIT_AREA: &str = "shoppers";

/// An anonymised order's address: unique and unguessable, so the portal's lookup can never
/// open the order with it, and the Shoppers list never adds erased orders up as one shopper.
fn placeholder_email() -> String {
    format!("erased-{}@erased.invalid", Uuid::new_v4().simple())
}

#[tracing::instrument(skip_all)]
pub async fn erase_shopper_data(
    db: &DatabaseConnection,
    storage: &Storage,
    caller: &CurrentStaff,
    raw_email: &str,
) -> ApiResult<ShopperErasure> {
    caller.require(Permission::HandleDataRequests)?;
    let email = parse_email(raw_email)?;
    let txn = begin_write(db).await?;
    let found = footprint(&txn, caller, &email).await?;
    let mut needles: Vec<&str> = vec![email.as_str()];
    needles.extend(found.names.iter().map(String::as_str));
    let mut files: Vec<String> = Vec::new();
    let mut summary = ShopperErasure {
        recorded: false,
        orders_anonymised: 0,
        returns_anonymised: 0,
        photos_deleted: 0,
        messages_deleted: 0,
        mails_deleted: 0,
        issue_reports_cleared: 0,
        webhook_deliveries_deleted: 0,
    };
    // Ids that mails' dedupe keys and webhook payloads name the shopper by.
    let mut ids: Vec<Uuid> = found.order_ids();
    ids.extend(found.return_ids());
    ids.extend(found.withdrawals.iter().map(|w| w.id));

    let (deleted, keys) = delete_photos(&txn, caller, &found).await?;
    summary.photos_deleted = deleted;
    files.extend(keys);
    let (deleted, message_ids) = delete_messages(&txn, caller, &found).await?;
    summary.messages_deleted = deleted;
    ids.extend(message_ids);
    let (cleared, report_ids) = clear_issue_reports(&txn, caller, &found).await?;
    summary.issue_reports_cleared = cleared;
    ids.extend(report_ids);
    ids.extend(delete_address_changes(&txn, &found).await?);
    ids.extend(
        shipment::Entity::find()
            .filter(shipment::Column::OrderId.is_in(found.order_ids()))
            .select_only()
            .column(shipment::Column::Id)
            .into_tuple::<Uuid>()
            .all(&txn)
            .await?,
    );
    caller
        .tenant
        .delete::<idempotency_key::Entity>()
        .filter(idempotency_key::Column::OrderId.is_in(found.order_ids()))
        .exec(&txn)
        .await?;
    caller
        .tenant
        .update::<survey_answer::Entity>()
        .col_expr(
            survey_answer::Column::Comment,
            Expr::value(Option::<String>::None),
        )
        .filter(survey_answer::Column::OrderId.is_in(found.order_ids()))
        .exec(&txn)
        .await?;
    files.extend(anonymise_returns(&txn, caller, &found, &needles).await?);
    summary.returns_anonymised = found.returns.len() as u64;

    summary.mails_deleted = delete_mails(&txn, caller, email.as_str(), &ids).await?;
    summary.webhook_deliveries_deleted =
        delete_webhook_deliveries(&txn, caller, email.as_str(), &ids).await?;
    let import_files = scrub_elsewhere(&txn, caller, &found, &needles).await?;

    let now = Utc::now();
    for w in &found.withdrawals {
        let mut row = w.clone().into_active_model();
        row.name = Set(String::new());
        row.email = Set(placeholder_email());
        row.update(&txn).await?;
    }
    for o in &found.orders {
        let mut row = o.clone().into_active_model();
        row.customer_name = Set(String::new());
        row.email = Set(placeholder_email());
        row.phone = Set(None);
        row.city = Set(String::new());
        row.region = Set(None);
        row.postal_code = Set(String::new());
        row.updated_at = Set(now);
        row.update(&txn).await?;
    }
    summary.orders_anonymised = found.orders.len() as u64;

    if summary.touched_anything() {
        let numbers: Vec<&str> = found.orders.iter().map(|o| o.number.as_str()).collect();
        // The address itself stays out of the log: the orders' numbers say what was erased.
        let change = Change {
            field: "shopper.erased".into(),
            from: serde_json::Value::Null,
            to: serde_json::json!({
                "orders": numbers,
                "returns": summary.returns_anonymised,
                "photos": summary.photos_deleted,
                "messages": summary.messages_deleted,
                "mails": summary.mails_deleted,
                "issue_reports": summary.issue_reports_cleared,
                "webhook_deliveries": summary.webhook_deliveries_deleted,
            }),
        };
        audit::record(&txn, caller, AUDIT_AREA, vec![change]).await?;
        summary.recorded = true;
    }
    // Files go before the commit: should deleting one fail, nothing is committed and a retry
    // finds the rows (and the files) again; deleting a file twice is not an error.
    for key in &files {
        storage.delete(key).await.map_err(ApiError::internal)?;
    }
    rewrite_imports(storage, &import_files, email.as_str()).await?;
    txn.commit().await?;
    Ok(summary)
}

async fn delete_photos(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    found: &Footprint,
) -> ApiResult<(u64, Vec<String>)> {
    let rows = caller
        .tenant
        .find::<photo::Entity>()
        .filter(photo::Column::OrderId.is_in(found.order_ids()))
        .all(db)
        .await?;
    caller
        .tenant
        .delete::<photo::Entity>()
        .filter(photo::Column::Id.is_in(rows.iter().map(|p| p.id)))
        .exec(db)
        .await?;
    Ok((
        rows.len() as u64,
        rows.into_iter().map(|p| p.storage_key).collect(),
    ))
}

/// Deletes the shopper's conversations whole: the previews repeat the messages.
async fn delete_messages(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    found: &Footprint,
) -> ApiResult<(u64, Vec<Uuid>)> {
    let threads: Vec<Uuid> = caller
        .tenant
        .find::<message_thread::Entity>()
        .filter(message_thread::Column::OrderId.is_in(found.order_ids()))
        .select_only()
        .column(message_thread::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let messages: Vec<Uuid> = message::Entity::find()
        .filter(message::Column::ThreadId.is_in(threads.clone()))
        .select_only()
        .column(message::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    message::Entity::delete_many()
        .filter(message::Column::ThreadId.is_in(threads.clone()))
        .exec(db)
        .await?;
    caller
        .tenant
        .delete::<message_thread::Entity>()
        .filter(message_thread::Column::Id.is_in(threads))
        .exec(db)
        .await?;
    Ok((messages.len() as u64, messages))
}

/// Issue reports stay (their type and status are the shop's figures); the shopper's words go.
async fn clear_issue_reports(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    found: &Footprint,
) -> ApiResult<(u64, Vec<Uuid>)> {
    let ids: Vec<Uuid> = caller
        .tenant
        .find::<issue_report::Entity>()
        .filter(issue_report::Column::OrderId.is_in(found.order_ids()))
        .filter(issue_report::Column::Message.ne(""))
        .select_only()
        .column(issue_report::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    caller
        .tenant
        .update::<issue_report::Entity>()
        .col_expr(issue_report::Column::Message, Expr::value(""))
        .filter(issue_report::Column::Id.is_in(ids.clone()))
        .exec(db)
        .await?;
    Ok((ids.len() as u64, ids))
}

async fn delete_address_changes(
    db: &impl ConnectionTrait,
    found: &Footprint,
) -> ApiResult<Vec<Uuid>> {
    let ids: Vec<Uuid> = address_change::Entity::find()
        .filter(address_change::Column::OrderId.is_in(found.order_ids()))
        .select_only()
        .column(address_change::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    address_change::Entity::delete_many()
        .filter(address_change::Column::Id.is_in(ids.clone()))
        .exec(db)
        .await?;
    Ok(ids)
}

/// Returns keep their lines, amounts and history; the shopper's comments go, staff's notes
/// and refund reasons lose the shopper's name and address. Returns the label files to delete:
/// the sender's address is printed on them (the tracking numbers stay).
async fn anonymise_returns(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    found: &Footprint,
    needles: &[&str],
) -> ApiResult<Vec<String>> {
    let returns = found.return_ids();
    return_item::Entity::update_many()
        .col_expr(
            return_item::Column::Comment,
            Expr::value(Option::<String>::None),
        )
        .filter(return_item::Column::ReturnId.is_in(returns.clone()))
        .exec(db)
        .await?;
    for e in return_event::Entity::find()
        .filter(return_event::Column::ReturnId.is_in(returns.clone()))
        .all(db)
        .await?
    {
        if let Some(params) = e.params.as_deref().and_then(|p| scrub(p, needles)) {
            let mut row = e.into_active_model();
            row.params = Set(Some(params));
            row.update(db).await?;
        }
    }
    for i in return_inspection::Entity::find()
        .filter(return_inspection::Column::ReturnId.is_in(returns.clone()))
        .all(db)
        .await?
    {
        if let Some(note) = i.note.as_deref().and_then(|n| scrub(n, needles)) {
            let mut row = i.into_active_model();
            row.note = Set(Some(note));
            row.update(db).await?;
        }
    }
    for r in caller
        .tenant
        .find::<refund::Entity>()
        .filter(refund::Column::ReturnId.is_in(returns.clone()))
        .all(db)
        .await?
    {
        if let Some(reason) = scrub(&r.reason, needles) {
            let mut row = r.into_active_model();
            row.reason = Set(reason);
            row.update(db).await?;
        }
    }
    Ok(caller
        .tenant
        .find::<return_label::Entity>()
        .filter(return_label::Column::ReturnId.is_in(returns))
        .all(db)
        .await?
        .into_iter()
        .flat_map(|l| [l.pdf_key, l.qr_key])
        .collect())
}

/// Every mail to the shopper, and every mail to the shop about them (found by the ids in its
/// dedupe key, or the address in its text): sent ones and those still waiting, which must not
/// go out after the erasure.
async fn delete_mails(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    email: &str,
    ids: &[Uuid],
) -> ApiResult<u64> {
    let mut about = Condition::any()
        .add(sea_orm::sea_query::ExprTrait::eq(
            Func::lower(Expr::col(outbox::Column::Recipient)),
            email,
        ))
        .add(holds_text(outbox::Column::BodyText, email));
    for id in ids {
        about = about.add(holds_text(outbox::Column::DedupeKey, &id.to_string()));
    }
    let rows: Vec<Uuid> = caller
        .tenant
        .find::<outbox::Entity>()
        .filter(about)
        .select_only()
        .column(outbox::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    caller
        .tenant
        .delete::<outbox::Entity>()
        .filter(outbox::Column::Id.is_in(rows.clone()))
        .exec(db)
        .await?;
    Ok(rows.len() as u64)
}

/// Events sent to (or waiting for) the shop's endpoints that carry the shopper's order,
/// return or address: the shop's copy is theirs to erase, ours goes.
async fn delete_webhook_deliveries(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    email: &str,
    ids: &[Uuid],
) -> ApiResult<u64> {
    let mut about = Condition::any().add(holds_text(webhook_delivery::Column::Payload, email));
    for id in ids {
        about = about.add(holds_text(
            webhook_delivery::Column::Payload,
            &id.to_string(),
        ));
    }
    let rows: Vec<Uuid> = caller
        .tenant
        .find::<webhook_delivery::Entity>()
        .filter(about)
        .select_only()
        .column(webhook_delivery::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    caller
        .tenant
        .delete::<webhook_delivery::Entity>()
        .filter(webhook_delivery::Column::Id.is_in(rows.clone()))
        .exec(db)
        .await?;
    Ok(rows.len() as u64)
}

/// The tables that hold the address in passing: integration errors, imports (their preview
/// and rejected rows), the audit log, the unsubscribe list. Returns the shop's uploaded
/// files, to take the shopper's rows out of.
async fn scrub_elsewhere(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    found: &Footprint,
    needles: &[&str],
) -> ApiResult<Vec<String>> {
    let email = needles[0];
    let numbers: Vec<&str> = found.orders.iter().map(|o| o.number.as_str()).collect();
    caller
        .tenant
        .delete::<integration_error::Entity>()
        .filter(
            Condition::any()
                .add(integration_error::Column::OrderRef.is_in(numbers))
                .add(holds_text(integration_error::Column::Detail, email)),
        )
        .exec(db)
        .await?;
    let imports: Vec<(Uuid, String)> = caller
        .tenant
        .find::<import::Entity>()
        .select_only()
        .column(import::Column::Id)
        .column(import::Column::StorageKey)
        .into_tuple()
        .all(db)
        .await?;
    import_rejection::Entity::delete_many()
        .filter(import_rejection::Column::ImportId.is_in(imports.iter().map(|i| i.0)))
        .filter(holds_text(import_rejection::Column::Cells, email))
        .exec(db)
        .await?;
    for i in caller
        .tenant
        .find::<import::Entity>()
        .filter(holds_text(import::Column::Preview, email))
        .all(db)
        .await?
    {
        if let Some(preview) = scrub(&i.preview, needles) {
            let mut row = i.into_active_model();
            row.preview = Set(preview);
            row.update(db).await?;
        }
    }
    for entry in caller
        .tenant
        .find::<audit_entry::Entity>()
        .filter(holds_text(audit_entry::Column::Changes, email))
        .all(db)
        .await?
    {
        if let Some(changes) = scrub(&entry.changes, needles) {
            let mut row = entry.into_active_model();
            row.changes = Set(changes);
            row.update(db).await?;
        }
    }
    caller
        .tenant
        .delete::<mail_unsubscribe::Entity>()
        .filter(mail_unsubscribe::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(imports.into_iter().map(|i| i.1).collect())
}

/// Takes the shopper's rows out of the shop's uploaded CSV files (stored as UTF-8): a file
/// may be imported again, and must not bring them back. A quoted cell spanning lines is
/// kept apart from its row's other lines; imports are one order line per row.
async fn rewrite_imports(storage: &Storage, keys: &[String], email: &str) -> ApiResult<()> {
    for key in keys {
        let Some(bytes) = storage.get(key).await.map_err(ApiError::internal)? else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        if !holds(&text, email) {
            continue;
        }
        let kept: String = text
            .split_inclusive('\n')
            .filter(|line| !holds(line, email))
            .collect();
        storage
            .put(key, kept.into_bytes())
            .await
            .map_err(ApiError::internal)?;
    }
    Ok(())
}
