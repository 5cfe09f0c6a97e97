//! Exchanges in the portal: the demo shop offers its catalogue; a shopper swaps an item for
//! another size, sees the other sizes with their stock and the price difference before
//! sending, and the return is stored as that exchange.

use rebound_e2e::{DEMO_SLUG, spawn_app};
use serde_json::{Value, json};

use crate::demo_orders::{look_up, returnable_order, submit_return};
use crate::return_desk::staff_get;

#[tokio::test]
async fn a_shopper_swaps_a_size_and_sees_the_difference_before_sending() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    let (order, email) = returnable_order(&app, 1, 2).await;
    // Which item of the order has other sizes, and the cheaper one of them, by the
    // portal's own options (what the wizard is built from).
    let picked = app
        .js(
            "const [slug, order, contact] = arguments;
             return (async () => {
               const base = '/api/v1/portal/' + slug;
               const r = await fetch(base + '/lookup', { method: 'POST',
                 headers: { 'Content-Type': 'application/json' },
                 body: JSON.stringify({ order, contact }) });
               const auth = { headers: { Authorization: 'Bearer ' + (await r.json()).access_token } };
               const o = await (await fetch(base + '/order/returns/options', auth)).json();
               const index = o.items.findIndex(i => i.returnable_quantity > 0
                 && i.exchange_choices.some(c => c.available > 0 && c.unit_price_minor < i.unit_price_minor));
               const item = o.items[index];
               const cheaper = item.exchange_choices.find(c => c.available > 0 && c.unit_price_minor < item.unit_price_minor);
               return [index, cheaper.sku, item.unit_price_minor - cheaper.unit_price_minor, item.exchange_choices.length];
             })();",
            vec![json!(DEMO_SLUG), json!(order), json!(email)],
        )
        .await;
    let (index, sku, saved, choices): (usize, String, i64, usize) =
        serde_json::from_value(picked).expect("an item with a cheaper size");
    assert!(saved > 0);

    app.open(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{DEMO_SLUG}/order/return")).await;
    // The checkbox sits under its label: clicked as a shopper's tap on the row does.
    app.element(&format!("#return-{index}")).await;
    app.js(
        "document.getElementById('return-' + arguments[0]).click();",
        vec![json!(index)],
    )
    .await;
    app.element("#next-step").await.click().await.unwrap();
    app.element(&format!("#reason-{index}"))
        .await
        .select_by_label("Too small")
        .await
        .unwrap();
    app.element("#next-step").await.click().await.unwrap();

    // Refund and store credit say what each gives; the credit carries the 10 % bonus.
    let amounts: Value = app
        .wait_js(
            "the resolution amounts",
            "const r = document.getElementById('amount-refund');
             const c = document.getElementById('amount-store_credit');
             return r && c && [r.innerText, c.innerText];",
            vec![],
        )
        .await;
    assert_ne!(amounts[0], amounts[1], "{amounts}");

    app.element("#resolution-exchange")
        .await
        .click()
        .await
        .unwrap();
    // Every other size is listed; one that cannot be promised is greyed and says so.
    let listed = app
        .wait_js(
            "the other sizes",
            "const inputs = [...document.querySelectorAll('.exchange-choices input[type=radio]')];
             return inputs.length ? inputs.length : null;",
            vec![],
        )
        .await;
    assert_eq!(listed, json!(choices));
    app.shot("portal-exchange-choices-1280").await;
    app.check_accessibility("portal exchange choices").await;
    // Going on without a size says what is missing.
    app.element("#next-step").await.click().await.unwrap();
    app.see("Choose what you would like instead.").await;

    app.js(
        "document.getElementById(arguments[0]).click();",
        vec![json!(format!("exchange-{index}-{sku}"))],
    )
    .await;
    let difference = app
        .wait_js(
            "the price difference",
            "const d = document.getElementById('exchange-difference');
             return d ? d.innerText : null;",
            vec![],
        )
        .await;
    let difference = difference.as_str().unwrap().to_owned();
    let shown = format!("{}.{:02}", saved / 100, saved % 100);
    assert!(
        difference.contains("costs less") && difference.contains(&shown),
        "{difference} shows {shown}"
    );
    app.click_text("FR").await;
    app.see("Le nouvel article coûte moins cher").await;
    app.click_text("EN").await;

    app.element("#next-step").await.click().await.unwrap();
    app.see("costs less").await;
    app.shot("portal-exchange-summary-1280").await;
    let number = submit_return(&app).await;

    // Stored as that exchange, priced as the wizard said.
    let page = staff_get(&app, &token, &format!("/returns?q={number}")).await;
    let id = page["returns"][0]["id"]
        .as_str()
        .expect("the return")
        .to_owned();
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    assert_eq!(detail["return"]["resolution"], "exchange");
    assert_eq!(
        detail["return"]["exchange"]["lines"][0]["sku"],
        sku.as_str()
    );
    assert_eq!(
        detail["return"]["exchange"]["settlement"],
        json!({"kind": "refund", "amount_minor": saved})
    );
    app.finish().await;
}
