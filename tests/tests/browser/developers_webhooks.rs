//! The Developers page's webhook screens: an owner adds an endpoint pointing at a real HTTP
//! receiver on loopback (the server allows private addresses for it), opens the endpoint,
//! reveals its secret, sends a test event, and sees it delivered (2xx) in the delivery log;
//! the receiver really got it, signed.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use rebound_e2e::spawn_app_with;
use serde_json::{Value, json};

/// What the receiver got: each delivery's `webhook-id`, `webhook-signature` and body.
type Inbox = Arc<Mutex<Vec<(String, String, Value)>>>;

async fn receive(req: HttpRequest, body: web::Bytes, inbox: web::Data<Inbox>) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
    inbox
        .lock()
        .unwrap()
        .push((header("webhook-id"), header("webhook-signature"), json));
    HttpResponse::Ok().body("thanks from the test receiver")
}

/// Starts the receiver on a free loopback port; returns its URL and what it got.
fn start_receiver() -> (String, Inbox) {
    let inbox = Inbox::default();
    let data = web::Data::new(inbox.clone());
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
    (format!("http://127.0.0.1:{port}/hooks"), inbox)
}

#[tokio::test]
async fn an_owner_adds_an_endpoint_and_sees_a_test_event_delivered() {
    let app = spawn_app_with(|c| c.webhooks_allow_private = true).await;
    let (url, inbox) = start_receiver();
    app.sign_in_by_api().await;
    app.open("/dashboard/developers").await;
    app.see("No webhook endpoints yet").await;

    // No event ticked: the form says so and sends nothing.
    app.fill("Endpoint URL", &url).await;
    app.fill("Description", "Test receiver").await;
    app.click_text("Add endpoint").await;
    app.see("Choose at least one event.").await;

    app.labelled("Return approved").await.click().await.unwrap();
    app.labelled("Return refunded").await.click().await.unwrap();
    app.click_text("Add endpoint").await;
    app.see("The endpoint was added").await;
    app.see("2 events").await;
    app.see("Test receiver").await;
    app.shot("developers-webhooks-list").await;

    // Its own page: empty log, the secret on demand.
    app.click_text("Manage").await;
    app.see("Delivery log").await;
    app.see("Nothing sent yet").await;
    let path = app.path().await;
    assert!(
        path.starts_with("/dashboard/developers/webhooks/"),
        "on the endpoint's page: {path}"
    );
    app.click_text("Reveal secret").await;
    let secret = app
        .wait_js(
            "the endpoint's secret",
            "const i = document.getElementById('webhook-secret');
             return i && i.value.startsWith('whsec_') ? i.value : null;",
            vec![],
        )
        .await;
    assert!(secret.as_str().unwrap().len() > 20);

    // The test event: queued, sent, and shown delivered with the receiver's answer.
    app.click_text("Send test event").await;
    let row = app
        .wait_js(
            "a delivered webhook.test row with a 2xx status",
            "const row = [...document.querySelectorAll('.deliveries-table tbody tr')]
                 .find(r => r.innerText.includes('webhook.test') && r.innerText.includes('Delivered'));
             if (!row) return null;
             const cells = [...row.querySelectorAll('td')].map(c => c.innerText.trim());
             return cells;",
            vec![],
        )
        .await;
    let cells: Vec<&str> = row
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap_or_default())
        .collect();
    // Status, attempts, status code, duration, response, next attempt, created, actions.
    assert_eq!(cells[1], "1", "one attempt: {cells:?}");
    assert!(cells[2].starts_with('2'), "a 2xx status code: {cells:?}");
    assert!(
        cells[4].starts_with("thanks from"),
        "the answer's first bytes: {cells:?}"
    );
    app.see("Resend").await;
    app.shot("developers-webhook-endpoint").await;

    let got = inbox.lock().unwrap().clone();
    assert_eq!(
        got.len(),
        1,
        "the receiver got the test event once: {got:?}"
    );
    let (id, signature, body) = &got[0];
    assert_eq!(body["type"], json!("webhook.test"));
    assert!(!id.is_empty(), "a webhook-id");
    assert!(signature.starts_with("v1,"), "signed: {signature}");
    app.finish().await;
}
