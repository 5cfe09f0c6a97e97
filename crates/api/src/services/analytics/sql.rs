//! The analytics statements' SQL: one builder that binds values as `$n` (PostgreSQL's own
//! form, and one sqlx reads on SQLite too), starts every statement from the caller's merchant,
//! and writes the few expressions SQLite and PostgreSQL spell differently (date buckets,
//! durations) once, here.

use crate::db::Tenant;
use rebound_shared::domain::analytics::{Bucket, DateRange};
use sea_orm::{DbBackend, QueryResult, Statement, Value};

/// What a card is counted over: a period and, optionally, one product (by SKU or tag).
#[derive(Debug, Clone)]
pub struct CardScope {
    pub range: DateRange,
    pub product: Option<ProductFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductFilter {
    Sku(String),
    Tag(String),
}

/// A statement being written: its text and the values bound so far. `$1` is always the
/// caller's merchant, so no statement can leave it out by accident.
pub struct Sql {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DbBackend, tenant: Tenant) -> Sql {
        Sql {
            backend,
            values: vec![Value::from(tenant.merchant_id())],
        }
    }

    /// The placeholder of the caller's merchant id.
    pub fn merchant(&self) -> &'static str {
        "$1"
    }

    /// Binds `value` and answers its placeholder.
    pub fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    /// `column` falls in the period: `column >= start AND column < end`.
    pub fn within(&mut self, column: &str, range: &DateRange) -> String {
        let start = self.bind(range.start());
        let end = self.bind(range.end());
        format!("{column} >= {start} AND {column} < {end}")
    }

    /// The condition the product filter puts on an `order_items` row aliased `oi`; empty
    /// without a filter. A tag matches case-insensitively inside the stored JSON array.
    pub fn product(&mut self, filter: Option<&ProductFilter>) -> String {
        match filter {
            None => String::new(),
            Some(ProductFilter::Sku(sku)) => format!(" AND oi.sku = {}", self.bind(sku.clone())),
            Some(ProductFilter::Tag(tag)) => {
                let quoted = serde_json::Value::String(tag.to_lowercase()).to_string();
                let escaped = quoted
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                let pattern = self.bind(format!("%{escaped}%"));
                format!(" AND LOWER(oi.tags) LIKE {pattern} ESCAPE '\\'")
            }
        }
    }

    /// The first day (`YYYY-MM-DD` text) of the week (from Monday) or month `column` falls in.
    pub fn bucket_start(&self, column: &str, bucket: Bucket) -> String {
        match (self.backend, bucket) {
            (DbBackend::Postgres, Bucket::Week) => {
                format!("to_char(date_trunc('week', {column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')")
            }
            (DbBackend::Postgres, Bucket::Month) => {
                format!("to_char(date_trunc('month', {column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')")
            }
            // 'weekday 0' moves to the coming Sunday (or stays on one); six days back is its
            // Monday.
            (_, Bucket::Week) => format!("date({column}, 'weekday 0', '-6 days')"),
            (_, Bucket::Month) => format!("strftime('%Y-%m-01', {column})"),
        }
    }

    /// Whole seconds from `start` to `end`, as a 64-bit integer.
    pub fn seconds_between(&self, start: &str, end: &str) -> String {
        match self.backend {
            DbBackend::Postgres => format!("CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS BIGINT)"),
            _ => {
                format!("CAST(ROUND((julianday({end}) - julianday({start})) * 86400.0) AS INTEGER)")
            }
        }
    }

    pub fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}

/// A summed or counted column: null (no rows) reads as 0.
pub fn number(row: &QueryResult, column: &str) -> Result<i64, sea_orm::DbErr> {
    Ok(row.try_get::<Option<i64>>("", column)?.unwrap_or(0))
}

/// `SUM(expr)` as a 64-bit integer on both databases (PostgreSQL sums BIGINTs into NUMERIC).
pub fn sum(expr: &str) -> String {
    format!("CAST(SUM({expr}) AS BIGINT)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn the_merchant_is_always_the_first_value_and_filters_bind_the_rest() {
        let mut sql = Sql::new(DbBackend::Sqlite, Tenant::new(Uuid::nil()));
        assert_eq!(sql.merchant(), "$1");
        let tag = sql.product(Some(&ProductFilter::Tag("Sale_50%".into())));
        assert_eq!(tag, " AND LOWER(oi.tags) LIKE $2 ESCAPE '\\'");
        let sku = sql.product(Some(&ProductFilter::Sku("A-1".into())));
        assert_eq!(sku, " AND oi.sku = $3");
        assert_eq!(sql.product(None), "");
        let s = sql.statement(String::new());
        let values = s.values.map(|v| v.0).unwrap_or_default();
        assert_eq!(values.len(), 3);
        assert_eq!(values[1], Value::from("%\"sale\\_50\\%\"%".to_owned()));
    }

    #[test]
    fn buckets_and_durations_are_spelled_per_database() {
        let pg = Sql::new(DbBackend::Postgres, Tenant::new(Uuid::nil()));
        assert!(
            pg.bucket_start("x", Bucket::Week)
                .contains("date_trunc('week'")
        );
        assert!(pg.seconds_between("a", "b").contains("EPOCH FROM (b - a)"));
        let lite = Sql::new(DbBackend::Sqlite, Tenant::new(Uuid::nil()));
        assert_eq!(
            lite.bucket_start("x", Bucket::Month),
            "strftime('%Y-%m-01', x)"
        );
        assert!(
            lite.seconds_between("a", "b")
                .contains("julianday(b) - julianday(a)")
        );
    }
}
