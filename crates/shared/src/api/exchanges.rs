//! Exchanges: the shop's settings (what may be exchanged, who pays a price difference, instant
//! exchanges, the bonus for store credit), what the portal offers per item, and the exchange as
//! a return shows it.

use crate::api::catalogue::OptionValue;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// Where the rest goes when the new item is cheaper than the one returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheaperDifference {
    Refund,
    StoreCredit,
}

/// What happens when the new item costs more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DearerDifference {
    /// The shopper pays the amount due through the shop's payment link.
    PaymentLink,
    /// The exchange is refused: the shopper picks an item of the same price or less.
    Refuse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BonusKind {
    /// `value` percent of the credit.
    Percent,
    /// `value` minor units of the order's currency.
    Flat,
}

/// What the shop adds when the shopper takes store credit instead of a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BonusCredit {
    pub kind: BonusKind,
    /// A percent (1 to 100) or minor units (at least 1).
    #[validate(range(min = 1, max = 100_000_000, message = "use a positive amount"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100_000_000))]
    pub value: i64,
    /// The most the bonus gives, in minor units of the order's currency; none: no cap.
    #[validate(range(min = 1, max = 100_000_000, message = "use a positive amount"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100_000_000))]
    pub cap_minor: Option<i64>,
}

/// New items sent before the returned ones arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstantExchange {
    pub enabled: bool,
    /// Only for orders worth at most this, in minor units of their currency; none: any.
    #[validate(range(min = 1, message = "use a positive amount"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub max_order_value_minor: Option<i64>,
    /// Not for shoppers the shop's risk thresholds flagged.
    pub not_for_flagged: bool,
    /// Days after the new items shipped from which the dashboard lists an instant exchange
    /// whose returned items have not arrived; 14 in settings saved before it existed.
    #[serde(default = "overdue_default")]
    #[validate(range(min = 1, max = 365, message = "use 1 to 365 days"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365, default = 14))]
    pub overdue_after_days: u32,
}

/// Days an instant exchange waits for the returned items before the dashboard lists it.
pub const OVERDUE_AFTER_DAYS: u32 = 14;

fn overdue_default() -> u32 {
    OVERDUE_AFTER_DAYS
}

impl Default for InstantExchange {
    fn default() -> Self {
        InstantExchange {
            enabled: false,
            max_order_value_minor: None,
            not_for_flagged: false,
            overdue_after_days: OVERDUE_AFTER_DAYS,
        }
    }
}

/// The most overdue instant exchanges one answer lists, oldest first.
pub const OVERDUE_LIST_MAX: u64 = 100;

/// An instant exchange whose new items left before the returned ones arrived, and have been
/// on their way for at least the shop's `overdue_after_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueExchange {
    pub return_id: Uuid,
    /// The return's number, e.g. `R-7KQ2M9`.
    pub number: String,
    /// `approved` (nothing sent back yet) or `in_transit` (the carrier has the parcel).
    pub status: crate::domain::ReturnStatus,
    pub order_number: String,
    pub customer_email: String,
    /// When the new items shipped.
    pub shipped_at: DateTime<Utc>,
    /// Whole days since then.
    pub days_waiting: i64,
}

/// Instant exchanges still waiting for the returned items, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueExchanges {
    /// The shop's setting the list was made with.
    pub after_days: u32,
    /// At most 100.
    pub returns: Vec<OverdueExchange>,
    /// More wait than are listed.
    pub more: bool,
}

/// Placeholders a payment link template may use.
pub const PAYMENT_LINK_PLACEHOLDERS: [&str; 3] = ["{amount}", "{currency}", "{return}"];

/// The exchanges part of the Returns settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[validate(schema(function = "link_when_paid", skip_on_field_errors = true))]
pub struct ExchangeSettings {
    /// Shoppers may ask for another variant instead of their money back.
    pub enabled: bool,
    /// Any product of the catalogue, not only another variant of the same product.
    pub other_products: bool,
    pub cheaper: CheaperDifference,
    pub dearer: DearerDifference,
    /// With `dearer: payment_link`: an http(s) URL of the shop's checkout, with `{amount}`
    /// (a decimal such as `12.50`) and optionally `{currency}` and `{return}` (the return
    /// number).
    #[validate(length(max = 2000, message = "use at most 2000 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 2000,
            example = "https://shop.example/pay?amount={amount}&ref={return}"
        )
    )]
    pub payment_link: Option<String>,
    #[validate(nested)]
    pub instant: InstantExchange,
    /// Added to store credit the shopper picks instead of a refund; none: no bonus.
    #[validate(nested)]
    pub bonus: Option<BonusCredit>,
}

impl Default for ExchangeSettings {
    fn default() -> Self {
        ExchangeSettings {
            enabled: false,
            other_products: false,
            cheaper: CheaperDifference::Refund,
            dearer: DearerDifference::Refuse,
            payment_link: None,
            instant: InstantExchange::default(),
            bonus: None,
        }
    }
}

fn link_when_paid(s: &ExchangeSettings) -> Result<(), ValidationError> {
    let field = |message: &str| {
        let mut e = crate::domain::rule_owned("payment_link", message.to_owned());
        e.add_param("field".into(), &"payment_link");
        Err(e)
    };
    if let Some(b) = s.bonus
        && b.kind == BonusKind::Percent
        && b.value > 100
    {
        let mut e = crate::domain::rule_owned("bonus", "use 1 to 100 percent".into());
        e.add_param("field".into(), &"bonus");
        return Err(e);
    }
    match (s.dearer, s.payment_link.as_deref().map(str::trim)) {
        (DearerDifference::PaymentLink, None | Some("")) => {
            field("give the payment link shoppers pay the difference through")
        }
        (_, Some(link)) if !link.is_empty() => {
            if !link.contains("{amount}") {
                return field("put {amount} where the link takes the amount");
            }
            let filled = crate::domain::exchange::fill_payment_link(link, "1.00", "EUR", "R-1");
            if crate::domain::validate_http_url(&filled).is_err() {
                return field("use a full http(s) URL");
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Where an exchanged unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeState {
    /// Asked for; stock is not held until the return is approved.
    Requested,
    /// Held for the shopper since approval.
    Reserved,
    /// Given back to stock: the return was rejected or cancelled.
    Released,
    /// On its way to the shopper.
    Shipped,
}

/// How a price difference is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "amount_minor", rename_all = "snake_case")]
pub enum Settlement {
    /// Same value: nothing to pay either way.
    Even,
    /// The shop refunds the rest.
    Refund(i64),
    /// The shop gives the rest as store credit.
    StoreCredit(i64),
    /// The shopper pays this through the shop's payment link.
    PaymentDue(i64),
    /// The shop does not take payments for exchanges: this one costs more and is refused.
    Refused(i64),
}

/// How a return's exchange is settled, fixed when the shopper submits it (stored with the
/// return: a later change of the shop's settings does not change what the shopper was shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeTerms {
    pub difference_minor: i64,
    pub settlement: Settlement,
    pub payment_url: Option<String>,
    /// Decided at approval: the new items ship then.
    #[serde(default)]
    pub instant: bool,
}

/// Another variant the portal offers for an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeChoice {
    pub sku: String,
    pub title: String,
    pub options: Vec<OptionValue>,
    /// In the order's currency.
    pub unit_price_minor: i64,
    /// Units that can still be promised; 0: shown greyed as out of stock.
    pub available: i32,
    pub image_url: Option<String>,
}

/// What the portal needs to offer exchanges on an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeOffer {
    pub other_products: bool,
    pub cheaper: CheaperDifference,
    pub dearer: DearerDifference,
    pub bonus: Option<BonusCredit>,
}

/// One exchanged line as a return shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeLineView {
    pub return_item_id: Uuid,
    pub from_sku: String,
    pub sku: String,
    pub title: String,
    pub options: Vec<OptionValue>,
    pub quantity: i32,
    /// The new variant's price when asked for, in the order's currency.
    pub unit_price_minor: i64,
    pub state: ExchangeState,
}

/// The exchange on a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeView {
    pub lines: Vec<ExchangeLineView>,
    /// New items less returned ones plus the return fee, in minor units of the order's
    /// currency: above 0 the shopper owes it, below 0 the shop does.
    pub difference_minor: i64,
    pub settlement: Settlement,
    /// Where the shopper pays what is due, with `PaymentDue`.
    pub payment_url: Option<String>,
    /// Sent when the return was approved, before the parcel came back.
    pub instant: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(s: &ExchangeSettings) -> Vec<String> {
        s.validate()
            .err()
            .map(|e| e.errors().keys().map(|k| k.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_payment_link_is_needed_to_take_payments_and_must_take_the_amount() {
        assert!(fields(&ExchangeSettings::default()).is_empty());
        let mut s = ExchangeSettings {
            enabled: true,
            dearer: DearerDifference::PaymentLink,
            ..Default::default()
        };
        assert_eq!(fields(&s), ["__all__"]);
        s.payment_link = Some("https://shop.example/pay".into());
        assert_eq!(fields(&s), ["__all__"]);
        s.payment_link = Some("https://shop.example/pay?a={amount}&r={return}".into());
        assert!(fields(&s).is_empty());
        s.payment_link = Some("javascript:{amount}".into());
        assert_eq!(fields(&s), ["__all__"]);
    }

    #[test]
    fn a_percent_bonus_stops_at_a_hundred() {
        let s = ExchangeSettings {
            bonus: Some(BonusCredit {
                kind: BonusKind::Percent,
                value: 101,
                cap_minor: None,
            }),
            ..Default::default()
        };
        assert_eq!(fields(&s), ["__all__"]);
    }

    #[test]
    fn settlements_read_as_kind_and_amount() {
        assert_eq!(
            serde_json::to_value(Settlement::Refund(500)).ok(),
            Some(serde_json::json!({"kind": "refund", "amount_minor": 500}))
        );
    }
}
