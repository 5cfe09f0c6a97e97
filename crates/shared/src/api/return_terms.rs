//! The shop's terms per item and reason, as the return form reads them before submitting:
//! which reasons bring an item back, which resolutions and methods, the fee and whether the
//! shopper keeps the item; and the fee a choice comes to, worked out as the server works it
//! out at submission (the same `fee_for_return`, on the same lines).

use crate::api::returns::{ReturnItemInput, ReturnOptions, ReturnableItem};
use crate::api::settings::{Resolution, ReturnMethod};
use crate::domain::policy::{AppliedFee, FeeLine, fee_for_return};
use crate::domain::{Currency, Money, NotReturnable, line_paid};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the shop's policy says about one item coming back for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonTerms {
    pub reason_id: Uuid,
    /// Whether the item may come back for this reason.
    pub allowed: bool,
    /// Why not, when not allowed.
    pub why_not: Option<NotReturnable>,
    /// The resolutions offered for this item and reason: the shop's, less what the rules
    /// take away.
    pub resolutions: Vec<Resolution>,
    /// The return methods offered, likewise.
    pub methods: Vec<ReturnMethod>,
    /// The fee rule that applies; what it comes to depends on the whole return
    /// (`ReturnOptions::fee_for`).
    pub fee: Option<AppliedFee>,
    /// The shopper keeps (or donates) the item: nothing to send back.
    pub keep_item: bool,
    /// With `keep_item`: a photo of the item is required first.
    #[serde(default)]
    pub keep_item_photos: bool,
    /// The last moment a return for this reason may be started.
    pub deadline: Option<DateTime<Utc>>,
}

/// What the shop's cheapest label costs for a parcel of up to `up_to_units` items, from the
/// order's address to the shop's return address (items weighed at the server's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelCost {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub up_to_units: u32,
    /// In minor units of the order's currency.
    pub cost_minor: i64,
}

/// How many items a return of `lines` puts in its parcel (one at least: a label is for a
/// parcel, however light).
pub fn parcel_units(lines: &[ReturnItemInput]) -> u32 {
    lines
        .iter()
        .map(|l| u32::try_from(l.quantity.max(0)).unwrap_or(0))
        .fold(0_u32, u32::saturating_add)
        .max(1)
}

/// The cost of a label for `units` items: the first band they fit in; none when there is no
/// price for them (no carrier table for the address, a parcel too heavy, another currency).
pub fn label_cost_for(costs: &[LabelCost], units: u32, currency: Currency) -> Option<Money> {
    costs
        .iter()
        .find(|c| units <= c.up_to_units)
        .map(|c| Money::new(c.cost_minor, currency))
}

impl ReturnableItem {
    /// The terms for `reason`; none when the server sent none (then the shop's offer applies).
    pub fn terms_for(&self, reason: Uuid) -> Option<&ReasonTerms> {
        self.terms.iter().find(|t| t.reason_id == reason)
    }
}

impl ReturnOptions {
    fn terms_of(&self, line: &ReturnItemInput) -> Option<&ReasonTerms> {
        self.items
            .iter()
            .find(|i| i.order_item_id == line.order_item_id)
            .and_then(|i| i.terms_for(line.reason_id))
    }

    /// The resolutions every line allows for its reason, in the shop's order.
    pub fn resolutions_for(&self, lines: &[ReturnItemInput]) -> Vec<Resolution> {
        self.resolutions
            .iter()
            .copied()
            .filter(|r| {
                lines
                    .iter()
                    .all(|l| self.terms_of(l).is_none_or(|t| t.resolutions.contains(r)))
            })
            .collect()
    }

    /// The return methods every line allows for its reason, in the shop's order.
    pub fn methods_for(&self, lines: &[ReturnItemInput]) -> Vec<ReturnMethod> {
        self.methods
            .iter()
            .copied()
            .filter(|m| {
                lines
                    .iter()
                    .all(|l| self.terms_of(l).is_none_or(|t| t.methods.contains(m)))
            })
            .collect()
    }

    /// Whether the shopper keeps every item of `lines` (nothing to send back).
    pub fn keeps_every_item(&self, lines: &[ReturnItemInput]) -> bool {
        !lines.is_empty()
            && lines
                .iter()
                .all(|l| self.terms_of(l).is_some_and(|t| t.keep_item))
    }

    /// The order's currency; an unknown code reads as euros, as the server reads it.
    pub fn money_currency(&self) -> Option<Currency> {
        Currency::parse(&self.currency)
            .or_else(|_| Currency::parse("EUR"))
            .ok()
    }

    /// The lines the shop's policy refuses, with why: an item the order can no longer return,
    /// or a reason the rules refuse for it. What staff set aside with a policy override.
    pub fn refusals(&self, lines: &[ReturnItemInput]) -> Vec<(Uuid, NotReturnable)> {
        lines
            .iter()
            .filter_map(|l| {
                let item = self
                    .items
                    .iter()
                    .find(|i| i.order_item_id == l.order_item_id)?;
                let why = item.why_not.or_else(|| {
                    item.terms_for(l.reason_id)
                        .filter(|t| !t.allowed)
                        .map(|t| t.why_not.unwrap_or(NotReturnable::NotReturnable))
                })?;
                Some((item.order_item_id, why))
            })
            .collect()
    }

    /// What the shop's label for `lines` will cost: none when every item stays with the
    /// shopper (no parcel) or the shop's table has no price for it.
    pub fn label_cost(&self, lines: &[ReturnItemInput]) -> Option<Money> {
        if self.keeps_every_item(lines) {
            return None;
        }
        label_cost_for(
            &self.label_costs,
            parcel_units(lines),
            self.money_currency()?,
        )
    }

    /// What the fee of a return of `lines` settled with `resolution` comes to: the amount the
    /// server stores as the return's `fee_minor`. None when no fee rule applies to any line.
    /// A share of the label's cost is charged on the cheapest label's price for the parcel,
    /// as the server charges it at submission.
    pub fn fee_for(
        &self,
        lines: &[ReturnItemInput],
        resolution: Option<Resolution>,
    ) -> Option<Money> {
        let currency = self.money_currency()?;
        let defective = |reason: Uuid| self.reasons.iter().any(|r| r.id == reason && r.defective);
        let fee_lines: Vec<FeeLine> = lines
            .iter()
            .filter_map(|l| {
                let item = self
                    .items
                    .iter()
                    .find(|i| i.order_item_id == l.order_item_id)?;
                Some(FeeLine {
                    fee: item.terms_for(l.reason_id).and_then(|t| t.fee.clone()),
                    value: Money::new(line_paid(item.unit_price_minor, l.quantity), currency),
                    defective: defective(l.reason_id),
                })
            })
            .collect();
        fee_lines
            .iter()
            .any(|l| l.fee.is_some())
            .then(|| fee_for_return(&fee_lines, currency, self.label_cost(lines), resolution).total)
    }

    /// What `lines` were paid, in minor units of the order's currency.
    pub fn value_of(&self, lines: &[ReturnItemInput]) -> i64 {
        lines
            .iter()
            .filter_map(|l| {
                let item = self
                    .items
                    .iter()
                    .find(|i| i.order_item_id == l.order_item_id)?;
                Some(line_paid(item.unit_price_minor, l.quantity))
            })
            .fold(0, i64::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::portal::PortalReason;
    use crate::domain::policy::{FeeCharge, FeeWaiver, ReturnFee};

    fn reason(n: u128, defective: bool) -> PortalReason {
        PortalReason {
            id: Uuid::from_u128(n),
            label_en: format!("reason {n}"),
            label_fr: format!("raison {n}"),
            defective,
        }
    }

    fn terms(reason: u128, fee: Option<AppliedFee>) -> ReasonTerms {
        ReasonTerms {
            reason_id: Uuid::from_u128(reason),
            allowed: true,
            why_not: None,
            resolutions: vec![Resolution::Refund, Resolution::StoreCredit],
            methods: vec![ReturnMethod::PrepaidLabel],
            fee,
            keep_item: false,
            keep_item_photos: false,
            deadline: None,
        }
    }

    fn flat(minor: i64) -> AppliedFee {
        AppliedFee {
            rule_id: "fee".into(),
            fee: ReturnFee {
                charge: FeeCharge::Flat {
                    amount: Money::new(minor, Currency::parse("CAD").unwrap()),
                },
                cap: None,
                waived_for: vec![FeeWaiver::Defective, FeeWaiver::StoreCredit],
            },
        }
    }

    fn item(n: u128, unit: i64, terms: Vec<ReasonTerms>) -> ReturnableItem {
        ReturnableItem {
            order_item_id: Uuid::from_u128(100 + n),
            sku: format!("S{n}"),
            title: format!("Item {n}"),
            variant: None,
            image_url: None,
            bought: 2,
            unit_price_minor: unit,
            returnable_quantity: 2,
            why_not: None,
            terms,
            exchange_choices: Vec::new(),
        }
    }

    fn options() -> ReturnOptions {
        ReturnOptions {
            items: vec![
                item(
                    1,
                    4900,
                    vec![terms(1, Some(flat(500))), terms(2, Some(flat(500)))],
                ),
                item(2, 300, vec![terms(1, None), terms(2, None)]),
                item(3, 1000, Vec::new()),
            ],
            reasons: vec![reason(1, false), reason(2, true)],
            resolutions: vec![
                Resolution::Refund,
                Resolution::StoreCredit,
                Resolution::Replacement,
            ],
            methods: vec![ReturnMethod::PrepaidLabel, ReturnMethod::QrDropOff],
            window_ends_at: None,
            currency: "CAD".into(),
            closed: None,
            label_costs: vec![
                LabelCost {
                    up_to_units: 1,
                    cost_minor: 1099,
                },
                LabelCost {
                    up_to_units: 4,
                    cost_minor: 1599,
                },
            ],
            exchange: None,
        }
    }

    fn line(item: u128, quantity: i32, reason: u128) -> ReturnItemInput {
        ReturnItemInput {
            order_item_id: Uuid::from_u128(100 + item),
            quantity,
            reason_id: Uuid::from_u128(reason),
            comment: None,
            photo_ids: Vec::new(),
            exchange_sku: None,
        }
    }

    #[test]
    fn the_fee_is_charged_once_on_the_lines_its_rule_covers_and_waived_as_the_rule_says() {
        let o = options();
        let cad = |m| Some(Money::new(m, o.money_currency().unwrap()));
        assert_eq!(
            o.fee_for(&[line(1, 2, 1)], Some(Resolution::Refund)),
            cad(500)
        );
        assert_eq!(
            o.fee_for(&[line(1, 1, 1), line(2, 1, 1)], Some(Resolution::Refund)),
            cad(500)
        );
        assert_eq!(
            o.fee_for(&[line(1, 1, 1)], Some(Resolution::StoreCredit)),
            cad(0)
        );
        assert_eq!(
            o.fee_for(&[line(1, 1, 2)], Some(Resolution::Refund)),
            cad(0)
        );
        // No fee rule on any line: no fee at all, as the server stores none.
        assert_eq!(o.fee_for(&[line(2, 2, 1)], Some(Resolution::Refund)), None);
        assert_eq!(o.value_of(&[line(1, 2, 1), line(2, 1, 1)]), 10_100);
    }

    #[test]
    fn a_share_of_the_label_is_charged_on_the_cheapest_label_for_the_parcel() {
        let mut o = options();
        o.items[0].terms[0].fee = Some(AppliedFee {
            rule_id: "label".into(),
            fee: ReturnFee {
                charge: FeeCharge::PercentOfLabel { basis_points: 5000 },
                cap: None,
                waived_for: Vec::new(),
            },
        });
        let currency = o.money_currency().unwrap();
        let cad = |m| Some(Money::new(m, currency));
        // Half of 10.99 (one unit, the first band), rounded half up; half of 15.99 for two.
        assert_eq!(o.label_cost(&[line(1, 1, 1)]), cad(1099));
        assert_eq!(
            o.fee_for(&[line(1, 1, 1)], Some(Resolution::Refund)),
            cad(550)
        );
        assert_eq!(
            o.fee_for(&[line(1, 2, 1)], Some(Resolution::Refund)),
            cad(800)
        );
        // Too many units for any band: no price, nothing charged on it.
        assert_eq!(
            o.label_cost(&[line(1, 2, 1), line(2, 2, 1), line(3, 1, 1)]),
            None
        );
        // Every item kept: no parcel, no label.
        o.items[0].terms[0].keep_item = true;
        assert_eq!(o.label_cost(&[line(1, 1, 1)]), None);
        assert_eq!(
            o.fee_for(&[line(1, 1, 1)], Some(Resolution::Refund)),
            cad(0)
        );
    }

    #[test]
    fn refusals_name_the_refused_items_and_why() {
        let mut o = options();
        assert!(o.refusals(&[line(1, 1, 1), line(3, 1, 1)]).is_empty());
        o.items[0].terms[1].allowed = false;
        o.items[0].terms[1].why_not = Some(NotReturnable::WindowClosed);
        o.items[2].why_not = Some(NotReturnable::NotDelivered);
        assert_eq!(
            o.refusals(&[line(1, 1, 1), line(1, 1, 2), line(3, 1, 1)]),
            vec![
                (Uuid::from_u128(101), NotReturnable::WindowClosed),
                (Uuid::from_u128(103), NotReturnable::NotDelivered)
            ]
        );
    }

    #[test]
    fn resolutions_and_methods_are_what_every_line_allows() {
        let o = options();
        assert_eq!(
            o.resolutions_for(&[line(1, 1, 1)]),
            vec![Resolution::Refund, Resolution::StoreCredit]
        );
        // An item without terms takes the shop's offer.
        assert_eq!(o.resolutions_for(&[line(3, 1, 1)]), o.resolutions);
        assert_eq!(
            o.methods_for(&[line(1, 1, 1), line(3, 1, 1)]),
            vec![ReturnMethod::PrepaidLabel]
        );
        assert!(!o.keeps_every_item(&[line(1, 1, 1)]));
        let mut kept = o.clone();
        kept.items[0].terms[0].keep_item = true;
        assert!(kept.keeps_every_item(&[line(1, 1, 1)]));
        assert!(!kept.keeps_every_item(&[line(1, 1, 1), line(2, 1, 1)]));
        assert!(!kept.keeps_every_item(&[]));
    }
}
