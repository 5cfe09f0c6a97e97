//! The new merchant's way out of "Ordered" for ever: a Shopify-style export with its
//! fulfilment columns, the result saying what shoppers can now do, and an unfulfilled order
//! marked delivered from its own page.

use rebound_e2e::spawn_app;

#[tokio::test]
async fn an_imported_order_is_marked_delivered_from_its_page() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/orders/import").await;
    app.see("Import orders from a CSV file").await;

    // Shopify's column names and its order-level cells on the first row of each order only.
    let folder = tempfile::tempdir().expect("temp dir");
    let csv = folder.path().join("orders_export.csv");
    std::fs::write(
        &csv,
        "Name,Email,Financial Status,Fulfillment Status,Fulfilled at,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Shipping Name,Shipping Address1,Shipping City,Shipping Zip,Shipping Province,Shipping Country\n\
         SH-2001,zoe@example.com,paid,fulfilled,2026-11-02 09:00:00 -0500,CAD,2026-11-01 10:00:00 -0500,1,Stoneware mug,24.00,MUG,Zoé Roy,Zoé Roy,1 Rue Sainte-Catherine,Montréal,H2X 1Y4,QC,CA\n\
         SH-2001,,,,,,,2,Stoneware bowl,18.50,BOWL,,,,,,,\n\
         SH-2002,liam@example.com,paid,unfulfilled,,CAD,2026-11-02 11:00:00 -0500,1,Linen apron,39.00,APRON,Liam Park,Liam Park,5 King St W,Toronto,M5H 1A1,ON,CA\n\
         SH-2003,ava@example.com,paid,unfulfilled,,CAD,2026-11-03 12:00:00 -0500,1,Stoneware mug,24.00,MUG,Ava Chen,,5 King St W,Toronto,M5H 1A1,ON,CA\n",
    )
    .expect("write the CSV");
    app.choose_file(&csv).await;
    app.see("Match the columns").await;
    app.click_text("Start import").await;
    app.see("Import finished").await;
    app.see("What shoppers can do now").await;
    app.see("1 order is shipped: tracking only until marked delivered.")
        .await;
    app.see("2 orders are not shipped: address changes only.")
        .await;

    // The list names the customer from the shipping name, never after a product.
    app.open("/dashboard/orders").await;
    app.fill("Search", "SH-2002").await;
    app.see("Liam Park").await;
    app.click_text("SH-2002").await;
    app.wait_path("/dashboard/orders/SH-2002").await;
    app.see("Mark delivered").await;
    app.click_text("Mark delivered").await;
    app.see("Marked delivered: the shopper can start a return.")
        .await;
    app.see("Sent without tracking").await;
    app.wait_js(
        "the delivered badge",
        "const badge = document.querySelector('.order-head .status-delivered');
         return badge && badge.textContent.includes('Delivered');",
        vec![],
    )
    .await;
    app.finish().await;
}
