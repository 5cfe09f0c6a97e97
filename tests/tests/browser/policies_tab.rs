//! The settings' Policies tab: a new shop's owner sees seed 004's two tiers as sentences, adds
//! a final-sale rule for one SKU and a flat fee, moves and disables rules, saves, finds the
//! list as left after a reload (and through the API), then tries the rules on a real order
//! and reads the verdict per item.

use rebound_e2e::{TestApp, spawn_app};
use serde_json::{Value, json};

/// Calls the API with the token the app keeps; answers the status and the JSON body.
async fn as_staff(app: &TestApp, method: &str, path: &str, body: Value) -> (u64, Value) {
    let answer = app
        .js(
            "const [method, path, body] = arguments;
             return (async () => {
               const headers = { 'Content-Type': 'application/json',
                 Authorization: 'Bearer ' + localStorage.getItem('rebound.token') };
               const init = method === 'GET' ? { headers } : { method, headers, body: JSON.stringify(body) };
               const r = await fetch(path, init);
               const text = await r.text();
               return [r.status, text ? JSON.parse(text) : null];
             })();",
            vec![json!(method), json!(path), body],
        )
        .await;
    (answer[0].as_u64().expect("a status"), answer[1].clone())
}

/// Picks the option shown as `option` in the select labelled `label`.
async fn choose(app: &TestApp, label: &str, option: &str) {
    let select = app.labelled(label).await;
    app.js(
        "const [select, want] = arguments;
         const o = [...select.options].find(o => o.textContent.trim() === want);
         if (!o) throw new Error('no option ' + want);
         select.value = o.value;
         select.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(select), json!(option)],
    )
    .await;
}

/// Clicks the button named `name` (its aria-label), such as "Move up — rule 3".
async fn press(app: &TestApp, name: &str) {
    app.wait_js(
        &format!("a button named {name:?}"),
        "const b = [...document.querySelectorAll('button')]
             .find(b => b.getAttribute('aria-label') === arguments[0] && !b.disabled);
         if (!b) return false;
         b.click();
         return true;",
        vec![json!(name)],
    )
    .await;
}

/// The rule sentences in the order the list shows them.
async fn sentences(app: &TestApp) -> Vec<String> {
    app.js(
        "return [...document.querySelectorAll('.policy-rule .item-main')].map(e => e.innerText.trim());",
        vec![],
    )
    .await
    .as_array()
    .expect("a list")
    .iter()
    .map(|s| s.as_str().unwrap_or_default().to_owned())
    .collect()
}

const DEFECTIVE: &str = "If the reason is defective, allow returns for 180 days from the order";
const SHOPPER: &str = "If the reason is not a defect, allow returns for 30 days from the order";
const SALE: &str = "If the SKU is “MUG”, treat the item as final sale (not returnable)";
const FEE: &str = "Charge a return fee of CA$5.00";

#[tokio::test]
async fn a_new_shop_writes_its_rules_saves_them_and_tries_them_on_an_order() {
    let app = spawn_app().await;
    // A new shop, signed in through the API (the sign-up form has its own test).
    app.open("/dashboard/login").await;
    let token = app
        .js(
            "return (async () => {
               const r = await fetch('/api/v1/merchants', { method: 'POST',
                 headers: { 'Content-Type': 'application/json' },
                 body: JSON.stringify({ company_name: 'Fern & Loom', slug: 'fern-loom',
                   owner_name: 'Sam Fern', owner_email: 'sam@fern-loom.example',
                   password: 'a long enough passphrase' }) });
               if (!r.ok) return null;
               const token = (await r.json()).access_token;
               localStorage.setItem('rebound.token', token);
               return token;
             })();",
            vec![],
        )
        .await;
    assert!(token.is_string(), "the shop is created: {token}");
    let placed = app
        .js(
            "return new Date(Date.now() - 5 * 864e5).toISOString();",
            vec![],
        )
        .await;
    let order = json!({
        "customer_name": "Jane Doe", "email": "jane@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": placed,
        "items": [
            {"sku": "MUG", "title": "Stoneware mug", "variant": null, "quantity": 1,
             "unit_price_minor": 2400, "image_url": null, "parent_sku": null, "returnable": true},
            {"sku": "SCARF", "title": "Wool scarf", "variant": null, "quantity": 1,
             "unit_price_minor": 5900, "image_url": null, "parent_sku": null, "returnable": true}]
    });
    let (status, _) = as_staff(&app, "PUT", "/api/v1/orders/FL-1", order).await;
    assert!((200..300).contains(&status), "the order is in: {status}");

    // The tab opens by name and lists seed 004's two tiers.
    app.open("/dashboard/settings?tab=policies").await;
    app.see(DEFECTIVE).await;
    assert_eq!(
        sentences(&app).await,
        vec![format!("1. {DEFECTIVE}"), format!("2. {SHOPPER}"),]
    );

    // A final-sale rule for the mug.
    app.click_text("Add a rule").await;
    choose(&app, "What the rule decides", "Final sale (not returnable)").await;
    app.click_text("Add a condition").await;
    choose(&app, "Condition 1", "SKU").await;
    app.fill("Values, separated by commas", "MUG").await;
    app.shot("policies-rule-form").await;
    app.click_text("Add to the list").await;
    app.see(SALE).await;
    app.see("You have unsaved changes").await;

    // A flat fee: words are refused in place, then 5 dollars.
    app.click_text("Add a rule").await;
    choose(&app, "What the rule decides", "Return fee").await;
    app.fill("Amount (CAD)", "five").await;
    app.click_text("Add to the list").await;
    app.see("Use digits, such as").await;
    app.fill("Amount (CAD)", "5").await;
    app.click_text("Add to the list").await;
    app.see(FEE).await;

    // The sale moves above the 30 days, which is then disabled.
    press(&app, "Move up — rule 3").await;
    press(&app, "Disable — rule 3").await;
    app.see("Disabled").await;
    let expected = vec![
        format!("1. {DEFECTIVE}"),
        format!("2. {SALE}"),
        format!("3. {SHOPPER} Disabled"),
        format!("4. {FEE}"),
    ];
    assert_eq!(sentences(&app).await, expected);
    app.click_text("Save rules").await;
    app.see("Changes saved").await;

    // Kept, as left: on the screen after a reload and through the API.
    app.open("/dashboard/settings?tab=policies").await;
    app.see(SALE).await;
    assert_eq!(sentences(&app).await, expected);
    let (status, saved) = as_staff(&app, "GET", "/api/v1/settings/policies", Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(saved["source"], "rules");
    let rules = saved["rules"].as_array().expect("rules");
    let ids: Vec<(&str, bool)> = rules
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["enabled"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("defective-reasons", true),
            ("rule-1", true),
            ("shopper-reasons", false),
            ("rule-2", true),
        ]
    );
    assert_eq!(
        rules[1]["conditions"],
        json!([{"kind": "sku", "skus": ["MUG"]}])
    );
    assert_eq!(
        rules[3]["effect"]["fee"]["charge"],
        json!({"kind": "flat", "amount": {"minor": 500, "currency": "CAD"}})
    );

    // The try box: the mug is final sale, the scarf comes back (for a defect) with the fee.
    app.fill("Order number", "FL-1").await;
    app.click_text("Try").await;
    let items = app
        .wait_js(
            "a verdict per item",
            "const items = [...document.querySelectorAll('.policy-trial-item')];
             return items.length === 2 ? items.map(i => i.innerText) : null;",
            vec![],
        )
        .await;
    let mug = items[0].as_str().unwrap();
    let scarf = items[1].as_str().unwrap();
    assert!(
        mug.contains("Stoneware mug") && mug.contains("Not returnable"),
        "{mug}"
    );
    assert!(mug.contains("final sale"), "{mug}");
    assert!(
        scarf.contains("Wool scarf") && scarf.contains("Returnable"),
        "{scarf}"
    );
    assert!(scarf.contains("a return fee applies"), "{scarf}");
    assert!(scarf.contains("By reason"), "{scarf}");
    app.shot("policies-try").await;
    app.finish().await;
}
