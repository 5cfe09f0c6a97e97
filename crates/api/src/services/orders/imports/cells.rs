//! The rules for one cell: formulas, prices in major units, dates, quantities, yes/no.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rebound_shared::domain::{Currency, Money, check_reported_time, forbidden_control};

const FORMULA: &str = "looks like a spreadsheet formula; remove the leading =, +, - or @";
const CONTROL: &str = "contains a control character; only tabs and line breaks are allowed";

/// Why a cell cannot be taken as it is: a formula, or a control character (the rule every
/// text the API takes follows, `rebound_shared::domain::forbidden_control`).
pub fn refused_cell(cell: &str) -> Option<&'static str> {
    if looks_like_formula(cell) {
        Some(FORMULA)
    } else if forbidden_control(cell).is_some() {
        Some(CONTROL)
    } else {
        None
    }
}

/// A cell a spreadsheet would run as a formula: `=`, `@`, or `+`/`-` not followed by a digit
/// (`+1 555…` and `-5` are values).
pub fn looks_like_formula(cell: &str) -> bool {
    let mut chars = cell.trim_start().chars();
    match chars.next() {
        Some('=' | '@') => true,
        Some('+' | '-') => chars
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && c != '.'),
        _ => false,
    }
}

/// A cell made safe to open in a spreadsheet: one that would start a formula gets a leading
/// apostrophe, which shows the text as typed.
pub fn neutralise_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A price in major units ("19.99", "1,299.00", "19,99", "$5", "1.500" for KWD) as integer
/// minor units of `currency`, read by [`Money::parse`] with that currency's ISO 4217 exponent.
/// A spreadsheet may keep a currency sign beside the number; it is dropped first.
pub fn parse_price(raw: &str, currency: &str) -> Result<i64, String> {
    if raw.trim().is_empty() {
        return Err("the price is missing".into());
    }
    let currency = Currency::parse(currency)
        .map_err(|_| format!("\"{}\" is not an ISO 4217 currency code", clip(currency)))?;
    let cleaned = raw
        .trim()
        .trim_start_matches(['$', '€', '£', '¥'])
        .trim_end_matches(['$', '€', '£', '¥'])
        .trim();
    if cleaned.starts_with('-') {
        return Err("a price cannot be negative".into());
    }
    let cleaned = cleaned.strip_prefix('+').unwrap_or(cleaned);
    Money::parse(cleaned, currency)
        .map(Money::minor)
        .map_err(|e| match e.code.as_ref() {
            "decimals" => match currency.exponent() {
                0 => format!(
                    "{} prices have no decimals; \"{}\" has some",
                    currency.code(),
                    clip(raw)
                ),
                n => format!(
                    "{} prices have at most {n} decimals; \"{}\" has more",
                    currency.code(),
                    clip(raw)
                ),
            },
            _ => format!(
                "\"{}\" is not a price such as {}",
                clip(raw),
                Money::new(1999 * 10_i64.pow(currency.exponent()) / 100, currency).input()
            ),
        })
}

/// When the order was placed: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (UTC, or with an offset as in
/// Shopify's export) or `YYYY-MM-DD` (midnight UTC).
pub fn parse_placed_at(raw: &str) -> Result<DateTime<Utc>, String> {
    let at = parse_date(raw)?;
    check_reported_time(at, Utc::now())
        .map_err(|e| format!("{}: {}", clip(raw.trim()), e.message()))?;
    Ok(at)
}

fn parse_date(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("the order date is missing".into());
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"] {
        if let Ok(at) = DateTime::parse_from_str(raw, format) {
            return Ok(at.with_timezone(&Utc));
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(raw, format) {
            return Ok(at.and_utc());
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        && let Some(at) = day.and_hms_opt(0, 0, 0)
    {
        return Ok(at.and_utc());
    }
    Err(format!(
        "\"{}\" is not a date such as 2026-11-01 or 2026-11-01 14:30",
        clip(raw)
    ))
}

/// A whole number of units.
pub fn parse_quantity(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("the quantity is missing".into());
    }
    t.parse::<i32>()
        .or_else(
            |_| match t.strip_suffix(".0").or_else(|| t.strip_suffix(".00")) {
                Some(whole) => whole.parse::<i32>(),
                None => t.parse::<i32>(),
            },
        )
        .map_err(|_| format!("\"{}\" is not a whole number", clip(raw)))
}

/// yes/no, true/false, 1/0 (any case); blank means returnable.
pub fn parse_returnable(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" | "oui" => Ok(true),
        "no" | "n" | "false" | "0" | "non" => Ok(false),
        _ => Err(format!("\"{}\" is not yes or no", clip(raw))),
    }
}

/// A value quoted in a reason, cut short: a 1 MB cell must not become a 1 MB message.
pub fn clip(raw: &str) -> String {
    const MAX: usize = 40;
    if raw.chars().count() <= MAX {
        raw.to_owned()
    } else {
        format!("{}…", raw.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_recognised_and_neutralised() {
        for f in [
            "=1+1",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "-HYPERLINK(\"x\")",
            " =x",
        ] {
            assert!(looks_like_formula(f), "{f}");
        }
        for v in ["+1 555 0100", "-5", "Jane", "", "-", "a=b"] {
            assert!(!looks_like_formula(v), "{v}");
        }
        assert_eq!(neutralise_cell("=1+1"), "'=1+1");
        assert_eq!(neutralise_cell("-5"), "'-5");
        assert_eq!(neutralise_cell("Jane"), "Jane");
    }

    #[test]
    fn prices_become_minor_units() {
        assert_eq!(parse_price("19.99", "CAD"), Ok(1999));
        assert_eq!(parse_price("19,99", "EUR"), Ok(1999));
        assert_eq!(parse_price("1,299.50", "USD"), Ok(129_950));
        assert_eq!(parse_price("1.299,50", "EUR"), Ok(129_950));
        assert_eq!(parse_price("1,299", "USD"), Ok(129_900));
        assert_eq!(parse_price("$5", "USD"), Ok(500));
        assert_eq!(parse_price("1500", "JPY"), Ok(1500));
        assert_eq!(parse_price("1.5", "KWD"), Ok(1500));
        assert_eq!(
            parse_price("1.500", "KWD"),
            Ok(1500),
            "three decimals, not thousands"
        );
        assert_eq!(parse_price("500", "JPY"), Ok(500));
        assert_eq!(parse_price("1,500", "JPY"), Ok(1500));
        assert!(parse_price("500.50", "JPY").is_err_and(|e| e.contains("no decimals")));
        assert!(parse_price("5", "ZZZ").is_err_and(|e| e.contains("ISO 4217")));
        assert_eq!(parse_price(".5", "CAD"), Ok(50));
        assert!(parse_price("-1.00", "CAD").is_err_and(|e| e.contains("negative")));
        assert!(parse_price("1.9999", "CAD").is_err());
        assert!(parse_price("abc", "CAD").is_err());
        assert_eq!(parse_price(" ", "CAD"), Err("the price is missing".into()));
        assert!(parse_price("99999999999999999999", "CAD").is_err());
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        let at = |s: &str| parse_placed_at(s).map(|d| d.to_rfc3339()).ok();
        let noon = Some("2026-11-01T12:00:00+00:00".to_owned());
        assert_eq!(at("2026-11-01T12:00:00Z"), noon);
        assert_eq!(at("2026-11-01T08:00:00-04:00"), noon);
        assert_eq!(at("2026-11-01 12:00"), noon);
        assert_eq!(at("2026-11-01 12:00:00"), noon);
        assert_eq!(at("2026-11-01 07:00:00 -0500"), noon);
        assert_eq!(
            at("2026-11-01"),
            Some("2026-11-01T00:00:00+00:00".to_owned())
        );
        assert_eq!(at("01/11/2026"), None);
    }

    #[test]
    fn dates_far_ahead_or_before_2000_are_refused() {
        assert!(parse_placed_at("9999-12-31").is_err_and(|e| e.contains("future")));
        assert!(parse_placed_at("1970-01-01").is_err_and(|e| e.contains("2000")));
    }

    #[test]
    fn cells_with_control_characters_are_refused() {
        assert_eq!(refused_cell("Ana\u{0}Silva"), Some(CONTROL));
        assert_eq!(refused_cell("=SUM(A1)"), Some(FORMULA));
        assert_eq!(refused_cell("line one\nline two\tend"), None);
    }

    #[test]
    fn quantities_and_flags() {
        assert_eq!(parse_quantity(" 3 "), Ok(3));
        assert_eq!(parse_quantity("2.0"), Ok(2));
        assert!(parse_quantity("2.5").is_err());
        assert_eq!(parse_returnable("No"), Ok(false));
        assert_eq!(parse_returnable(""), Ok(true));
        assert_eq!(parse_returnable("1"), Ok(true));
        assert!(parse_returnable("maybe").is_err());
    }
}
