//! The rules a shop starts with: seed 004's two tiers for new shops, and today's single window
//! and non-returnable list, written as rules, for shops that have not written their own.

use super::{Condition, DateBasis, Effect, PolicyRule};
use crate::api::settings::{NonReturnableKind, ReturnsSettings};

/// Days a shopper's own reason (changed mind, wrong size) may be returned: one month.
pub const SHOPPER_REASON_DAYS: u32 = 30;
/// Days a defective item may be returned: six months.
pub const DEFECTIVE_REASON_DAYS: u32 = 180;

/// New shops' rules, as seed 004 words them: a refund "up to one (1) month after purchase"
/// for shopper reasons, and "up to 6 months after the date of purchase" for a product that
/// does not work. Both count from the purchase (the order date).
pub fn default_rules() -> Vec<PolicyRule> {
    vec![
        PolicyRule::new(
            "defective-reasons",
            vec![Condition::ReasonDefective { defective: true }],
            Effect::Window {
                basis: DateBasis::Order,
                days: DEFECTIVE_REASON_DAYS,
            },
        ),
        PolicyRule::new(
            "shopper-reasons",
            vec![Condition::ReasonDefective { defective: false }],
            Effect::Window {
                basis: DateBasis::Order,
                days: SHOPPER_REASON_DAYS,
            },
        ),
    ]
}

/// What a shop's Returns settings already say, as rules: each non-returnable SKU or tag a
/// final-sale rule, then one window for everything from delivery. Resolutions, methods and
/// approval stay with the settings, which the verdict falls back on.
pub fn rules_from_settings(settings: &ReturnsSettings) -> Vec<PolicyRule> {
    let mut rules: Vec<PolicyRule> = settings
        .non_returnable
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let values = vec![entry.value.clone()];
            let condition = match entry.kind {
                NonReturnableKind::Sku => Condition::Sku { skus: values },
                NonReturnableKind::Tag => Condition::ProductTag { tags: values },
            };
            PolicyRule::new(
                format!("non-returnable-{}", i + 1),
                vec![condition],
                Effect::FinalSale,
            )
        })
        .collect();
    rules.push(PolicyRule::new(
        "return-window",
        Vec::new(),
        Effect::Window {
            basis: DateBasis::Delivery,
            days: settings.return_window_days,
        },
    ));
    rules
}
