//! What resolving a return came to in money: the ledger analytics sums, written when the money
//! moves so a figure never has to be recomputed from today's prices or settings.

use serde::{Deserialize, Serialize};

/// One line of a return's outcome. Revenue the shop kept is `store_credit` + `exchange`;
/// `refund` left the shop; `fee` is what the shop kept back from the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Money paid back.
    Refund,
    /// Store credit issued (bonus included).
    StoreCredit,
    /// The value of what was sent in exchange.
    Exchange,
    /// The value of a like-for-like replacement sent.
    Replacement,
    /// A return fee kept back.
    Fee,
    /// The cheapest label the shop did not buy because the shopper keeps the items (recorded
    /// at approval). Labels bought are in the labels themselves.
    ShippingSaved,
}

impl OutcomeKind {
    /// Whether this outcome settles the return with money or goods (and so brings its fee).
    pub fn settles(self) -> bool {
        matches!(
            self,
            OutcomeKind::Refund
                | OutcomeKind::StoreCredit
                | OutcomeKind::Exchange
                | OutcomeKind::Replacement
        )
    }

    /// Whether this outcome is revenue the shop kept rather than paid back.
    pub fn is_revenue_kept(self) -> bool {
        matches!(self, OutcomeKind::StoreCredit | OutcomeKind::Exchange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_credit_and_exchanges_count_as_revenue_kept() {
        assert!(OutcomeKind::StoreCredit.is_revenue_kept());
        assert!(OutcomeKind::Exchange.is_revenue_kept());
        assert!(!OutcomeKind::Refund.is_revenue_kept());
        assert!(!OutcomeKind::Replacement.is_revenue_kept());
        assert!(!OutcomeKind::Fee.is_revenue_kept());
        assert!(!OutcomeKind::ShippingSaved.is_revenue_kept());
        assert!(!OutcomeKind::ShippingSaved.settles());
        assert!(!OutcomeKind::Fee.settles());
        assert!(OutcomeKind::Refund.settles());
    }
}
