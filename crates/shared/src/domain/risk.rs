//! Risk per shopper: what a shopper's last twelve months with a shop add up to (returns,
//! return rate, value returned, "not received" claims), the thresholds a merchant sets, and
//! the flags a shopper gets by crossing them. Pure: the server gathers the figures.

use crate::domain::{Currency, Money, RuleError};
use serde::{Deserialize, Serialize};

/// How far back a shopper's figures go, in days.
pub const RISK_HISTORY_DAYS: i64 = 365;

/// The most any count threshold may ask for.
pub const COUNT_THRESHOLD_MAX: u32 = 10_000;

/// 100 %, in basis points.
pub const FULL_RATE_BASIS_POINTS: u32 = 10_000;

fn yes() -> bool {
    true
}

/// When a shopper is flagged: each threshold is optional (none set: nobody is ever flagged),
/// and any one crossed is enough. Amounts are in the shop's currency. (No `serde(default)` on
/// the thresholds: a missing one is none all the same, and a JSON array is refused.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskThresholds {
    /// Flag at this many returns or more over the last twelve months.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub returns_at_least: Option<u32>,
    /// Flag at this return rate or more (orders with a return over orders, in basis points:
    /// 2500 is 25 %).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub return_rate_at_least_basis_points: Option<u32>,
    /// Flag when what the shopper sent back over the last twelve months is worth this much or
    /// more, in the shop's currency.
    pub value_returned_at_least: Option<Money>,
    /// Flag at this many "not received" claims (issue reports of type `missing_item`) or more.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub not_received_at_least: Option<u32>,
    /// A flagged shopper's new returns wait for staff review even when approval is automatic.
    #[serde(default = "yes")]
    pub review_flagged: bool,
}

impl Default for RiskThresholds {
    fn default() -> Self {
        RiskThresholds {
            returns_at_least: None,
            return_rate_at_least_basis_points: None,
            value_returned_at_least: None,
            not_received_at_least: None,
            review_flagged: true,
        }
    }
}

impl RiskThresholds {
    /// No threshold set: nobody is flagged, and nothing needs counting.
    pub fn is_empty(&self) -> bool {
        self.returns_at_least.is_none()
            && self.return_rate_at_least_basis_points.is_none()
            && self.value_returned_at_least.is_none()
            && self.not_received_at_least.is_none()
    }
}

/// A shopper's figures with one shop over the last twelve months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopperStats {
    /// Returns started (cancelled ones not counted).
    pub returns: u32,
    /// Orders placed.
    pub orders: u32,
    /// Orders with at least one of those returns.
    pub orders_returned: u32,
    /// What the returned units were sold for, in the shop's currency (orders in another
    /// currency are not counted).
    pub value_returned: Money,
    /// "Not received" claims: issue reports of type `missing_item`.
    pub not_received: u32,
}

impl ShopperStats {
    /// Nothing yet, in `currency`.
    pub fn none(currency: Currency) -> Self {
        ShopperStats {
            returns: 0,
            orders: 0,
            orders_returned: 0,
            value_returned: Money::new(0, currency),
            not_received: 0,
        }
    }

    /// Orders with a return over orders, in basis points; none without orders.
    pub fn return_rate_basis_points(&self) -> Option<u32> {
        (self.orders > 0).then(|| {
            let rate = u64::from(self.orders_returned.min(self.orders))
                * u64::from(FULL_RATE_BASIS_POINTS)
                / u64::from(self.orders);
            u32::try_from(rate).unwrap_or(FULL_RATE_BASIS_POINTS)
        })
    }
}

/// Which threshold a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RiskFlagKind {
    /// Returns in twelve months (a count).
    Returns,
    /// The return rate (basis points).
    ReturnRate,
    /// Value returned in twelve months (minor units of `currency`).
    ValueReturned,
    /// "Not received" claims (a count).
    NotReceived,
}

impl RiskFlagKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskFlagKind::Returns => "returns",
            RiskFlagKind::ReturnRate => "return_rate",
            RiskFlagKind::ValueReturned => "value_returned",
            RiskFlagKind::NotReceived => "not_received",
        }
    }
}

/// A threshold a shopper reached, with their figure and the threshold (the reason staff read).
/// Flat on purpose: a tagged enum would cost the web app serde's buffering machinery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskFlag {
    pub kind: RiskFlagKind,
    /// The shopper's figure: a count, basis points (`return_rate`) or minor units of
    /// `currency` (`value_returned`).
    pub figure: i64,
    /// The threshold it reached, in the same unit.
    pub threshold: i64,
    /// For `value_returned`: the currency of both amounts (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl RiskFlag {
    fn count(kind: RiskFlagKind, figure: u32, threshold: u32) -> Self {
        RiskFlag {
            kind,
            figure: i64::from(figure),
            threshold: i64::from(threshold),
            currency: None,
        }
    }

    /// The wire name of the flag's kind.
    pub fn kind(&self) -> &'static str {
        self.kind.as_str()
    }
}

/// The thresholds `stats` reaches, in the order the thresholds are listed. A value threshold
/// in another currency than the figures never matches (validation keeps them the same).
pub fn risk_flags(stats: &ShopperStats, thresholds: &RiskThresholds) -> Vec<RiskFlag> {
    let mut flags = Vec::new();
    if let Some(threshold) = thresholds.returns_at_least
        && stats.returns >= threshold
    {
        flags.push(RiskFlag::count(
            RiskFlagKind::Returns,
            stats.returns,
            threshold,
        ));
    }
    if let Some(threshold) = thresholds.return_rate_at_least_basis_points
        && let Some(rate) = stats.return_rate_basis_points()
        && rate >= threshold
    {
        flags.push(RiskFlag::count(RiskFlagKind::ReturnRate, rate, threshold));
    }
    if let Some(threshold) = thresholds.value_returned_at_least
        && stats.value_returned.currency() == threshold.currency()
        && stats.value_returned.minor() >= threshold.minor()
    {
        flags.push(RiskFlag {
            kind: RiskFlagKind::ValueReturned,
            figure: stats.value_returned.minor(),
            threshold: threshold.minor(),
            currency: Some(threshold.currency().code().to_owned()),
        });
    }
    if let Some(threshold) = thresholds.not_received_at_least
        && stats.not_received >= threshold
    {
        flags.push(RiskFlag::count(
            RiskFlagKind::NotReceived,
            stats.not_received,
            threshold,
        ));
    }
    flags
}

fn broken(field: &str, code: &'static str, message: impl Into<String>) -> RuleError {
    RuleError {
        field: field.to_owned(),
        code,
        message: message.into(),
    }
}

/// Every broken rule of `thresholds` for a shop whose amounts are in `currency`, each naming
/// its field (empty when they may be saved).
pub fn validate_thresholds(thresholds: &RiskThresholds, currency: Currency) -> Vec<RuleError> {
    let mut errors = Vec::new();
    let count = |value: Option<u32>, field: &str, errors: &mut Vec<RuleError>| {
        if let Some(n) = value
            && !(1..=COUNT_THRESHOLD_MAX).contains(&n)
        {
            errors.push(broken(
                field,
                "range",
                format!("use a whole number from 1 to {COUNT_THRESHOLD_MAX}, or leave it empty"),
            ));
        }
    };
    count(thresholds.returns_at_least, "returns_at_least", &mut errors);
    if let Some(rate) = thresholds.return_rate_at_least_basis_points
        && !(1..=FULL_RATE_BASIS_POINTS).contains(&rate)
    {
        errors.push(broken(
            "return_rate_at_least_basis_points",
            "range",
            "use a rate above 0 % and at most 100 % (1 to 10000 basis points), or leave it empty",
        ));
    }
    if let Some(value) = thresholds.value_returned_at_least {
        if value.currency() != currency {
            errors.push(broken(
                "value_returned_at_least",
                "currency",
                format!("use the shop's currency, {}", currency.code()),
            ));
        } else if value.minor() <= 0 {
            errors.push(broken(
                "value_returned_at_least",
                "range",
                "use an amount above zero, or leave it empty",
            ));
        }
    }
    count(
        thresholds.not_received_at_least,
        "not_received_at_least",
        &mut errors,
    );
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    fn stats(
        returns: u32,
        orders: u32,
        orders_returned: u32,
        value: i64,
        claims: u32,
    ) -> ShopperStats {
        ShopperStats {
            returns,
            orders,
            orders_returned,
            value_returned: Money::new(value, eur()),
            not_received: claims,
        }
    }

    fn busy() -> ShopperStats {
        stats(40, 50, 45, 1_000_000, 9)
    }

    #[test]
    fn no_threshold_never_flags_anyone() {
        let none = RiskThresholds::default();
        assert!(none.is_empty());
        assert!(none.review_flagged, "review is the default");
        assert_eq!(risk_flags(&busy(), &none), Vec::new());
    }

    #[test]
    fn returns_flag_from_the_threshold_on() {
        let t = RiskThresholds {
            returns_at_least: Some(3),
            ..RiskThresholds::default()
        };
        assert_eq!(risk_flags(&stats(2, 5, 2, 0, 0), &t), Vec::new());
        assert_eq!(
            risk_flags(&stats(3, 5, 3, 0, 0), &t),
            vec![RiskFlag::count(RiskFlagKind::Returns, 3, 3)]
        );
    }

    #[test]
    fn return_rate_flags_from_the_threshold_on_and_never_without_orders() {
        let t = RiskThresholds {
            return_rate_at_least_basis_points: Some(5_000),
            ..RiskThresholds::default()
        };
        // 1 of 3 orders: 3333 bp, under; 1 of 2: exactly 5000, flagged.
        assert_eq!(risk_flags(&stats(1, 3, 1, 0, 0), &t), Vec::new());
        assert_eq!(
            risk_flags(&stats(1, 2, 1, 0, 0), &t),
            vec![RiskFlag::count(RiskFlagKind::ReturnRate, 5_000, 5_000)]
        );
        // Returns on orders older than the period, none placed in it: no rate to judge.
        assert_eq!(risk_flags(&stats(4, 0, 0, 0, 0), &t), Vec::new());
    }

    #[test]
    fn the_rate_never_passes_full() {
        assert_eq!(
            stats(9, 2, 5, 0, 0).return_rate_basis_points(),
            Some(FULL_RATE_BASIS_POINTS)
        );
        assert_eq!(stats(0, 0, 0, 0, 0).return_rate_basis_points(), None);
    }

    #[test]
    fn value_returned_flags_from_the_amount_on_in_the_same_currency_only() {
        let t = RiskThresholds {
            value_returned_at_least: Some(Money::new(50_000, eur())),
            ..RiskThresholds::default()
        };
        assert_eq!(risk_flags(&stats(1, 1, 1, 49_999, 0), &t), Vec::new());
        assert_eq!(
            risk_flags(&stats(1, 1, 1, 50_000, 0), &t),
            vec![RiskFlag {
                kind: RiskFlagKind::ValueReturned,
                figure: 50_000,
                threshold: 50_000,
                currency: Some("EUR".to_owned()),
            }]
        );
        let usd = Currency::parse("USD").unwrap();
        let mut in_dollars = stats(1, 1, 1, 90_000, 0);
        in_dollars.value_returned = Money::new(90_000, usd);
        assert_eq!(risk_flags(&in_dollars, &t), Vec::new());
    }

    #[test]
    fn not_received_claims_flag_from_the_threshold_on() {
        let t = RiskThresholds {
            not_received_at_least: Some(2),
            ..RiskThresholds::default()
        };
        assert_eq!(risk_flags(&stats(0, 4, 0, 0, 1), &t), Vec::new());
        assert_eq!(
            risk_flags(&stats(0, 4, 0, 0, 2), &t),
            vec![RiskFlag::count(RiskFlagKind::NotReceived, 2, 2)]
        );
    }

    #[test]
    fn every_crossed_threshold_is_a_reason_in_order() {
        let t = RiskThresholds {
            returns_at_least: Some(1),
            return_rate_at_least_basis_points: Some(1),
            value_returned_at_least: Some(Money::new(1, eur())),
            not_received_at_least: Some(1),
            review_flagged: false,
        };
        let kinds: Vec<&str> = risk_flags(&busy(), &t).iter().map(RiskFlag::kind).collect();
        assert_eq!(
            kinds,
            ["returns", "return_rate", "value_returned", "not_received"]
        );
    }

    #[test]
    fn thresholds_are_checked_field_by_field() {
        let fine = RiskThresholds {
            returns_at_least: Some(1),
            return_rate_at_least_basis_points: Some(10_000),
            value_returned_at_least: Some(Money::new(1, eur())),
            not_received_at_least: Some(COUNT_THRESHOLD_MAX),
            review_flagged: true,
        };
        assert_eq!(validate_thresholds(&fine, eur()), Vec::new());
        assert_eq!(
            validate_thresholds(&RiskThresholds::default(), eur()),
            Vec::new()
        );
        let bad = RiskThresholds {
            returns_at_least: Some(0),
            return_rate_at_least_basis_points: Some(10_001),
            value_returned_at_least: Some(Money::new(0, eur())),
            not_received_at_least: Some(COUNT_THRESHOLD_MAX + 1),
            review_flagged: true,
        };
        let fields: Vec<(String, &str)> = validate_thresholds(&bad, eur())
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("returns_at_least".to_owned(), "range"),
                ("return_rate_at_least_basis_points".to_owned(), "range"),
                ("value_returned_at_least".to_owned(), "range"),
                ("not_received_at_least".to_owned(), "range"),
            ]
        );
        let usd = Currency::parse("USD").unwrap();
        let wrong_currency = RiskThresholds {
            value_returned_at_least: Some(Money::new(100, usd)),
            ..RiskThresholds::default()
        };
        let errors = validate_thresholds(&wrong_currency, eur());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "value_returned_at_least");
        assert_eq!(errors[0].code, "currency");
    }

    #[test]
    fn absent_fields_read_as_no_threshold_with_review_on() {
        let t: RiskThresholds = serde_json::from_str("{}").unwrap();
        assert_eq!(t, RiskThresholds::default());
        let flag = RiskFlag::count(RiskFlagKind::Returns, 3, 2);
        let json = serde_json::to_value(flag).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "returns", "figure": 3, "threshold": 2})
        );
    }
}
