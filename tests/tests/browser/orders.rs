//! Orders from both sides: a shopper looking one up and following its parcel (and a wrong pair
//! getting one generic answer), staff searching the list and importing a CSV.

use rebound_e2e::{DEMO_SLUG, spawn_app};
use serde_json::json;

use crate::demo_orders::{DEMO_ORDER, DEMO_ORDER_EMAIL, DEMO_TRACKING, look_up};

#[tokio::test]
async fn a_shopper_finds_an_order_and_follows_its_parcel() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, DEMO_ORDER, DEMO_ORDER_EMAIL).await;

    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.see(DEMO_ORDER).await;
    app.see("Canada Post").await;
    // Newest scan first, with the carrier's page one click away.
    let first = app
        .wait_js(
            "the timeline",
            "const t = document.querySelector('.timeline-title');
             return t ? t.textContent.trim() : null;",
            vec![],
        )
        .await;
    assert_eq!(first, json!("Delivered to the front door"));
    app.see("Item in transit").await;
    app.see("Shipping label created").await;
    let link = app
        .wait_js(
            "the carrier link",
            "const a = [...document.querySelectorAll('a')]
                .find(a => a.textContent.includes(arguments[0]));
             return a ? a.href : null;",
            vec![json!(DEMO_TRACKING)],
        )
        .await;
    assert!(
        link.as_str()
            .unwrap_or_default()
            .starts_with("https://www.canadapost"),
        "{link}"
    );
    app.see("Shipping address").await;

    // A reload keeps the order open.
    app.open(&format!("/{DEMO_SLUG}/order")).await;
    app.see("Delivered to the front door").await;

    // The tracking number and the postal code work too, however they are typed.
    app.click_text("Look up another order").await;
    app.wait_path(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, " 7023 0000 0441 0000 ", "h2x 1Y4 ").await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.see(DEMO_ORDER).await;
    app.see("Delivered to the front door").await;
    app.finish().await;
}

#[tokio::test]
async fn a_wrong_pair_gets_one_generic_answer() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    let generic = "We couldn't find an order with these details";

    look_up(&app, DEMO_ORDER, "someone-else@example.com").await;
    app.see(generic).await;
    assert_eq!(app.path().await, format!("/{DEMO_SLUG}"));

    // A right email with a wrong number reads exactly the same.
    let first = app.visible_text().await;
    look_up(&app, "MC-9999", DEMO_ORDER_EMAIL).await;
    app.wait_js(
        "the second answer",
        "return !document.querySelector('button[aria-busy]')
            && document.body.innerText.includes(arguments[0]);",
        vec![json!(generic)],
    )
    .await;
    let message = |text: &str| {
        text.lines()
            .find(|l| l.contains(generic))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(message(&first), message(&app.visible_text().await));
    assert_eq!(app.path().await, format!("/{DEMO_SLUG}"));
    app.finish().await;
}

#[tokio::test]
async fn staff_search_an_order_by_email_and_read_its_timeline() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.click_text("Orders").await;
    app.wait_path("/dashboard/orders").await;
    app.see("MC-1050").await;

    app.fill("Search", DEMO_ORDER_EMAIL).await;
    // Only that shopper's orders remain once the debounced search has answered.
    app.wait_js(
        "only the shopper's orders",
        "const cells = [...document.querySelectorAll('.orders-table tbody .cell-email')];
         return cells.length > 0 && cells.every(c => c.textContent.trim() === arguments[0]);",
        vec![json!(DEMO_ORDER_EMAIL)],
    )
    .await;
    app.click_text(DEMO_ORDER).await;
    app.wait_path(&format!("/dashboard/orders/{DEMO_ORDER}"))
        .await;
    app.see("Olivia Tremblay").await;
    app.see("Canada Post").await;
    app.see("Delivered to the front door").await;
    app.see(DEMO_TRACKING).await;
    app.see("Reported issues").await;
    app.finish().await;
}

#[tokio::test]
async fn staff_import_orders_from_a_csv_and_see_the_rejected_row() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/orders/import").await;
    app.see("Import orders from a CSV file").await;

    // Shopify-style headers the mapping guesses, two good orders (one on two rows) and a row
    // with a bad email.
    let folder = tempfile::tempdir().expect("temp dir");
    let csv = folder.path().join("orders.csv");
    std::fs::write(
        &csv,
        "Order #,Customer,E-mail,Address,City,Province,Zip,Country,Currency,Created at,Lineitem sku,Lineitem name,Qty,Price\n\
         CSV-1,Zoé Roy,zoe@example.com,1 Rue Sainte-Catherine,Montréal,QC,H2X 1Y4,CA,CAD,2026-11-01,MUG,Stoneware mug,1,24.00\n\
         CSV-1,Zoé Roy,zoe@example.com,1 Rue Sainte-Catherine,Montréal,QC,H2X 1Y4,CA,CAD,2026-11-01,BOWL,Stoneware bowl,2,18.50\n\
         CSV-2,Liam Park,liam@example.com,5 King St W,Toronto,ON,M5H 1A1,CA,CAD,2026-11-02,MUG,Stoneware mug,1,24.00\n\
         CSV-3,Bad Row,not-an-email,5 King St W,Toronto,ON,M5H 1A1,CA,CAD,2026-11-02,MUG,Stoneware mug,1,24.00\n",
    )
    .expect("write the CSV");
    app.choose_file(&csv).await;
    app.see("Match the columns").await;
    app.see("orders.csv: 4 rows.").await;
    app.click_text("Start import").await;
    app.see("Import finished").await;
    // One row refused, named by its line (5: the header is line 1) and field.
    let rejected = app
        .wait_js(
            "the rejected row",
            "const rows = [...document.querySelectorAll('tr')].map(r => r.innerText);
             const bad = rows.find(r => /^\\s*5\\b/.test(r));
             return bad ? bad : null;",
            vec![],
        )
        .await;
    assert!(
        rejected.as_str().unwrap_or_default().contains("mail"),
        "{rejected}"
    );
    app.open("/dashboard/orders").await;
    app.fill("Search", "CSV-1").await;
    app.see("Zoé Roy").await;
    app.finish().await;
}
