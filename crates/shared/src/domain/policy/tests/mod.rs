//! The policy engine's tests, a file per part: conditions, effects and rule order, fees,
//! the shipped rules, sentences and validation.

mod conditions;
mod describe;
mod effects;
mod fees;
mod properties;
mod shipped;
mod validation;

use super::*;
use crate::domain::{Currency, Money};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

pub(super) fn cur(code: &str) -> Currency {
    Currency::parse(code).unwrap()
}

pub(super) fn eur(minor: i64) -> Money {
    Money::new(minor, cur("EUR"))
}

pub(super) fn placed() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

pub(super) const CHANGED_MIND: ReasonFacts = ReasonFacts {
    id: Uuid::from_u128(1),
    defective: false,
};
pub(super) const BROKEN: ReasonFacts = ReasonFacts {
    id: Uuid::from_u128(2),
    defective: true,
};

/// A €50 coat tagged `outerwear`, bought for "changed mind".
pub(super) fn coat() -> ItemFacts {
    ItemFacts {
        sku: "COAT-1".into(),
        tags: vec!["Outerwear".into()],
        unit_price: eur(5_000),
        returnable: true,
        reason: Some(CHANGED_MIND),
    }
}

/// A €120 order placed at `placed()`, fulfilled a day later, delivered three days later.
pub(super) fn order() -> OrderFacts {
    OrderFacts {
        total: eur(12_000),
        placed_at: placed(),
        fulfilled_at: Some(placed() + Duration::days(1)),
        delivered_at: Some(placed() + Duration::days(3)),
        email: "Ada@Example.com".into(),
        country: "FR".into(),
        tags: vec!["vip".into()],
        shopper: ShopperHistory::default(),
    }
}

/// A rule with one condition that lets returns happen for 30 days from delivery.
pub(super) fn window_if(condition: Condition) -> Vec<PolicyRule> {
    vec![PolicyRule::new(
        "r",
        vec![condition],
        Effect::Window {
            basis: DateBasis::Delivery,
            days: 30,
        },
    )]
}

/// Whether `condition` holds for `item` and `order`, ten days after the order.
pub(super) fn holds(condition: Condition, item: &ItemFacts, order: &OrderFacts) -> bool {
    let now = placed() + Duration::days(10);
    evaluate_item(&window_if(condition), item, order, now).allowed
}
