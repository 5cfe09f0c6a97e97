//! Shopify's webhook payloads mapped onto Rebound's order and shipment upserts: pure functions,
//! no I/O. Only the fields Rebound reads are declared; Shopify's many others are ignored.

use super::mapping::{
    Scan, ShopEvent, Unmappable, amount_minor, clipped, currency, first_text, full_name,
    merge_same_sku, read_payload,
};
use chrono::{DateTime, FixedOffset, Utc};
use rebound_shared::api::orders::{Address, OrderItemInput, UpsertOrder, UpsertShipment};
use rebound_shared::domain::TrackingEventKind;
use rebound_shared::limits;
use serde::Deserialize;

/// The `X-Shopify-Topic` values Rebound acts on; any other is answered 200 and ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopifyTopic {
    OrdersCreate,
    OrdersUpdated,
    OrdersCancelled,
    FulfillmentsCreate,
    FulfillmentsUpdate,
    ProductsCreate,
    ProductsUpdate,
}

impl ShopifyTopic {
    pub fn parse(raw: &str) -> Option<ShopifyTopic> {
        Some(match raw.trim() {
            "orders/create" => ShopifyTopic::OrdersCreate,
            "orders/updated" => ShopifyTopic::OrdersUpdated,
            "orders/cancelled" => ShopifyTopic::OrdersCancelled,
            "fulfillments/create" => ShopifyTopic::FulfillmentsCreate,
            "fulfillments/update" => ShopifyTopic::FulfillmentsUpdate,
            "products/create" => ShopifyTopic::ProductsCreate,
            "products/update" => ShopifyTopic::ProductsUpdate,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyOrder {
    pub id: u64,
    /// What the merchant and the shopper call the order: `#1001`.
    pub name: Option<String>,
    pub order_number: Option<u64>,
    pub email: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    /// The shop's currency, the one `price_set.shop_money` is in.
    pub currency: Option<String>,
    pub created_at: Option<DateTime<FixedOffset>>,
    pub cancelled_at: Option<DateTime<FixedOffset>>,
    pub customer: Option<ShopifyCustomer>,
    pub shipping_address: Option<ShopifyAddress>,
    pub billing_address: Option<ShopifyAddress>,
    #[serde(default)]
    pub line_items: Vec<ShopifyLineItem>,
    /// `"vip, wholesale"`.
    #[serde(default)]
    pub tags: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyCustomer {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyAddress {
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub zip: Option<String>,
    pub country_code: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyLineItem {
    pub id: u64,
    pub sku: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
    pub variant_id: Option<u64>,
    pub variant_title: Option<String>,
    pub quantity: i64,
    pub price: Option<String>,
    pub price_set: Option<ShopifyPriceSet>,
    #[serde(default)]
    pub gift_card: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyPriceSet {
    pub shop_money: ShopifyMoney,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyMoney {
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyFulfillment {
    pub id: u64,
    pub order_id: u64,
    pub status: Option<String>,
    pub service: Option<String>,
    pub tracking_company: Option<String>,
    pub tracking_number: Option<String>,
    #[serde(default)]
    pub tracking_numbers: Vec<String>,
    pub shipment_status: Option<String>,
    pub updated_at: Option<DateTime<FixedOffset>>,
}

/// A delivery's body, for its topic, as an order or shipments to write.
pub fn map(topic: ShopifyTopic, body: &[u8]) -> Result<ShopEvent, Unmappable> {
    match topic {
        ShopifyTopic::OrdersCreate | ShopifyTopic::OrdersUpdated => {
            map_order(read_payload(body)?, false)
        }
        ShopifyTopic::OrdersCancelled => map_order(read_payload(body)?, true),
        ShopifyTopic::FulfillmentsCreate | ShopifyTopic::FulfillmentsUpdate => {
            map_fulfillment(read_payload(body)?)
        }
        ShopifyTopic::ProductsCreate | ShopifyTopic::ProductsUpdate => {
            let product: super::products::ShopifyProduct = read_payload(body)?;
            let product_ref = product.id.to_string();
            Ok(ShopEvent::Products {
                variants: super::products::shopify_product(product)
                    .map_err(|e| e.about(Some(product_ref.clone())))?,
                product_ref,
            })
        }
    }
}

/// An order. A cancelled one (by its topic or its `cancelled_at`) keeps its items, none of
/// them returnable: nothing was kept to send back.
pub fn map_order(order: ShopifyOrder, cancelled_topic: bool) -> Result<ShopEvent, Unmappable> {
    let number = first_text([order.name.as_deref()])
        .map(str::to_owned)
        .or_else(|| order.order_number.map(|n| n.to_string()))
        .unwrap_or_else(|| order.id.to_string());
    let order_ref = Some(number.clone());
    let input = upsert_input(&order, cancelled_topic).map_err(|e| e.about(order_ref))?;
    Ok(ShopEvent::Order {
        external_id: order.id.to_string(),
        number,
        order: Box::new(input),
    })
}

fn upsert_input(order: &ShopifyOrder, cancelled_topic: bool) -> Result<UpsertOrder, Unmappable> {
    let customer = order.customer.as_ref();
    let email = first_text([
        order.email.as_deref(),
        order.contact_email.as_deref(),
        customer.and_then(|c| c.email.as_deref()),
    ])
    .ok_or_else(|| Unmappable::new("email", "the order has no customer email"))?;
    let currency = currency(order.currency.as_deref())?;
    let placed_at = order
        .created_at
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Unmappable::new("placed_at", "the order has no `created_at`"))?;
    let shipping = order
        .shipping_address
        .as_ref()
        .or(order.billing_address.as_ref())
        .ok_or_else(|| Unmappable::new("shipping_address", "the order has no address"))?;
    let customer_name = first_text([shipping.name.as_deref()])
        .map(str::to_owned)
        .or_else(|| {
            full_name(
                shipping.first_name.as_deref(),
                shipping.last_name.as_deref(),
            )
        })
        .or_else(|| {
            customer.and_then(|c| full_name(c.first_name.as_deref(), c.last_name.as_deref()))
        })
        .ok_or_else(|| Unmappable::new("customer_name", "the order has no customer name"))?;
    let cancelled = cancelled_topic || order.cancelled_at.is_some();
    let mut items = Vec::with_capacity(order.line_items.len());
    for (at, line) in order.line_items.iter().enumerate() {
        // A line edited down to nothing is no longer part of the order.
        let Ok(quantity) = i32::try_from(line.quantity) else {
            return Err(Unmappable::new(
                &format!("items[{at}].quantity"),
                format!("{} is not a quantity", line.quantity),
            ));
        };
        if quantity <= 0 {
            continue;
        }
        let price = line
            .price_set
            .as_ref()
            .map(|p| p.shop_money.amount.as_str())
            .or(line.price.as_deref())
            .ok_or_else(|| {
                Unmappable::new(
                    &format!("items[{at}].unit_price_minor"),
                    "a line has no price",
                )
            })?;
        items.push(OrderItemInput {
            sku: sku_of(line),
            title: clipped(
                first_text([line.title.as_deref(), line.name.as_deref()]),
                limits::ITEM_TITLE,
            )
            .unwrap_or_else(|| format!("Shopify item {}", line.id)),
            variant: clipped(line.variant_title.as_deref(), limits::VARIANT),
            quantity,
            unit_price_minor: amount_minor(
                price,
                currency,
                &format!("items[{at}].unit_price_minor"),
            )?,
            image_url: None,
            // Gift cards are money, not goods: never sent back.
            returnable: !cancelled && !line.gift_card,
            parent_sku: None,
            tags: Vec::new(),
        });
    }
    if items.is_empty() {
        return Err(Unmappable::new("items", "the order has no items"));
    }
    Ok(UpsertOrder {
        customer_name: clipped(Some(customer_name.as_str()), limits::CUSTOMER_NAME)
            .unwrap_or_default(),
        email: email.to_lowercase(),
        phone: clipped(
            first_text([order.phone.as_deref(), shipping.phone.as_deref()]),
            limits::PHONE,
        ),
        shipping_address: address(shipping)?,
        currency: currency.code().to_owned(),
        placed_at,
        items: merge_same_sku(items),
        // Shopify sends an order's tags as one comma-separated text; more or longer ones than
        // Rebound keeps are cut rather than the order refused.
        tags: order
            .tags
            .as_deref()
            .map(|t| {
                rebound_shared::api::orders::normalised_tags(
                    &t.split(',').map(str::to_owned).collect::<Vec<_>>(),
                )
                .into_iter()
                .take(limits::TAGS as usize)
                .map(|t| t.chars().take(limits::TAG as usize).collect())
                .collect()
            })
            .unwrap_or_default(),
    })
}

/// The variant's SKU; a product sold without one is still an item, named by its variant (or
/// line) so the same product maps to the same item every time.
fn sku_of(line: &ShopifyLineItem) -> String {
    clipped(line.sku.as_deref(), limits::SKU).unwrap_or_else(|| match line.variant_id {
        Some(v) => format!("shopify-variant-{v}"),
        None => format!("shopify-line-{}", line.id),
    })
}

fn address(a: &ShopifyAddress) -> Result<Address, Unmappable> {
    let need = |value: Option<&str>, field: &str, what: &str| {
        first_text([value]).map(str::to_owned).ok_or_else(|| {
            Unmappable::new(
                &format!("shipping_address.{field}"),
                format!("the address has no {what}"),
            )
        })
    };
    Ok(Address {
        line1: clipped(
            Some(need(a.address1.as_deref(), "line1", "street")?.as_str()),
            limits::ADDRESS_LINE,
        )
        .unwrap_or_default(),
        line2: clipped(a.address2.as_deref(), limits::ADDRESS_LINE),
        city: clipped(
            Some(need(a.city.as_deref(), "city", "city")?.as_str()),
            limits::CITY,
        )
        .unwrap_or_default(),
        region: clipped(a.province.as_deref(), limits::REGION),
        postal_code: need(a.zip.as_deref(), "postal_code", "postal code")?,
        country: need(a.country_code.as_deref(), "country", "country code")?.to_uppercase(),
    })
}

/// A fulfilment's tracking numbers as shipments of its order. A cancelled fulfilment, or one
/// without tracking (a local delivery), has no shipment to add.
pub fn map_fulfillment(f: ShopifyFulfillment) -> Result<ShopEvent, Unmappable> {
    let cancelled = f
        .status
        .as_deref()
        .is_some_and(|s| matches!(s, "cancelled" | "error" | "failure"));
    let numbers: Vec<String> = if f.tracking_numbers.is_empty() {
        f.tracking_number.iter().cloned().collect()
    } else {
        f.tracking_numbers.clone()
    };
    let carrier = clipped(f.tracking_company.as_deref(), limits::SHIPMENT_CARRIER)
        .unwrap_or_else(|| "Other".to_owned());
    let service = clipped(f.service.as_deref(), limits::SHIPMENT_CARRIER)
        .unwrap_or_else(|| "Standard".to_owned());
    let mut shipments = Vec::new();
    if !cancelled {
        for number in numbers {
            let number = number.replace(' ', "");
            if number.is_empty()
                || shipments
                    .iter()
                    .any(|s: &UpsertShipment| s.tracking_number == number)
            {
                continue;
            }
            shipments.push(UpsertShipment {
                carrier: carrier.clone(),
                service: service.clone(),
                tracking_number: number,
                estimated_delivery: None,
            });
        }
    }
    let scan = match (
        f.shipment_status.as_deref().and_then(scan_kind),
        f.updated_at,
    ) {
        (Some(kind), Some(at)) if !shipments.is_empty() => Some(Scan {
            kind,
            occurred_at: at.with_timezone(&Utc),
        }),
        _ => None,
    };
    Ok(ShopEvent::Shipments {
        external_order_id: f.order_id.to_string(),
        shipments,
        scan,
    })
}

/// Shopify's `shipment_status` as a tracking event; statuses that say nothing new are `None`.
fn scan_kind(status: &str) -> Option<TrackingEventKind> {
    Some(match status {
        "label_printed" | "label_purchased" | "confirmed" => TrackingEventKind::LabelCreated,
        "in_transit" => TrackingEventKind::InTransit,
        "out_for_delivery" => TrackingEventKind::OutForDelivery,
        "delivered" => TrackingEventKind::Delivered,
        "attempted_delivery" | "failure" => TrackingEventKind::Exception,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shopify's documented `orders/create` sample (see tests/api/fixtures/README.md).
    const ORDER: &str = include_str!("../../../tests/api/fixtures/shopify/orders_create.json");
    const FULFILLMENT: &str =
        include_str!("../../../tests/api/fixtures/shopify/fulfillments_create.json");

    fn order_event(body: &str, topic: ShopifyTopic) -> (String, String, UpsertOrder) {
        match map(topic, body.as_bytes()).unwrap() {
            ShopEvent::Order {
                external_id,
                number,
                order,
            } => (external_id, number, *order),
            other => panic!("not an order: {other:?}"),
        }
    }

    #[test]
    fn the_documented_order_maps_in_full() {
        let (external_id, number, order) = order_event(ORDER, ShopifyTopic::OrdersCreate);
        assert_eq!(external_id, "820982911946154508");
        assert_eq!(number, "#9999");
        assert_eq!(order.email, "jon@example.com");
        assert_eq!(order.customer_name, "Steve Shipper");
        assert_eq!(order.currency, "USD");
        assert_eq!(order.phone.as_deref(), Some("555-555-SHIP"));
        assert_eq!(order.placed_at.to_rfc3339(), "2022-01-01T00:00:00+00:00");
        let a = &order.shipping_address;
        assert_eq!(
            (
                a.line1.as_str(),
                a.city.as_str(),
                a.postal_code.as_str(),
                a.country.as_str()
            ),
            ("123 Shipping Street", "Shippington", "40003", "US")
        );
        assert_eq!(a.region.as_deref(), Some("Kentucky"));
        let items: Vec<(&str, i32, i64)> = order
            .items
            .iter()
            .map(|i| (i.sku.as_str(), i.quantity, i.unit_price_minor))
            .collect();
        assert_eq!(
            items,
            [
                ("SKU2006-001", 1, 8999),
                ("LENS-PROTECT-2YR", 1, 1999),
                ("CASE-LEATHER-PREM", 1, 2499),
                ("SKU2006-020", 1, 15999),
                ("SKU2006-035", 1, 11999),
            ]
        );
        // The documented sample is itself a cancelled order (`cancelled_at` is set).
        assert!(order.items.iter().all(|i| !i.returnable));
    }

    #[test]
    fn an_order_not_cancelled_has_returnable_items_until_its_cancellation() {
        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        json["cancelled_at"] = serde_json::Value::Null;
        let body = json.to_string();
        let (_, _, open) = order_event(&body, ShopifyTopic::OrdersUpdated);
        assert!(open.items.iter().all(|i| i.returnable));
        let (_, _, cancelled) = order_event(&body, ShopifyTopic::OrdersCancelled);
        assert!(cancelled.items.iter().all(|i| !i.returnable));
    }

    #[test]
    fn an_order_without_email_or_with_an_unknown_currency_does_not_map() {
        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        for key in ["email", "contact_email"] {
            json[key] = serde_json::Value::Null;
        }
        json["customer"]["email"] = serde_json::Value::Null;
        let e = map(ShopifyTopic::OrdersCreate, json.to_string().as_bytes()).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.order_ref.as_deref()),
            ("email", Some("#9999"))
        );

        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        json["currency"] = "ZZZ".into();
        let e = map(ShopifyTopic::OrdersCreate, json.to_string().as_bytes()).unwrap_err();
        assert_eq!(e.field, "currency");
    }

    #[test]
    fn a_body_that_is_not_an_order_names_where_it_broke() {
        let e = map(ShopifyTopic::OrdersCreate, br#"{"id": "x"}"#).unwrap_err();
        assert_eq!(e.field, "payload");
        assert!(e.detail.contains("`id`"), "{}", e.detail);
    }

    #[test]
    fn the_documented_fulfillment_is_a_ups_shipment_of_its_order() {
        let ShopEvent::Shipments {
            external_order_id,
            shipments,
            scan,
        } = map(ShopifyTopic::FulfillmentsCreate, FULFILLMENT.as_bytes()).unwrap()
        else {
            panic!("not shipments")
        };
        assert_eq!(external_order_id, "820982911946154508");
        assert_eq!(shipments.len(), 1);
        assert_eq!(shipments[0].carrier, "UPS");
        assert_eq!(shipments[0].tracking_number, "1z827wk74630");
        assert_eq!(scan, None);
    }

    #[test]
    fn a_delivered_fulfillment_carries_its_scan() {
        let mut json: serde_json::Value = serde_json::from_str(FULFILLMENT).unwrap();
        json["shipment_status"] = "delivered".into();
        let ShopEvent::Shipments { scan, .. } = map(
            ShopifyTopic::FulfillmentsUpdate,
            json.to_string().as_bytes(),
        )
        .unwrap() else {
            panic!("not shipments")
        };
        assert_eq!(scan.map(|s| s.kind), Some(TrackingEventKind::Delivered));
    }

    #[test]
    fn topics_rebound_does_not_use_are_none() {
        assert_eq!(
            ShopifyTopic::parse("orders/create"),
            Some(ShopifyTopic::OrdersCreate)
        );
        assert_eq!(
            ShopifyTopic::parse("products/update"),
            Some(ShopifyTopic::ProductsUpdate)
        );
        assert_eq!(ShopifyTopic::parse("customers/update"), None);
    }
}
