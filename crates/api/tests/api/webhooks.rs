//! Webhooks out, received by a real HTTP server on loopback that checks every delivery with its
//! own HMAC-SHA256 of the Standard Webhooks scheme (not the sender's code): a return's whole
//! life arrives once per id and in order; a failing receiver gets the same id again; 410
//! disables and an endpoint failing for three days is turned off, the owner mailed once
//! either way; private addresses are refused unless allowed; one shop never sees another's.

use crate::helpers::imports::import;
use crate::helpers::portal::add_return_address;
use crate::helpers::{TestApp, assert_problem, field_codes, spawn_app, spawn_app_with};
use crate::return_queue::{act, id_of, ok, open_order, submit};
use crate::smtp::SmtpServer;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use hmac::{Hmac, Mac};
use rebound_api::db::entities::webhook_endpoint;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(20);

/// One POST as the receiver got it.
#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    pub(crate) id: String,
    timestamp: String,
    signature: String,
    pub(crate) body: String,
}

impl Delivery {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

#[derive(Default)]
struct Inbox {
    got: Mutex<Vec<Delivery>>,
    /// Status codes to answer with, in turn; 200 once they run out.
    script: Mutex<VecDeque<u16>>,
}

pub(crate) struct Receiver {
    pub(crate) url: String,
    inbox: Arc<Inbox>,
}

async fn receive(req: HttpRequest, body: web::Bytes, inbox: web::Data<Inbox>) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    inbox.got.lock().unwrap().push(Delivery {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: String::from_utf8(body.to_vec()).unwrap(),
    });
    let status = inbox.script.lock().unwrap().pop_front().unwrap_or(200);
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
        .body(format!("answered {status}"))
}

pub(crate) async fn receiver(script: &[u16]) -> Receiver {
    let inbox = Arc::new(Inbox::default());
    inbox.script.lock().unwrap().extend(script);
    let data = web::Data::from(inbox.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .default_service(web::to(receive))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    Receiver {
        url: format!("http://127.0.0.1:{port}/hooks"),
        inbox,
    }
}

impl Receiver {
    pub(crate) fn got(&self) -> Vec<Delivery> {
        self.inbox.got.lock().unwrap().clone()
    }

    /// Waits until `count` deliveries arrived (and fails at once on more).
    async fn wait_for(&self, count: usize) -> Vec<Delivery> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let got = self.got();
            assert!(got.len() <= count, "more than {count}: {got:?}");
            if got.len() == count {
                return got;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {} of {count}: {got:?}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The Standard Webhooks check, written from the specification: base64 HMAC-SHA256 of
/// `{id}.{timestamp}.{body}` keyed with the base64-decoded secret after `whsec_`; any one of the
/// space-separated `v1,` signatures may match.
pub(crate) fn verifies(secret: &str, d: &Delivery) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", d.id, d.timestamp, d.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    d.signature.split(' ').any(|s| s == expected)
}

fn fresh(d: &Delivery) -> bool {
    let at: i64 = d.timestamp.parse().unwrap();
    (chrono::Utc::now().timestamp() - at).abs() < 300
}

async fn allowing_private() -> TestApp {
    spawn_app_with(|c| c.webhooks_allow_private = true).await
}

/// With a real SMTP listener, to read what the shop's owner is told.
async fn allowing_private_with_mail() -> (TestApp, SmtpServer) {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| {
        c.webhooks_allow_private = true;
        c.smtp_url = Some(url);
    })
    .await;
    (app, smtp)
}

/// The endpoint's view once Rebound has turned it off (or after `WAIT`, still on).
async fn wait_disabled(app: &TestApp, token: &str, endpoint: &str) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let view = ok(app
            .get(
                &format!("/api/v1/webhooks/endpoints/{endpoint}"),
                Some(token),
            )
            .await)
        .await;
        if view["enabled"] == false || tokio::time::Instant::now() > deadline {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Exactly one mail reached the owner: it names the endpoint and says why, and links the
/// Developers page; a moment later there is still only one.
async fn owner_was_told_once(smtp: &SmtpServer, owner: &str, url: &str, why: &str) {
    let got = smtp.wait_for(1, WAIT).await;
    assert_eq!(got[0].to, [owner.to_owned()]);
    let mail = got[0].parsed();
    assert!(
        mail.subject().unwrap_or_default().contains("turned off"),
        "{:?}",
        mail.subject()
    );
    let text = mail.body_text(0).unwrap_or_default().into_owned();
    assert!(text.contains(url), "{text}");
    assert!(text.contains(why), "{text}");
    assert!(text.contains("/dashboard/developers"), "{text}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        smtp.messages().len(),
        1,
        "the owner was told more than once"
    );
}

pub(crate) async fn add_endpoint(
    app: &TestApp,
    token: &str,
    url: &str,
    events: Value,
) -> (String, String) {
    let r = app
        .post(
            "/api/v1/webhooks/endpoints",
            Some(token),
            &json!({"url": url, "description": "ERP", "events": events}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let endpoint: Value = r.json().await.unwrap();
    let id = endpoint["id"].as_str().unwrap().to_owned();
    let secret: Value = ok(app
        .get(
            &format!("/api/v1/webhooks/endpoints/{id}/secret"),
            Some(token),
        )
        .await)
    .await;
    (id, secret["secret"].as_str().unwrap().to_owned())
}

async fn deliveries(app: &TestApp, token: &str, endpoint: &str) -> Vec<Value> {
    let page = ok(app
        .get(
            &format!("/api/v1/webhooks/endpoints/{endpoint}/deliveries"),
            Some(token),
        )
        .await)
    .await;
    page["deliveries"].as_array().unwrap().clone()
}

const RETURN_EVENTS: [&str; 6] = [
    "return.created",
    "return.approved",
    "return.label_issued",
    "return.received",
    "return.inspected",
    "return.refunded",
];

#[tokio::test]
async fn a_return_walked_through_its_life_arrives_signed_once_per_id_and_in_order() {
    let app = allowing_private().await;
    let hooks = receiver(&[]).await;
    let shop = app.register("hooked").await;
    add_return_address(&app, &shop).await;
    let (_, secret) = add_endpoint(&app, &shop.token, &hooks.url, json!(RETURN_EVENTS)).await;

    let o = open_order(&app, &shop, "9001", "CA").await;
    let ret = submit(&app, &o, 1, false, "refund").await;
    let id = id_of(&ret);
    ok(act(&app, &shop, &id, "approve", &json!({})).await).await;
    // Asking for the label again is the same label: no second event.
    let again = act(&app, &shop, &id, "label", &json!({"service": "regular"})).await;
    assert_eq!(again.status(), StatusCode::OK);
    let received = ok(act(&app, &shop, &id, "receive", &json!({})).await).await;
    let items: Vec<Value> = received["return"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"return_item_id": i["id"], "condition": "ok"}))
        .collect();
    let inspected = ok(act(&app, &shop, &id, "inspect", &json!({"items": items})).await).await;
    let line = inspected["return"]["items"][0]["id"].clone();
    ok(act(
        &app,
        &shop,
        &id,
        "refund",
        &json!({"items": [{"return_item_id": line, "amount_minor": 10000}],
            "reason": "returned_item"}),
    )
    .await)
    .await;

    let got = hooks.wait_for(RETURN_EVENTS.len()).await;
    let types: Vec<String> = got
        .iter()
        .map(|d| d.json()["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(types, RETURN_EVENTS);
    let ids: HashSet<&str> = got.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), got.len(), "one id per event");
    for d in &got {
        assert!(verifies(&secret, d), "signature of {}", d.body);
        assert!(fresh(d));
        assert!(d.id.starts_with("msg_") && !d.id.contains('.'));
        let body = d.json();
        assert_eq!(body["data"]["id"], json!(id), "data is the return");
        assert_eq!(body["data"]["order_number"], "9001");
        assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
    }
    assert_eq!(got[5].json()["data"]["status"], "resolved");
    // A wrong secret does not verify: the check above can fail.
    assert!(!verifies("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &got[0]));

    // The log shows each one delivered once, with the receiver's answer.
    let endpoint = ok(app
        .get("/api/v1/webhooks/endpoints", Some(&shop.token))
        .await)
    .await;
    let endpoint_id = endpoint[0]["id"].as_str().unwrap();
    let log = deliveries(&app, &shop.token, endpoint_id).await;
    assert_eq!(log.len(), RETURN_EVENTS.len());
    for entry in &log {
        assert_eq!(entry["status"], "delivered");
        assert_eq!(entry["attempts"], 1);
        assert_eq!(entry["response_status"], 200);
        assert_eq!(entry["response_excerpt"], "answered 200");
        assert!(entry["duration_ms"].as_i64().is_some());
        assert!(entry["next_attempt_at"].is_null());
    }
    // Nothing else comes: the deliveries are done.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(hooks.got().len(), RETURN_EVENTS.len());
}

#[tokio::test]
async fn a_receiver_that_fails_twice_gets_the_same_id_until_it_succeeds() {
    let app = allowing_private().await;
    let hooks = receiver(&[500, 503]).await;
    let shop = app.register("flaky").await;
    let (endpoint, secret) =
        add_endpoint(&app, &shop.token, &hooks.url, json!(["order.created"])).await;
    let r = app
        .put(
            "/api/v1/orders/F-1",
            Some(&shop.token),
            &json!({
                "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
                "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
                    "region": null, "postal_code": "M5V 2T6", "country": "CA"},
                "currency": "CAD", "placed_at": chrono::Utc::now().to_rfc3339(),
                "items": [{"sku": "MUG", "title": "Mug", "variant": null, "quantity": 1,
                    "unit_price_minor": 2400, "image_url": null, "parent_sku": null}]
            }),
        )
        .await;
    assert!(r.status().is_success());
    let got = hooks.wait_for(3).await;
    assert!(got.iter().all(|d| d.id == got[0].id), "{got:?}");
    assert!(got.iter().all(|d| d.body == got[0].body));
    assert!(got.iter().all(|d| verifies(&secret, d)));
    assert_eq!(got[0].json()["data"]["number"], "F-1");
    assert_eq!(got[0].json()["type"], "order.created");

    let log = deliveries(&app, &shop.token, &endpoint).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["status"], "delivered");
    assert_eq!(log[0]["attempts"], 3);
    assert_eq!(log[0]["event_id"], json!(got[0].id));

    // Resend: the same id and body once more.
    let resent = app
        .post(
            &format!(
                "/api/v1/webhooks/endpoints/{endpoint}/deliveries/{}/resend",
                log[0]["id"].as_str().unwrap()
            ),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_eq!(resent.status(), StatusCode::ACCEPTED);
    let got = hooks.wait_for(4).await;
    assert_eq!(got[3].id, got[0].id);
    assert_eq!(got[3].body, got[0].body);
}

#[tokio::test]
async fn a_410_disables_the_endpoint_tells_the_owner_and_a_test_event_shows_in_the_log() {
    let (app, smtp) = allowing_private_with_mail().await;
    let hooks = receiver(&[410]).await;
    let shop = app.register("gone").await;
    let (endpoint, secret) =
        add_endpoint(&app, &shop.token, &hooks.url, json!(["order.created"])).await;
    let test = app
        .post(
            &format!("/api/v1/webhooks/endpoints/{endpoint}/test"),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_eq!(test.status(), StatusCode::ACCEPTED);
    let got = hooks.wait_for(1).await;
    assert!(verifies(&secret, &got[0]));
    assert_eq!(got[0].json()["type"], "webhook.test");
    assert_eq!(got[0].json()["data"]["endpoint_id"], json!(endpoint));

    let view = wait_disabled(&app, &shop.token, &endpoint).await;
    assert_eq!(view["enabled"], false);
    assert_eq!(view["disabled_reason"], "gone");
    owner_was_told_once(&smtp, "owner@gone.example", &hooks.url, "410 Gone").await;
    let log = deliveries(&app, &shop.token, &endpoint).await;
    assert_eq!(log[0]["status"], "failed");
    assert_eq!(log[0]["response_status"], 410);
    assert_eq!(log[0]["event"], "webhook.test");

    // Off: a test event is refused, and no event is written for it.
    let refused = app
        .post(
            &format!("/api/v1/webhooks/endpoints/{endpoint}/test"),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_problem(refused, StatusCode::CONFLICT, "conflict").await;
}

#[tokio::test]
async fn an_endpoint_failing_for_three_days_is_turned_off_and_the_owner_told_once() {
    let (app, smtp) = allowing_private_with_mail().await;
    let hooks = receiver(&[500, 500, 500]).await;
    let shop = app.register("failing").await;
    let (endpoint, _) = add_endpoint(&app, &shop.token, &hooks.url, json!(["order.created"])).await;
    // Its deliveries have failed since four days ago, as the stored mark says.
    webhook_endpoint::Entity::update_many()
        .col_expr(
            webhook_endpoint::Column::FailingSince,
            Expr::value(Utc::now() - chrono::Duration::days(4)),
        )
        .filter(webhook_endpoint::Column::Id.eq(endpoint.parse::<Uuid>().unwrap()))
        .exec(&app.db)
        .await
        .unwrap();
    let test = app
        .post(
            &format!("/api/v1/webhooks/endpoints/{endpoint}/test"),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_eq!(test.status(), StatusCode::ACCEPTED);
    hooks.wait_for(1).await;
    let view = wait_disabled(&app, &shop.token, &endpoint).await;
    assert_eq!(view["enabled"], false);
    assert_eq!(view["disabled_reason"], "failing");
    owner_was_told_once(
        &smtp,
        "owner@failing.example",
        &hooks.url,
        "failed for three days",
    )
    .await;
    // Turned off, nothing more is sent to it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hooks.got().len(), 1);
}

const IMPORT_HEADER: &str = "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price\n";

fn import_row(number: &str, email: &str) -> String {
    format!(
        "{number},Jane Doe,{email},1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:00,A,Item A,2,19.99\n"
    )
}

#[tokio::test]
async fn a_csv_import_announces_its_orders_once_and_a_reimport_only_what_changed() {
    let app = allowing_private().await;
    let hooks = receiver(&[]).await;
    let shop = app.register("importing").await;
    let (_, secret) = add_endpoint(
        &app,
        &shop.token,
        &hooks.url,
        json!(["order.created", "order.updated"]),
    )
    .await;
    let file = format!(
        "{IMPORT_HEADER}{}{}",
        import_row("1001", "jane@example.com"),
        import_row("1002", "ann@example.com")
    );
    assert_eq!(import(&app, &shop, file.clone()).await["orders_created"], 2);
    let got = hooks.wait_for(2).await;
    assert!(got.iter().all(|d| verifies(&secret, d)));
    let mut numbers: Vec<String> = got
        .iter()
        .map(|d| {
            assert_eq!(d.json()["type"], "order.created");
            d.json()["data"]["number"].as_str().unwrap().to_owned()
        })
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["1001", "1002"]);

    // The same file again changes nothing, so it announces nothing.
    assert_eq!(import(&app, &shop, file).await["orders_updated"], 2);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(hooks.got().len(), 2);

    // One order changed: one `order.updated`, with the new state.
    let changed = format!(
        "{IMPORT_HEADER}{}{}",
        import_row("1001", "jane@example.com"),
        import_row("1002", "ann.lee@example.com")
    );
    import(&app, &shop, changed).await;
    let got = hooks.wait_for(3).await;
    let update = got[2].json();
    assert_eq!(update["type"], "order.updated");
    assert_eq!(update["data"]["number"], "1002");
    assert_eq!(update["data"]["email"], "ann.lee@example.com");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(hooks.got().len(), 3);
}

#[tokio::test]
async fn rotating_the_secret_signs_with_both_during_the_overlap() {
    let app = allowing_private().await;
    let hooks = receiver(&[]).await;
    let shop = app.register("rotate").await;
    let (endpoint, old) =
        add_endpoint(&app, &shop.token, &hooks.url, json!(["order.created"])).await;
    let rotated = ok(app
        .post(
            &format!("/api/v1/webhooks/endpoints/{endpoint}/rotate-secret"),
            Some(&shop.token),
            &json!({}),
        )
        .await)
    .await;
    let new = rotated["secret"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    assert!(rotated["previous_valid_until"].is_string());
    app.post(
        &format!("/api/v1/webhooks/endpoints/{endpoint}/test"),
        Some(&shop.token),
        &json!({}),
    )
    .await;
    let got = hooks.wait_for(1).await;
    assert_eq!(got[0].signature.split(' ').count(), 2);
    assert!(verifies(&new, &got[0]));
    assert!(verifies(&old, &got[0]));
}

#[tokio::test]
async fn private_and_plain_http_addresses_are_refused_unless_allowed() {
    let app = spawn_app().await;
    let shop = app.register("guarded").await;
    for (url, code) in [
        ("http://hooks.example.com/x", "url"),
        ("https://127.0.0.1/x", "private_address"),
        ("https://10.0.0.8/x", "private_address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private_address",
        ),
        ("https://[::1]/x", "private_address"),
        ("https://localhost/x", "private_address"),
    ] {
        let r = app
            .post(
                "/api/v1/webhooks/endpoints",
                Some(&shop.token),
                &json!({"url": url, "events": ["order.created"]}),
            )
            .await;
        let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(
            field_codes(&problem),
            vec![("url".to_owned(), code.to_owned())],
            "{url}"
        );
    }
    let r = app
        .post(
            "/api/v1/webhooks/endpoints",
            Some(&shop.token),
            &json!({"url": "https://hooks.example.com/x", "events": []}),
        )
        .await;
    let problem = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("events".to_owned(), "required".to_owned())]
    );
    assert!(
        ok(app
            .get("/api/v1/webhooks/endpoints", Some(&shop.token))
            .await)
        .await
        .as_array()
        .unwrap()
        .is_empty()
    );

    let allowed = allowing_private().await;
    let shop = allowed.register("guarded").await;
    let hooks = receiver(&[]).await;
    add_endpoint(&allowed, &shop.token, &hooks.url, json!(["order.created"])).await;
}

#[tokio::test]
async fn another_shop_cannot_see_or_touch_an_endpoint_and_agents_cannot_manage_them() {
    let app = allowing_private().await;
    let a = app.register("shop-a").await;
    let b = app.register("shop-b").await;
    let (endpoint, _) = add_endpoint(
        &app,
        &a.token,
        "http://127.0.0.1:9/x",
        json!(["return.created"]),
    )
    .await;
    for path in [
        format!("/api/v1/webhooks/endpoints/{endpoint}"),
        format!("/api/v1/webhooks/endpoints/{endpoint}/secret"),
        format!("/api/v1/webhooks/endpoints/{endpoint}/deliveries"),
    ] {
        let r = app.get(&path, Some(&b.token)).await;
        assert_problem(r, StatusCode::NOT_FOUND, "not_found").await;
    }
    let r = app
        .post(
            &format!("/api/v1/webhooks/endpoints/{endpoint}/rotate-secret"),
            Some(&b.token),
            &json!({}),
        )
        .await;
    assert_problem(r, StatusCode::NOT_FOUND, "not_found").await;
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/webhooks/endpoints/{endpoint}")))
        .bearer_auth(&b.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let listed = ok(app.get("/api/v1/webhooks/endpoints", Some(&b.token)).await).await;
    assert!(listed.as_array().unwrap().is_empty());

    let agent = app.add_staff(&a, "agent@shop-a.example", "agent").await;
    let r = app
        .get("/api/v1/webhooks/endpoints", Some(&agent.token))
        .await;
    assert_problem(r, StatusCode::FORBIDDEN, "forbidden").await;
    let manager = app.add_staff(&a, "manager@shop-a.example", "manager").await;
    let listed = ok(app
        .get("/api/v1/webhooks/endpoints", Some(&manager.token))
        .await)
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
}
