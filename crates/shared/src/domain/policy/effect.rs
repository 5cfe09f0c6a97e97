//! What a rule decides when it matches.

use super::DateBasis;
use crate::api::settings::{Resolution, ReturnMethod};
use crate::domain::Money;
use serde::{Deserialize, Serialize};

/// How a return is approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    /// Approved at once, label issued.
    Automatic,
    /// Staff review it.
    Manual,
    /// Automatic, unless the shopper is flagged for risk: then staff review it.
    ManualWhenFlagged,
}

/// What a fee is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeeCharge {
    /// A fixed amount, in the shop's currency (not charged on an order in another one).
    Flat { amount: Money },
    /// A share of what the returned units were paid, in basis points (1000 is 10%).
    PercentOfValue { basis_points: u32 },
    /// A share of the return label's cost, in basis points; nothing without a label.
    PercentOfLabel { basis_points: u32 },
}

/// When a fee is not charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeWaiver {
    /// An item comes back with a reason the shop marks defective.
    Defective,
    /// The shopper takes store credit.
    StoreCredit,
    /// The shopper takes a replacement (an exchange).
    Exchange,
}

/// A return fee: never negative, never above what is refunded (see `fee`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnFee {
    pub charge: FeeCharge,
    /// The most the fee comes to, in the shop's currency.
    #[serde(default)]
    pub cap: Option<Money>,
    #[serde(default)]
    pub waived_for: Vec<FeeWaiver>,
}

/// The decision a matching rule makes. One kind per rule; see the module doc for how kinds
/// combine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// Returns may be started until `days` after the basis.
    Window {
        basis: DateBasis,
        days: u32,
    },
    /// Not returnable.
    FinalSale,
    /// Only these resolutions (among those the shop offers).
    Resolutions {
        allowed: Vec<Resolution>,
    },
    /// Only these return methods (among those the shop offers).
    Methods {
        allowed: Vec<ReturnMethod>,
    },
    Approval {
        approval: Approval,
    },
    Fee {
        fee: ReturnFee,
    },
    /// The shopper keeps (or donates) the item: no label, no parcel. With `photos`, the
    /// shopper shows it first: a photo of each kept item is required at submission.
    KeepItem {
        #[serde(default)]
        photos: bool,
    },
    /// Days added to the window (an exception for a VIP tag or a named shopper).
    ExtraDays {
        days: u32,
    },
}

/// The kinds of effect, each decided by its first matching rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EffectKind {
    Window,
    FinalSale,
    Resolutions,
    Methods,
    Approval,
    Fee,
    KeepItem,
    ExtraDays,
}

impl Effect {
    pub(super) fn kind(&self) -> EffectKind {
        match self {
            Effect::Window { .. } => EffectKind::Window,
            Effect::FinalSale => EffectKind::FinalSale,
            Effect::Resolutions { .. } => EffectKind::Resolutions,
            Effect::Methods { .. } => EffectKind::Methods,
            Effect::Approval { .. } => EffectKind::Approval,
            Effect::Fee { .. } => EffectKind::Fee,
            Effect::KeepItem { .. } => EffectKind::KeepItem,
            Effect::ExtraDays { .. } => EffectKind::ExtraDays,
        }
    }
}
