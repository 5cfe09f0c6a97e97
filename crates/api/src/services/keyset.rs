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

/// The shape [`encode`] writes, as the document states it: microseconds since 1970 (16 digits
/// reach the year 2286) and the id as 32 lower-case hex digits. [`decode`] accepts exactly this
/// shape, and any text of this shape is a position in the list, so a cursor a client did not get
/// from the server is either refused by the document's rule or a page like any other.
pub(crate) const CURSOR_PATTERN: &str = "^[0-9]{1,16}_[0-9a-f]{32}$";

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
    let digits = |text: &str, most: usize, allowed: fn(&u8) -> bool| {
        (1..=most).contains(&text.len()) && text.as_bytes().iter().all(allowed)
    };
    let lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    if !digits(micros, 16, u8::is_ascii_digit) || id.len() != 32 || !digits(id, 32, lower_hex) {
        return Err(bad());
    }
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
        let hex = id.simple().to_string();
        let pattern = regex::Regex::new(CURSOR_PATTERN).unwrap();
        let handed_out = encode(at, id);
        assert!(pattern.is_match(&handed_out));
        // Any text of the documented shape is a position, never a refusal.
        for position in [format!("0_{hex}"), format!("9999999999999999_{hex}")] {
            assert!(pattern.is_match(&position));
            assert!(decode(&position).is_ok(), "{position}");
        }
        for bad in [
            "".to_owned(),
            "x".to_owned(),
            "12_".to_owned(),
            "_abc".to_owned(),
            "abc_0190b1f0".to_owned(),
            format!("+1_{hex}"),
            format!("-1_{hex}"),
            format!("12345678901234567_{hex}"),
            format!("1_{}", id.hyphenated()),
            format!("1_{}", hex.to_uppercase()),
        ] {
            assert!(!pattern.is_match(&bad), "{bad:?}");
            let bad = bad.as_str();
            assert!(decode(bad).is_err(), "{bad:?}");
        }
    }
}
