//! The period an analytics card covers: whole UTC days `from` to `to` (both included), at most
//! two years, cut into weeks or months, and the period of equal length just before it.

use super::return_rules::RuleError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The longest period a card covers: `to` comes before `from` plus this many months.
pub const MAX_SPAN_MONTHS: u32 = 24;
/// Up to this many days a period is cut into weeks, past it into months.
pub const WEEKLY_UP_TO_DAYS: i64 = 92;

/// How a card's series is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
}

impl Bucket {
    pub fn parse(text: &str) -> Option<Bucket> {
        match text {
            "week" => Some(Bucket::Week),
            "month" => Some(Bucket::Month),
            _ => None,
        }
    }
}

/// A checked period: `from` ≤ `to`, at most two years long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    from: NaiveDate,
    to: NaiveDate,
    bucket: Bucket,
}

fn parse_day(field: &str, text: Option<&str>) -> Result<NaiveDate, RuleError> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(RuleError::new(
            field,
            "required",
            format!("give {field} as YYYY-MM-DD"),
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| RuleError::new(field, "date", format!("{field} must be a date YYYY-MM-DD")))
}

impl DateRange {
    /// Reads the query's `from`, `to` and optional `bucket` (weeks up to
    /// `WEEKLY_UP_TO_DAYS` days, months past it when absent); every broken rule names its field.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        bucket: Option<&str>,
    ) -> Result<DateRange, Vec<RuleError>> {
        let mut errors = Vec::new();
        let from = parse_day("from", from).map_err(|e| errors.push(e)).ok();
        let to = parse_day("to", to).map_err(|e| errors.push(e)).ok();
        let bucket = match bucket.map(str::trim).filter(|b| !b.is_empty()) {
            None => None,
            Some(b) => Bucket::parse(b)
                .ok_or_else(|| {
                    errors.push(RuleError::new(
                        "bucket",
                        "choice",
                        "bucket is week or month",
                    ))
                })
                .ok(),
        };
        if let (Some(from), Some(to)) = (from, to) {
            let span = (to - from).num_days();
            if span < 0 {
                errors.push(RuleError::new(
                    "to",
                    "before_from",
                    "to must not be before from",
                ));
            } else if from
                .checked_add_months(chrono::Months::new(MAX_SPAN_MONTHS))
                .is_none_or(|limit| to >= limit)
            {
                errors.push(RuleError::new(
                    "to",
                    "span",
                    "a period covers at most two years",
                ));
            }
            if errors.is_empty() {
                let bucket = bucket.unwrap_or(if span < WEEKLY_UP_TO_DAYS {
                    Bucket::Week
                } else {
                    Bucket::Month
                });
                return Ok(DateRange { from, to, bucket });
            }
        }
        Err(errors)
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> NaiveDate {
        self.to
    }

    pub fn bucket(&self) -> Bucket {
        self.bucket
    }

    /// Days covered, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The first instant of the period.
    pub fn start(&self) -> DateTime<Utc> {
        self.from.and_time(chrono::NaiveTime::MIN).and_utc()
    }

    /// The first instant after the period (the end is excluded in queries).
    pub fn end(&self) -> DateTime<Utc> {
        self.start() + Duration::days(self.days())
    }

    /// The period of the same number of days that ends the day before this one starts.
    pub fn previous(&self) -> DateRange {
        let days = Duration::days(self.days());
        DateRange {
            from: self.from - days,
            to: self.to - days,
            bucket: self.bucket,
        }
    }
}

/// `part` over `whole` in basis points (10000 = 100 %), rounded down; none when `whole` is 0.
pub fn basis_points(part: i64, whole: i64) -> Option<u32> {
    (whole > 0).then(|| u32::try_from(part.max(0) * 10_000 / whole).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<DateRange, Vec<RuleError>>) -> Vec<(String, &'static str)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_period_is_whole_days_with_both_ends_included() {
        let r = DateRange::parse(Some("2026-11-01"), Some("2026-11-30"), None).unwrap();
        assert_eq!(r.days(), 30);
        assert_eq!(r.start().to_rfc3339(), "2026-11-01T00:00:00+00:00");
        assert_eq!(r.end().to_rfc3339(), "2026-12-01T00:00:00+00:00");
        assert_eq!(r.bucket(), Bucket::Week);
        let p = r.previous();
        assert_eq!(
            (p.from().to_string(), p.to().to_string()),
            ("2026-10-02".into(), "2026-10-31".into())
        );
        let one = DateRange::parse(Some("2026-11-01"), Some("2026-11-01"), None).unwrap();
        assert_eq!(one.days(), 1);
    }

    #[test]
    fn long_periods_are_cut_into_months_unless_told() {
        let year = DateRange::parse(Some("2026-01-01"), Some("2026-12-31"), None).unwrap();
        assert_eq!(year.bucket(), Bucket::Month);
        let weekly =
            DateRange::parse(Some("2026-01-01"), Some("2026-12-31"), Some("week")).unwrap();
        assert_eq!(weekly.bucket(), Bucket::Week);
        let edge = DateRange::parse(Some("2026-01-01"), Some("2026-04-02"), None).unwrap();
        assert_eq!((edge.days(), edge.bucket()), (92, Bucket::Week));
        let past = DateRange::parse(Some("2026-01-01"), Some("2026-04-03"), None).unwrap();
        assert_eq!(past.bucket(), Bucket::Month);
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        assert_eq!(
            fields(DateRange::parse(None, Some("nope"), Some("day"))),
            vec![
                ("from".into(), "required"),
                ("to".into(), "date"),
                ("bucket".into(), "choice")
            ]
        );
        assert_eq!(
            fields(DateRange::parse(
                Some("2026-02-01"),
                Some("2026-01-31"),
                None
            )),
            vec![("to".into(), "before_from")]
        );
        // Two calendar years is the most.
        assert!(DateRange::parse(Some("2026-01-01"), Some("2027-12-31"), None).is_ok());
        assert_eq!(
            fields(DateRange::parse(
                Some("2026-01-01"),
                Some("2028-01-01"),
                None
            )),
            vec![("to".into(), "span")]
        );
    }

    #[test]
    fn basis_points_round_down_and_need_a_whole() {
        assert_eq!(basis_points(1, 3), Some(3333));
        assert_eq!(basis_points(3, 3), Some(10_000));
        assert_eq!(basis_points(1, 0), None);
    }
}
