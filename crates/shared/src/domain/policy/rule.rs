//! One policy rule: when it applies (its conditions) and what it decides (its effect).

use super::{Condition, Effect};
use serde::{Deserialize, Serialize};

/// A merchant's rule. Rules are kept in the merchant's order, which is the order they are read
/// in (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyRule {
    /// Chosen by whoever writes the rule (the dashboard, an integration): unique among the
    /// shop's rules, 1 to 64 characters; verdicts name the rule that decided by it.
    pub id: String,
    /// A disabled rule is kept but never matches.
    pub enabled: bool,
    /// Every one must hold; none means every item.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    pub effect: Effect,
}

impl PolicyRule {
    /// An enabled rule.
    pub fn new(id: impl Into<String>, conditions: Vec<Condition>, effect: Effect) -> Self {
        PolicyRule {
            id: id.into(),
            enabled: true,
            conditions,
            effect,
        }
    }
}
