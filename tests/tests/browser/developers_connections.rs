//! The Developers page's shop connections: an owner connects Shopify (a wrong domain is
//! refused under its field first), then sees the URL to paste into Shopify, that no event came
//! yet, and the empty integration-errors list; after a reload the connection is still there.

use rebound_e2e::spawn_app;
use serde_json::json;

#[tokio::test]
async fn an_owner_connects_shopify_and_sees_the_url_to_paste() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/developers").await;
    app.see("Shop connections").await;
    app.see("No integration errors").await;

    app.fill("Shop domain", "Maple Co").await;
    app.fill("Webhook secret", "c2b7f0e4a1d94e2b").await;
    app.click_text("Connect").await;
    app.see("Use the shop's myshopify.com domain").await;

    app.fill("Shop domain", "maple-co.myshopify.com").await;
    app.click_text("Connect").await;
    app.see("The connection was saved.").await;
    app.see("Delivery URL to paste into Shopify").await;
    app.see("No event received yet.").await;
    app.see("A secret is set, ending in").await;
    let url = app
        .wait_js(
            "the URL to paste",
            "const i = document.getElementById('shopify-webhook-url');
             return i && i.value ? i.value : null;",
            vec![],
        )
        .await;
    let url = url.as_str().unwrap().to_owned();
    assert!(
        url.starts_with("http") && url.contains("/inbound/shopify/"),
        "a full delivery URL: {url}"
    );
    app.shot("developers-connections").await;

    // The URL answers deliveries: an unsigned one is refused (401), not missing (404).
    let status = app
        .js(
            "return (async () => (await fetch(arguments[0], { method: 'POST',
                 headers: { 'Content-Type': 'application/json' }, body: '{}' })).status)();",
            vec![json!(url)],
        )
        .await;
    assert_eq!(status, json!(401));

    app.open("/dashboard/developers").await;
    app.see("Delivery URL to paste into Shopify").await;
    app.see("No integration errors").await;
    app.finish().await;
}
