//! What a shop's rules must be before they are saved; each broken rule names its field path
//! (`rules[2].effect.fee.cap`) as the other settings do, so the dashboard shows it in place.

use super::{Condition, Effect, FeeCharge, PolicyRule};
use crate::domain::{Currency, Money, RuleError};
use crate::limits;

/// The most rules a shop keeps.
pub const RULES_MAX: usize = 200;
/// The longest window (and the most extra days): ten years.
pub const WINDOW_DAYS_MAX: u32 = 3650;
/// 100%.
pub const FEE_BASIS_POINTS_MAX: u32 = 10_000;
/// The longest rule id.
pub const RULE_ID_MAX: usize = 64;

fn broken(field: String, code: &'static str, message: impl Into<String>) -> RuleError {
    RuleError {
        field,
        code,
        message: message.into(),
    }
}

/// Every broken rule of `rules` for a shop whose amounts are in `currency` (empty when they
/// may be saved).
pub fn validate_rules(rules: &[PolicyRule], currency: Currency) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if rules.len() > RULES_MAX {
        errors.push(broken(
            "rules".into(),
            "too_many",
            format!("keep at most {RULES_MAX} rules"),
        ));
    }
    for (i, rule) in rules.iter().enumerate() {
        let at = |field: &str| format!("rules[{i}].{field}");
        let id = rule.id.trim();
        if id.is_empty() || id.chars().count() > RULE_ID_MAX || id != rule.id {
            errors.push(broken(
                at("id"),
                "length",
                "use 1 to 64 characters, without spaces around",
            ));
        } else if rules[..i].iter().any(|r| r.id == rule.id) {
            errors.push(broken(at("id"), "duplicate", "each rule needs its own id"));
        }
        for (j, condition) in rule.conditions.iter().enumerate() {
            check_condition(condition, &at(&format!("conditions[{j}]")), &mut errors);
        }
        check_effect(&rule.effect, &at("effect"), currency, &mut errors);
    }
    errors
}

fn days_in_range(days: u32, min: u32, field: String, errors: &mut Vec<RuleError>) {
    if !(min..=WINDOW_DAYS_MAX).contains(&days) {
        errors.push(broken(
            field,
            "range",
            format!("use {min} to {WINDOW_DAYS_MAX} days"),
        ));
    }
}

fn values(values: &[String], field: String, errors: &mut Vec<RuleError>) {
    if values.is_empty() {
        errors.push(broken(field, "required", "give at least one value"));
    } else if let Some(j) = values.iter().position(|v| {
        let v = v.trim();
        v.is_empty() || v.chars().count() as u64 > limits::RULE_VALUE
    }) {
        errors.push(broken(
            format!("{field}[{j}]"),
            "length",
            "use 1 to 64 characters",
        ));
    }
}

fn not_negative(amount: Money, field: String, errors: &mut Vec<RuleError>) {
    if amount.minor() < 0 {
        errors.push(broken(field, "range", "use an amount of zero or more"));
    }
}

fn check_condition(condition: &Condition, at: &str, errors: &mut Vec<RuleError>) {
    let field = |name: &str| format!("{at}.{name}");
    match condition {
        Condition::ProductTag { tags } | Condition::OrderTag { tags } => {
            values(tags, field("tags"), errors);
        }
        Condition::Sku { skus } => values(skus, field("skus"), errors),
        Condition::ShopperEmail { emails } => values(emails, field("emails"), errors),
        Condition::EmailDomain { domains } => values(domains, field("domains"), errors),
        Condition::Country { countries } => {
            values(countries, field("countries"), errors);
            if let Some(j) = countries
                .iter()
                .position(|c| crate::domain::validate_country(c).is_err())
            {
                errors.push(broken(
                    format!("{at}.countries[{j}]"),
                    "country",
                    "use a two-letter country code such as CA or FR",
                ));
            }
        }
        Condition::Reason { reason_ids } if reason_ids.is_empty() => {
            errors.push(broken(
                field("reason_ids"),
                "required",
                "choose at least one reason",
            ));
        }
        Condition::ItemPrice { amount, .. } | Condition::OrderTotal { amount, .. } => {
            not_negative(*amount, field("amount"), errors);
        }
        Condition::DaysSince { days, .. } => days_in_range(*days, 0, field("days"), errors),
        Condition::ShopperReturns { within_days, .. } => {
            days_in_range(*within_days, 1, field("within_days"), errors);
        }
        Condition::ReturnRate { basis_points, .. } if *basis_points > FEE_BASIS_POINTS_MAX => {
            errors.push(broken(
                field("basis_points"),
                "range",
                "use 0 to 10000 basis points (0% to 100%)",
            ));
        }
        Condition::Reason { .. }
        | Condition::ReasonDefective { .. }
        | Condition::ReturnRate { .. } => {}
    }
}

fn check_effect(effect: &Effect, at: &str, currency: Currency, errors: &mut Vec<RuleError>) {
    let field = |name: &str| format!("{at}.{name}");
    let shop_money = |amount: Money, field: String, errors: &mut Vec<RuleError>| {
        if amount.currency() != currency {
            errors.push(broken(
                field,
                "currency",
                format!("use the shop's currency, {currency}"),
            ));
        } else {
            not_negative(amount, field, errors);
        }
    };
    match effect {
        Effect::Window { days, .. } | Effect::ExtraDays { days } => {
            days_in_range(*days, 1, field("days"), errors);
        }
        Effect::Resolutions { allowed } if allowed.is_empty() => {
            errors.push(broken(
                field("allowed"),
                "required",
                "keep at least one resolution",
            ));
        }
        Effect::Methods { allowed } if allowed.is_empty() => {
            errors.push(broken(
                field("allowed"),
                "required",
                "keep at least one return method",
            ));
        }
        Effect::Fee { fee } => {
            match fee.charge {
                FeeCharge::Flat { amount } => {
                    shop_money(amount, field("fee.charge.amount"), errors);
                }
                FeeCharge::PercentOfValue { basis_points }
                | FeeCharge::PercentOfLabel { basis_points } => {
                    if basis_points > FEE_BASIS_POINTS_MAX {
                        errors.push(broken(
                            field("fee.charge.basis_points"),
                            "range",
                            "use 0 to 10000 basis points (0% to 100%)",
                        ));
                    }
                }
            }
            if let Some(cap) = fee.cap {
                shop_money(cap, field("fee.cap"), errors);
            }
        }
        Effect::Resolutions { .. }
        | Effect::Methods { .. }
        | Effect::FinalSale
        | Effect::Approval { .. }
        | Effect::KeepItem { .. } => {}
    }
}
