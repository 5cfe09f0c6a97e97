//! The price difference of an exchange, computed once for the portal (shown before the
//! shopper submits) and the server (stored, settled): what the new items cost less what the
//! returned ones were paid, plus the return fee the shop's policy charges, all in the order's
//! currency. And the bonus a shop adds to store credit.

use crate::api::exchanges::{
    BonusCredit, BonusKind, CheaperDifference, DearerDifference, ExchangeSettings, Settlement,
};
use crate::domain::line_paid;

/// One returned line and what the shopper wants for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeLine {
    /// What one returned unit was paid.
    pub returned_unit_minor: i64,
    /// What one unit of the wanted variant costs.
    pub wanted_unit_minor: i64,
    pub quantity: i32,
}

/// The difference and how the shop settles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeQuote {
    pub returned_minor: i64,
    pub wanted_minor: i64,
    pub fee_minor: i64,
    /// `wanted - returned + fee`: above 0 the shopper owes it, below 0 the shop does.
    pub difference_minor: i64,
    pub settlement: Settlement,
}

/// The quote for `lines`, with the policy's return fee (none: no fee) and the shop's settings.
pub fn quote_exchange(
    lines: &[ExchangeLine],
    fee_minor: Option<i64>,
    settings: &ExchangeSettings,
) -> ExchangeQuote {
    let returned_minor = lines
        .iter()
        .map(|l| line_paid(l.returned_unit_minor, l.quantity))
        .fold(0_i64, i64::saturating_add);
    let wanted_minor = lines
        .iter()
        .map(|l| line_paid(l.wanted_unit_minor, l.quantity))
        .fold(0_i64, i64::saturating_add);
    let fee_minor = fee_minor.unwrap_or(0).max(0);
    let difference_minor = wanted_minor
        .saturating_sub(returned_minor)
        .saturating_add(fee_minor);
    let settlement = match difference_minor {
        0 => Settlement::Even,
        d if d < 0 => match settings.cheaper {
            CheaperDifference::Refund => Settlement::Refund(-d),
            CheaperDifference::StoreCredit => Settlement::StoreCredit(-d),
        },
        d => match settings.dearer {
            DearerDifference::PaymentLink => Settlement::PaymentDue(d),
            DearerDifference::Refuse => Settlement::Refused(d),
        },
    };
    ExchangeQuote {
        returned_minor,
        wanted_minor,
        fee_minor,
        difference_minor,
        settlement,
    }
}

/// The bonus on `credit_minor` of store credit: a percent (rounded down) or a flat amount,
/// never above the cap; nothing on nothing.
pub fn bonus_for(bonus: Option<&BonusCredit>, credit_minor: i64) -> i64 {
    let Some(b) = bonus else { return 0 };
    if credit_minor <= 0 {
        return 0;
    }
    let raw = match b.kind {
        BonusKind::Percent => {
            (i128::from(credit_minor) * i128::from(b.value.clamp(0, 100)) / 100) as i64
        }
        BonusKind::Flat => b.value.max(0),
    };
    b.cap_minor.map_or(raw, |cap| raw.min(cap.max(0)))
}

/// The shop's payment link with its placeholders filled; `amount` is a decimal (`12.50`).
pub fn fill_payment_link(
    template: &str,
    amount: &str,
    currency: &str,
    return_number: &str,
) -> String {
    template
        .trim()
        .replace("{amount}", amount)
        .replace("{currency}", currency)
        .replace("{return}", return_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(cheaper: CheaperDifference, dearer: DearerDifference) -> ExchangeSettings {
        ExchangeSettings {
            enabled: true,
            cheaper,
            dearer,
            ..Default::default()
        }
    }

    fn line(returned: i64, wanted: i64, quantity: i32) -> ExchangeLine {
        ExchangeLine {
            returned_unit_minor: returned,
            wanted_unit_minor: wanted,
            quantity,
        }
    }

    #[test]
    fn the_same_price_is_even() {
        let s = settings(CheaperDifference::Refund, DearerDifference::Refuse);
        let q = quote_exchange(&[line(2500, 2500, 2)], None, &s);
        assert_eq!((q.returned_minor, q.wanted_minor), (5000, 5000));
        assert_eq!(q.settlement, Settlement::Even);
    }

    #[test]
    fn cheaper_is_refunded_or_credited_as_the_shop_says() {
        let lines = [line(4000, 3000, 1), line(1000, 1000, 3)];
        let q = quote_exchange(
            &lines,
            None,
            &settings(CheaperDifference::Refund, DearerDifference::Refuse),
        );
        assert_eq!(q.difference_minor, -1000);
        assert_eq!(q.settlement, Settlement::Refund(1000));
        let q = quote_exchange(
            &lines,
            None,
            &settings(CheaperDifference::StoreCredit, DearerDifference::Refuse),
        );
        assert_eq!(q.settlement, Settlement::StoreCredit(1000));
    }

    #[test]
    fn dearer_is_due_or_refused_and_quantities_multiply() {
        let lines = [line(2000, 2600, 3)];
        let q = quote_exchange(
            &lines,
            None,
            &settings(CheaperDifference::Refund, DearerDifference::PaymentLink),
        );
        assert_eq!(q.settlement, Settlement::PaymentDue(1800));
        let q = quote_exchange(
            &lines,
            None,
            &settings(CheaperDifference::Refund, DearerDifference::Refuse),
        );
        assert_eq!(q.settlement, Settlement::Refused(1800));
    }

    #[test]
    fn a_return_fee_is_added_to_what_the_shopper_owes() {
        let s = settings(CheaperDifference::Refund, DearerDifference::PaymentLink);
        // Cheaper by 5.00, fee 2.00: 3.00 back.
        let q = quote_exchange(&[line(3000, 2500, 1)], Some(200), &s);
        assert_eq!((q.fee_minor, q.settlement), (200, Settlement::Refund(300)));
        // Same price with a fee: the fee is due.
        let q = quote_exchange(&[line(3000, 3000, 1)], Some(450), &s);
        assert_eq!(q.settlement, Settlement::PaymentDue(450));
        // Cheaper by exactly the fee: even.
        let q = quote_exchange(&[line(3000, 2800, 1)], Some(200), &s);
        assert_eq!(q.settlement, Settlement::Even);
    }

    #[test]
    fn the_bonus_is_a_percent_or_flat_and_capped() {
        let pct = BonusCredit {
            kind: BonusKind::Percent,
            value: 10,
            cap_minor: Some(800),
        };
        assert_eq!(bonus_for(Some(&pct), 5000), 500);
        assert_eq!(bonus_for(Some(&pct), 12_345), 800);
        assert_eq!(bonus_for(Some(&pct), 999), 99);
        let flat = BonusCredit {
            kind: BonusKind::Flat,
            value: 500,
            cap_minor: None,
        };
        assert_eq!(bonus_for(Some(&flat), 100), 500);
        assert_eq!(bonus_for(Some(&flat), 0), 0);
        assert_eq!(bonus_for(None, 5000), 0);
    }

    #[test]
    fn the_payment_link_takes_amount_currency_and_return() {
        assert_eq!(
            fill_payment_link(
                " https://shop.example/pay?a={amount}&c={currency}&r={return} ",
                "12.50",
                "EUR",
                "R-7KQ2M9"
            ),
            "https://shop.example/pay?a=12.50&c=EUR&r=R-7KQ2M9"
        );
    }
}
