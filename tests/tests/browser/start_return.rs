//! Staff start a return for a shopper from the order page: where the shop's policy refuses the
//! item they are told why, asked to set the policy aside and to say why; the return is made,
//! listed with the order's returns, and its history records the override.

use rebound_e2e::spawn_app;
use serde_json::json;

use crate::demo_orders::returnable_order;
use crate::return_desk::staff_get;

#[tokio::test]
async fn staff_set_the_policy_aside_for_one_return_saying_why() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    let (order, _) = returnable_order(&app, 1, 0).await;
    // Every item is final sale now: the policy refuses them all.
    let saved = app
        .js(
            "const [token] = arguments;
             return (async () => {
               const rules = [{ id: 'final', enabled: true, conditions: [],
                 effect: { kind: 'final_sale' } }];
               const r = await fetch('/api/v1/settings/policies', { method: 'PUT',
                 headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
                 body: JSON.stringify({ rules }) });
               return r.status;
             })();",
            vec![json!(token)],
        )
        .await;
    assert_eq!(saved, json!(200));

    app.open(&format!("/dashboard/orders/{order}")).await;
    app.element(".start-return-open")
        .await
        .click()
        .await
        .unwrap();
    app.element("#start-return-qty-0").await;
    app.check_accessibility("start a return").await;
    // Nothing chosen: said so, nothing sent.
    app.click_text("Create the return").await;
    app.see("Choose at least one item to return.").await;
    app.js(
        "const q = document.getElementById('start-return-qty-0');
         q.value = '1'; q.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    )
    .await;
    app.see("The return policy refuses this item:").await;
    app.click_text("Create the return").await;
    app.see(
        "The policy refuses part of this return: set it aside and say why, or change the items.",
    )
    .await;
    app.element("#start-return-override")
        .await
        .click()
        .await
        .unwrap();
    app.click_text("Create the return").await;
    app.see("Say why the policy is set aside.").await;
    app.fill(
        "Why (kept in the history and the audit log)",
        "Shopper called: the carrier lost the first parcel",
    )
    .await;
    app.shot("start-return-override").await;
    app.click_text("Create the return").await;
    let number = app
        .wait_js(
            "the return made",
            "const done = document.querySelector('.start-return-done .alert-title');
             const m = done && done.innerText.match(/Return (\\S+) created/);
             return m ? m[1] : null;",
            vec![],
        )
        .await;
    let number = number.as_str().unwrap().to_owned();
    // The order's returns read again and list it.
    app.wait_js(
        "the return in the order's returns",
        "return [...document.querySelectorAll('.order-returns .return-number')]
           .some(a => a.innerText.trim() === arguments[0]) || null;",
        vec![json!(number)],
    )
    .await;
    app.shot("start-return-done").await;

    let page = staff_get(&app, &token, &format!("/returns?q={number}")).await;
    let id = page["returns"][0]["id"].as_str().unwrap().to_owned();
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    let overridden = detail["return"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "policy_overridden")
        .cloned()
        .unwrap_or_else(|| panic!("an override in the history: {detail}"));
    assert!(
        overridden
            .to_string()
            .contains("carrier lost the first parcel"),
        "{overridden}"
    );
    app.finish().await;
}
