//! What a rule can ask about an item, its order and its shopper.

use super::facts::{ItemFacts, OrderFacts};
use crate::domain::Money;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The date a window or an age counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// When the order was placed (the purchase).
    Order,
    /// When the order was handed to the carrier.
    Fulfilment,
    /// When the parcel reached the shopper.
    Delivery,
}

/// How a measured value compares with the rule's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Below,
    AtMost,
    AtLeast,
    Above,
}

impl Comparison {
    pub fn holds<T: PartialOrd>(self, value: T, than: T) -> bool {
        match self {
            Comparison::Below => value < than,
            Comparison::AtMost => value <= than,
            Comparison::AtLeast => value >= than,
            Comparison::Above => value > than,
        }
    }
}

/// One condition of a rule. Text is matched trimmed and without regard to case; a list matches
/// when any of its values does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// The product carries one of these tags.
    ProductTag { tags: Vec<String> },
    /// The item's SKU is one of these.
    Sku { skus: Vec<String> },
    /// The chosen reason is one of these (the shop's reason ids).
    Reason { reason_ids: Vec<Uuid> },
    /// The chosen reason is (or is not) one the shop marks defective.
    ReasonDefective { defective: bool },
    /// One unit's price, in the order's currency.
    ItemPrice { compare: Comparison, amount: Money },
    /// The order's total, in its currency.
    OrderTotal { compare: Comparison, amount: Money },
    /// Whole days since the order, its fulfilment or its delivery.
    DaysSince {
        basis: DateBasis,
        compare: Comparison,
        days: u32,
    },
    /// The shopper's email is one of these.
    ShopperEmail { emails: Vec<String> },
    /// The shopper's email is at one of these domains (`example.com`, no `@`).
    EmailDomain { domains: Vec<String> },
    /// How many returns the shopper started in the last `within_days` days (this shop only).
    ShopperReturns {
        within_days: u32,
        compare: Comparison,
        count: u32,
    },
    /// The shopper's return rate (orders with a return over orders, in basis points: 2500 is
    /// 25%) over the history the shop keeps (twelve months).
    ReturnRate {
        compare: Comparison,
        basis_points: u32,
    },
    /// The order carries one of these tags.
    OrderTag { tags: Vec<String> },
    /// The order ships to one of these countries (ISO 3166-1 alpha-2).
    Country { countries: Vec<String> },
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn any_of(wanted: &[String], have: &[String]) -> bool {
    wanted.iter().any(|w| have.iter().any(|h| same(w, h)))
}

/// Compares amounts of one currency only: an amount in another currency never matches.
fn compare_money(compare: Comparison, value: Money, than: Money) -> bool {
    value.currency() == than.currency() && compare.holds(value.minor(), than.minor())
}

impl Condition {
    /// Whether the condition holds for `item` of `order` at `now`; unknowns never hold.
    pub fn holds(&self, item: &ItemFacts, order: &OrderFacts, now: DateTime<Utc>) -> bool {
        match self {
            Condition::ProductTag { tags } => any_of(tags, &item.tags),
            Condition::Sku { skus } => skus.iter().any(|s| same(s, &item.sku)),
            Condition::Reason { reason_ids } => {
                item.reason.is_some_and(|r| reason_ids.contains(&r.id))
            }
            Condition::ReasonDefective { defective } => {
                item.reason.is_some_and(|r| r.defective == *defective)
            }
            Condition::ItemPrice { compare, amount } => {
                compare_money(*compare, item.unit_price, *amount)
            }
            Condition::OrderTotal { compare, amount } => {
                compare_money(*compare, order.total, *amount)
            }
            Condition::DaysSince {
                basis,
                compare,
                days,
            } => order
                .date(*basis)
                .is_some_and(|at| compare.holds(whole_days(at, now), i64::from(*days))),
            Condition::ShopperEmail { emails } => emails.iter().any(|e| same(e, &order.email)),
            Condition::EmailDomain { domains } => {
                let domain = order.email.rsplit_once('@').map_or("", |(_, d)| d);
                !domain.is_empty()
                    && domains
                        .iter()
                        .any(|d| same(d.trim().trim_start_matches('@'), domain))
            }
            Condition::ShopperReturns {
                within_days,
                compare,
                count,
            } => {
                // A period reaching before the calendar's start counts every return (a stored
                // rule is not trusted to be in range: subtracting would panic).
                let since = now
                    .checked_sub_signed(Duration::days(i64::from(*within_days)))
                    .unwrap_or(DateTime::<Utc>::MIN_UTC);
                let recent = order
                    .shopper
                    .returns
                    .iter()
                    .filter(|at| **at >= since && **at <= now)
                    .count();
                compare.holds(recent as u64, u64::from(*count))
            }
            Condition::ReturnRate {
                compare,
                basis_points,
            } => order
                .shopper
                .return_rate_basis_points()
                .is_some_and(|rate| compare.holds(rate, u64::from(*basis_points))),
            Condition::OrderTag { tags } => any_of(tags, &order.tags),
            Condition::Country { countries } => countries.iter().any(|c| same(c, &order.country)),
        }
    }
}

/// Whole days from `from` to `now` (a day and a half is one); negative if `from` is ahead.
pub(super) fn whole_days(from: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - from).num_days()
}
