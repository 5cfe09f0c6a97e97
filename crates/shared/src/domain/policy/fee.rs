//! Return fees in minor units: a percentage rounds half up to the minor unit (half a cent, half
//! a yen), a fee is never negative and never above the value it is charged on, and amounts in
//! another currency than the return's are not charged (never converted).

use super::effect::{FeeCharge, FeeWaiver, ReturnFee};
use super::evaluate::AppliedFee;
use crate::api::settings::Resolution;
use crate::domain::{Currency, Money};
use serde::{Deserialize, Serialize};

/// `basis_points` (at most 10 000, that is 100%) of `minor`, rounded half up to the minor unit;
/// a negative amount counts as nothing.
pub fn percent_of(minor: i64, basis_points: u32) -> i64 {
    let minor = i128::from(minor.max(0));
    let bp = i128::from(basis_points.min(10_000));
    // (minor × bp + 5000) / 10 000 rounds half up; i128 holds i64::MAX × 10 000.
    let share = (minor * bp + 5_000) / 10_000;
    i64::try_from(share).unwrap_or(i64::MAX)
}

/// What a fee is computed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeQuote {
    /// What the returned units were paid: the most the fee may take.
    pub returned_value: Money,
    /// What the return label costs the shop, when there is one.
    pub label_cost: Option<Money>,
    /// The resolution the shopper asked for, when known.
    pub resolution: Option<Resolution>,
    /// Every item the fee is charged on comes back for a defect.
    pub defective: bool,
}

fn waived(fee: &ReturnFee, quote: &FeeQuote) -> bool {
    fee.waived_for.iter().any(|w| match w {
        FeeWaiver::Defective => quote.defective,
        FeeWaiver::StoreCredit => quote.resolution == Some(Resolution::StoreCredit),
        FeeWaiver::Exchange => matches!(
            quote.resolution,
            Some(Resolution::Replacement | Resolution::Exchange)
        ),
    })
}

/// The fee `fee` charges on `quote`, in the returned value's currency: 0 when waived, at most
/// the cap, never negative, never above the returned value.
pub fn return_fee(fee: &ReturnFee, quote: &FeeQuote) -> Money {
    let value = quote.returned_value;
    let currency = value.currency();
    let ceiling = value.minor().max(0);
    let same = |m: Money| (m.currency() == currency).then_some(m.minor().max(0));
    if waived(fee, quote) {
        return Money::new(0, currency);
    }
    let raw = match fee.charge {
        FeeCharge::Flat { amount } => same(amount).unwrap_or(0),
        FeeCharge::PercentOfValue { basis_points } => percent_of(ceiling, basis_points),
        FeeCharge::PercentOfLabel { basis_points } => quote
            .label_cost
            .and_then(same)
            .map_or(0, |label| percent_of(label, basis_points)),
    };
    let capped = match fee.cap.and_then(same) {
        Some(cap) => raw.min(cap),
        None => raw,
    };
    Money::new(capped.clamp(0, ceiling), currency)
}

/// One line of a return, for its fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeLine {
    /// The fee the item's verdict carries.
    pub fee: Option<AppliedFee>,
    /// What the returned units of this line were paid.
    pub value: Money,
    pub defective: bool,
}

/// One rule's part of a return's fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeePart {
    pub rule_id: String,
    pub amount: Money,
}

/// A return's fee: the parts by rule and their total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeOutcome {
    pub total: Money,
    pub parts: Vec<FeePart>,
}

/// The fee of a whole return in `currency`. Lines are grouped by the rule that set their fee,
/// and each rule's fee is charged once on the sum of its lines' values: a flat fee per return,
/// not per item. Lines in another currency count for nothing. A defective waiver takes
/// the defective lines out of their group (the group's fee is waived when all are defective).
/// The total never goes above what the whole return is worth, so a refund never turns negative.
pub fn fee_for_return(
    lines: &[FeeLine],
    currency: Currency,
    label_cost: Option<Money>,
    resolution: Option<Resolution>,
) -> FeeOutcome {
    let worth = |l: &FeeLine| {
        if l.value.currency() == currency {
            l.value.minor().max(0)
        } else {
            0
        }
    };
    let mut parts: Vec<FeePart> = Vec::new();
    let mut groups: Vec<&AppliedFee> = Vec::new();
    for fee in lines.iter().filter_map(|l| l.fee.as_ref()) {
        if !groups.iter().any(|g| g.rule_id == fee.rule_id) {
            groups.push(fee);
        }
    }
    for group in groups {
        let members = lines
            .iter()
            .filter(|l| l.fee.as_ref().is_some_and(|f| f.rule_id == group.rule_id));
        let waives_defects = group.fee.waived_for.contains(&FeeWaiver::Defective);
        let (mut value, mut all_defective) = (0_i64, true);
        for line in members {
            all_defective &= line.defective;
            if !(waives_defects && line.defective) {
                value = value.saturating_add(worth(line));
            }
        }
        let amount = return_fee(
            &group.fee,
            &FeeQuote {
                returned_value: Money::new(value, currency),
                label_cost,
                resolution,
                defective: all_defective,
            },
        );
        if amount.minor() > 0 {
            parts.push(FeePart {
                rule_id: group.rule_id.clone(),
                amount,
            });
        }
    }
    let whole: i64 = lines.iter().map(worth).fold(0, i64::saturating_add);
    let total = parts
        .iter()
        .map(|p| p.amount.minor())
        .fold(0, i64::saturating_add)
        .clamp(0, whole);
    FeeOutcome {
        total: Money::new(total, currency),
        parts,
    }
}
