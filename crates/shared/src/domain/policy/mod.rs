//! Return policies: a merchant's ordered rules, and the one pure evaluation the portal, the API
//! and the dashboard all apply to say, per item, what may be returned and on what terms.
//!
//! # How rules are read
//! - A rule has conditions and one effect. It **matches** an item when it is enabled and every
//!   condition holds (no conditions: it matches every item). A condition that cannot be known
//!   does not hold: a reason condition before a reason is chosen, an amount in another currency
//!   than the order's (amounts are never converted), days since a delivery that has not
//!   happened.
//! - Each kind of effect (window, final sale, resolutions, methods, approval, fee, keep the item,
//!   extra days) is decided by the **first matching rule of that kind, in rule order**; later
//!   rules of the same kind are not read for that item. So exceptions go first: "VIP tag: 60
//!   days" above "everyone: 30 days". Rules of different kinds combine: a window from one rule
//!   and a fee from another.
//! - An item is **refused** when the shop marked it not returnable, a final-sale rule matches,
//!   no window rule matches, the window's start has not happened (not delivered, not fulfilled)
//!   or the window has closed. The window closes `days` (plus the extra days) after its basis,
//!   inclusive to the second, as the legacy window does.
//! - What no rule decides is left to the shop's settings: resolutions and methods offered,
//!   approval mode. No fee, and no keep-the-item, unless a rule says so.
//!
//! Fees are computed apart ([`return_fee`], [`fee_for_return`]) because they depend on what is
//! returned and how (quantities, the resolution, the label's cost), which the item's verdict
//! does not know.

mod condition;
mod defaults;
mod describe;
mod effect;
mod evaluate;
mod facts;
mod fee;
mod rule;
mod validate;
mod wording;

#[cfg(test)]
mod tests;

pub use condition::{Comparison, Condition, DateBasis};
pub use defaults::{default_rules, rules_from_settings};
pub use describe::{describe_rule, describe_rule_with};
pub use effect::{Approval, Effect, FeeCharge, FeeWaiver, ReturnFee};
pub use evaluate::{
    AppliedFee, AppliedWindow, ItemVerdict, PolicyCode, Why, evaluate_item,
    evaluate_item_any_reason,
};
pub use facts::{ItemFacts, OrderFacts, ReasonFacts, ShopperHistory};
pub use fee::{FeeLine, FeeOutcome, FeePart, FeeQuote, fee_for_return, percent_of, return_fee};
pub use rule::PolicyRule;
pub use validate::{FEE_BASIS_POINTS_MAX, RULE_ID_MAX, RULES_MAX, WINDOW_DAYS_MAX, validate_rules};
