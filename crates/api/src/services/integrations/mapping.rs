//! What a platform's delivery asks of Rebound, in the terms of the existing order and shipment
//! upserts, and the small rules both platforms' mappings share (amounts, clipped texts, SKUs).

use chrono::{DateTime, Utc};
use rebound_shared::api::orders::{UpsertOrder, UpsertShipment};
use rebound_shared::domain::{Currency, Money, TrackingEventKind};

/// A delivery, mapped.
#[derive(Debug, Clone, PartialEq)]
pub enum ShopEvent {
    /// Create or update the order `number` (the platform's id is kept to find it again).
    Order {
        external_id: String,
        number: String,
        /// Boxed: an order is far larger than the shipments variant.
        order: Box<UpsertOrder>,
    },
    /// Shipments on the order the platform knows as `external_order_id`, and where the parcel
    /// is when the platform says.
    Shipments {
        external_order_id: String,
        shipments: Vec<UpsertShipment>,
        scan: Option<Scan>,
    },
    /// Catalogue variants of the product the platform knows as `product_ref`.
    Products {
        product_ref: String,
        variants: Vec<super::products::PlatformVariant>,
    },
}

/// A carrier status the platform reported for a shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    pub kind: TrackingEventKind,
    pub occurred_at: DateTime<Utc>,
}

/// Why a payload does not map onto an order: the field in Rebound's order terms and a sentence
/// the merchant can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmappable {
    pub field: String,
    pub detail: String,
    /// The platform's order number or id, when the payload had one.
    pub order_ref: Option<String>,
}

impl Unmappable {
    pub fn new(field: &str, detail: impl Into<String>) -> Self {
        Unmappable {
            field: field.to_owned(),
            detail: detail.into(),
            order_ref: None,
        }
    }

    pub fn about(mut self, order_ref: Option<String>) -> Self {
        if self.order_ref.is_none() {
            self.order_ref = order_ref;
        }
        self
    }
}

/// A JSON body read into a platform's payload type, or why not (naming the payload's field).
pub fn read_payload<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Unmappable> {
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Unmappable::new(
            "payload",
            format!("the payload could not be read at `{path}`: {}", e.inner()),
        )
    })
}

/// The shop's currency, known to ISO 4217.
pub fn currency(raw: Option<&str>) -> Result<Currency, Unmappable> {
    let raw = raw
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Unmappable::new("currency", "the order has no currency"))?;
    Currency::parse(raw)
        .map_err(|_| Unmappable::new("currency", format!("{raw} is not a currency Rebound knows")))
}

/// A platform's decimal amount in minor units of the order's currency.
pub fn amount_minor(raw: &str, currency: Currency, field: &str) -> Result<i64, Unmappable> {
    Money::parse_decimal(raw, currency)
        .map(Money::minor)
        .map_err(|e| {
            let why = e.message.map(|m| m.to_string()).unwrap_or_default();
            Unmappable::new(
                field,
                format!("{raw} is not an amount in {currency}: {why}"),
            )
        })
}

/// Text trimmed and cut to `max` characters (a long product title must not lose an order);
/// `None` when nothing is left.
pub fn clipped(raw: Option<&str>, max: u64) -> Option<String> {
    let t = raw?.trim();
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    (!t.is_empty()).then(|| t.chars().take(max).collect())
}

/// The first of `candidates` that holds text.
pub fn first_text<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<&'a str> {
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
}

/// A name from its parts, when any.
pub fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let name = [first, last]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// Lines of one SKU merged (platforms may split one product over lines; an order holds each
/// SKU once): quantities add up, the first line's price and title stay.
pub fn merge_same_sku(
    items: Vec<rebound_shared::api::orders::OrderItemInput>,
) -> Vec<rebound_shared::api::orders::OrderItemInput> {
    let mut out: Vec<rebound_shared::api::orders::OrderItemInput> = Vec::new();
    for item in items {
        match out.iter_mut().find(|i| i.sku == item.sku) {
            Some(seen) => seen.quantity = seen.quantity.saturating_add(item.quantity),
            None => out.push(item),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_shared::api::orders::OrderItemInput;

    fn item(sku: &str, quantity: i32) -> OrderItemInput {
        OrderItemInput {
            sku: sku.into(),
            title: sku.into(),
            variant: None,
            quantity,
            unit_price_minor: 100,
            image_url: None,
            returnable: true,
            parent_sku: None,
            tags: Vec::new(),
        }
    }

    #[test]
    fn lines_of_one_sku_become_one_item() {
        let merged = merge_same_sku(vec![item("A", 1), item("B", 2), item("A", 3)]);
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].sku.as_str(), merged[0].quantity), ("A", 4));
        assert_eq!((merged[1].sku.as_str(), merged[1].quantity), ("B", 2));
    }

    #[test]
    fn texts_are_trimmed_clipped_and_chosen() {
        assert_eq!(clipped(Some("  abcdef "), 3).as_deref(), Some("abc"));
        assert_eq!(clipped(Some("   "), 3), None);
        assert_eq!(first_text([None, Some(" "), Some(" b ")]), Some("b"));
        assert_eq!(full_name(Some("Jo"), Some(" ")).as_deref(), Some("Jo"));
        assert_eq!(full_name(None, None), None);
    }

    #[test]
    fn unknown_currencies_and_bad_amounts_name_their_field() {
        assert_eq!(currency(Some("XXQ")).unwrap_err().field, "currency");
        assert_eq!(currency(None).unwrap_err().field, "currency");
        let usd = currency(Some("USD")).unwrap();
        assert_eq!(amount_minor("19.99", usd, "items").unwrap(), 1999);
        assert_eq!(
            amount_minor("19.999", usd, "items").unwrap_err().field,
            "items"
        );
    }
}
