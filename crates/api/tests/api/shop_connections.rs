//! Orders in from Shopify and WooCommerce: connections, signed webhooks with the platforms'
//! own documented payloads (fixtures/shopify, fixtures/woocommerce), replays, unknown topics,
//! payloads that do not map, and tenancy. Signatures are computed here with the `hmac` crate,
//! not with the server's code.

use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app};
use base64::Engine;
use hmac::{Hmac, Mac};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use sha2::Sha256;

const SHOPIFY_ORDER: &str = include_str!("fixtures/shopify/orders_create.json");
const SHOPIFY_FULFILLMENT: &str = include_str!("fixtures/shopify/fulfillments_create.json");
const SHOPIFY_PRODUCT: &str = include_str!("fixtures/shopify/products_update.json");
const WOO_PRODUCT: &str = include_str!("fixtures/woocommerce/product.json");
const WOO_ORDER: &str = include_str!("fixtures/woocommerce/order.json");
const SHOPIFY_SECRET: &str = "b7e1f0c2d9a84e6f9c3a5b1d2e4f6a8c";
const WOO_SECRET: &str = "k(3Jw!pQ[]{}<>~`+=,.;:/?|x";

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The path part of the connection's `webhook_url`.
fn inbound_path(connection: &Value) -> String {
    let url = connection["webhook_url"].as_str().unwrap();
    let at = url.find("/api/v1/inbound/").unwrap();
    url[at..].to_owned()
}

async fn connect_shopify(app: &TestApp, owner: &Account) -> Value {
    let response = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&owner.token),
            &json!({"shop_domain": "maple-co.myshopify.com", "webhook_secret": SHOPIFY_SECRET}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn connect_woocommerce(app: &TestApp, owner: &Account) -> Value {
    let response = app
        .put(
            "/api/v1/integrations/woocommerce",
            Some(&owner.token),
            &json!({"site_url": "https://shop.example", "webhook_secret": WOO_SECRET}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

/// Posts like Shopify does: the raw body, its signature, the topic and the delivery id.
async fn shopify(
    app: &TestApp,
    path: &str,
    topic: &str,
    webhook_id: &str,
    body: &str,
    signature: Option<String>,
) -> Response {
    let mut req = app
        .client
        .post(app.url(path))
        .header("Content-Type", "application/json")
        .header("X-Shopify-Topic", topic)
        .header("X-Shopify-Webhook-Id", webhook_id)
        .header("X-Shopify-Shop-Domain", "maple-co.myshopify.com")
        .body(body.to_owned());
    if let Some(s) = signature {
        req = req.header("X-Shopify-Hmac-Sha256", s);
    }
    req.send().await.unwrap()
}

async fn shopify_signed(
    app: &TestApp,
    path: &str,
    topic: &str,
    webhook_id: &str,
    body: &str,
) -> Response {
    let signature = sign(SHOPIFY_SECRET, body.as_bytes());
    shopify(app, path, topic, webhook_id, body, Some(signature)).await
}

async fn woocommerce_signed(
    app: &TestApp,
    path: &str,
    topic: &str,
    delivery_id: &str,
    body: &str,
) -> Response {
    app.client
        .post(app.url(path))
        .header("Content-Type", "application/json")
        .header("X-WC-Webhook-Topic", topic)
        .header("X-WC-Webhook-Delivery-ID", delivery_id)
        .header("X-WC-Webhook-Source", "https://shop.example/")
        .header("X-WC-Webhook-Signature", sign(WOO_SECRET, body.as_bytes()))
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

async fn order(app: &TestApp, owner: &Account, number: &str) -> Response {
    let encoded = number.replace('#', "%23");
    app.get(&format!("/api/v1/orders/{encoded}"), Some(&owner.token))
        .await
}

async fn order_json(app: &TestApp, owner: &Account, number: &str) -> Value {
    let response = order(app, owner, number).await;
    assert_eq!(response.status(), StatusCode::OK, "order {number}");
    response.json().await.unwrap()
}

fn with(body: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut json: Value = serde_json::from_str(body).unwrap();
    change(&mut json);
    json.to_string()
}

async fn errors(app: &TestApp, owner: &Account, query: &str) -> Value {
    let response = app
        .get(
            &format!("/api/v1/integrations/errors{query}"),
            Some(&owner.token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_connection_shows_the_url_to_paste_and_never_the_secret() {
    let app = spawn_app().await;
    let owner = app.register("conn").await;
    let agent = app.add_staff(&owner, "a@conn.example", "agent").await;
    let manager = app.add_staff(&owner, "m@conn.example", "manager").await;

    let missing = app
        .get("/api/v1/integrations/shopify", Some(&owner.token))
        .await;
    assert_problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    let bad = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&owner.token),
            &json!({"shop_domain": "https://maple-co.com", "webhook_secret": "short"}),
        )
        .await;
    let problem = assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let fields: Vec<String> = field_codes(&problem).into_iter().map(|(f, _)| f).collect();
    assert!(fields.contains(&"shop_domain".to_owned()), "{fields:?}");
    assert!(fields.contains(&"webhook_secret".to_owned()), "{fields:?}");
    let denied = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&agent.token),
            &json!({"shop_domain": "maple-co.myshopify.com"}),
        )
        .await;
    assert_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;

    // A manager connects without a secret first: the URL exists, deliveries are refused.
    let created = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&manager.token),
            &json!({"shop_domain": "maple-co.myshopify.com"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["secret_set"], false);
    assert_eq!(created["platform"], "shopify");
    let path = inbound_path(&created);
    let key = path.rsplit('/').next().unwrap();
    assert!(key.len() >= 32, "an unguessable key: {key}");
    assert!(!path.contains(&owner.merchant_id));
    let refused = shopify_signed(&app, &path, "orders/create", "w-0", SHOPIFY_ORDER).await;
    assert_problem(refused, StatusCode::UNAUTHORIZED, "unauthorized").await;

    let updated = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&owner.token),
            &json!({"shop_domain": "maple-co.myshopify.com", "webhook_secret": SHOPIFY_SECRET}),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    let text = updated.text().await.unwrap();
    assert!(
        !text.contains(SHOPIFY_SECRET),
        "the secret is never shown back"
    );
    let updated: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(updated["secret_set"], true);
    assert_eq!(updated["secret_hint"], "…6a8c");
    assert_eq!(
        inbound_path(&updated),
        path,
        "the URL stays while the connection lives"
    );

    // Leaving the secret out keeps it.
    let kept = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&owner.token),
            &json!({"shop_domain": "maple-co.myshopify.com"}),
        )
        .await;
    let kept: Value = kept.json().await.unwrap();
    assert_eq!(kept["secret_hint"], "…6a8c");
    let taken = shopify_signed(&app, &path, "orders/create", "w-1", SHOPIFY_ORDER).await;
    assert_eq!(taken.status(), StatusCode::OK);

    let shown: Value = app
        .get("/api/v1/integrations/shopify", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["last_event"]["topic"], "orders/create");
    assert_eq!(shown["last_event"]["outcome"], "stored");

    let gone = app
        .client
        .delete(app.url("/api/v1/integrations/shopify"))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    let after = shopify_signed(&app, &path, "orders/create", "w-2", SHOPIFY_ORDER).await;
    assert_problem(after, StatusCode::NOT_FOUND, "not_found").await;
    // The orders it brought stay.
    order_json(&app, &owner, "#9999").await;
}

#[tokio::test]
async fn shopify_orders_and_fulfillments_arrive_from_the_documented_payloads() {
    let app = spawn_app().await;
    let owner = app.register("shopin").await;
    let path = inbound_path(&connect_shopify(&app, &owner).await);

    // Shopify's documented orders/create sample, in full and as published.
    let created = shopify_signed(&app, &path, "orders/create", "w-create", SHOPIFY_ORDER).await;
    assert_eq!(created.status(), StatusCode::OK);
    let receipt: Value = created.json().await.unwrap();
    assert_eq!(
        receipt,
        json!({"outcome": "stored", "order_number": "#9999"})
    );
    let o = order_json(&app, &owner, "#9999").await;
    assert_eq!(o["email"], "jon@example.com");
    assert_eq!(o["customer_name"], "Steve Shipper");
    assert_eq!(o["currency"], "USD");
    assert_eq!(
        o["placed_at"].as_str().unwrap()[..19],
        *"2022-01-01T00:00:00"
    );
    assert_eq!(o["shipping_address"]["line1"], "123 Shipping Street");
    assert_eq!(o["shipping_address"]["postal_code"], "40003");
    assert_eq!(o["shipping_address"]["country"], "US");
    let items: Vec<(String, i64, i64)> = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["sku"].as_str().unwrap().to_owned(),
                i["quantity"].as_i64().unwrap(),
                i["unit_price_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("SKU2006-001".to_owned(), 1, 8999),
            ("LENS-PROTECT-2YR".to_owned(), 1, 1999),
            ("CASE-LEATHER-PREM".to_owned(), 1, 2499),
            ("SKU2006-020".to_owned(), 1, 15999),
            ("SKU2006-035".to_owned(), 1, 11999),
        ]
    );
    // The sample order is a cancelled one (`cancelled_at` is set): nothing to return.
    assert!(
        o["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["returnable"] == false)
    );

    // orders/updated: the same order, re-opened and sent to another address.
    let reopened = with(SHOPIFY_ORDER, |j| {
        j["cancelled_at"] = Value::Null;
        j["shipping_address"]["address1"] = "500 Main Street".into();
        j["shipping_address"]["zip"] = "40202".into();
        j["line_items"][0]["quantity"] = 2.into();
    });
    let updated = shopify_signed(&app, &path, "orders/updated", "w-update", &reopened).await;
    assert_eq!(updated.status(), StatusCode::OK);
    let o = order_json(&app, &owner, "#9999").await;
    assert_eq!(o["shipping_address"]["line1"], "500 Main Street");
    assert_eq!(o["shipping_address"]["postal_code"], "40202");
    assert_eq!(o["items"][0]["quantity"], 2);
    assert!(
        o["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["returnable"] == true)
    );
    assert_eq!(
        o["items"].as_array().unwrap().len(),
        5,
        "still one order, five items"
    );

    // fulfillments/create: Shopify's documented sample names the order by its id.
    let shipped = shopify_signed(
        &app,
        &path,
        "fulfillments/create",
        "w-fulfil",
        SHOPIFY_FULFILLMENT,
    )
    .await;
    assert_eq!(shipped.status(), StatusCode::OK);
    let receipt: Value = shipped.json().await.unwrap();
    assert_eq!(receipt["order_number"], "#9999");
    let o = order_json(&app, &owner, "#9999").await;
    let shipments = o["shipments"].as_array().unwrap();
    assert_eq!(shipments.len(), 1);
    assert_eq!(shipments[0]["carrier"], "UPS");
    assert_eq!(shipments[0]["tracking_number"], "1z827wk74630");
    assert_eq!(o["status"], "in_transit");

    // fulfillments/update: the carrier delivered it.
    let delivered = with(SHOPIFY_FULFILLMENT, |j| {
        j["shipment_status"] = "delivered".into();
        j["updated_at"] = "2022-01-03T10:00:00-05:00".into();
    });
    let update = shopify_signed(&app, &path, "fulfillments/update", "w-deliv", &delivered).await;
    assert_eq!(update.status(), StatusCode::OK);
    let o = order_json(&app, &owner, "#9999").await;
    assert_eq!(o["status"], "delivered");
    assert_eq!(o["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(
        o["delivered_at"].as_str().unwrap()[..19],
        *"2022-01-03T15:00:00"
    );

    // orders/cancelled: the items stay, none returnable.
    let cancelled =
        shopify_signed(&app, &path, "orders/cancelled", "w-cancel", SHOPIFY_ORDER).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let o = order_json(&app, &owner, "#9999").await;
    assert!(
        o["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["returnable"] == false)
    );
}

#[tokio::test]
async fn a_wrong_or_missing_signature_is_401_and_stores_nothing() {
    let app = spawn_app().await;
    let owner = app.register("forged").await;
    let path = inbound_path(&connect_shopify(&app, &owner).await);

    let wrong = sign("not-the-secret", SHOPIFY_ORDER.as_bytes());
    let forged = shopify(
        &app,
        &path,
        "orders/create",
        "w-1",
        SHOPIFY_ORDER,
        Some(wrong),
    )
    .await;
    assert_problem(forged, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // Signed over another body: the signature covers the raw bytes.
    let other = sign(SHOPIFY_SECRET, b"{}");
    let swapped = shopify(
        &app,
        &path,
        "orders/create",
        "w-2",
        SHOPIFY_ORDER,
        Some(other),
    )
    .await;
    assert_problem(swapped, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let unsigned = shopify(&app, &path, "orders/create", "w-3", SHOPIFY_ORDER, None).await;
    assert_problem(unsigned, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let garbage = shopify(
        &app,
        &path,
        "orders/create",
        "w-4",
        "not json",
        Some("%%%".into()),
    )
    .await;
    assert_problem(garbage, StatusCode::UNAUTHORIZED, "unauthorized").await;

    let missing = order(&app, &owner, "#9999").await;
    assert_problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    let shown: Value = app
        .get("/api/v1/integrations/shopify", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["last_event"], Value::Null, "nothing was taken");
    assert_eq!(errors(&app, &owner, "").await["errors"], json!([]));

    // The webhook id of a refused delivery was not taken: the genuine one goes through.
    let genuine = shopify_signed(&app, &path, "orders/create", "w-1", SHOPIFY_ORDER).await;
    assert_eq!(genuine.status(), StatusCode::OK);
    let receipt: Value = genuine.json().await.unwrap();
    assert_eq!(receipt["outcome"], "stored");
}

#[tokio::test]
async fn a_replayed_webhook_id_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.register("replay").await;
    let path = inbound_path(&connect_shopify(&app, &owner).await);

    let first = shopify_signed(&app, &path, "orders/create", "w-same", SHOPIFY_ORDER).await;
    assert_eq!(first.status(), StatusCode::OK);
    let before = order_json(&app, &owner, "#9999").await;

    // Shopify resends the same delivery; even a changed body under that id changes nothing.
    let again = shopify_signed(&app, &path, "orders/create", "w-same", SHOPIFY_ORDER).await;
    assert_eq!(again.status(), StatusCode::OK);
    let receipt: Value = again.json().await.unwrap();
    assert_eq!(receipt["outcome"], "duplicate");
    let changed = with(SHOPIFY_ORDER, |j| {
        j["email"] = "someone.else@example.com".into()
    });
    let replay = shopify_signed(&app, &path, "orders/updated", "w-same", &changed).await;
    assert_eq!(replay.status(), StatusCode::OK);
    let after = order_json(&app, &owner, "#9999").await;
    assert_eq!(after, before);

    let listed: Value = app
        .get("/api/v1/orders", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["orders"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unknown_topic_is_answered_200_and_ignored() {
    let app = spawn_app().await;
    let owner = app.register("topics").await;
    let path = inbound_path(&connect_shopify(&app, &owner).await);

    let ignored = shopify_signed(&app, &path, "customers/update", "w-p", SHOPIFY_ORDER).await;
    assert_eq!(ignored.status(), StatusCode::OK);
    let receipt: Value = ignored.json().await.unwrap();
    assert_eq!(receipt, json!({"outcome": "ignored", "order_number": null}));
    let missing = order(&app, &owner, "#9999").await;
    assert_problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    let shown: Value = app
        .get("/api/v1/integrations/shopify", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["last_event"]["topic"], "customers/update");
    assert_eq!(shown["last_event"]["outcome"], "ignored");
}

#[tokio::test]
async fn a_payload_that_does_not_map_is_422_and_listed_for_the_merchant() {
    let app = spawn_app().await;
    let owner = app.register("unmapped").await;
    let path = inbound_path(&connect_shopify(&app, &owner).await);

    let no_email = with(SHOPIFY_ORDER, |j| {
        j["email"] = Value::Null;
        j["contact_email"] = Value::Null;
        j["customer"]["email"] = Value::Null;
    });
    for _ in 0..2 {
        // Shopify retries a refused delivery under the same id: one row, brought up to date.
        let refused = shopify_signed(&app, &path, "orders/create", "w-mail", &no_email).await;
        let problem = assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(
            field_codes(&problem),
            [("email".to_owned(), "unmappable".to_owned())]
        );
    }
    let odd_currency = with(SHOPIFY_ORDER, |j| j["currency"] = "XYZ".into());
    let refused = shopify_signed(&app, &path, "orders/create", "w-cur", &odd_currency).await;
    assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    // A fulfilment of an order that never arrived.
    let early = shopify_signed(
        &app,
        &path,
        "fulfillments/create",
        "w-early",
        SHOPIFY_FULFILLMENT,
    )
    .await;
    assert_problem(early, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let missing = order(&app, &owner, "#9999").await;
    assert_problem(missing, StatusCode::NOT_FOUND, "not_found").await;

    let page = errors(&app, &owner, "").await;
    let listed = page["errors"].as_array().unwrap();
    let fields: Vec<&str> = listed
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["order", "currency", "email"],
        "newest first, one row per delivery"
    );
    assert_eq!(listed[2]["order_ref"], "#9999");
    assert_eq!(listed[2]["platform"], "shopify");
    assert_eq!(listed[2]["topic"], "orders/create");
    assert_eq!(listed[2]["delivery_id"], "w-mail");
    assert!(listed[1]["detail"].as_str().unwrap().contains("XYZ"));

    let first = errors(&app, &owner, "?limit=2").await;
    assert_eq!(first["errors"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = errors(&app, &owner, &format!("?limit=2&cursor={cursor}")).await;
    assert_eq!(second["errors"].as_array().unwrap().len(), 1);
    assert_eq!(second["errors"][0]["field"], "email");
    assert_eq!(second["next_cursor"], Value::Null);

    let shown: Value = app
        .get("/api/v1/integrations/shopify", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["last_event"]["outcome"], "failed");
}

#[tokio::test]
async fn woocommerce_orders_arrive_and_its_ping_is_answered() {
    let app = spawn_app().await;
    let owner = app.register("woo").await;
    let connection = connect_woocommerce(&app, &owner).await;
    assert_eq!(connection["shop"], "https://shop.example");
    let path = inbound_path(&connection);
    assert!(path.starts_with("/api/v1/inbound/woocommerce/"));

    // WooCommerce pings the URL, unsigned, when the webhook is saved.
    let ping = app
        .client
        .post(app.url(&path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("webhook_id=12")
        .send()
        .await
        .unwrap();
    assert_eq!(ping.status(), StatusCode::OK);
    let unsigned = app
        .client
        .post(app.url(&path))
        .header("X-WC-Webhook-Topic", "order.created")
        .body(WOO_ORDER)
        .send()
        .await
        .unwrap();
    assert_problem(unsigned, StatusCode::UNAUTHORIZED, "unauthorized").await;

    // WooCommerce's documented order, in full.
    let created = woocommerce_signed(&app, &path, "order.created", "101", WOO_ORDER).await;
    assert_eq!(created.status(), StatusCode::OK);
    let o = order_json(&app, &owner, "727").await;
    assert_eq!(o["email"], "john.doe@example.com");
    assert_eq!(o["customer_name"], "John Doe");
    assert_eq!(o["shipping_address"]["city"], "San Francisco");
    assert_eq!(o["shipping_address"]["postal_code"], "94103");
    let items: Vec<(&str, i64, i64)> = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["sku"].as_str().unwrap(),
                i["quantity"].as_i64().unwrap(),
                i["unit_price_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(items, [("wc-product-93", 2, 300), ("Bar3", 1, 1200)]);

    let cancelled = with(WOO_ORDER, |j| j["status"] = "cancelled".into());
    let updated = woocommerce_signed(&app, &path, "order.updated", "102", &cancelled).await;
    assert_eq!(updated.status(), StatusCode::OK);
    let o = order_json(&app, &owner, "727").await;
    assert!(
        o["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["returnable"] == false)
    );

    let replay = woocommerce_signed(&app, &path, "order.updated", "101", WOO_ORDER).await;
    let receipt: Value = replay.json().await.unwrap();
    assert_eq!(receipt["outcome"], "duplicate");
    let o = order_json(&app, &owner, "727").await;
    assert!(
        o["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["returnable"] == false)
    );

    let deleted = woocommerce_signed(&app, &path, "order.deleted", "103", WOO_ORDER).await;
    let receipt: Value = deleted.json().await.unwrap();
    assert_eq!(receipt["outcome"], "ignored");
}

#[tokio::test]
async fn one_merchant_never_reads_or_writes_through_another_merchants_connection() {
    let app = spawn_app().await;
    let a = app.register("tenant-a").await;
    let b = app.register("tenant-b").await;
    let a_path = inbound_path(&connect_shopify(&app, &a).await);

    let b_sees = app
        .get("/api/v1/integrations/shopify", Some(&b.token))
        .await;
    assert_problem(b_sees, StatusCode::NOT_FOUND, "not_found").await;
    let b_deletes = app
        .client
        .delete(app.url("/api/v1/integrations/shopify"))
        .bearer_auth(&b.token)
        .send()
        .await
        .unwrap();
    assert_problem(b_deletes, StatusCode::NOT_FOUND, "not_found").await;

    // B connects its own Shopify with its own secret: A's URL does not take B's signature.
    let b_connection = app
        .put(
            "/api/v1/integrations/shopify",
            Some(&b.token),
            &json!({"shop_domain": "b-shop.myshopify.com", "webhook_secret": "b-secret-b-secret"}),
        )
        .await;
    let b_path = inbound_path(&b_connection.json().await.unwrap());
    assert_ne!(a_path, b_path);
    let b_signed = sign("b-secret-b-secret", SHOPIFY_ORDER.as_bytes());
    let crossed = shopify(
        &app,
        &a_path,
        "orders/create",
        "w-x",
        SHOPIFY_ORDER,
        Some(b_signed),
    )
    .await;
    assert_problem(crossed, StatusCode::UNAUTHORIZED, "unauthorized").await;

    let no_email = with(SHOPIFY_ORDER, |j| {
        j["email"] = Value::Null;
        j["contact_email"] = Value::Null;
        j["customer"]["email"] = Value::Null;
    });
    shopify_signed(&app, &a_path, "orders/create", "w-bad", &no_email).await;
    let ok = shopify_signed(&app, &a_path, "orders/create", "w-ok", SHOPIFY_ORDER).await;
    assert_eq!(ok.status(), StatusCode::OK);

    order_json(&app, &a, "#9999").await;
    let b_order = order(&app, &b, "#9999").await;
    assert_problem(b_order, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(
        errors(&app, &a, "").await["errors"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(errors(&app, &b, "").await["errors"], json!([]));
    // A Shopify fulfilment on B's URL does not find A's order.
    let b_fulfil = sign("b-secret-b-secret", SHOPIFY_FULFILLMENT.as_bytes());
    let stray = shopify(
        &app,
        &b_path,
        "fulfillments/create",
        "w-f",
        SHOPIFY_FULFILLMENT,
        Some(b_fulfil),
    )
    .await;
    assert_problem(stray, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let a_order = order_json(&app, &a, "#9999").await;
    assert_eq!(a_order["shipments"], json!([]));
}

/// The catalogue's variant `sku` of `owner`.
async fn catalogue_variant(app: &TestApp, owner: &Account, sku: &str) -> Option<Value> {
    let page: Value = app
        .get(&format!("/api/v1/catalogue?q={sku}"), Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    page["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == sku)
        .cloned()
}

#[tokio::test]
async fn shopify_products_fill_the_catalogue_in_the_shops_currency() {
    let app = spawn_app().await;
    let owner = app.register("shopcat").await;
    let path = inbound_path(&connect_shopify(&app, &owner).await);
    // Before any order the shop's currency is unknown: the product waits for a retry.
    let early = shopify_signed(&app, &path, "products/update", "p-0", SHOPIFY_PRODUCT).await;
    let problem = assert_problem(early, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        [("currency".to_owned(), "unmappable".to_owned())]
    );

    let order = shopify_signed(&app, &path, "orders/create", "w-1", SHOPIFY_ORDER).await;
    assert_eq!(order.status(), StatusCode::OK);
    let taken = shopify_signed(&app, &path, "products/update", "p-1", SHOPIFY_PRODUCT).await;
    assert_eq!(taken.status(), StatusCode::OK);
    let receipt: Value = taken.json().await.unwrap();
    assert_eq!(receipt["outcome"], "stored");

    let small = catalogue_variant(&app, &owner, "example-shirt-s")
        .await
        .unwrap();
    assert_eq!(small["product"], "example-t-shirt");
    assert_eq!(small["title"], "Example T-Shirt");
    assert_eq!(small["price_minor"], 1999);
    assert_eq!(small["currency"], "USD");
    assert_eq!(
        small["options"],
        json!([{"name": "Title", "value": "Small"}])
    );
    assert_eq!(small["tags"], json!(["mens t-shirt example"]));
    assert!(
        small["image_url"]
            .as_str()
            .unwrap()
            .starts_with("https://cdn.shopify.com/s/assets/shopify_shirt-")
    );
    // Shopify does not count the small one's stock: nothing to promise until the shop says.
    assert_eq!(small["stock_on_hand"], 0);
    let medium = catalogue_variant(&app, &owner, "example-shirt-m")
        .await
        .unwrap();
    assert_eq!(medium["stock_on_hand"], 50);
}

#[tokio::test]
async fn woocommerce_products_with_a_sku_fill_the_catalogue() {
    let app = spawn_app().await;
    let owner = app.register("woocat").await;
    let path = inbound_path(&connect_woocommerce(&app, &owner).await);
    let order = woocommerce_signed(&app, &path, "order.created", "o-1", WOO_ORDER).await;
    assert_eq!(order.status(), StatusCode::OK);
    // The documented product has no SKU: nothing the catalogue can hold, taken and dropped.
    let plain = woocommerce_signed(&app, &path, "product.updated", "p-1", WOO_PRODUCT).await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(plain.json::<Value>().await.unwrap()["outcome"], "ignored");
    let page: Value = app
        .get("/api/v1/catalogue", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["variants"], json!([]));

    let mut with_sku: Value = serde_json::from_str(WOO_PRODUCT).unwrap();
    with_sku["sku"] = json!("PREMIUM-Q");
    with_sku["manage_stock"] = json!(true);
    with_sku["stock_quantity"] = json!(7);
    let body = with_sku.to_string();
    let taken = woocommerce_signed(&app, &path, "product.updated", "p-2", &body).await;
    assert_eq!(taken.status(), StatusCode::OK);
    let v = catalogue_variant(&app, &owner, "PREMIUM-Q").await.unwrap();
    assert_eq!(v["product"], "premium-quality-19");
    assert_eq!(v["price_minor"], 2199);
    assert_eq!(v["stock_on_hand"], 7);
    assert_eq!(
        v["image_url"],
        "https://example.com/wp-content/uploads/2017/03/T_2_front-4.jpg"
    );
}
