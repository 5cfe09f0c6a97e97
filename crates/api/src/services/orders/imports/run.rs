//! The background work of an import: read the kept file, group and check its rows, then write
//! the orders a few hundred per transaction, each batch committing with its rejected rows and
//! the progress counters, so progress shown is always work done. Orders an import creates or
//! changes are announced to webhook endpoints (`order.created`, `order.updated`) in the batch's
//! transaction, as an order sent through the API would be.

use super::assemble::{self, Mapping, Planned, Rejection};
use super::{ImportStatus, parse, status_str};
use crate::db::entities::{import, import_rejection, order};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::jobs::Held;
use crate::notify::webhooks;
use crate::services::orders::batch::{write_orders, write_shipments};
use crate::services::orders::fulfilment::apply_marks;
use crate::services::orders::{Upserted, order_view, upsert_event};
use crate::storage::Storage;
use chrono::Utc;
use rebound_shared::api::imports::ImportField;
use rebound_shared::api::webhooks::WebhookEvent;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Orders per transaction: big enough that statement overhead vanishes, small enough that the
/// write lock is held briefly and the progress bar moves.
const ORDERS_PER_BATCH: usize = 500;
const REJECTIONS_PER_STATEMENT: usize = 500;

#[derive(Debug, Default, Clone, Copy)]
struct Counters {
    processed: u64,
    created: u64,
    updated: u64,
    rejected: u64,
    /// What shoppers can do with the orders imported: return, follow, or change the address.
    delivered: u64,
    shipped: u64,
    not_shipped: u64,
}

impl Counters {
    /// What the committed batches counted (all zero for an import that has not begun).
    fn committed(job: &import::Model) -> Counters {
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        Counters {
            processed: n(job.processed_rows),
            created: n(job.orders_created),
            updated: n(job.orders_updated),
            rejected: n(job.rows_rejected),
            delivered: n(job.orders_delivered),
            shipped: n(job.orders_shipped),
            not_shipped: n(job.orders_not_shipped),
        }
    }
}

/// Runs (or resumes, after a crash) the import while `held` stays this instance's.
pub async fn run_import(
    db: DatabaseConnection,
    storage: Storage,
    job: import::Model,
    mapping: BTreeMap<ImportField, String>,
    held: &Held,
) {
    let id = job.id;
    if let Err(e) = import_rows(&db, &storage, job, mapping, held).await {
        tracing::error!(import = %id, error = %e, "import failed");
        let message = match e.kind {
            rebound_shared::ErrorKind::Internal => {
                "the import stopped on an unexpected error; the rows counted as processed were \
                 imported. Upload the file again to finish: existing orders are updated, never \
                 duplicated"
                    .to_owned()
            }
            _ => e.detail.clone(),
        };
        let marked = import::Entity::update_many()
            .col_expr(
                import::Column::Status,
                Expr::value(status_str(ImportStatus::Failed)),
            )
            .col_expr(import::Column::Error, Expr::value(message))
            .col_expr(import::Column::FinishedAt, Expr::value(Utc::now()))
            .filter(import::Column::Id.eq(id))
            .exec(&db)
            .await;
        if let Err(e) = marked {
            tracing::error!(import = %id, error = %e, "could not mark the import failed");
        }
    }
}

/// One order number's outcome: the order to write (if any row survived), the rows set
/// aside, and how many rows it had.
type Checked = (Option<Planned>, Vec<Rejection>, u64);

/// Everything the file says, checked: orders to write and rows set aside, in batches.
struct Plan {
    loose: Vec<Rejection>,
    batches: Vec<Vec<Checked>>,
}

fn plan(text: &str, by_name: &BTreeMap<ImportField, String>) -> ApiResult<Plan> {
    let (header, rows) = parse::read_header(text)
        .map_err(|p| ApiError::new(rebound_shared::ErrorKind::Validation, p.message))?;
    let mapping = Mapping::new(by_name, &header);
    let (groups, loose) = assemble::group_rows(rows, &mapping);
    let checked: Vec<Checked> = groups
        .iter()
        .map(|g| {
            let (order, rejected) = assemble::plan_order(g, &mapping);
            (order, rejected, g.rows.len() as u64)
        })
        .collect();
    let mut batches = Vec::new();
    let mut iter = checked.into_iter().peekable();
    while iter.peek().is_some() {
        batches.push(iter.by_ref().take(ORDERS_PER_BATCH).collect());
    }
    Ok(Plan { loose, batches })
}

async fn import_rows(
    db: &DatabaseConnection,
    storage: &Storage,
    job: import::Model,
    mapping: BTreeMap<ImportField, String>,
    held: &Held,
) -> ApiResult<()> {
    let _keeping = held.keep();
    let bytes = storage
        .get(&job.storage_key)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::new(
                rebound_shared::ErrorKind::NotFound,
                "the uploaded file is no longer available; upload it again",
            )
        })?;
    // Parsing and checking a large file is CPU work: off the async workers.
    let plan = tokio::task::spawn_blocking(move || {
        let text = String::from_utf8_lossy(&bytes);
        plan(&text, &mapping)
    })
    .await
    .map_err(ApiError::internal)??;

    let tenant = Tenant::new(job.merchant_id);
    // Asked once: the views are only built when some endpoint wants them.
    let announce = webhooks::anyone_listens(
        db,
        tenant,
        &[WebhookEvent::OrderCreated, WebhookEvent::OrderUpdated],
    )
    .await?;
    // The plan is the same every time the file is read, so the rows counted as processed are
    // exactly the loose rows and the first batches: a resumed import skips those and carries
    // on with its counters.
    let mut counters = Counters::committed(&job);
    let already = counters.processed;
    let mut reached = plan.loose.len() as u64;
    if already == 0 && reached > 0 {
        let txn = begin_write(db).await?;
        counters.processed += reached;
        counters.rejected += reached;
        save_rejections(&txn, job.id, &plan.loose).await?;
        save_progress(&txn, job.id, counters, None).await?;
        txn.commit().await?;
    }
    for batch in plan.batches {
        reached += batch.iter().map(|(_, _, rows)| rows).sum::<u64>();
        if reached <= already {
            continue;
        }
        // A run that lost its hold (this instance stalled past a lease and another took the
        // import over) stops here rather than write beside its successor.
        if held.is_lost() {
            tracing::warn!(import = %job.id, "another instance took this import over; stopping");
            return Ok(());
        }
        // The server is stopping: every batch so far is committed, so this is a safe point to
        // give the import back; another instance resumes it after that batch.
        if held.stop_requested() {
            held.release().await;
            return Ok(());
        }
        let now = Utc::now();
        let mut orders = Vec::new();
        let mut shipments = Vec::new();
        let mut marks = Vec::new();
        let mut rejected = Vec::new();
        for (planned, mut set_aside, rows) in batch {
            counters.processed += rows;
            counters.rejected += set_aside.len() as u64;
            rejected.append(&mut set_aside);
            if let Some(p) = planned {
                orders.push(p.order);
                shipments.push(p.shipments);
                marks.push(p.fulfilment);
            }
        }
        let txn = begin_write(db).await?;
        let written = write_orders(&txn, tenant, &orders, now).await?;
        for w in &written {
            match w.outcome {
                Upserted::Created => counters.created += 1,
                Upserted::Updated => counters.updated += 1,
            }
        }
        let ids: Vec<Uuid> = written.iter().map(|w| w.order.id).collect();
        let changed: HashMap<Uuid, Upserted> = written
            .iter()
            .filter(|w| w.changed)
            .map(|w| (w.order.id, w.outcome))
            .collect();
        let with_shipments: Vec<_> = written
            .into_iter()
            .map(|w| w.order)
            .zip(shipments)
            .filter(|(_, s)| !s.is_empty())
            .collect();
        write_shipments(&txn, &with_shipments, now).await?;
        // Read back after the shipments: a tracking number may already have shipped an order,
        // and a mark must see where each order really is (re-importing a file moves nothing).
        let mut current: std::collections::HashMap<Uuid, order::Model> = order::Entity::find()
            .filter(order::Column::Id.is_in(ids.iter().copied()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let mut to_mark = Vec::new();
        for (id, mark) in ids.iter().zip(marks) {
            if let Some(mark) = mark
                && let Some(o) = current.remove(id)
            {
                to_mark.push((o, mark));
            }
        }
        let mut finals: Vec<order::Model> = current.into_values().collect();
        finals.extend(
            apply_marks(&txn, to_mark, now)
                .await?
                .into_iter()
                .map(|(_, o)| o),
        );
        for o in &finals {
            match o.status {
                rebound_shared::domain::OrderStatus::Delivered => counters.delivered += 1,
                rebound_shared::domain::OrderStatus::Unfulfilled => counters.not_shipped += 1,
                _ => counters.shipped += 1,
            }
        }
        if announce {
            announce_changes(&txn, tenant, finals, &changed).await?;
        }
        save_rejections(&txn, job.id, &rejected).await?;
        save_progress(&txn, job.id, counters, None).await?;
        txn.commit().await?;
    }
    if held.is_lost() {
        return Ok(());
    }
    save_progress(db, job.id, counters, Some(ImportStatus::Completed)).await
}

/// `order.created` / `order.updated` for the orders of a batch that changed, with each order's
/// final view (its shipments and fulfilment marks applied).
async fn announce_changes(
    txn: &impl ConnectionTrait,
    tenant: Tenant,
    finals: Vec<order::Model>,
    changed: &HashMap<Uuid, Upserted>,
) -> ApiResult<()> {
    for o in finals {
        let Some(&outcome) = changed.get(&o.id) else {
            continue;
        };
        let view = order_view(txn, o).await?;
        webhooks::emit_state(txn, tenant, upsert_event(outcome), &view).await?;
    }
    Ok(())
}

async fn save_rejections(
    db: &impl ConnectionTrait,
    import_id: Uuid,
    rejected: &[Rejection],
) -> ApiResult<()> {
    for chunk in rejected.chunks(REJECTIONS_PER_STATEMENT) {
        let rows = chunk.iter().map(|r| import_rejection::Model {
            id: Uuid::now_v7(),
            import_id,
            line: i64::try_from(r.line).unwrap_or(i64::MAX),
            field: r.field.map(|f| f.key().to_owned()),
            reason: r.reason.clone(),
            cells: super::json(&r.cells),
        });
        import_rejection::Entity::insert_many(rows.map(import_rejection::ActiveModel::from))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

async fn save_progress(
    db: &impl ConnectionTrait,
    import_id: Uuid,
    c: Counters,
    finished: Option<ImportStatus>,
) -> ApiResult<()> {
    let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    let mut update = import::Entity::update_many()
        .col_expr(import::Column::ProcessedRows, Expr::value(n(c.processed)))
        .col_expr(import::Column::OrdersCreated, Expr::value(n(c.created)))
        .col_expr(import::Column::OrdersUpdated, Expr::value(n(c.updated)))
        .col_expr(import::Column::RowsRejected, Expr::value(n(c.rejected)))
        .col_expr(import::Column::OrdersDelivered, Expr::value(n(c.delivered)))
        .col_expr(import::Column::OrdersShipped, Expr::value(n(c.shipped)))
        .col_expr(
            import::Column::OrdersNotShipped,
            Expr::value(n(c.not_shipped)),
        );
    if let Some(status) = finished {
        update = update
            .col_expr(import::Column::Status, Expr::value(status_str(status)))
            .col_expr(import::Column::FinishedAt, Expr::value(Utc::now()));
    }
    update
        .filter(import::Column::Id.eq(import_id))
        .exec(db)
        .await?;
    Ok(())
}
