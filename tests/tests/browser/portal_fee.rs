//! A shop whose policy charges a return fee: the shopper sees a reason the rules refuse offered
//! disabled with why, then the fee and what is left before sending the return; the return is
//! stored with the fee shown, and the staff's refund form starts from what was paid less it.

use rebound_e2e::{DEMO_SLUG, TestApp, spawn_app};
use serde_json::{Value, json};

use crate::demo_orders::{look_up, returnable_order};
use crate::return_desk::{staff_get, staff_post};

/// The fee: 10% of what comes back.
const FEE_BASIS_POINTS: i64 = 1000;

/// Saves the demo shop's rules: "Changed my mind" is refused, returns are open 120 days from
/// the order, and a 10% fee is charged (waived for defects).
async fn charge_a_fee(app: &TestApp, token: &str) {
    let status = app
        .js(
            "const [token, bp] = arguments;
             return (async () => {
               const headers = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' };
               const settings = await (await fetch('/api/v1/settings', { headers })).json();
               const mind = settings.reasons.find(r => r.label_en === 'Changed my mind');
               const rules = [
                 { id: 'no-mind-changes', enabled: true,
                   conditions: [{ kind: 'reason', reason_ids: [mind.id] }],
                   effect: { kind: 'final_sale' } },
                 { id: 'window', enabled: true, conditions: [],
                   effect: { kind: 'window', basis: 'order', days: 120 } },
                 { id: 'fee', enabled: true, conditions: [],
                   effect: { kind: 'fee', fee: { charge: { kind: 'percent_of_value', basis_points: bp },
                     waived_for: ['defective'] } } },
               ];
               const r = await fetch('/api/v1/settings/policies', { method: 'PUT', headers,
                 body: JSON.stringify({ rules }) });
               return r.status;
             })();",
            vec![json!(token), json!(FEE_BASIS_POINTS)],
        )
        .await;
    assert_eq!(status, json!(200), "the rules are saved");
}

/// `minor` as the summary writes its digits, for a currency with cents.
fn digits(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

async fn text_of(app: &TestApp, css: &str) -> String {
    app.js(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
        vec![json!(css)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[tokio::test]
async fn the_shopper_sees_the_fee_before_sending_and_the_refund_starts_less_it() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    charge_a_fee(&app, &token).await;
    let (order, email) = returnable_order(&app, 1, 0).await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{DEMO_SLUG}/order/return")).await;
    let index = app
        .wait_js(
            "a returnable item",
            "const b = document.querySelector('.return-item input[type=checkbox]:not(:disabled)');
             return b ? b.id.replace('return-', '') : null;",
            vec![],
        )
        .await;
    let index = index.as_str().unwrap().to_owned();
    app.js(
        "document.getElementById('return-' + arguments[0]).click();",
        vec![json!(index)],
    )
    .await;
    app.element("#next-step").await.click().await.unwrap();

    // The refused reason is in the list, disabled, saying why; the others can be chosen.
    let select = format!("#reason-{index}");
    let options = app
        .wait_js(
            "the reasons",
            "const s = document.querySelector(arguments[0]);
             return s && [...s.options].map(o => [o.text, o.disabled]);",
            vec![json!(select)],
        )
        .await;
    let options: Vec<(String, bool)> = serde_json::from_value(options).unwrap();
    let mind = options
        .iter()
        .find(|(text, _)| text.starts_with("Changed my mind"))
        .expect("the refused reason is listed");
    assert_eq!(
        mind,
        &(
            "Changed my mind — not accepted for this item".to_owned(),
            true
        )
    );
    assert!(
        options
            .iter()
            .any(|(text, disabled)| text == "Too small" && !disabled),
        "{options:?}"
    );
    app.element(&select)
        .await
        .select_by_label("Too small")
        .await
        .unwrap();
    app.element("#next-step").await.click().await.unwrap();
    app.element("#resolution-refund")
        .await
        .click()
        .await
        .unwrap();
    app.element("#next-step").await.click().await.unwrap();

    // The summary: the fee and what is left, before anything is sent.
    app.see("Return fee").await;
    let fee_text = text_of(&app, "#return-fee dd").await;
    let payout_text = text_of(&app, ".return-payout-amount").await;
    assert!(fee_text.starts_with('\u{2212}'), "a deduction: {fee_text}");
    app.shot("portal-summary-fee-1280").await;
    app.click_text("FR").await;
    app.see("Frais de retour").await;
    app.shot("portal-summary-fee-1280-fr").await;
    app.click_text("EN").await;
    app.see("What you get").await;

    app.element("#submit-return").await.click().await.unwrap();
    app.see("Your return is waiting for the shop’s review")
        .await;
    let number = app
        .wait_js(
            "the return number",
            "const o = document.querySelector('.return-outcome');
             const m = o && o.innerText.match(/R-[A-Z0-9]+/);
             return m ? m[0] : null;",
            vec![],
        )
        .await;
    let number = number.as_str().unwrap().to_owned();

    // The server stored the fee the summary showed, and what is left is paid less it.
    let page = staff_get(&app, &token, &format!("/returns?q={number}")).await;
    let id = page["returns"][0]["id"]
        .as_str()
        .expect("the return")
        .to_owned();
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    let paid = detail["return"]["items"][0]["paid_minor"].as_i64().unwrap();
    let fee = detail["return"]["fee_minor"]
        .as_i64()
        .expect("a fee stored");
    assert_eq!(
        fee,
        (paid * FEE_BASIS_POINTS + 5_000) / 10_000,
        "10% of {paid}"
    );
    assert!(fee > 0);
    assert!(fee_text.contains(&digits(fee)), "{fee_text} shows {fee}");
    assert!(
        payout_text.contains(&digits(paid - fee)),
        "{payout_text} shows {paid} less {fee}"
    );

    // Staff's refund form starts from what was paid less the fee, and says so.
    let line = detail["return"]["items"][0]["id"].clone();
    let inspect = json!({"items": [{"return_item_id": line, "condition": "ok"}]});
    for (action, body) in [
        ("approve", json!({})),
        ("receive", json!({})),
        ("inspect", inspect),
    ] {
        let status = staff_post(&app, &token, &format!("/returns/{id}/{action}"), body).await;
        assert_eq!(status, 200, "{action}");
    }
    // The order page's link: a search that finds one return opens it.
    app.open(&format!("/dashboard/returns?q={number}")).await;
    app.element(".action-refund").await.click().await.unwrap();
    let prefilled: Value = app
        .wait_js(
            "the refund form",
            "const a = document.getElementById('refund-amount-0');
             const f = document.getElementById('refund-fee');
             return a && f && [a.value, f.innerText];",
            vec![],
        )
        .await;
    let amount = prefilled[0].as_str().unwrap();
    let note = prefilled[1].as_str().unwrap();
    assert_eq!(amount, digits(paid - fee), "paid less the fee");
    assert!(
        note.starts_with("Return fee \u{2212}") && note.contains(&digits(fee)),
        "{note}"
    );
    app.shot("return-refund-fee-1280").await;
    app.finish().await;
}
