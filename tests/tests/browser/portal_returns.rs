//! The shopper's questions on a phone (390 px): a forgiving lookup, what the return gives back
//! before it is sent, the submitted return kept across a reload, the open return first on the
//! order page, French inside the flow, and "returns open soon" for a shop without a return
//! address.

use rebound_e2e::{DEMO_SLUG, TestApp, spawn_app};
use serde_json::{Value, json};

use crate::demo_orders::{returnable_order, submit_return, walk_return};

async fn look_up_typed(app: &TestApp, order: &str, contact: &str) {
    app.fill("Order number or tracking number", order).await;
    app.fill("Email or postal code", contact).await;
    app.submit().await;
}

/// The phone keyboard neither capitalises nor corrects what the shopper types.
async fn assert_literal_inputs(app: &TestApp) {
    let attrs = app
        .js(
            "return ['order', 'contact'].map(id => {
               const i = document.getElementById(id);
               return [i.getAttribute('autocapitalize'), i.getAttribute('autocorrect'),
                 i.getAttribute('spellcheck'), i.getAttribute('inputmode'), i.getAttribute('autocomplete')];
             });",
            vec![],
        )
        .await;
    assert_eq!(
        attrs,
        json!([
            ["off", "off", "false", null, "off"],
            ["off", "off", "false", "email", "email"]
        ])
    );
}

/// Clicks a point of the item card away from its checkbox and label text, as a thumb would.
async fn tap_card(app: &TestApp, index: &str) -> Value {
    app.js(
        "const card = document.getElementById('return-' + arguments[0]).closest('.return-item');
         const sku = card.querySelector('.return-item-sku').getBoundingClientRect();
         const hit = document.elementFromPoint(sku.left + sku.width / 2, sku.top + sku.height / 2);
         hit.click();
         return [card.contains(hit), document.getElementById('return-' + arguments[0]).checked];",
        vec![json!(index)],
    )
    .await
}

#[tokio::test]
async fn a_phone_shopper_types_loosely_sees_the_money_and_keeps_the_return_on_reload() {
    let app = spawn_app().await;
    app.resize(390, 844).await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    let (order, email) = returnable_order(&app, 1, 3).await;
    assert_literal_inputs(&app).await;
    // "#mc-1040" and a shouted email find "MC-1040".
    let typed = format!(" #{} ", order.to_lowercase());
    look_up_typed(&app, &typed, &email.to_uppercase()).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{DEMO_SLUG}/order/return")).await;

    // The whole card toggles its item.
    let index = app
        .wait_js(
            "a returnable item",
            "const b = document.querySelector('.return-item input[type=checkbox]:not(:disabled)');
             return b ? b.id.replace('return-', '') : null;",
            vec![],
        )
        .await;
    let index = index.as_str().unwrap().to_owned();
    assert_eq!(tap_card(&app, &index).await, json!([true, true]));
    assert_eq!(tap_card(&app, &index).await, json!([true, false]));
    tap_card(&app, &index).await;
    // Every control is at least 44 px tall.
    let short = app
        .js(
            "return [...document.querySelectorAll('.return-wizard .btn, .return-item-check')]
               .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
               .map(e => e.outerHTML.slice(0, 80));",
            vec![],
        )
        .await;
    assert_eq!(short, json!([]), "tap targets under 44 px");
    // Before sending: how much, where it goes and when.
    let payout = walk_return(&app, &index).await;
    assert!(
        payout.contains('$'),
        "an amount in the shop's currency: {payout}"
    );
    app.shot("portal-summary-payout-390").await;
    // The step markers wear the shop's colour, not Rebound's.
    let marker = app
        .js(
            "const n = document.querySelector('.stepper-step[aria-current=step] .stepper-number');
             return getComputedStyle(n).backgroundColor;",
            vec![],
        )
        .await;
    assert_eq!(marker, json!("rgb(180, 68, 28)"), "Maple's primary #B4441C");

    // French inside the flow: "Précédent", never "Retour".
    app.click_text("FR").await;
    app.see("Ce que vous recevez").await;
    let back = app
        .js(
            "return document.getElementById('previous-step').innerText.trim();",
            vec![],
        )
        .await;
    assert_eq!(back, json!("Précédent"));
    app.shot("portal-summary-payout-390-fr").await;
    app.click_text("EN").await;
    app.see("What you get").await;

    let number = submit_return(&app).await;

    // A reload shows the submitted return, not a blank form.
    app.open(&format!("/{DEMO_SLUG}/order/return")).await;
    app.see("Your return is waiting for the shop’s review")
        .await;
    let again = app
        .js(
            "const o = document.querySelector('.return-outcome');
             return [o && o.innerText.match(/R-[A-Z0-9]+/)[0], !!document.getElementById('next-step')];",
            vec![],
        )
        .await;
    assert_eq!(again, json!([number, false]));
    app.see("The shop is reviewing your return.").await;

    // On the order page the open return comes first and "Start a return" yields to it.
    app.click_text("Back to my order").await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    let order_page = app
        .wait_js(
            "the open return above the start button",
            "const card = document.querySelector('.return-card');
             const start = document.getElementById('start-return');
             if (!card || !start) return null;
             const first = !!(card.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING);
             return [first, start.innerText.trim(), start.classList.contains('btn-brand')];",
            vec![],
        )
        .await;
    assert_eq!(order_page, json!([true, "Return other items", false]));
    app.shot("portal-order-open-return-390").await;
    app.finish().await;
}

/// A new shop, one delivered order, and no return address.
async fn shop_without_return_address(app: &TestApp) -> (String, String) {
    let http = reqwest::Client::new();
    // Dates from the browser's clock, relative to now (the return window counts from delivery).
    let days_ago = async |days: i64| -> Value {
        app.js(
            "return new Date(Date.now() - arguments[0] * 86400000).toISOString();",
            vec![json!(days)],
        )
        .await
    };
    let (placed_at, delivered_at) = (days_ago(5).await, days_ago(1).await);
    let session: Value = http
        .post(app.url("/api/v1/merchants"))
        .json(
            &json!({"company_name": "Soon & Co", "slug": "soon", "owner_name": "Owner",
            "owner_email": "owner@soon.example", "password": "correct horse battery staple"}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["access_token"]
        .as_str()
        .expect("a staff token")
        .to_owned();
    let order = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": placed_at,
        "items": [{"sku": "A", "title": "Parka", "variant": null, "quantity": 1,
            "unit_price_minor": 7900, "image_url": null, "parent_sku": null}]
    });
    let put = http
        .put(app.url("/api/v1/orders/S-1"))
        .bearer_auth(&token)
        .json(&order)
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success(), "{}", put.status());
    let shipped = http
        .put(app.url("/api/v1/orders/S-1/shipments"))
        .bearer_auth(&token)
        .json(&json!({"carrier": "Canada Post", "service": "Regular",
            "tracking_number": "TRKS1", "estimated_delivery": null}))
        .send()
        .await
        .unwrap();
    assert!(shipped.status().is_success());
    let delivered = http
        .post(app.url("/api/v1/shipments/TRKS1/events"))
        .bearer_auth(&token)
        .json(
            &json!({"kind": "delivered", "description": null, "location": null,
            "occurred_at": delivered_at}),
        )
        .send()
        .await
        .unwrap();
    assert!(delivered.status().is_success());
    ("s-1".into(), "jane@example.com".into())
}

#[tokio::test]
async fn a_shop_without_a_return_address_says_returns_open_soon() {
    let app = spawn_app().await;
    app.resize(390, 844).await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    let (order, email) = shop_without_return_address(&app).await;
    app.open("/soon").await;
    look_up_typed(&app, &order, &email).await;
    app.wait_path("/soon/order").await;
    app.see("Returns open soon").await;
    let offered = app
        .js("return !!document.getElementById('start-return');", vec![])
        .await;
    assert_eq!(offered, json!(false), "no return is offered");
    app.shot("portal-returns-open-soon-390").await;
    app.click_text("FR").await;
    app.see("Les retours ouvrent bientôt").await;
    app.finish().await;
}
