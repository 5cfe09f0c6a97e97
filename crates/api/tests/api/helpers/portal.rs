//! Orders opened in the shopper's portal and the returns made through them: the setup the
//! returns, return-queue, photo and label tests share.

use super::{Account, TestApp};
use chrono::{Duration, Utc};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

/// An order pushed by the shop, opened in the portal with the shopper's token.
pub struct PortalOrder {
    pub shop: Account,
    pub token: String,
    pub order: Value,
}

impl PortalOrder {
    /// The id of the order's line for `sku`.
    pub fn item(&self, sku: &str) -> String {
        self.order["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["sku"] == sku)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/api/v1/portal/{}/order{rest}", self.shop.slug)
    }
}

/// Pushes `body` as order `number`, ships it and has it scanned delivered
/// `delivered_days_ago` days ago (or leaves it unshipped), then looks it up in the portal
/// with the order's email and opens it.
pub async fn open_in_portal(
    app: &TestApp,
    shop: &Account,
    number: &str,
    body: &Value,
    delivered_days_ago: Option<i64>,
) -> PortalOrder {
    let pushed = app
        .put(&format!("/api/v1/orders/{number}"), Some(&shop.token), body)
        .await;
    assert!(pushed.status().is_success(), "{}", pushed.status());
    if let Some(days) = delivered_days_ago {
        let tracking = format!("TRK{number}");
        let shipped = app
            .put(
                &format!("/api/v1/orders/{number}/shipments"),
                Some(&shop.token),
                &json!({"carrier": "Canada Post", "service": "Regular",
                    "tracking_number": tracking, "estimated_delivery": null}),
            )
            .await;
        assert!(shipped.status().is_success());
        let scanned = app
            .post(
                &format!("/api/v1/shipments/{tracking}/events"),
                Some(&shop.token),
                &json!({"kind": "delivered", "description": null, "location": null,
                    "occurred_at": (Utc::now() - Duration::days(days)).to_rfc3339()}),
            )
            .await;
        assert_eq!(scanned.status(), StatusCode::OK);
    }
    // Returns open once the shop has a return address; most tests are about what follows.
    ensure_return_address(app, shop).await;
    let access: Value = app
        .post(
            &format!("/api/v1/portal/{}/lookup", shop.slug),
            None,
            &json!({"order": number, "contact": body["email"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = access["access_token"].as_str().unwrap().to_owned();
    let order: Value = app
        .get(&format!("/api/v1/portal/{}/order", shop.slug), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    PortalOrder {
        shop: shop.clone(),
        token,
        order,
    }
}

/// An order of Jane Doe's, every line at 49.00, placed 60 days ago.
pub struct OrderSpec<'a> {
    pub number: &'a str,
    /// (sku, quantity, returnable)
    pub items: &'a [(&'a str, i32, bool)],
    pub country: &'a str,
    pub currency: &'a str,
    pub delivered_days_ago: Option<i64>,
}

pub const PLAIN: OrderSpec<'static> = OrderSpec {
    number: "7001",
    items: &[("A", 2, true), ("B", 1, false)],
    country: "CA",
    currency: "CAD",
    delivered_days_ago: Some(1),
};

pub async fn portal_order(app: &TestApp, shop: &Account, spec: &OrderSpec<'_>) -> PortalOrder {
    let items: Vec<Value> = spec
        .items
        .iter()
        .map(|(sku, quantity, returnable)| {
            json!({"sku": sku, "title": format!("Item {sku}"), "variant": "M", "quantity": quantity,
                "unit_price_minor": 4900, "image_url": null, "parent_sku": null, "returnable": returnable})
        })
        .collect();
    let postal = if spec.country == "FR" {
        "75011"
    } else {
        "M5V 2T6"
    };
    let body = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Town", "region": null,
            "postal_code": postal, "country": spec.country},
        "currency": spec.currency, "placed_at": (Utc::now() - Duration::days(60)).to_rfc3339(),
        "items": items
    });
    open_in_portal(app, shop, spec.number, &body, spec.delivered_days_ago).await
}

/// What the portal offers for a return of this order: items left, reasons, resolutions.
pub async fn return_options(app: &TestApp, o: &PortalOrder) -> Value {
    app.get(&o.path("/returns/options"), Some(&o.token))
        .await
        .json()
        .await
        .unwrap()
}

/// The shop's (plain, defective) reason ids, as the portal offers them.
pub async fn return_reasons(app: &TestApp, o: &PortalOrder) -> (String, String) {
    let options = return_options(app, o).await;
    let reasons = options["reasons"].as_array().unwrap();
    let find = |defective: bool| {
        reasons
            .iter()
            .find(|r| r["defective"] == defective)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    (find(false), find(true))
}

pub async fn submit_return(app: &TestApp, o: &PortalOrder, body: &Value) -> Response {
    app.post(&o.path("/returns"), Some(&o.token), body).await
}

/// The order's returns as the shopper sees them.
pub async fn portal_returns(app: &TestApp, o: &PortalOrder) -> Vec<Value> {
    app.get(&o.path("/returns"), Some(&o.token))
        .await
        .json::<Vec<Value>>()
        .await
        .unwrap()
}

/// Saves the shop's returns settings as they are, changed by `change`.
pub async fn put_returns_settings(
    app: &TestApp,
    shop: &Account,
    change: impl FnOnce(&mut Value),
) -> Response {
    let mut returns: Value = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json::<Value>()
        .await
        .unwrap()["returns"]
        .clone();
    change(&mut returns);
    app.put("/api/v1/settings/returns", Some(&shop.token), &returns)
        .await
}

/// The shop's default return address, in Montréal: labels can be bought from then on.
pub async fn add_return_address(app: &TestApp, shop: &Account) {
    let response = app
        .post(
            "/api/v1/settings/return-addresses",
            Some(&shop.token),
            &json!({"name": "Returns centre", "line1": "500 Maple Street", "line2": null,
                "city": "Montréal", "region": "QC", "postal_code": "H2X 3A1", "country": "CA",
                "is_default": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

/// Adds the Montréal return address unless the shop already has one.
pub async fn ensure_return_address(app: &TestApp, shop: &Account) {
    let config: Value = app
        .get(&format!("/api/v1/portal/{}", shop.slug), None)
        .await
        .json()
        .await
        .unwrap();
    if config["returns"]["closed"] == "no_return_address" {
        add_return_address(app, shop).await;
    }
}
