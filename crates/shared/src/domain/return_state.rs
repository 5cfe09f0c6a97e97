//! The return state machine, written once: the API applies it, the dashboard shows its buttons
//! from `allowed_actions`, the portal shows where a return stands.

use serde::{Deserialize, Serialize};

/// Where a return stands. A label is a fact on the return (it may be issued, then reissued),
/// not a state: an approved return with a label is still approved until the parcel moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ReturnStatus {
    /// Waiting for staff to approve or reject (manual approval, withdrawals).
    PendingReview,
    /// A defective item: no label; customer service gets in touch first.
    NeedsContact,
    /// Accepted; the shopper may send the parcel once a label is issued.
    Approved,
    /// Refused by staff, with a reason.
    Rejected,
    /// The carrier has the parcel.
    InTransit,
    /// The shop has the parcel.
    Received,
    /// Checked; the resolution can be carried out.
    Inspected,
    /// Refunded, credited or replaced: the return is closed.
    Resolved,
    /// Withdrawn by the shopper or closed by staff before anything was sent.
    Cancelled,
}

/// What someone can do to a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnAction {
    Approve,
    Reject,
    /// Issue (or reissue) the return label; from a defective case it also approves.
    IssueLabel,
    /// The carrier scanned the parcel.
    MarkInTransit,
    MarkReceived,
    Inspect,
    Refund,
    StoreCredit,
    Replace,
    Cancel,
}

/// A refused transition: `action` is not possible while the return is `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionError {
    pub from: ReturnStatus,
    pub action: ReturnAction,
}

impl std::fmt::Display for TransitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a return that is {} cannot be {}",
            self.from.as_str().replace('_', " "),
            self.action.past_tense()
        )
    }
}

impl std::error::Error for TransitionError {}

impl ReturnStatus {
    pub const ALL: [ReturnStatus; 9] = [
        ReturnStatus::PendingReview,
        ReturnStatus::NeedsContact,
        ReturnStatus::Approved,
        ReturnStatus::Rejected,
        ReturnStatus::InTransit,
        ReturnStatus::Received,
        ReturnStatus::Inspected,
        ReturnStatus::Resolved,
        ReturnStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReturnStatus::PendingReview => "pending_review",
            ReturnStatus::NeedsContact => "needs_contact",
            ReturnStatus::Approved => "approved",
            ReturnStatus::Rejected => "rejected",
            ReturnStatus::InTransit => "in_transit",
            ReturnStatus::Received => "received",
            ReturnStatus::Inspected => "inspected",
            ReturnStatus::Resolved => "resolved",
            ReturnStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<ReturnStatus> {
        ReturnStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Nothing more can happen to it.
    pub fn is_final(self) -> bool {
        allowed_actions(self).is_empty()
    }

    /// Whether the shopper may still cancel it from the portal: nothing has been sent yet (no
    /// carrier scan, nothing received) and nobody has decided against it.
    pub fn shopper_may_cancel(self) -> bool {
        matches!(
            self,
            ReturnStatus::PendingReview | ReturnStatus::NeedsContact | ReturnStatus::Approved
        )
    }

    /// Whether its items still count as returned: a rejected or cancelled return gives the
    /// quantity back to the shopper.
    pub fn holds_items(self) -> bool {
        !matches!(self, ReturnStatus::Rejected | ReturnStatus::Cancelled)
    }
}

impl ReturnAction {
    pub const ALL: [ReturnAction; 10] = [
        ReturnAction::Approve,
        ReturnAction::Reject,
        ReturnAction::IssueLabel,
        ReturnAction::MarkInTransit,
        ReturnAction::MarkReceived,
        ReturnAction::Inspect,
        ReturnAction::Refund,
        ReturnAction::StoreCredit,
        ReturnAction::Replace,
        ReturnAction::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReturnAction::Approve => "approve",
            ReturnAction::Reject => "reject",
            ReturnAction::IssueLabel => "issue_label",
            ReturnAction::MarkInTransit => "mark_in_transit",
            ReturnAction::MarkReceived => "mark_received",
            ReturnAction::Inspect => "inspect",
            ReturnAction::Refund => "refund",
            ReturnAction::StoreCredit => "store_credit",
            ReturnAction::Replace => "replace",
            ReturnAction::Cancel => "cancel",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            ReturnAction::Approve => "approved",
            ReturnAction::Reject => "rejected",
            ReturnAction::IssueLabel => "given a label",
            ReturnAction::MarkInTransit => "marked in transit",
            ReturnAction::MarkReceived => "marked received",
            ReturnAction::Inspect => "inspected",
            ReturnAction::Refund => "refunded",
            ReturnAction::StoreCredit => "settled with store credit",
            ReturnAction::Replace => "replaced",
            ReturnAction::Cancel => "cancelled",
        }
    }
}

/// The status after `action`, or why it is refused. The one table of the return journey.
pub fn next(status: ReturnStatus, action: ReturnAction) -> Result<ReturnStatus, TransitionError> {
    use ReturnAction as A;
    use ReturnStatus as S;
    let to = match (status, action) {
        (S::PendingReview, A::Approve) => S::Approved,
        (S::PendingReview, A::Reject) => S::Rejected,
        (S::PendingReview, A::Cancel) => S::Cancelled,
        // Customer service settles a defective case: send it back with a label, refuse it, or
        // resolve it at once and let the shopper keep the item.
        (S::NeedsContact, A::Approve | A::IssueLabel) => S::Approved,
        (S::NeedsContact, A::Reject) => S::Rejected,
        (S::NeedsContact, A::Refund | A::StoreCredit | A::Replace) => S::Resolved,
        (S::NeedsContact, A::Cancel) => S::Cancelled,
        (S::Approved, A::IssueLabel) => S::Approved,
        (S::Approved, A::MarkInTransit) => S::InTransit,
        // Some parcels arrive with no scan at all (dropped off at the shop).
        (S::Approved, A::MarkReceived) => S::Received,
        (S::Approved, A::Cancel) => S::Cancelled,
        (S::InTransit, A::MarkReceived) => S::Received,
        (S::Received, A::Inspect) => S::Inspected,
        (S::Inspected, A::Refund | A::StoreCredit | A::Replace) => S::Resolved,
        // The inspection found the item not acceptable (used, not the item sold).
        (S::Inspected, A::Reject) => S::Rejected,
        _ => {
            return Err(TransitionError {
                from: status,
                action,
            });
        }
    };
    Ok(to)
}

/// Every action `next` accepts from `status`, in `ReturnAction::ALL` order.
pub fn allowed_actions(status: ReturnStatus) -> Vec<ReturnAction> {
    allowed_actions_in(Journey::Parcel, status)
}

/// How a return's items come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Journey {
    /// In a parcel, with a label: the journey `next` describes.
    #[default]
    Parcel,
    /// Not at all: a policy let the shopper keep (or donate) the items. Nothing is shipped,
    /// received or inspected, so once approved the resolution can be carried out at once.
    KeepItem,
}

impl Journey {
    pub fn of(keep_item: bool) -> Journey {
        if keep_item {
            Journey::KeepItem
        } else {
            Journey::Parcel
        }
    }
}

/// `next` for a return on `journey`.
pub fn next_in(
    journey: Journey,
    status: ReturnStatus,
    action: ReturnAction,
) -> Result<ReturnStatus, TransitionError> {
    use ReturnAction as A;
    use ReturnStatus as S;
    if journey == Journey::KeepItem {
        match (status, action) {
            (_, A::IssueLabel | A::MarkInTransit | A::MarkReceived | A::Inspect) => {
                return Err(TransitionError {
                    from: status,
                    action,
                });
            }
            (S::Approved, A::Refund | A::StoreCredit | A::Replace) => return Ok(S::Resolved),
            _ => {}
        }
    }
    next(status, action)
}

/// Every action `next_in(journey, ..)` accepts from `status`, in `ReturnAction::ALL` order.
pub fn allowed_actions_in(journey: Journey, status: ReturnStatus) -> Vec<ReturnAction> {
    ReturnAction::ALL
        .into_iter()
        .filter(|a| next_in(journey, status, *a).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReturnAction as A;
    use ReturnStatus as S;

    /// The whole machine, spelled out: every pair not listed here must be refused.
    const ALLOWED: &[(ReturnStatus, ReturnAction, ReturnStatus)] = &[
        (S::PendingReview, A::Approve, S::Approved),
        (S::PendingReview, A::Reject, S::Rejected),
        (S::PendingReview, A::Cancel, S::Cancelled),
        (S::NeedsContact, A::Approve, S::Approved),
        (S::NeedsContact, A::IssueLabel, S::Approved),
        (S::NeedsContact, A::Reject, S::Rejected),
        (S::NeedsContact, A::Refund, S::Resolved),
        (S::NeedsContact, A::StoreCredit, S::Resolved),
        (S::NeedsContact, A::Replace, S::Resolved),
        (S::NeedsContact, A::Cancel, S::Cancelled),
        (S::Approved, A::IssueLabel, S::Approved),
        (S::Approved, A::MarkInTransit, S::InTransit),
        (S::Approved, A::MarkReceived, S::Received),
        (S::Approved, A::Cancel, S::Cancelled),
        (S::InTransit, A::MarkReceived, S::Received),
        (S::Received, A::Inspect, S::Inspected),
        (S::Inspected, A::Refund, S::Resolved),
        (S::Inspected, A::StoreCredit, S::Resolved),
        (S::Inspected, A::Replace, S::Resolved),
        (S::Inspected, A::Reject, S::Rejected),
    ];

    #[test]
    fn every_pair_is_allowed_or_refused_as_the_table_says() {
        let mut refused = 0;
        for status in ReturnStatus::ALL {
            for action in ReturnAction::ALL {
                let expected = ALLOWED
                    .iter()
                    .find(|(s, a, _)| *s == status && *a == action)
                    .map(|(_, _, to)| *to);
                match (next(status, action), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{status:?} + {action:?}"),
                    (Err(e), None) => {
                        assert_eq!((e.from, e.action), (status, action));
                        refused += 1;
                    }
                    (got, want) => panic!("{status:?} + {action:?}: got {got:?}, want {want:?}"),
                }
            }
        }
        assert_eq!(refused + ALLOWED.len(), 9 * 10);
    }

    #[test]
    fn allowed_actions_lists_what_next_accepts() {
        assert_eq!(
            allowed_actions(S::PendingReview),
            vec![A::Approve, A::Reject, A::Cancel]
        );
        assert_eq!(allowed_actions(S::Received), vec![A::Inspect]);
        for status in ReturnStatus::ALL {
            let listed = allowed_actions(status);
            let from_table: Vec<ReturnAction> = ALLOWED
                .iter()
                .filter(|(s, _, _)| *s == status)
                .map(|(_, a, _)| *a)
                .collect();
            assert_eq!(listed.len(), from_table.len(), "{status:?}");
            assert!(listed.iter().all(|a| from_table.contains(a)), "{status:?}");
        }
    }

    #[test]
    fn a_kept_item_skips_the_parcel_and_resolves_once_approved() {
        let keep = |s, a| next_in(Journey::KeepItem, s, a);
        assert_eq!(keep(S::PendingReview, A::Approve), Ok(S::Approved));
        assert_eq!(
            allowed_actions_in(Journey::KeepItem, S::Approved),
            vec![A::Refund, A::StoreCredit, A::Replace, A::Cancel]
        );
        for parcel_step in [A::IssueLabel, A::MarkInTransit, A::MarkReceived, A::Inspect] {
            for status in ReturnStatus::ALL {
                assert!(
                    keep(status, parcel_step).is_err(),
                    "{status:?} {parcel_step:?}"
                );
            }
        }
        // Everything else is the parcel journey's answer.
        for status in ReturnStatus::ALL {
            for action in [A::Approve, A::Reject, A::Cancel] {
                assert_eq!(keep(status, action), next(status, action));
            }
        }
        assert_eq!(
            next_in(Journey::Parcel, S::Approved, A::Refund),
            next(S::Approved, A::Refund)
        );
        assert!(next(S::Approved, A::Refund).is_err());
    }

    #[test]
    fn a_shopper_cancels_only_what_staff_could_cancel_before_the_parcel_moves() {
        for status in ReturnStatus::ALL {
            if status.shopper_may_cancel() {
                assert_eq!(next(status, A::Cancel), Ok(S::Cancelled), "{status:?}");
            }
        }
        assert!(!S::InTransit.shopper_may_cancel() && !S::Received.shopper_may_cancel());
        assert!(S::Approved.shopper_may_cancel() && S::PendingReview.shopper_may_cancel());
    }

    #[test]
    fn final_states_and_held_quantities() {
        let finals: Vec<ReturnStatus> = ReturnStatus::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .collect();
        assert_eq!(finals, vec![S::Rejected, S::Resolved, S::Cancelled]);
        assert!(!S::Rejected.holds_items() && !S::Cancelled.holds_items());
        assert!(S::Resolved.holds_items() && S::PendingReview.holds_items());
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in ReturnStatus::ALL {
            assert_eq!(ReturnStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).ok(),
                Some(serde_json::Value::String(s.as_str().into()))
            );
        }
        for a in ReturnAction::ALL {
            assert_eq!(
                serde_json::to_value(a).ok(),
                Some(serde_json::Value::String(a.as_str().into()))
            );
        }
        let refused = next(S::Resolved, A::Refund).err().map(|e| e.to_string());
        assert_eq!(
            refused.as_deref(),
            Some("a return that is resolved cannot be refunded")
        );
    }
}
