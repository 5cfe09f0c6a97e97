//! The report of rejected rows: paginated for the dashboard, or as a CSV to open in a
//! spreadsheet, every cell made safe first.

use super::{cells, find_import};
use crate::auth::CurrentStaff;
use crate::db::entities::import_rejection;
use crate::error::{ApiError, ApiResult};
use crate::services::keyset::PageSize;
use rebound_shared::ErrorKind;
use rebound_shared::api::imports::{ImportField, RejectedRow, RejectedRowPage};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

fn field_of(key: Option<&str>) -> Option<ImportField> {
    key.and_then(|k| ImportField::ALL.into_iter().find(|f| f.key() == k))
}

/// The shape the rejections' `next_cursor` has: the file line and the row's id as 32 lower-case hex
/// digits; the route reads an empty `cursor` as none. `decode_cursor` accepts exactly this.
const CURSOR_PATTERN: &str = "^(?:[0-9]{1,18}_[0-9a-f]{32})?$";

/// The `cursor` query parameter as the document shows it.
pub(crate) fn cursor_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(CURSOR_PATTERN))
        .description(Some(
            "`next_cursor` of the previous page; any other text is a 422 naming `cursor`",
        ))
        .build()
}

fn decode_cursor(raw: &str) -> ApiResult<(i64, Uuid)> {
    let bad = || {
        ApiError::field(
            ErrorKind::Validation,
            "cursor",
            "cursor",
            "this cursor is not valid",
        )
    };
    let (line, id) = raw.split_once('_').ok_or_else(bad)?;
    let lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    let shaped = (1..=18).contains(&line.len())
        && line.bytes().all(|b| b.is_ascii_digit())
        && id.len() == 32
        && id.as_bytes().iter().all(lower_hex);
    if !shaped {
        return Err(bad());
    }
    Ok((
        line.parse().map_err(|_| bad())?,
        Uuid::parse_str(id).map_err(|_| bad())?,
    ))
}

/// Rejected rows in file order, keyset-paginated on (line, id): one query per page.
pub async fn list_rejections(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
    cursor: Option<&str>,
    limit: PageSize,
) -> ApiResult<RejectedRowPage> {
    let found = find_import(db, caller, id).await?;
    let limit = limit.rows();
    let mut query =
        import_rejection::Entity::find().filter(import_rejection::Column::ImportId.eq(found.id));
    if let Some(cursor) = cursor {
        let (line, after) = decode_cursor(cursor)?;
        query = query.filter(
            Condition::any()
                .add(import_rejection::Column::Line.gt(line))
                .add(
                    Condition::all()
                        .add(import_rejection::Column::Line.eq(line))
                        .add(import_rejection::Column::Id.gt(after)),
                ),
        );
    }
    let mut rows = query
        .order_by_asc(import_rejection::Column::Line)
        .order_by_asc(import_rejection::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| format!("{}_{}", r.line, r.id.simple()))
    } else {
        None
    };
    Ok(RejectedRowPage {
        rows: rows
            .into_iter()
            .map(|r| RejectedRow {
                line: u64::try_from(r.line).unwrap_or(0),
                field: field_of(r.field.as_deref()),
                reason: r.reason,
            })
            .collect(),
        next_cursor,
    })
}

/// The report as a CSV a merchant can open in Excel: line, field, reason and the row's own
/// cells, every cell that could start a formula neutralised. Returns the download's file name
/// and the bytes (UTF-8 with a byte-order mark, which Excel needs to show accents).
pub async fn rejections_csv(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<(String, Vec<u8>)> {
    let found = find_import(db, caller, id).await?;
    let columns: Vec<String> = serde_json::from_str(&found.columns).unwrap_or_default();
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = ["line", "field", "reason"]
        .into_iter()
        .map(str::to_owned)
        .chain(columns.iter().cloned());
    out.write_record(header.map(|c| cells::neutralise_cell(&c)))
        .map_err(ApiError::internal)?;
    let mut after: Option<(i64, Uuid)> = None;
    loop {
        let mut query = import_rejection::Entity::find()
            .filter(import_rejection::Column::ImportId.eq(found.id));
        if let Some((line, id)) = after {
            query = query.filter(
                Condition::any()
                    .add(import_rejection::Column::Line.gt(line))
                    .add(
                        Condition::all()
                            .add(import_rejection::Column::Line.eq(line))
                            .add(import_rejection::Column::Id.gt(id)),
                    ),
            );
        }
        let page = query
            .order_by_asc(import_rejection::Column::Line)
            .order_by_asc(import_rejection::Column::Id)
            .limit(2000)
            .all(db)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some((last.line, last.id));
        for r in page {
            let cells: Vec<String> = serde_json::from_str(&r.cells).unwrap_or_default();
            let record = [r.line.to_string(), r.field.unwrap_or_default(), r.reason]
                .into_iter()
                .chain(cells);
            out.write_record(record.map(|c| cells::neutralise_cell(&c)))
                .map_err(ApiError::internal)?;
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::internal(e.into_error()))?;
    let stem = found
        .file_name
        .rsplit_once('.')
        .map_or(found.file_name.as_str(), |(s, _)| s);
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((format!("{name}-rejected-rows.csv"), bytes))
}
