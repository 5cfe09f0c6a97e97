//! "Ship the exchange" at the desk: a shopper's exchange for another size came back and was
//! checked; on its case the exchange leads, its form takes the carrier and tracking number,
//! and afterwards the case shows the new size shipped and the return resolved.

use rebound_e2e::{DEMO_SLUG, spawn_app};
use serde_json::json;

use crate::demo_orders::returnable_order;
use crate::return_desk::{staff_get, staff_post};

#[tokio::test]
async fn staff_ship_an_exchange_from_its_case() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    let (order, email) = returnable_order(&app, 1, 3).await;
    // Through the portal's API as the wizard would: an item with another size in stock at
    // the same price or less (the demo shop takes payments for dearer ones, not needed here).
    let made = app
        .js(
            "const [slug, order, contact] = arguments;
             return (async () => {
               const base = '/api/v1/portal/' + slug;
               const r = await fetch(base + '/lookup', { method: 'POST',
                 headers: { 'Content-Type': 'application/json' },
                 body: JSON.stringify({ order, contact }) });
               const headers = { Authorization: 'Bearer ' + (await r.json()).access_token,
                 'Content-Type': 'application/json' };
               const o = await (await fetch(base + '/order/returns/options', { headers })).json();
               const item = o.items.find(i => i.returnable_quantity > 0
                 && i.exchange_choices.some(c => c.available > 0 && c.unit_price_minor <= i.unit_price_minor));
               if (!item) return null;
               const choice = item.exchange_choices.find(c => c.available > 0 && c.unit_price_minor <= item.unit_price_minor);
               const reason = o.reasons.find(r => !r.defective);
               const created = await fetch(base + '/order/returns', { method: 'POST', headers,
                 body: JSON.stringify({
                   items: [{ order_item_id: item.order_item_id, quantity: 1, reason_id: reason.id,
                     exchange_sku: choice.sku }],
                   resolution: 'exchange', method: o.methods[0],
                   client_request_id: 'ship-exchange-' + order }) });
               const ret = await created.json();
               return created.ok ? [ret.id, ret.number, choice.sku] : [String(created.status), JSON.stringify(ret), ''];
             })();",
            vec![json!(DEMO_SLUG), json!(order), json!(email)],
        )
        .await;
    let (id, number, sku): (String, String, String) =
        serde_json::from_value(made.clone()).expect("an exchange made through the portal");
    assert!(!sku.is_empty(), "the exchange was refused: {made}");

    // The parcel came back and was checked.
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    let items: Vec<serde_json::Value> = detail["return"]["items"]
        .as_array()
        .expect("the return's items")
        .iter()
        .map(|i| json!({"return_item_id": i["id"], "condition": "ok"}))
        .collect();
    for (action, body) in [
        ("approve", json!({})),
        ("receive", json!({})),
        ("inspect", json!({"items": items})),
    ] {
        let status = staff_post(&app, &token, &format!("/returns/{id}/{action}"), body).await;
        assert_eq!(status, 200, "{action}");
    }

    app.open(&format!("/dashboard/returns/{number}")).await;
    app.see("Exchange").await;
    app.see("reserved").await;
    app.element(".return-action-bar .action-replace")
        .await
        .click()
        .await
        .unwrap();
    app.element("#replace-carrier").await;
    app.fill("Carrier", "Canada Post").await;
    app.fill("Tracking number", "EX123456789CA").await;
    app.check_accessibility("ship the exchange").await;
    app.shot("dashboard-ship-exchange-1280").await;
    app.element(".confirm-replace").await.click().await.unwrap();
    // The case now says the new size left and the return is settled.
    app.wait_js(
        "the exchange shipped",
        "const s = document.querySelector('#return-exchange .exchange-state');
         return s && s.innerText.includes('shipped');",
        vec![],
    )
    .await;
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    assert_eq!(detail["return"]["status"], "resolved");
    assert_eq!(detail["return"]["exchange"]["lines"][0]["state"], "shipped");
    assert_eq!(
        detail["return"]["exchange"]["lines"][0]["sku"],
        sku.as_str()
    );
    app.finish().await;
}
