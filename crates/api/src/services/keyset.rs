//! The `<micros>_<id>` cursor of the lists paged newest first on (a moment, id): orders, the
//! returns queue and the issue-reports queue hand it out and read it back the same way.

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use rebound_shared::ErrorKind;
use uuid::Uuid;

/// Rows per page, as `routes::page::Limit` lets them through: the range is checked there,
/// once, so the lists take the number as it is instead of clamping it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(u64);

impl PageSize {
    /// Only `Limit::get` calls this, after its range check.
    pub(crate) const fn checked(rows: u64) -> PageSize {
        PageSize(rows)
    }

    pub fn rows(self) -> u64 {
        self.0
    }
}

/// The cursor after the row at `at` with `id`.
pub(crate) fn encode(at: DateTime<Utc>, id: Uuid) -> String {
    format!("{}_{}", at.timestamp_micros(), id.simple())
}

/// A cursor this server handed out, or a 422 naming `cursor`.
pub(crate) fn decode(raw: &str) -> ApiResult<(DateTime<Utc>, Uuid)> {
    let bad = || {
        ApiError::field(
            ErrorKind::Validation,
            "cursor",
            "cursor",
            "this cursor is not valid",
        )
    };
    let (micros, id) = raw.split_once('_').ok_or_else(bad)?;
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(bad)?;
    Ok((at, Uuid::parse_str(id).map_err(|_| bad())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_hands_out_and_refuses_the_rest() {
        let at = DateTime::from_timestamp_micros(1_764_000_000_123_456).unwrap();
        let id = Uuid::now_v7();
        assert_eq!(decode(&encode(at, id)).unwrap(), (at, id));
        for bad in ["", "x", "12_", "_abc", "abc_0190b1f0"] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
    }
}
