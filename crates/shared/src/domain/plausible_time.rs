//! The one rule for moments a client reports (an order's date, a carrier scan): not in the
//! future beyond clock drift, and not before online returns existed.
//!
//! A date of 9999-12-31 would otherwise keep a return window open for ever or turn a
//! delivered order back into one in transit.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How far ahead of the server's clock a reported moment may be: time zones and clock drift.
pub const MAX_AHEAD: Duration = Duration::days(1);

/// The first day a reported moment may fall on.
pub fn earliest() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Why a reported moment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImplausibleTime {
    InTheFuture,
    TooOld,
}

impl ImplausibleTime {
    /// The `code` of the field error.
    pub fn code(self) -> &'static str {
        match self {
            ImplausibleTime::InTheFuture => "future_date",
            ImplausibleTime::TooOld => "too_old",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            ImplausibleTime::InTheFuture => "this date is in the future",
            ImplausibleTime::TooOld => "this date is before 2000-01-01",
        }
    }
}

/// Refuses `at` when it is more than [`MAX_AHEAD`] after `now` or before [`earliest`].
/// `now` is a parameter because the wasm app has no clock of its own here.
pub fn check_reported_time(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), ImplausibleTime> {
    if at > now + MAX_AHEAD {
        Err(ImplausibleTime::InTheFuture)
    } else if at < earliest() {
        Err(ImplausibleTime::TooOld)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_day_of_drift_and_refuses_far_future_and_ancient_dates() {
        let now = Utc::now();
        assert_eq!(check_reported_time(now, now), Ok(()));
        assert_eq!(check_reported_time(now + Duration::hours(23), now), Ok(()));
        assert_eq!(check_reported_time(earliest(), now), Ok(()));
        assert_eq!(
            check_reported_time(now + Duration::days(2), now),
            Err(ImplausibleTime::InTheFuture)
        );
        let far = "9999-12-31T00:00:00Z".parse::<DateTime<Utc>>();
        assert_eq!(
            far.map(|f| check_reported_time(f, now)),
            Ok(Err(ImplausibleTime::InTheFuture))
        );
        assert_eq!(
            check_reported_time(earliest() - Duration::seconds(1), now),
            Err(ImplausibleTime::TooOld)
        );
    }
}
