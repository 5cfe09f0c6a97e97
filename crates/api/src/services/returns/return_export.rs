//! The returns queue as a CSV file: every row the queue's filters match, read in keyset
//! batches and written as they come, so an export of 100,000 returns never holds more than
//! one batch in memory. Cells a spreadsheet would run as a formula are defused.

use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::error::{ApiError, ApiResult};
use crate::services::keyset::PageSize;
use crate::services::returns::queue_statements::{self, ReturnFilter};
use crate::services::returns::return_queue::summaries;
use bytes::Bytes;
use futures_util::Stream;
use rebound_shared::Permission;
use rebound_shared::api::return_queue::ReturnSummary;
use rebound_shared::domain::{Currency, Money};
use sea_orm::DatabaseConnection;

/// Rows read per statement: large enough that 100,000 rows are 200 statements, small enough
/// that a batch's rows, orders and lines stay a few hundred kilobytes.
pub const EXPORT_BATCH: u64 = 500;

pub const CSV_COLUMNS: [&str; 12] = [
    "return_number",
    "status",
    "order_number",
    "customer_name",
    "email",
    "created_at",
    "items",
    "total_value",
    "currency",
    "resolution",
    "defective",
    "withdrawal",
];

/// A cell as a spreadsheet will read it safely: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is a formula to Excel, LibreOffice and Google Sheets, so it gets a
/// leading `'` (OWASP's advice for CSV injection). The CSV writer then quotes what needs it.
pub fn formula_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn amount(minor: i64, code: &str) -> String {
    match Currency::parse(code) {
        Ok(currency) => Money::new(minor, currency).input(),
        // A code ISO 4217 does not know: the minor units with two decimals, as stored then.
        Err(_) => format!("{}.{:02}", minor / 100, (minor % 100).abs()),
    }
}

fn record(r: &ReturnSummary) -> [String; 12] {
    [
        r.number.clone(),
        r.status.as_str().to_owned(),
        r.order_number.clone(),
        r.customer_name.clone(),
        r.email.clone(),
        r.created_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        r.item_count.to_string(),
        amount(r.total_value_minor, &r.currency),
        r.currency.clone(),
        r.resolution
            .map(crate::services::returns::return_records::as_str)
            .unwrap_or_default(),
        r.defective.to_string(),
        r.withdrawal.to_string(),
    ]
}

/// CSV text of `rows` (behind the header when `header`).
fn csv_chunk(rows: &[ReturnSummary], header: bool) -> ApiResult<Bytes> {
    let mut out = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 160 + 200));
    if header {
        out.write_record(CSV_COLUMNS).map_err(ApiError::internal)?;
    }
    for r in rows {
        out.write_record(record(r).iter().map(|cell| formula_safe(cell)))
            .map_err(ApiError::internal)?;
    }
    out.into_inner()
        .map(Bytes::from)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("writing CSV: {e}")))
}

/// Where the export has got to.
struct Position {
    db: DatabaseConnection,
    tenant: Tenant,
    filter: ReturnFilter,
    first: bool,
    done: bool,
}

/// The export's bytes, batch by batch. The permission is checked now, so a refusal is a
/// proper 403 before any byte is sent; a fault later ends the download early (the last line
/// is then not the last row, which a client can see from the missing final newline).
pub fn export_returns(
    db: DatabaseConnection,
    caller: &CurrentStaff,
    mut filter: ReturnFilter,
) -> ApiResult<impl Stream<Item = Result<Bytes, std::io::Error>> + use<>> {
    caller.require(Permission::ReadReturns)?;
    // All rows: the export starts from the newest whatever page the queue was showing.
    filter.cursor = None;
    filter.limit = PageSize::checked(EXPORT_BATCH);
    // A cursor the server made never fails to decode; checked here to refuse early otherwise.
    queue_statements::page(caller.tenant, &filter)?;
    let start = Position {
        db,
        tenant: caller.tenant,
        filter,
        first: true,
        done: false,
    };
    Ok(futures_util::stream::try_unfold(
        start,
        |mut at| async move {
            if at.done {
                return Ok(None);
            }
            let chunk = next_batch(&mut at)
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok(Some((chunk, at)))
        },
    ))
}

async fn next_batch(at: &mut Position) -> ApiResult<Bytes> {
    let mut rows = queue_statements::page(at.tenant, &at.filter)?
        .all(&at.db)
        .await?;
    if rows.len() as u64 > EXPORT_BATCH {
        rows.truncate(EXPORT_BATCH as usize);
        at.filter.cursor = rows
            .last()
            .map(|r| crate::services::keyset::encode(r.created_at, r.id));
    } else {
        at.done = true;
    }
    let summaries = summaries(&at.db, at.tenant, rows).await?;
    let chunk = csv_chunk(&summaries, at.first)?;
    at.first = false;
    Ok(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        for risky in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\ry"] {
            assert_eq!(formula_safe(risky), format!("'{risky}"));
        }
        for plain in ["Jane", "R-ABC123", "12.50", "", " =x"] {
            assert_eq!(formula_safe(plain), plain);
        }
    }

    #[test]
    fn amounts_follow_their_currency() {
        assert_eq!(amount(4900, "EUR"), "49.00");
        assert_eq!(amount(500, "JPY"), "500");
        assert_eq!(amount(1500, "KWD"), "1.500");
    }
}
