//! What the loads need from the demo shop: a staff session, and a pool of delivered orders
//! opened in the portal (each shopper submits returns on their own order, as in real use,
//! so no order collects thousands of returns).

use chrono::{Duration, Utc};
use rebound_api::demo;
use serde_json::{Value, json};

pub struct Shop {
    pub base: String,
    pub client: reqwest::Client,
    pub staff_token: String,
    pub returns_settings: Value,
    pub orders: Vec<PortalOrder>,
}

/// An order of the pool: its number and email, the shopper's token, and a three-item
/// return body for it.
pub struct PortalOrder {
    pub number: String,
    pub email: String,
    pub token: String,
    pub return_body: Value,
}

/// Units of each line: enough for every return the loads submit on one order.
const UNITS: i32 = 200;

impl Shop {
    pub async fn open(base: &str, pool: usize) -> Shop {
        let client = reqwest::Client::new();
        let session = send(
            client
                .post(format!("{base}/api/v1/auth/login"))
                .json(&json!({"email": demo::DEMO_EMAIL, "password": demo::DEMO_PASSWORD})),
        )
        .await;
        let staff_token = session["access_token"]
            .as_str()
            .expect("a token")
            .to_owned();
        let settings = send(
            client
                .get(format!("{base}/api/v1/settings"))
                .bearer_auth(&staff_token),
        )
        .await;
        let mut shop = Shop {
            base: base.to_owned(),
            client,
            staff_token,
            returns_settings: settings["returns"].clone(),
            orders: Vec::with_capacity(pool),
        };
        for n in 0..pool {
            let order = shop.delivered_order(&format!("BENCH-{n:05}")).await;
            shop.orders.push(order);
        }
        shop
    }

    async fn delivered_order(&self, number: &str) -> PortalOrder {
        let (base, token) = (&self.base, &self.staff_token);
        let email = format!("shopper-{number}@example.com").to_lowercase();
        let items: Vec<Value> = ["COAT", "SCARF", "GLOVES"]
            .iter()
            .map(|sku| {
                json!({"sku": sku, "title": format!("Bench {sku}"), "variant": "M",
                    "quantity": UNITS, "unit_price_minor": 4900, "image_url": null,
                    "parent_sku": null, "returnable": true})
            })
            .collect();
        send(
            self.client
                .put(format!("{base}/api/v1/orders/{number}"))
                .bearer_auth(token)
                .json(&json!({
                    "customer_name": "Bench Shopper", "email": email, "phone": null,
                    "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
                        "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
                    "currency": "CAD", "placed_at": (Utc::now() - Duration::days(10)).to_rfc3339(),
                    "items": items})),
        )
        .await;
        let tracking = format!("TRK{number}");
        send(
            self.client
                .put(format!("{base}/api/v1/orders/{number}/shipments"))
                .bearer_auth(token)
                .json(&json!({"carrier": "Canada Post", "service": "Regular",
                    "tracking_number": tracking, "estimated_delivery": null})),
        )
        .await;
        send(
            self.client
                .post(format!("{base}/api/v1/shipments/{tracking}/events"))
                .bearer_auth(token)
                .json(
                    &json!({"kind": "delivered", "description": null, "location": null,
                    "occurred_at": (Utc::now() - Duration::days(2)).to_rfc3339()}),
                ),
        )
        .await;
        let slug = demo::DEMO_SLUG;
        let access = send(
            self.client
                .post(format!("{base}/api/v1/portal/{slug}/lookup"))
                .json(&json!({"order": number, "contact": email})),
        )
        .await;
        let shopper = access["access_token"].as_str().expect("a shopper token");
        let order = send(
            self.client
                .get(format!("{base}/api/v1/portal/{slug}/order"))
                .bearer_auth(shopper),
        )
        .await;
        let options = send(
            self.client
                .get(format!("{base}/api/v1/portal/{slug}/order/returns/options"))
                .bearer_auth(shopper),
        )
        .await;
        let reason = options["reasons"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["defective"] == false))
            .expect("a plain reason")["id"]
            .clone();
        let items: Vec<Value> = order["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| json!({"order_item_id": i["id"], "quantity": 1, "reason_id": reason}))
            .collect();
        PortalOrder {
            number: number.to_owned(),
            email,
            token: shopper.to_owned(),
            return_body: json!({"items": items, "resolution": "refund", "method": "prepaid_label"}),
        }
    }
}

async fn send(request: reqwest::RequestBuilder) -> Value {
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    assert!(status.is_success(), "{status}: {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}
