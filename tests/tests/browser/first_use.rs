//! Issue 12's whole first use in one walk, through the screens only: a new merchant signs up,
//! sets a return address and a policy, brands the portal, imports a Shopify export with its
//! fulfilment columns and shares the portal; a shopper on a phone finds an imported order typing
//! `#` and lower case, sees what the return gives back before sending it; an agent works the
//! case from its own address through to the refund; the shopper then reads "Refunded" in plain
//! words, in English and in French.

use rebound_e2e::{TestApp, spawn_app};

use crate::demo_orders::{submit_return, walk_return};
use serde_json::{Value, json};

const SLUG: &str = "birch-fern";
const OWNER_EMAIL: &str = "robin@birch-fern.example";
const SHOPPER_EMAIL: &str = "zoe@example.com";

/// A Shopify-style date (`2026-11-02 09:00:00 +0000`) `days` ago by the browser's clock: the
/// return window counts from delivery, so the walk's orders must be recent.
async fn days_ago(app: &TestApp, days: i64) -> String {
    app.js(
        "const d = new Date(Date.now() - arguments[0] * 86400000).toISOString();
         return d.slice(0, 19).replace('T', ' ') + ' +0000';",
        vec![json!(days)],
    )
    .await
    .as_str()
    .expect("a date")
    .to_owned()
}

/// Return `number` as the staff API has it, with the token the dashboard keeps.
async fn staff_case(app: &TestApp, number: &str) -> Value {
    app.js(
        "const number = arguments[0];
         return (async () => {
           const headers = { Authorization: 'Bearer ' + localStorage.getItem('rebound.token') };
           const page = await (await fetch('/api/v1/returns?q=' + number, { headers })).json();
           const id = page.returns[0].id;
           return await (await fetch('/api/v1/returns/' + id, { headers })).json();
         })();",
        vec![json!(number)],
    )
    .await
}

/// Waits until the server has return `number` in `status` (one-click actions are sent once
/// their undo window closes).
async fn wait_server_status(app: &TestApp, number: &str, status: &str) {
    app.wait_js(
        &format!("{number} to be {status} on the server"),
        "const [number, status] = arguments;
         return (async () => {
           const headers = { Authorization: 'Bearer ' + localStorage.getItem('rebound.token') };
           const page = await (await fetch('/api/v1/returns?q=' + number, { headers })).json();
           return page.returns.length > 0 && page.returns[0].status === status;
         })();",
        vec![json!(number), json!(status)],
    )
    .await;
}

/// Clicks the submit button of the form holding the element `css`.
async fn submit_form_of(app: &TestApp, css: &str) {
    app.element(css).await;
    app.js(
        "document.querySelector(arguments[0]).closest('form')
           .querySelector('button[type=submit]').click(); return true;",
        vec![json!(css)],
    )
    .await;
}

async fn sign_up(app: &TestApp) {
    app.open("/dashboard/register").await;
    app.fill("Company name", "Birch & Fern").await;
    app.fill("Portal address", SLUG).await;
    app.fill("Your name", "Robin Birch").await;
    app.fill("Email", OWNER_EMAIL).await;
    app.fill("Password", "a long enough passphrase").await;
    app.submit().await;
    app.see("Get your returns portal ready").await;
    app.see("0 of 5 done").await;
    app.see("Returns are not open to shoppers yet").await;
}

/// The return address, the policy (a longer window) and the brand colour, each on its screen.
async fn set_up(app: &TestApp) {
    app.open("/dashboard/settings?tab=returns").await;
    app.fill("Name (warehouse or contact)", "Returns centre")
        .await;
    app.fill("Address line 1", "500 Maple Street").await;
    app.fill("City", "Montréal").await;
    app.fill("Province, state or region", "QC").await;
    app.fill("Postal code", "H2X 3A1").await;
    app.element("#country")
        .await
        .select_by_value("CA")
        .await
        .expect("choose Canada");
    submit_form_of(app, "#line1").await;
    app.see("500 Maple Street").await;

    app.fill("Return window (days after delivery)", "45").await;
    submit_form_of(app, "#return_window_days").await;
    app.see("Changes saved").await;

    app.click_text("Branding").await;
    let hex = app.element("#primary_colour").await;
    hex.clear().await.expect("clear the colour");
    hex.send_keys("#2F6B4F").await.expect("type the colour");
    submit_form_of(app, "#primary_colour").await;
    app.see("Changes saved").await;
}

/// Imports a Shopify export: one order fulfilled and delivered (returnable), one fulfilled
/// only, one not fulfilled. Order-level cells sit on each order's first row only.
async fn import_orders(app: &TestApp) {
    let (placed, fulfilled, delivered) = (
        days_ago(app, 6).await,
        days_ago(app, 5).await,
        days_ago(app, 2).await,
    );
    let folder = tempfile::tempdir().expect("temp dir");
    let csv = folder.path().join("orders_export.csv");
    std::fs::write(
        &csv,
        format!(
            "Name,Email,Financial Status,Fulfillment Status,Fulfilled at,Delivered at,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Shipping Name,Shipping Address1,Shipping City,Shipping Zip,Shipping Province,Shipping Country\n\
             FU-1001,{SHOPPER_EMAIL},paid,fulfilled,{fulfilled},{delivered},CAD,{placed},1,Stoneware mug,24.00,MUG,Zoé Roy,Zoé Roy,1 Rue Sainte-Catherine,Montréal,H2X 1Y4,QC,CA\n\
             FU-1001,,,,,,,,2,Stoneware bowl,18.50,BOWL,,,,,,,\n\
             FU-1002,liam@example.com,paid,fulfilled,{fulfilled},,CAD,{placed},1,Linen apron,39.00,APRON,Liam Park,Liam Park,5 King St W,Toronto,M5H 1A1,ON,CA\n\
             FU-1003,ava@example.com,paid,unfulfilled,,,CAD,{placed},1,Stoneware mug,24.00,MUG,Ava Chen,,5 King St W,Toronto,M5H 1A1,ON,CA\n"
        ),
    )
    .expect("write the CSV");
    app.open("/dashboard/orders/import").await;
    app.see("Import orders from a CSV file").await;
    app.choose_file(&csv).await;
    app.see("Match the columns").await;
    app.click_text("Start import").await;
    app.see("Import finished").await;
    app.see("What shoppers can do now").await;
    app.see("1 order is delivered: its shopper can start a return now.")
        .await;
    app.see("1 order is shipped: tracking only until marked delivered.")
        .await;
    app.see("1 order is not shipped: address changes only.")
        .await;
    app.shot("first-use-import-result").await;
}

/// The checklist is done once the portal link is copied, and goes.
async fn share_the_portal(app: &TestApp) {
    app.open("/dashboard").await;
    app.see("4 of 5 done").await;
    let link = app
        .wait_js(
            "the portal link",
            "const i = document.querySelector('#portal-link'); return i && i.value;",
            vec![],
        )
        .await;
    assert!(
        link.as_str()
            .unwrap_or_default()
            .ends_with(&format!("/{SLUG}")),
        "{link}"
    );
    app.click_text("Copy link").await;
    app.wait_js(
        "the checklist to go once every step is done",
        "return !document.body.innerText.includes('Get your returns portal ready');",
        vec![],
    )
    .await;
}

/// The shopper, on a phone, finds the order by `#fu-1001` and returns the mug for a refund,
/// reading how much, where and when before sending. Answers the return's number.
async fn shopper_returns_an_item(app: &TestApp) -> String {
    app.resize(390, 844).await;
    app.open(&format!("/{SLUG}")).await;
    app.fill("Order number or tracking number", "#fu-1001")
        .await;
    app.fill("Email or postal code", SHOPPER_EMAIL).await;
    app.submit().await;
    app.wait_path(&format!("/{SLUG}/order")).await;
    app.see("FU-1001").await;
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{SLUG}/order/return")).await;

    let index = app
        .wait_js(
            "the mug, returnable",
            "const b = [...document.querySelectorAll('.return-item')]
               .find(c => c.innerText.includes('Stoneware mug'));
             const box = b && b.querySelector('input[type=checkbox]:not(:disabled)');
             return box ? box.id.replace('return-', '') : null;",
            vec![],
        )
        .await;
    let index = index.as_str().unwrap().to_owned();
    // The shopper taps the item's card (its label), which draws the checkbox.
    app.element(&format!("label[for=return-{index}]"))
        .await
        .click()
        .await
        .unwrap();
    let payout = walk_return(app, &index).await;
    assert!(payout.contains("24.00"), "the mug's price: {payout}");
    app.shot("first-use-summary-390").await;
    submit_return(app).await
}

/// The heading of the box that says what became of the return.
async fn outcome_title(app: &TestApp) -> String {
    let title = app
        .js(
            "return document.getElementById('outcome-title')?.innerText.trim() ?? null;",
            vec![],
        )
        .await;
    title.as_str().unwrap_or_default().to_owned()
}

/// The agent opens the case from its own address and takes it to the refund.
async fn agent_refunds(app: &TestApp, number: &str) {
    app.resize(1280, 800).await;
    app.open(&format!("/dashboard/returns/{number}")).await;
    app.wait_js(
        "the case page with its actions",
        "return location.pathname === '/dashboard/returns/' + arguments[0]
           && document.querySelector('h1.page-title')?.innerText.includes(arguments[0])
           && document.querySelector('.return-action-bar .action-approve');",
        vec![json!(number)],
    )
    .await;

    // With a return address, approving buys the label at once (no warning first).
    app.element(".action-approve").await.click().await.unwrap();
    wait_server_status(app, number, "approved").await;
    let case = staff_case(app, number).await;
    assert!(
        case["label"]["pdf_url"].is_string(),
        "approved with its label: {case}"
    );

    app.element(".action-receive").await.click().await.unwrap();
    wait_server_status(app, number, "received").await;

    app.element(".action-inspect").await.click().await.unwrap();
    app.element(".confirm-inspect").await.click().await.unwrap();
    wait_server_status(app, number, "inspected").await;

    app.element(".action-refund").await.click().await.unwrap();
    app.shot("first-use-refund-1280").await;
    app.element(".confirm-refund").await.click().await.unwrap();
    wait_server_status(app, number, "resolved").await;
    let case = staff_case(app, number).await;
    assert_eq!(case["refunds"][0]["amount_minor"], json!(2400), "{case}");
}

#[tokio::test]
async fn a_new_merchant_reaches_a_first_refunded_return_through_the_screens() {
    let app = spawn_app().await;
    sign_up(&app).await;
    set_up(&app).await;
    import_orders(&app).await;
    share_the_portal(&app).await;

    let number = shopper_returns_an_item(&app).await;
    agent_refunds(&app, &number).await;

    // The shopper comes back to the return: refunded, in plain words, in both languages.
    app.resize(390, 844).await;
    app.open(&format!("/{SLUG}/order/return")).await;
    app.see("back to your original payment method. Your bank may take a few days to show it.")
        .await;
    assert_eq!(outcome_title(&app).await, "Your return is refunded");
    let text = app.visible_text().await;
    assert!(
        text.contains("Refunded: ") && text.contains("24.00"),
        "{text}"
    );
    assert!(!text.contains("returned_item"), "no internal code: {text}");
    // The parcel is back: the label is no longer offered, here or on the order page.
    let labels = "return document.querySelectorAll('a[href*=\"/labels/\"]').length;";
    assert_eq!(
        app.js(labels, vec![]).await,
        json!(0),
        "no label after the refund"
    );
    app.click_text("Back to my order").await;
    app.wait_path(&format!("/{SLUG}/order")).await;
    app.wait_js(
        "the refunded return on the order page",
        "const c = document.querySelector('.return-card');
         return c && c.dataset.status === 'resolved';",
        vec![],
    )
    .await;
    assert_eq!(
        app.js(labels, vec![]).await,
        json!(0),
        "no label after the refund"
    );
    app.open(&format!("/{SLUG}/order/return")).await;
    app.see("back to your original payment method. Your bank may take a few days to show it.")
        .await;
    app.shot("first-use-refunded-390").await;
    app.click_text("FR").await;
    app.see("Remboursé").await;
    app.see("sur votre moyen de paiement d’origine").await;
    assert_eq!(outcome_title(&app).await, "Votre retour est remboursé");
    app.shot("first-use-refunded-390-fr").await;
    app.finish().await;
}
