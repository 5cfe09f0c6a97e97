//! Staff at the returns desk: inspecting a parcel that came back and refunding part of it,
//! rejecting a return with a reason the shopper then reads, approving several at once, settling
//! with store credit and with a replacement.

use rebound_e2e::{DEMO_SLUG, TestApp, spawn_app};
use serde_json::{Value, json};

use crate::demo_orders::recent_orders;

/// Calls the staff API from the page with `token`; answers the JSON body.
pub(crate) async fn staff_get(app: &TestApp, token: &str, path: &str) -> Value {
    app.js(
        "const [token, path] = arguments;
         return (async () => {
           const r = await fetch('/api/v1' + path, { headers: { Authorization: 'Bearer ' + token } });
           return { status: r.status, body: await r.json() };
         })();",
        vec![json!(token), json!(path)],
    )
    .await["body"]
        .clone()
}

/// Posts `body` to the staff API from the page with `token`; answers the status code.
pub(crate) async fn staff_post(app: &TestApp, token: &str, path: &str, body: Value) -> u64 {
    app.js(
        "const [token, path, body] = arguments;
         return (async () => {
           const r = await fetch('/api/v1' + path, { method: 'POST', body: JSON.stringify(body),
             headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' } });
           return r.status;
         })();",
        vec![json!(token), json!(path), body],
    )
    .await
    .as_u64()
    .unwrap_or_default()
}

/// Makes `count` returns waiting for review, one per recent demo order, through the portal's
/// API as a shopper's browser would (one item, a reason that is not a defect, the first
/// resolution and method offered). Answers `[number, order, contact]` for each.
pub(crate) async fn pending_returns(app: &TestApp, count: usize) -> Vec<(String, String, String)> {
    let made = app
        .js(
            "const [slug, candidates, count] = arguments;
             return (async () => {
               const made = [];
               for (const [order, contact] of candidates) {
                 if (made.length === count) break;
                 const base = '/api/v1/portal/' + slug;
                 const r = await fetch(base + '/lookup', { method: 'POST',
                   headers: { 'Content-Type': 'application/json' },
                   body: JSON.stringify({ order, contact }) });
                 if (!r.ok) continue;
                 const token = (await r.json()).access_token;
                 const headers = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' };
                 const options = await (await fetch(base + '/order/returns/options', { headers })).json();
                 const item = options.items.find(i => i.returnable_quantity > 0);
                 const reason = options.reasons.find(r => !r.defective);
                 if (!item || !reason) continue;
                 const created = await fetch(base + '/order/returns', { method: 'POST', headers,
                   body: JSON.stringify({
                     items: [{ order_item_id: item.order_item_id, quantity: 1, reason_id: reason.id }],
                     resolution: options.resolutions[0], method: options.methods[0],
                     client_request_id: 'desk-test-' + order }) });
                 if (!created.ok) continue;
                 const ret = await created.json();
                 if (ret.status === 'pending_review') made.push([ret.number, order, contact]);
               }
               return made;
             })();",
            vec![json!(DEMO_SLUG), json!(recent_orders()), json!(count)],
        )
        .await;
    let made: Vec<(String, String, String)> =
        serde_json::from_value(made).expect("returns as [number, order, contact]");
    assert_eq!(made.len(), count, "{count} returns waiting for review");
    made
}

/// On the queue, picks the status tab `status`, waits for its one return and opens it;
/// answers the return's number.
async fn open_only_return(app: &TestApp, status: &str) -> String {
    app.element(&format!("#status-chip-{status}"))
        .await
        .click()
        .await
        .unwrap();
    let number = app
        .wait_js(
            &format!("the one {status} return in the queue"),
            "const g = [...document.querySelectorAll('.return-group')];
             return g.length === 1 && g[0].dataset.status === arguments[0] ? g[0].dataset.number : null;",
            vec![json!(status)],
        )
        .await;
    app.element(".return-group .return-number")
        .await
        .click()
        .await
        .unwrap();
    number.as_str().unwrap().to_owned()
}

/// Return `number` as the shopper's order page reads it (looked up with `order` and `contact`).
async fn shopper_view(app: &TestApp, order: &str, contact: &str, number: &str) -> Value {
    app.js(
        "const [slug, order, contact, number] = arguments;
         return (async () => {
           const base = '/api/v1/portal/' + slug;
           const r = await fetch(base + '/lookup', { method: 'POST',
             headers: { 'Content-Type': 'application/json' },
             body: JSON.stringify({ order, contact }) });
           const token = (await r.json()).access_token;
           const returns = await (await fetch(base + '/order/returns',
             { headers: { Authorization: 'Bearer ' + token } })).json();
           return returns.find(x => x.number === number) || null;
         })();",
        vec![
            json!(DEMO_SLUG),
            json!(order),
            json!(contact),
            json!(number),
        ],
    )
    .await
}

/// Waits until the queue's row for return `number` is in `status`.
async fn wait_status(app: &TestApp, number: &str, status: &str) {
    app.wait_js(
        &format!("{number} to be {status}"),
        "const g = document.querySelector(`.return-group[data-number=\"${arguments[0]}\"]`);
         return g && g.dataset.status === arguments[1];",
        vec![json!(number), json!(status)],
    )
    .await;
}

/// Types into the input `css`, replacing its value.
async fn retype(app: &TestApp, css: &str, text: &str) {
    let input = app.element(css).await;
    input.clear().await.expect("clear the input");
    input.send_keys(text).await.expect("type into the input");
}

#[tokio::test]
async fn staff_inspect_a_received_return_and_refund_part_of_it() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    app.open("/dashboard/returns").await;
    // The demo has one parcel back at the shop, not inspected yet.
    let number = open_only_return(&app, "received").await;

    // Inspection: the line is damaged, with a note.
    app.element(".action-inspect").await.click().await.unwrap();
    app.element("input[name=condition-0][value=damaged]")
        .await
        .click()
        .await
        .unwrap();
    app.fill("Note (optional)", "Scuffed corner").await;
    app.shot("return-inspect-1280").await;
    app.element(".confirm-inspect").await.click().await.unwrap();
    wait_status(&app, &number, "inspected").await;
    app.wait_js(
        "the inspection in the outcome",
        "const o = document.querySelector('.case-outcome');
         return o && o.innerText.includes('Damaged') && o.innerText.includes('Scuffed corner');",
        vec![],
    )
    .await;

    // Refund: more than was paid is refused under the amount, and nothing is refunded.
    app.element(".action-refund").await.click().await.unwrap();
    retype(&app, "#refund-amount-0", "99999").await;
    app.element(".confirm-refund").await.click().await.unwrap();
    let error = app
        .wait_js(
            "the amount's error",
            "const e = document.getElementById('refund-amount-0-error');
             return e && e.innerText.trim();",
            vec![],
        )
        .await;
    assert!(
        error.as_str().unwrap().starts_with("At most"),
        "the cap is named: {error}"
    );
    let focused = app.js("return document.activeElement.id;", vec![]).await;
    assert_eq!(
        focused,
        json!("refund-amount-0"),
        "focus lands on the amount"
    );
    wait_status(&app, &number, "inspected").await;

    // A partial refund, typed the French way, goes through and closes the return.
    retype(&app, "#refund-amount-0", "1,50").await;
    app.shot("return-refund-1280").await;
    app.element(".confirm-refund").await.click().await.unwrap();
    wait_status(&app, &number, "resolved").await;
    app.resize(390, 844).await;
    app.shot("return-resolved-390").await;
    app.wait_js(
        "the refund in the outcome",
        "const r = document.querySelector('.outcome-refund');
         return r && r.innerText.includes('1.50');",
        vec![],
    )
    .await;

    // The server recorded exactly that, on that line, with the inspection.
    let page = staff_get(&app, &token, &format!("/returns?q={number}")).await;
    let id = page["returns"][0]["id"]
        .as_str()
        .expect("the return")
        .to_owned();
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    assert_eq!(detail["return"]["status"], json!("resolved"));
    assert_eq!(detail["inspections"][0]["condition"], json!("damaged"));
    assert_eq!(detail["inspections"][0]["note"], json!("Scuffed corner"));
    let line = detail["return"]["items"][0]["id"].clone();
    let refunds = detail["refunds"].as_array().expect("refunds");
    let on_line: Vec<_> = refunds
        .iter()
        .filter(|r| r["return_item_id"] == line)
        .collect();
    assert_eq!(on_line.len(), 1, "one refund on the line: {refunds:?}");
    assert_eq!(on_line[0]["amount_minor"], json!(150));
    assert_eq!(on_line[0]["reason"], json!("returned_item"));

    // The order page lists the return; its link opens the case in the queue.
    let order = detail["order"]["number"]
        .as_str()
        .expect("the order")
        .to_owned();
    app.resize(1280, 900).await;
    app.open(&format!("/dashboard/orders/{order}")).await;
    let listed = app
        .wait_js(
            "the order's returns",
            "const t = document.querySelector('.order-returns');
             return t && t.innerText;",
            vec![],
        )
        .await;
    let listed = listed.as_str().unwrap();
    assert!(
        listed.contains(&number) && listed.contains("Resolved"),
        "{listed}"
    );
    app.element(".order-returns .return-number")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "the case open in the queue",
        "const g = document.querySelector('.return-group');
         return g && g.dataset.number === arguments[0] && document.querySelector('.case-outcome .outcome-refund');",
        vec![json!(number)],
    )
    .await;
    app.finish().await;
}

#[tokio::test]
async fn staff_reject_a_return_with_a_reason_and_approve_two_at_once() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    let made = pending_returns(&app, 2).await;
    let (refused, refused_order, refused_contact) = made[0].clone();
    let other = made[1].0.clone();

    app.open("/dashboard/returns").await;
    app.element("#status-chip-pending_review")
        .await
        .click()
        .await
        .unwrap();
    // Ours and the demo's own pending return.
    let pending = app
        .wait_js(
            "the pending returns",
            "const g = [...document.querySelectorAll('.return-group')];
             return g.length >= 3 && g.every(x => x.dataset.status === 'pending_review')
               ? g.map(x => x.dataset.number) : null;",
            vec![],
        )
        .await;
    let pending: Vec<String> = serde_json::from_value(pending).unwrap();
    app.shot("returns-pending-1280").await;
    assert!(pending.contains(&refused) && pending.contains(&other));

    // Reject without a reason: the field says so and keeps focus; nothing changes.
    app.element(&format!(
        ".return-group[data-number=\"{refused}\"] .return-number"
    ))
    .await
    .click()
    .await
    .unwrap();
    app.element(".action-reject").await.click().await.unwrap();
    app.element(".confirm-reject").await.click().await.unwrap();
    let said = app
        .wait_js(
            "the reason's error",
            "const e = document.getElementById('reject-reason-error');
             return e && e.innerText.trim();",
            vec![],
        )
        .await;
    assert_eq!(said, json!("Say why the return is refused."));
    assert_eq!(
        app.js("return document.activeElement.id;", vec![]).await,
        json!("reject-reason")
    );
    wait_status(&app, &refused, "pending_review").await;
    let why = "The tags were removed and the item was worn.";
    app.element("#reject-reason")
        .await
        .send_keys(why)
        .await
        .unwrap();
    app.element(".confirm-reject").await.click().await.unwrap();
    wait_status(&app, &refused, "rejected").await;

    // Every other pending return, approved together.
    let ticked = app
        .js(
            "const boxes = [...document.querySelectorAll('.return-group[data-status=pending_review] .return-select')];
             boxes.forEach(b => b.click());
             return boxes.map(b => b.dataset.number);",
            vec![],
        )
        .await;
    let ticked: Vec<String> = serde_json::from_value(ticked).unwrap();
    assert_eq!(ticked.len(), pending.len() - 1, "all but the rejected one");
    app.see(&format!("Approve selected ({})", ticked.len()))
        .await;
    app.element("#approve-selected")
        .await
        .click()
        .await
        .unwrap();
    for number in &ticked {
        wait_status(&app, number, "approved").await;
    }
    app.wait_js(
        "no return left to review",
        "const c = document.querySelector('#status-chip-pending_review .chip-count');
         return c && c.innerText.trim() === '0';",
        vec![],
    )
    .await;
    app.shot("returns-bulk-approved-1280").await;

    // The shopper reads the shop's reason on their order.
    let seen = shopper_view(&app, &refused_order, &refused_contact, &refused).await;
    let reason = json!([seen["status"], seen["rejection_reason"]]);
    assert_eq!(reason, json!(["rejected", why]));
    app.finish().await;
}

#[tokio::test]
async fn staff_settle_one_return_with_store_credit_and_another_with_a_replacement() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    // A return that came back in good order: approved, received and inspected by the API.
    let (number, order, contact) = pending_returns(&app, 1).await.remove(0);
    let page = staff_get(&app, &token, &format!("/returns?q={number}")).await;
    let id = page["returns"][0]["id"]
        .as_str()
        .expect("the return")
        .to_owned();
    let line = staff_get(&app, &token, &format!("/returns/{id}")).await["return"]["items"][0]["id"]
        .clone();
    for (path, body) in [
        ("approve", json!({})),
        ("receive", json!({})),
        (
            "inspect",
            json!({ "items": [{ "return_item_id": line, "condition": "ok" }] }),
        ),
    ] {
        let status = staff_post(&app, &token, &format!("/returns/{id}/{path}"), body).await;
        assert_eq!(status, 200, "{path}");
    }

    // Store credit: a smaller amount than the default, typed by staff.
    app.open("/dashboard/returns").await;
    app.fill("Search returns", &number).await;
    // Wait for the search's answer: a case opened before it would be drawn again.
    app.wait_js(
        "the searched return alone",
        "const g = [...document.querySelectorAll('.return-group')];
         return g.length === 1 && g[0].dataset.number === arguments[0] && g[0].dataset.status === 'inspected';",
        vec![json!(number)],
    )
    .await;
    app.element(".return-group .return-number")
        .await
        .click()
        .await
        .unwrap();
    app.element(".action-store-credit")
        .await
        .click()
        .await
        .unwrap();
    retype(&app, "#credit-amount", "12").await;
    app.see("Issue CA$12.00 of store credit").await;
    app.element(".confirm-credit").await.click().await.unwrap();
    wait_status(&app, &number, "resolved").await;
    let code = app
        .wait_js(
            "the credit in the outcome",
            "const c = document.querySelector('.outcome-credit');
             const m = c && c.innerText.match(/SC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
             return c && c.innerText.includes('CA$12.00 left of CA$12.00') && m ? m[0] : null;",
            vec![],
        )
        .await;
    // The shopper sees the same code and balance on their order.
    let seen = shopper_view(&app, &order, &contact, &number).await;
    let credit = json!([
        seen["store_credit"]["code"],
        seen["store_credit"]["balance_minor"]
    ]);
    assert_eq!(credit, json!([code, 1200]));

    // The demo's defective case, settled at once with a replacement the shop already shipped.
    app.open("/dashboard/returns").await;
    let defective = open_only_return(&app, "needs_contact").await;
    app.element(".action-replace").await.click().await.unwrap();
    app.fill("Size or colour sent", "Large, forest green").await;
    app.fill("Tracking number (optional)", "7023 0000 9999 0001")
        .await;
    app.shot("return-replace-1280").await;
    app.element(".confirm-replace").await.click().await.unwrap();
    wait_status(&app, &defective, "resolved").await;
    let sent = app
        .wait_js(
            "the replacement in the outcome",
            "const r = document.querySelector('.outcome-replacement');
             return r && r.innerText;",
            vec![],
        )
        .await;
    let sent = sent.as_str().unwrap();
    assert!(
        sent.contains("702300009999") && sent.contains("Large, forest green"),
        "{sent}"
    );
    app.finish().await;
}

#[tokio::test]
async fn the_returns_desk_speaks_french_and_fits_a_phone() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.js(
        "localStorage.setItem('rebound.locale', 'fr'); return true;",
        vec![],
    )
    .await;
    app.open("/dashboard/returns").await;
    open_only_return(&app, "needs_contact").await;
    app.see("Résultat").await;
    app.see("Le client souhaite : Échange").await;
    app.element(".action-refund").await.click().await.unwrap();
    app.see("Motif du remboursement").await;
    app.see("Rembourser 79,00").await;
    app.shot("fr-refund-1280").await;

    // On a phone nothing runs off the side: the chips scroll, the rows are cards.
    app.resize(390, 844).await;
    app.open("/dashboard/returns").await;
    app.element(".return-group").await;
    let overflow = app
        .js(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await;
    assert_eq!(overflow, json!(0), "the page is as wide as the phone");
    app.shot("fr-queue-390").await;
    app.finish().await;
}
