//! CSV order import: upload (checked by content, header read, rows counted, file kept), start
//! with a column mapping (the work runs in the background, see `run`), progress, and the report
//! of rejected rows, paginated or as a spreadsheet-safe CSV.

mod assemble;
// `cells`, `parse` and `suggest` also read the catalogue's product files.
pub(crate) mod cells;
mod fulfilled;
pub(crate) mod parse;
pub(crate) mod report;
mod run;
pub(crate) mod suggest;

pub use report::{list_rejections, rejections_csv};

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::import;
use crate::error::{ApiError, ApiResult};
use crate::notify::jobs::{self, Held, Job};
use crate::services::accounts::audit;
use crate::storage::Storage;
use chrono::Utc;
use rebound_shared::api::imports::{ImportField, ImportStatus, ImportView, StartImport};
use rebound_shared::api::settings::Change;
use rebound_shared::{ErrorKind, FieldError, Permission};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The largest file accepted: about 300,000 rows of a typical export.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Rows shown before the mapping is chosen, and the characters kept of each of their cells.
const PREVIEW_ROWS: usize = 5;
const PREVIEW_CELL_CHARS: usize = 200;

fn status_of(raw: &str) -> ImportStatus {
    match raw {
        "running" => ImportStatus::Running,
        "completed" => ImportStatus::Completed,
        "failed" => ImportStatus::Failed,
        _ => ImportStatus::Uploaded,
    }
}

fn status_str(status: ImportStatus) -> &'static str {
    match status {
        ImportStatus::Uploaded => "uploaded",
        ImportStatus::Running => "running",
        ImportStatus::Completed => "completed",
        ImportStatus::Failed => "failed",
    }
}

fn view(m: import::Model) -> ImportView {
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    ImportView {
        id: m.id,
        file_name: m.file_name,
        status: status_of(&m.status),
        encoding: m.encoding,
        columns: serde_json::from_str(&m.columns).unwrap_or_default(),
        preview: serde_json::from_str(&m.preview).unwrap_or_default(),
        suggested_mapping: serde_json::from_str(&m.suggested_mapping).unwrap_or_default(),
        total_rows: count(m.total_rows),
        processed_rows: count(m.processed_rows),
        orders_created: count(m.orders_created),
        orders_updated: count(m.orders_updated),
        rows_rejected: count(m.rows_rejected),
        orders_delivered: count(m.orders_delivered),
        orders_shipped: count(m.orders_shipped),
        orders_not_shipped: count(m.orders_not_shipped),
        error: m.error,
        created_at: m.created_at,
        finished_at: m.finished_at,
    }
}

/// What the upload learnt from the file.
struct Inspected {
    text: String,
    encoding: &'static str,
    columns: Vec<String>,
    preview: Vec<Vec<String>>,
    total_rows: u64,
}

fn inspect(raw: &[u8]) -> Result<Inspected, parse::FileProblem> {
    let decoded = parse::decode(raw)?;
    let (columns, rows) = parse::read_header(&decoded.text)?;
    let mut preview = Vec::new();
    let mut total_rows = 0u64;
    for row in rows {
        total_rows += 1;
        if preview.len() < PREVIEW_ROWS {
            let cells = match row {
                parse::Row::Cells { cells, .. } | parse::Row::Malformed { cells, .. } => cells,
            };
            preview.push(
                cells
                    .iter()
                    .map(|c| c.chars().take(PREVIEW_CELL_CHARS).collect())
                    .collect(),
            );
        }
    }
    if total_rows == 0 {
        return Err(parse::FileProblem {
            code: "no_rows",
            message: "the file has a header but no rows".into(),
        });
    }
    Ok(Inspected {
        encoding: decoded.encoding,
        columns,
        preview,
        total_rows,
        text: decoded.text,
    })
}

/// A file name as shown back: no folders, at most 255 characters.
fn clean_file_name(raw: Option<&str>) -> String {
    let name = raw
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim();
    let name: String = name.chars().filter(|c| !c.is_control()).take(255).collect();
    if name.is_empty() {
        "orders.csv".into()
    } else {
        name
    }
}

/// Keeps an uploaded file (as UTF-8) and describes it: columns, first rows, a suggested mapping.
pub async fn create_import(
    db: &DatabaseConnection,
    storage: &Storage,
    caller: &CurrentStaff,
    file_name: Option<&str>,
    raw: bytes::Bytes,
) -> ApiResult<ImportView> {
    caller.require(Permission::ManageOrders)?;
    // Decoding and counting a large file is CPU work: off the request thread.
    let inspected = tokio::task::spawn_blocking(move || inspect(&raw))
        .await
        .map_err(ApiError::internal)?
        .map_err(|p| ApiError::field(ErrorKind::Validation, "file", p.code, &p.message))?;
    let id = Uuid::now_v7();
    let merchant = caller.tenant.merchant_id();
    let storage_key = format!("imports/{}/{}.csv", merchant.simple(), id.simple());
    storage
        .put(&storage_key, inspected.text.into_bytes())
        .await
        .map_err(ApiError::internal)?;
    let suggested = suggest::suggest_mapping(&inspected.columns);
    let row = import::ActiveModel {
        id: Set(id),
        merchant_id: Set(merchant),
        created_by: Set(caller.staff_id),
        file_name: Set(clean_file_name(file_name)),
        storage_key: Set(storage_key),
        encoding: Set(inspected.encoding.into()),
        status: Set(status_str(ImportStatus::Uploaded).into()),
        columns: Set(json(&inspected.columns)),
        preview: Set(json(&inspected.preview)),
        suggested_mapping: Set(json(&suggested)),
        mapping: Set(None),
        total_rows: Set(i64::try_from(inspected.total_rows).unwrap_or(i64::MAX)),
        processed_rows: Set(0),
        orders_created: Set(0),
        orders_updated: Set(0),
        rows_rejected: Set(0),
        orders_delivered: Set(0),
        orders_shipped: Set(0),
        orders_not_shipped: Set(0),
        error: Set(None),
        created_at: Set(Utc::now()),
        started_at: Set(None),
        finished_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(view(row))
}

/// JSON text of the small values kept in the imports table (serialising them cannot fail).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

async fn find_import(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<import::Model> {
    caller.require(Permission::ManageOrders)?;
    caller
        .tenant
        .find::<import::Entity>()
        .filter(import::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("import"))
}

/// Every required field mapped, every mapped column in the file; each fault named.
fn check_mapping(mapping: &BTreeMap<ImportField, String>, columns: &[String]) -> ApiResult<()> {
    let mut errors = Vec::new();
    for field in ImportField::ALL {
        let path = format!("mapping.{}", field.key());
        match mapping.get(&field).map(|c| c.trim()) {
            None | Some("") if field.required() => errors.push(FieldError {
                field: path,
                code: "required".into(),
                message: format!("choose the column that holds {}", field.key()),
            }),
            Some(column) if !column.is_empty() && !columns.iter().any(|c| c == column) => errors
                .push(FieldError {
                    field: path,
                    code: "unknown_column".into(),
                    message: format!("the file has no column named \"{}\"", cells::clip(column)),
                }),
            _ => {}
        }
    }
    let mapped = |f: ImportField| mapping.get(&f).is_some_and(|c| !c.trim().is_empty());
    for (has, lacks) in [
        (ImportField::Carrier, ImportField::TrackingNumber),
        (ImportField::TrackingNumber, ImportField::Carrier),
    ] {
        if mapped(has) && !mapped(lacks) {
            errors.push(FieldError {
                field: format!("mapping.{}", lacks.key()),
                code: "required".into(),
                message: format!("map {} too, or neither", lacks.key()),
            });
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    let mut e = ApiError::new(
        ErrorKind::Validation,
        match errors.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} fields of the mapping are not valid", many.len()),
        },
    );
    e.errors = errors;
    Err(e)
}

/// Starts an uploaded import with a mapping; the rows are imported in the background.
pub async fn start_import(
    db: &DatabaseConnection,
    storage: &Storage,
    lease: std::time::Duration,
    stopping: &crate::shutdown::Stopping,
    caller: &CurrentStaff,
    id: Uuid,
    input: StartImport,
) -> ApiResult<ImportView> {
    let found = find_import(db, caller, id).await?;
    let columns: Vec<String> = serde_json::from_str(&found.columns).unwrap_or_default();
    if status_of(&found.status) != ImportStatus::Uploaded {
        return Err(already_started());
    }
    check_mapping(&input.mapping, &columns)?;
    let mapping: BTreeMap<ImportField, String> = input
        .mapping
        .into_iter()
        .map(|(f, c)| (f, c.trim().to_owned()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    // Only one start wins, even when two arrive together.
    let txn = begin_write(db).await?;
    let started = import::Entity::update_many()
        .col_expr(
            import::Column::Status,
            Expr::value(status_str(ImportStatus::Running)),
        )
        .col_expr(
            import::Column::Mapping,
            Expr::value(serde_json::to_string(&mapping).map_err(ApiError::internal)?),
        )
        .col_expr(import::Column::StartedAt, Expr::value(Utc::now()))
        .filter(import::Column::Id.eq(found.id))
        .filter(import::Column::Status.eq(status_str(ImportStatus::Uploaded)))
        .exec(&txn)
        .await?;
    if started.rows_affected == 0 {
        return Err(already_started());
    }
    let logged = Change {
        field: "import.started".to_owned(),
        from: serde_json::Value::Null,
        to: serde_json::json!({ "file_name": found.file_name, "rows": found.total_rows }),
    };
    audit::record(&txn, caller, "imports", vec![logged]).await?;
    // The job is this instance's while it runs the rows; should it stop before the end, the
    // hold runs out and a worker resumes the import where the last batch committed.
    let job = jobs::enqueue_held(
        &txn,
        crate::db::Tenant::new(found.merchant_id),
        Job::RunImport { import_id: id },
        lease,
    )
    .await?;
    txn.commit().await?;
    let running = find_import(db, caller, id).await?;
    let held = Held::new(db, job, lease, stopping);
    let (db, storage, row) = (db.clone(), storage.clone(), running.clone());
    // On the server's runtime, counted while it runs: a stopping server waits for it to give
    // the job back.
    stopping.spawn(async move {
        run::run_import(db, storage, row, mapping, &held).await;
        if !held.is_lost() {
            held.finish().await;
        }
    });
    Ok(view(running))
}

fn already_started() -> ApiError {
    ApiError::field(
        ErrorKind::Conflict,
        "status",
        "started",
        "this import has already been started; upload the file again to import it again",
    )
}

pub async fn get_import(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<ImportView> {
    Ok(view(find_import(db, caller, id).await?))
}

/// The merchant's 50 most recent imports, newest first.
pub async fn list_imports(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Vec<ImportView>> {
    caller.require(Permission::ManageOrders)?;
    Ok(caller
        .tenant
        .find::<import::Entity>()
        .order_by_desc(import::Column::CreatedAt)
        .order_by_desc(import::Column::Id)
        .limit(50)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// On start: imports left running without a job to finish them (by a server from before
/// imports were jobs) get one, so a worker resumes them after their last committed batch.
/// Imports another instance is running have their job already; this adds nothing to those.
pub async fn adopt_orphans(db: &DatabaseConnection) -> ApiResult<u64> {
    let running = import::Entity::find()
        .filter(import::Column::Status.eq(status_str(ImportStatus::Running)))
        .all(db)
        .await?;
    for found in &running {
        let job = Job::RunImport {
            import_id: found.id,
        };
        jobs::enqueue(db, crate::db::Tenant::new(found.merchant_id), job).await?;
    }
    Ok(running.len() as u64)
}

/// Finishes an import whose instance stopped before the end (the worker's side of
/// [`Job::RunImport`]): nothing when it is no longer running.
pub async fn resume_import(
    db: &DatabaseConnection,
    storage: &Storage,
    tenant: crate::db::Tenant,
    id: Uuid,
    held: &Held,
) -> ApiResult<()> {
    let Some(found) = tenant.get::<import::Entity>(id).one(db).await? else {
        return Ok(());
    };
    if status_of(&found.status) != ImportStatus::Running {
        return Ok(());
    }
    let mapping: BTreeMap<ImportField, String> = found
        .mapping
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok())
        .unwrap_or_default();
    tracing::info!(import = %id, done = found.processed_rows, "resuming an interrupted import");
    run::run_import(db.clone(), storage.clone(), found, mapping, held).await;
    Ok(())
}
