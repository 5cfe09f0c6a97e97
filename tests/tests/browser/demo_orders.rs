//! The demo shop's orders the tests use, and the lookups a shopper makes on the portal.

use rebound_e2e::DEMO_SLUG;
use serde_json::json;

/// The demo's first order: delivered, one Canada Post parcel with four scans.
pub const DEMO_ORDER: &str = "MC-1001";
pub const DEMO_ORDER_EMAIL: &str = "olivia@example.com";
pub const DEMO_TRACKING: &str = "7023000004410000";

/// Looks an order up on the demo portal's front page.
pub async fn look_up(app: &rebound_e2e::TestApp, order: &str, contact: &str) {
    app.fill("Order number or tracking number", order).await;
    app.fill("Email or postal code", contact).await;
    app.submit().await;
}

/// The demo's customers by order (`MC-{1001 + n}` belongs to `n % 10`).
pub const DEMO_EMAILS: [&str; 10] = [
    "olivia",
    "liam",
    "emma",
    "noah",
    "charlotte",
    "william",
    "amelia",
    "lucas",
    "chloe",
    "jack",
];

/// The newest delivered demo orders with their customers' emails, newest first: the demo
/// spreads 50 orders over 60 days, so these are inside the 30-day return window. Taken a few
/// at a time, their lookups stay under the lookup rate limit.
pub fn recent_orders() -> Vec<(String, String)> {
    (30..46)
        .rev()
        .map(|n| {
            (
                format!("MC-{}", 1001 + n),
                format!("{}@example.com", DEMO_EMAILS[n % 10]),
            )
        })
        .collect()
}

/// A delivered demo order, inside its return window and without returns yet, with at least
/// `min_items` returnable items; `skip` passes over that many matches (one order per test).
/// Asked through the portal's own API, as a shopper would.
pub async fn returnable_order(
    app: &rebound_e2e::TestApp,
    min_items: usize,
    skip: usize,
) -> (String, String) {
    let candidates = recent_orders();
    let found = app
        .js(
            "const [slug, candidates, min, skip] = arguments;
             return (async () => {
               let seen = 0;
               for (const [order, contact] of candidates) {
                 const base = '/api/v1/portal/' + slug;
                 const r = await fetch(base + '/lookup', { method: 'POST',
                   headers: { 'Content-Type': 'application/json' },
                   body: JSON.stringify({ order, contact }) });
                 if (!r.ok) continue;
                 const token = (await r.json()).access_token;
                 const auth = { headers: { Authorization: 'Bearer ' + token } };
                 const options = await (await fetch(base + '/order/returns/options', auth)).json();
                 const returns = await (await fetch(base + '/order/returns', auth)).json();
                 const left = options.items.filter(i => i.returnable_quantity > 0).length;
                 if (left >= min && returns.length === 0 && seen++ === skip) return [order, contact];
               }
               return null;
             })();",
            vec![json!(DEMO_SLUG), json!(candidates), json!(min_items), json!(skip)],
        )
        .await;
    let pair: (String, String) =
        serde_json::from_value(found).expect("a demo order that can be returned");
    pair
}

/// The return wizard from the items step, item `index` already checked: "Too small", a
/// refund, and the summary, which says how much, where it goes and when before anything is
/// sent. Answers the amount the summary shows.
pub async fn walk_return(app: &rebound_e2e::TestApp, index: &str) -> String {
    app.element("#next-step").await.click().await.unwrap();
    app.element(&format!("#reason-{index}"))
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

    app.see("What you get").await;
    app.see("back to your original payment method").await;
    app.see("After your parcel is received and inspected by the shop.")
        .await;
    let payout = app
        .js(
            "return document.querySelector('.return-payout-amount').innerText;",
            vec![],
        )
        .await;
    payout.as_str().unwrap_or_default().to_owned()
}

/// Sends the return from the summary; answers its number once the outcome shows it.
pub async fn submit_return(app: &rebound_e2e::TestApp) -> String {
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
    number.as_str().unwrap_or_default().to_owned()
}

/// Starts a return on the order open in the portal and ticks its first returnable item;
/// answers the item's index in the wizard (`reason-{index}`, `photos-{index}`).
pub async fn start_return_with_first_item(app: &rebound_e2e::TestApp) -> String {
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{DEMO_SLUG}/order/return")).await;
    let index = app
        .wait_js(
            "a returnable item",
            "const b = document.querySelector('.return-item input[type=checkbox]:not(:disabled)');
             if (!b) return null;
             b.click();
             return b.id.replace('return-', '');",
            vec![],
        )
        .await;
    index.as_str().unwrap_or_default().to_owned()
}
