//! What a step of a return's history says, stored and sent as a code with parameters and
//! worded where it is read (the portal and the dashboard in the reader's language), so a French
//! shopper never reads an English sentence stored once.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of note on a step of a return's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnEventCode {
    /// A defective item: the shop gets in touch before any label.
    NeedsContact,
    /// Approved by the shop's automatic-approval setting.
    AutoApproved,
    /// An EU withdrawal from the contract, stated online.
    WithdrawalStated,
    LabelIssued,
    /// `reason`: what staff told the shopper, in their own words.
    Rejected,
    InspectedOk,
    /// `count` damaged items; `policy`: `keep` or `discard`.
    InspectedDamaged,
    /// `amount_minor` + `currency` (or, for history written before codes, `amount` as text);
    /// `reason`: a refund reason (`returned_item`, ...).
    Refunded,
    /// `code`, and the amount as for `refunded`.
    StoreCredit,
    /// `tracking`, and the `variant` sent when there is one.
    ReplacementShipped,
    /// The shopper cancelled the return before sending anything; its label was voided.
    CancelledByShopper,
    /// Staff accepted the return although the policy refused it; `reason`: their words.
    PolicyOverridden,
    /// Free text kept as written (`text`): history from before codes that matched none.
    Note,
    /// Held for staff review: the shopper crossed the shop's risk thresholds (`flags`: their
    /// kinds, comma-separated). Staff only: a shopper's view leaves it out.
    RiskReview,
}

impl ReturnEventCode {
    pub const ALL: [ReturnEventCode; 14] = [
        ReturnEventCode::NeedsContact,
        ReturnEventCode::AutoApproved,
        ReturnEventCode::WithdrawalStated,
        ReturnEventCode::LabelIssued,
        ReturnEventCode::Rejected,
        ReturnEventCode::InspectedOk,
        ReturnEventCode::InspectedDamaged,
        ReturnEventCode::Refunded,
        ReturnEventCode::StoreCredit,
        ReturnEventCode::ReplacementShipped,
        ReturnEventCode::CancelledByShopper,
        ReturnEventCode::PolicyOverridden,
        ReturnEventCode::Note,
        ReturnEventCode::RiskReview,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnEventCode::NeedsContact => "needs_contact",
            ReturnEventCode::AutoApproved => "auto_approved",
            ReturnEventCode::WithdrawalStated => "withdrawal_stated",
            ReturnEventCode::LabelIssued => "label_issued",
            ReturnEventCode::Rejected => "rejected",
            ReturnEventCode::InspectedOk => "inspected_ok",
            ReturnEventCode::InspectedDamaged => "inspected_damaged",
            ReturnEventCode::Refunded => "refunded",
            ReturnEventCode::StoreCredit => "store_credit",
            ReturnEventCode::ReplacementShipped => "replacement_shipped",
            ReturnEventCode::CancelledByShopper => "cancelled_by_shopper",
            ReturnEventCode::PolicyOverridden => "policy_overridden",
            ReturnEventCode::Note => "note",
            ReturnEventCode::RiskReview => "risk_review",
        }
    }

    pub fn parse(name: &str) -> Option<ReturnEventCode> {
        ReturnEventCode::ALL
            .into_iter()
            .find(|c| c.as_str() == name)
    }
}

/// A note as stored: its code and the values its wording needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnNote {
    pub code: ReturnEventCode,
    pub params: BTreeMap<String, String>,
}

impl ReturnNote {
    pub fn new(code: ReturnEventCode) -> ReturnNote {
        ReturnNote {
            code,
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> ReturnNote {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// An amount as `amount_minor` and `currency`.
    pub fn with_amount(self, minor: i64, currency: &str) -> ReturnNote {
        self.with("amount_minor", minor).with("currency", currency)
    }
}

/// The amount a note carries: in minor units with its currency, or (history written before
/// codes) the text it was shown as.
pub fn note_amount(
    params: &BTreeMap<String, String>,
    money: impl Fn(i64, &str) -> String,
) -> String {
    let minor = params
        .get("amount_minor")
        .and_then(|m| m.parse::<i64>().ok());
    match (minor, params.get("currency")) {
        (Some(minor), Some(currency)) => money(minor, currency),
        _ => params.get("amount").cloned().unwrap_or_default(),
    }
}

/// The English wording, for integrators reading the API (the apps word it themselves).
pub fn english(
    code: ReturnEventCode,
    params: &BTreeMap<String, String>,
    money: impl Fn(i64, &str) -> String,
) -> String {
    let get = |name: &str| params.get(name).cloned().unwrap_or_default();
    match code {
        ReturnEventCode::NeedsContact => {
            "A defective item: the shop will get in touch before any label.".to_owned()
        }
        ReturnEventCode::AutoApproved => "Approved automatically (shop setting).".to_owned(),
        ReturnEventCode::WithdrawalStated => {
            "Withdrawal from the contract (EU), stated online.".to_owned()
        }
        ReturnEventCode::LabelIssued => "Return label issued.".to_owned(),
        ReturnEventCode::Rejected => get("reason"),
        ReturnEventCode::InspectedOk => "Inspected: every item in good condition.".to_owned(),
        ReturnEventCode::InspectedDamaged => format!(
            "Inspected: {} damaged item(s); damaged-item policy: {}.",
            get("count"),
            get("policy")
        ),
        ReturnEventCode::Refunded => format!(
            "Refunded {} ({}).",
            note_amount(params, money),
            get("reason")
        ),
        ReturnEventCode::StoreCredit => format!(
            "Store credit {} of {}.",
            get("code"),
            note_amount(params, money)
        ),
        ReturnEventCode::ReplacementShipped => match params.get("variant") {
            Some(v) => format!("Replacement ({v}) shipped as {}.", get("tracking")),
            None => format!("Replacement shipped as {}.", get("tracking")),
        },
        ReturnEventCode::CancelledByShopper => {
            "Cancelled by the shopper; the label was voided.".to_owned()
        }
        ReturnEventCode::PolicyOverridden => {
            format!(
                "Accepted by the shop despite its return policy: {}",
                get("reason")
            )
        }
        ReturnEventCode::Note => get("text"),
        ReturnEventCode::RiskReview => format!(
            "Held for review: the shopper crossed the shop's risk thresholds ({}).",
            get("flags")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64, currency: &str) -> String {
        format!("{minor} {currency}")
    }

    #[test]
    fn codes_round_trip_their_names() {
        for code in ReturnEventCode::ALL {
            assert_eq!(ReturnEventCode::parse(code.as_str()), Some(code));
            let wire = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(wire, serde_json::Value::from(code.as_str()));
        }
    }

    #[test]
    fn amounts_come_from_minor_units_or_the_text_stored_before_codes() {
        let new = ReturnNote::new(ReturnEventCode::Refunded)
            .with_amount(11500, "CAD")
            .with("reason", "returned_item");
        assert_eq!(
            english(new.code, &new.params, money),
            "Refunded 11500 CAD (returned_item)."
        );
        let old = ReturnNote::new(ReturnEventCode::Refunded)
            .with("amount", "115.00 CAD")
            .with("reason", "other");
        assert_eq!(
            english(old.code, &old.params, money),
            "Refunded 115.00 CAD (other)."
        );
    }
}
