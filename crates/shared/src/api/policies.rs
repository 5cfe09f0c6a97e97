//! `/settings/policies`: a shop's return policy rules, read and saved whole, and the "try it"
//! box that evaluates them on a real order.

use crate::domain::NotReturnable;
use crate::domain::policy::{ItemVerdict, PolicyRule};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where the rules in force come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PolicySource {
    /// Rules the shop saved (new shops start with seed 004's two tiers).
    Rules,
    /// No rules saved: the ones the Returns tab implies (its window from delivery and its
    /// non-returnable list), so a shop from before policies keeps its behaviour.
    Settings,
}

/// One rule with its sentence in English and French, for the dashboard's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DescribedRule {
    #[serde(flatten)]
    pub rule: PolicyRule,
    pub sentence_en: String,
    pub sentence_fr: String,
}

/// The rules in force, in the order they are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoliciesView {
    pub source: PolicySource,
    pub rules: Vec<DescribedRule>,
}

/// The rules to save, whole and in order. Each refusal names its field, such as
/// `rules[2].effect.fee.cap`: ids unique (1 to 64 characters), windows and extra days 1 to
/// 3650 days, percentages 0 to 10000 basis points, fee amounts in the shop's currency (its
/// carrier's rate table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdatePolicies {
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub rules: Vec<PolicyRule>,
}

/// An order to try the rules on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TryPolicies {
    pub order_number: String,
}

/// What the rules say about an item for one of the shop's reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonVerdict {
    pub reason_id: Uuid,
    pub label_en: String,
    pub label_fr: String,
    pub defective: bool,
    pub verdict: ItemVerdict,
}

/// One item of the order under the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrialItem {
    pub order_item_id: Uuid,
    pub sku: String,
    pub title: String,
    /// Before a reason is chosen: the most generous of the reasons (what the return form offers).
    pub verdict: ItemVerdict,
    /// The refusal as the return form says it, if any.
    pub why_not: Option<NotReturnable>,
    /// Per active reason, in the shop's order.
    pub by_reason: Vec<ReasonVerdict>,
}

/// The rules in force tried on an order, now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyTrial {
    pub order_number: String,
    pub source: PolicySource,
    pub items: Vec<TrialItem>,
}
