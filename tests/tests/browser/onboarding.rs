//! A new merchant's first run: sign-up lands on the checklist, which says why returns are not
//! open yet, follows each step as it is done and disappears once the portal is shared.

use rebound_e2e::spawn_app;
use serde_json::json;

/// Calls the API as the signed-in staff member (the token the app keeps), as the settings
/// screens would; answers the HTTP status.
async fn as_staff(
    app: &rebound_e2e::TestApp,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> u64 {
    app.js(
        "const [method, path, body] = arguments;
         return (async () => {
           const token = localStorage.getItem('rebound.token');
           const headers = { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token };
           if (method === 'PATCH-RETURNS') {
             const settings = await (await fetch('/api/v1/settings', { headers })).json();
             const returns = Object.assign(settings.returns, body);
             return (await fetch('/api/v1/settings/returns', { method: 'PUT', headers,
               body: JSON.stringify(returns) })).status;
           }
           if (method === 'PATCH-BRANDING') {
             const settings = await (await fetch('/api/v1/settings', { headers })).json();
             const branding = Object.assign(settings.branding, body);
             return (await fetch('/api/v1/settings/branding', { method: 'PUT', headers,
               body: JSON.stringify(branding) })).status;
           }
           return (await fetch(path, { method, headers, body: JSON.stringify(body) })).status;
         })();",
        vec![json!(method), json!(path), body],
    )
    .await
    .as_u64()
    .expect("an HTTP status")
}

#[tokio::test]
async fn sign_up_lands_on_the_checklist_which_follows_each_step_and_then_goes() {
    let app = spawn_app().await;
    app.open("/dashboard/register").await;
    app.fill("Company name", "Birch & Fern").await;
    app.fill("Portal address", "birch-fern").await;
    app.fill("Your name", "Robin Birch").await;
    app.fill("Email", "robin@birch-fern.example").await;
    app.fill("Password", "a long enough passphrase").await;
    app.submit().await;

    app.see("Get your returns portal ready").await;
    app.see("0 of 5 done").await;
    app.see("Returns are not open to shoppers yet").await;
    app.check_accessibility("first-run checklist").await;

    // Each step's own screen is one click away.
    app.click_text("Add a return address").await;
    app.wait_path("/dashboard/settings").await;
    app.open("/dashboard").await;

    let created = as_staff(
        &app,
        "POST",
        "/api/v1/settings/return-addresses",
        json!({"name": "Returns centre", "line1": "500 Maple Street", "line2": null,
            "city": "Montréal", "region": "QC", "postal_code": "H2X 3A1", "country": "CA",
            "is_default": true}),
    )
    .await;
    assert_eq!(created, 201);
    assert_eq!(
        as_staff(&app, "PATCH-RETURNS", "", json!({"return_window_days": 45})).await,
        200
    );
    assert_eq!(
        as_staff(
            &app,
            "PATCH-BRANDING",
            "",
            json!({"primary_colour": "#7A1F5C"})
        )
        .await,
        200
    );
    let order = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z",
        "items": [{"sku": "A", "title": "Coat", "variant": "M", "quantity": 1,
            "unit_price_minor": 4900, "image_url": null, "parent_sku": null, "returnable": true}]
    });
    let pushed = as_staff(&app, "PUT", "/api/v1/orders/1001", order).await;
    assert!((200..300).contains(&pushed), "{pushed}");

    app.open("/dashboard").await;
    app.see("4 of 5 done").await;
    let banner = app
        .js(
            "return document.body.innerText.includes('Returns are not open to shoppers yet');",
            vec![],
        )
        .await;
    assert_eq!(banner, json!(false), "a return address opens returns");
    // The link to share is this shop's portal.
    let snippet = app
        .js(
            "return document.querySelector('#portal-link').value;",
            vec![],
        )
        .await;
    assert!(snippet.as_str().unwrap().ends_with("/birch-fern"));

    app.click_text("Copy link").await;
    app.wait_js(
        "the checklist to go once every step is done",
        "return !document.body.innerText.includes('Get your returns portal ready');",
        vec![],
    )
    .await;
    // It stays gone: the server remembers.
    app.open("/dashboard").await;
    app.see("Returns").await;
    let again = app
        .js(
            "return document.body.innerText.includes('Get your returns portal ready');",
            vec![],
        )
        .await;
    assert_eq!(again, json!(false));
    app.finish().await;
}
