//! WooCommerce's webhook payloads (the REST API's order, v3) mapped onto Rebound's order
//! upsert: pure functions, no I/O. Only the fields Rebound reads are declared.

use super::mapping::{
    ShopEvent, Unmappable, amount_minor, clipped, currency, first_text, full_name, merge_same_sku,
    read_payload,
};
use chrono::{DateTime, NaiveDateTime, Utc};
use rebound_shared::api::orders::{Address, OrderItemInput, UpsertOrder};
use rebound_shared::domain::Currency;
use rebound_shared::limits;
use serde::Deserialize;

/// The `X-WC-Webhook-Topic` values Rebound acts on; any other is answered 200 and ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WooCommerceTopic {
    OrderCreated,
    OrderUpdated,
    ProductCreated,
    ProductUpdated,
}

impl WooCommerceTopic {
    pub fn parse(raw: &str) -> Option<WooCommerceTopic> {
        Some(match raw.trim() {
            "order.created" => WooCommerceTopic::OrderCreated,
            "order.updated" => WooCommerceTopic::OrderUpdated,
            "product.created" => WooCommerceTopic::ProductCreated,
            "product.updated" => WooCommerceTopic::ProductUpdated,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooOrder {
    pub id: u64,
    /// What the shop calls the order (a plugin may set its own sequence).
    pub number: Option<String>,
    pub status: Option<String>,
    pub currency: Option<String>,
    /// UTC without an offset: `2017-03-22T19:28:02`.
    pub date_created_gmt: Option<String>,
    pub billing: Option<WooAddress>,
    pub shipping: Option<WooAddress>,
    #[serde(default)]
    pub line_items: Vec<WooLineItem>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooAddress {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postcode: Option<String>,
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooLineItem {
    pub id: u64,
    pub name: Option<String>,
    pub product_id: Option<u64>,
    pub variation_id: Option<u64>,
    pub quantity: i64,
    pub sku: Option<String>,
    /// Before discounts, for the whole line, as a decimal string: `6.00`.
    pub subtotal: Option<String>,
    /// The unit price as a JSON number (WooCommerce writes it from a float).
    pub price: Option<serde_json::Number>,
}

/// A delivery's body as the order to write.
pub fn map(topic: WooCommerceTopic, body: &[u8]) -> Result<ShopEvent, Unmappable> {
    match topic {
        WooCommerceTopic::OrderCreated | WooCommerceTopic::OrderUpdated => {
            map_order(read_payload(body)?)
        }
        WooCommerceTopic::ProductCreated | WooCommerceTopic::ProductUpdated => {
            let product: super::products::WooProduct = read_payload(body)?;
            let product_ref = product.id.to_string();
            Ok(ShopEvent::Products {
                variants: super::products::woo_product(product)
                    .map_err(|e| e.about(Some(product_ref.clone())))?,
                product_ref,
            })
        }
    }
}

/// An order. A cancelled (or failed) one keeps its items, none of them returnable.
pub fn map_order(order: WooOrder) -> Result<ShopEvent, Unmappable> {
    let number = first_text([order.number.as_deref()])
        .map(str::to_owned)
        .unwrap_or_else(|| order.id.to_string());
    let input = upsert_input(&order).map_err(|e| e.about(Some(number.clone())))?;
    Ok(ShopEvent::Order {
        external_id: order.id.to_string(),
        number,
        order: Box::new(input),
    })
}

fn upsert_input(order: &WooOrder) -> Result<UpsertOrder, Unmappable> {
    let billing = order.billing.as_ref();
    let email = first_text([billing.and_then(|b| b.email.as_deref())])
        .ok_or_else(|| Unmappable::new("email", "the order has no billing email"))?;
    let currency = currency(order.currency.as_deref())?;
    let placed_at = placed_at(order.date_created_gmt.as_deref())?;
    // Virtual products have no shipping address: the billing one is where the shopper is.
    let address_of = order
        .shipping
        .as_ref()
        .filter(|s| first_text([s.address_1.as_deref()]).is_some())
        .or(billing)
        .ok_or_else(|| Unmappable::new("shipping_address", "the order has no address"))?;
    let customer_name = full_name(
        address_of.first_name.as_deref(),
        address_of.last_name.as_deref(),
    )
    .or_else(|| billing.and_then(|b| full_name(b.first_name.as_deref(), b.last_name.as_deref())))
    .ok_or_else(|| Unmappable::new("customer_name", "the order has no customer name"))?;
    let cancelled = order
        .status
        .as_deref()
        .is_some_and(|s| matches!(s, "cancelled" | "failed"));
    let mut items = Vec::with_capacity(order.line_items.len());
    for (at, line) in order.line_items.iter().enumerate() {
        let Ok(quantity) = i32::try_from(line.quantity) else {
            return Err(Unmappable::new(
                &format!("items[{at}].quantity"),
                format!("{} is not a quantity", line.quantity),
            ));
        };
        if quantity <= 0 {
            continue;
        }
        items.push(OrderItemInput {
            sku: sku_of(line),
            title: clipped(line.name.as_deref(), limits::ITEM_TITLE)
                .unwrap_or_else(|| format!("WooCommerce item {}", line.id)),
            variant: None,
            quantity,
            unit_price_minor: unit_price(line, quantity, currency, at)?,
            image_url: None,
            returnable: !cancelled,
            parent_sku: None,
            tags: Vec::new(),
        });
    }
    if items.is_empty() {
        return Err(Unmappable::new("items", "the order has no items"));
    }
    let phone = first_text([
        order.shipping.as_ref().and_then(|s| s.phone.as_deref()),
        billing.and_then(|b| b.phone.as_deref()),
    ]);
    Ok(UpsertOrder {
        customer_name: clipped(Some(customer_name.as_str()), limits::CUSTOMER_NAME)
            .unwrap_or_default(),
        email: email.to_lowercase(),
        phone: clipped(phone, limits::PHONE),
        shipping_address: address(address_of)?,
        currency: currency.code().to_owned(),
        placed_at,
        items: merge_same_sku(items),
        tags: Vec::new(),
    })
}

fn placed_at(raw: Option<&str>) -> Result<DateTime<Utc>, Unmappable> {
    let raw = first_text([raw])
        .ok_or_else(|| Unmappable::new("placed_at", "the order has no `date_created_gmt`"))?;
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.and_utc())
        .map_err(|_| {
            Unmappable::new(
                "placed_at",
                format!("`date_created_gmt` {raw} is not a time such as 2017-03-22T19:28:02"),
            )
        })
}

/// The product's SKU; one sold without a SKU is named by its variation (or product) so the same
/// product maps to the same item every time.
fn sku_of(line: &WooLineItem) -> String {
    clipped(line.sku.as_deref(), limits::SKU).unwrap_or_else(|| {
        match (
            line.variation_id.filter(|v| *v > 0),
            line.product_id.filter(|p| *p > 0),
        ) {
            (Some(v), _) => format!("wc-variation-{v}"),
            (None, Some(p)) => format!("wc-product-{p}"),
            (None, None) => format!("wc-line-{}", line.id),
        }
    })
}

/// The unit price before discounts: the line's `subtotal` (an exact decimal string) divided by
/// the quantity when it divides; otherwise `price`, which WooCommerce writes from a float, read
/// by its shortest decimal form.
fn unit_price(
    line: &WooLineItem,
    quantity: i32,
    currency: Currency,
    at: usize,
) -> Result<i64, Unmappable> {
    let field = format!("items[{at}].unit_price_minor");
    if let Some(subtotal) = line.subtotal.as_deref() {
        let total = amount_minor(subtotal, currency, &field)?;
        if total % i64::from(quantity) == 0 {
            return Ok(total / i64::from(quantity));
        }
    }
    let price = line
        .price
        .as_ref()
        .ok_or_else(|| Unmappable::new(&field, "a line has no price"))?;
    amount_minor(&price.to_string(), currency, &field)
}

fn address(a: &WooAddress) -> Result<Address, Unmappable> {
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
            Some(need(a.address_1.as_deref(), "line1", "street")?.as_str()),
            limits::ADDRESS_LINE,
        )
        .unwrap_or_default(),
        line2: clipped(a.address_2.as_deref(), limits::ADDRESS_LINE),
        city: clipped(
            Some(need(a.city.as_deref(), "city", "city")?.as_str()),
            limits::CITY,
        )
        .unwrap_or_default(),
        region: clipped(a.state.as_deref(), limits::REGION),
        postal_code: need(a.postcode.as_deref(), "postal_code", "postal code")?,
        country: need(a.country.as_deref(), "country", "country code")?.to_uppercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WooCommerce's documented order (see tests/api/fixtures/README.md).
    const ORDER: &str = include_str!("../../../tests/api/fixtures/woocommerce/order.json");

    fn order_of(body: &str) -> UpsertOrder {
        match map(WooCommerceTopic::OrderCreated, body.as_bytes()).unwrap() {
            ShopEvent::Order { order, .. } => *order,
            other => panic!("not an order: {other:?}"),
        }
    }

    #[test]
    fn the_documented_order_maps_in_full() {
        let ShopEvent::Order {
            external_id,
            number,
            order,
        } = map(WooCommerceTopic::OrderCreated, ORDER.as_bytes()).unwrap()
        else {
            panic!("not an order")
        };
        assert_eq!((external_id.as_str(), number.as_str()), ("727", "727"));
        assert_eq!(order.email, "john.doe@example.com");
        assert_eq!(order.customer_name, "John Doe");
        assert_eq!(order.phone.as_deref(), Some("(555) 555-5555"));
        assert_eq!(order.currency, "USD");
        assert_eq!(order.placed_at.to_rfc3339(), "2017-03-22T19:28:02+00:00");
        let a = &order.shipping_address;
        assert_eq!(
            (
                a.line1.as_str(),
                a.city.as_str(),
                a.postal_code.as_str(),
                a.country.as_str()
            ),
            ("969 Market", "San Francisco", "94103", "US")
        );
        assert_eq!(a.line2, None);
        let items: Vec<(&str, i32, i64, bool)> = order
            .items
            .iter()
            .map(|i| (i.sku.as_str(), i.quantity, i.unit_price_minor, i.returnable))
            .collect();
        // The first product has no SKU in the example: it is named by its product id.
        assert_eq!(
            items,
            [("wc-product-93", 2, 300, true), ("Bar3", 1, 1200, true)]
        );
    }

    #[test]
    fn a_cancelled_order_has_nothing_to_return() {
        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        json["status"] = "cancelled".into();
        assert!(
            order_of(&json.to_string())
                .items
                .iter()
                .all(|i| !i.returnable)
        );
    }

    #[test]
    fn an_order_without_email_or_with_an_unknown_currency_does_not_map() {
        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        json["billing"]["email"] = "".into();
        let e = map(WooCommerceTopic::OrderCreated, json.to_string().as_bytes()).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.order_ref.as_deref()),
            ("email", Some("727"))
        );

        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        json["currency"] = "ABC".into();
        let e = map(WooCommerceTopic::OrderCreated, json.to_string().as_bytes()).unwrap_err();
        assert_eq!(e.field, "currency");
    }

    #[test]
    fn a_price_that_does_not_divide_is_read_from_price() {
        let mut json: serde_json::Value = serde_json::from_str(ORDER).unwrap();
        json["line_items"][1]["quantity"] = 3.into();
        json["line_items"][1]["subtotal"] = "10.00".into();
        json["line_items"][1]["price"] = serde_json::json!(3.33);
        let order = order_of(&json.to_string());
        assert_eq!(order.items[1].unit_price_minor, 333);
    }
}
