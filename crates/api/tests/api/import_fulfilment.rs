//! The import's fulfilment columns and its column guesser, on real export headers: what
//! becomes shipped or delivered, who the customer is, and what the result says shoppers can do.

use crate::helpers::imports::{finished, import, order, rejections, start, uploaded};
use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Shopify's orders export header, all 79 columns in their order (see fixtures/README.md).
const SHOPIFY_HEADER: &str = include_str!("fixtures/shopify_orders_header.csv");
/// WooCommerce's most used order exporter's header, 48 columns (see fixtures/README.md).
const WOOCOMMERCE_HEADER: &str = include_str!("fixtures/woocommerce_orders_header.csv");

fn header_columns(header: &str) -> Vec<String> {
    header
        .trim_end()
        .split(',')
        .map(|c| c.trim_matches('"').to_owned())
        .collect()
}

/// A data row for `header` with `cells` by column name, every other cell blank.
fn row_for(header: &str, cells: &[(&str, &str)]) -> String {
    let by_name: HashMap<&str, &str> = cells.iter().copied().collect();
    let columns = header_columns(header);
    for (name, _) in cells {
        assert!(columns.iter().any(|c| c == name), "no column {name}");
    }
    let row: Vec<String> = columns
        .iter()
        .map(|c| {
            let v = by_name.get(c.as_str()).copied().unwrap_or("");
            if v.contains(',') {
                format!("\"{v}\"")
            } else {
                v.to_owned()
            }
        })
        .collect();
    format!("{}\n", row.join(","))
}

fn mapping_of(view: &Value) -> HashMap<String, String> {
    view["suggested_mapping"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect()
}

fn shopify_row(number: &str, status: &str, fulfilled_at: &str, title: &str) -> String {
    row_for(
        SHOPIFY_HEADER,
        &[
            ("Name", number),
            ("Email", "jane@example.com"),
            ("Financial Status", "paid"),
            ("Fulfillment Status", status),
            ("Fulfilled at", fulfilled_at),
            ("Currency", "CAD"),
            ("Created at", "2026-11-01 10:00:00 -0500"),
            ("Lineitem quantity", "1"),
            ("Lineitem name", title),
            ("Lineitem price", "49.00"),
            ("Lineitem sku", "TEE-BLK-S"),
            ("Lineitem fulfillment status", status),
            ("Billing Name", "Bill Payer"),
            ("Billing Address1", "9 Other St"),
            ("Billing City", "Ottawa"),
            ("Billing Zip", "K1A 0B1"),
            ("Billing Country", "CA"),
            ("Shipping Name", "Jane Doe"),
            ("Shipping Street", "1 Main St, Unit 4"),
            ("Shipping Address1", "1 Main St"),
            ("Shipping Address2", "Unit 4"),
            ("Shipping City", "Toronto"),
            ("Shipping Zip", "M5V 2T6"),
            ("Shipping Province", "ON"),
            ("Shipping Country", "CA"),
            ("Id", "5001"),
            ("Tags", "VIP, wholesale ,"),
        ],
    )
}

#[tokio::test]
async fn the_guesser_reads_a_real_shopify_export_header() {
    let app = spawn_app().await;
    let shop = app.register("shopify-guess").await;
    let file = format!(
        "{SHOPIFY_HEADER}{}",
        shopify_row(
            "#1001",
            "fulfilled",
            "2026-11-02 09:00:00 -0500",
            "Crew Tee - Black / S"
        )
    );
    let view = uploaded(&app, &shop, file).await;
    assert_eq!(view["columns"].as_array().unwrap().len(), 79);
    let m = mapping_of(&view);
    for (field, column) in [
        ("order_number", "Name"),
        ("customer_name", "Shipping Name"),
        ("email", "Email"),
        ("title", "Lineitem name"),
        ("sku", "Lineitem sku"),
        ("quantity", "Lineitem quantity"),
        ("unit_price", "Lineitem price"),
        ("currency", "Currency"),
        ("placed_at", "Created at"),
        ("address_line1", "Shipping Address1"),
        ("address_line2", "Shipping Address2"),
        ("city", "Shipping City"),
        ("region", "Shipping Province"),
        ("postal_code", "Shipping Zip"),
        ("country", "Shipping Country"),
        ("fulfillment_status", "Fulfillment Status"),
        ("fulfilled_at", "Fulfilled at"),
        ("order_tags", "Tags"),
    ] {
        assert_eq!(
            m.get(field).map(String::as_str),
            Some(column),
            "{field} in {m:?}"
        );
    }
    assert!(!m.contains_key("delivered_at"), "{m:?}");

    // The suggested mapping imports the file as it is: the customer is the shipping name and
    // the product keeps its title.
    let id = view["id"].as_str().unwrap();
    let response = start(&app, &shop, id, &view["suggested_mapping"]).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let done = finished(&app, &shop, id).await;
    assert_eq!(done["orders_created"], 1, "{done}");
    // `#` starts a URL fragment: sent encoded.
    let o = order(&app, &shop, "%231001").await;
    assert_eq!(o["customer_name"], "Jane Doe");
    assert_eq!(o["items"][0]["title"], "Crew Tee - Black / S");
    assert_eq!(o["status"], "in_transit");
    // Shopify's tags cell, split at its commas, for the tag rules to read.
    assert_eq!(o["tags"], json!(["VIP", "wholesale"]));
}

#[tokio::test]
async fn the_guesser_reads_a_real_woocommerce_export_header() {
    let app = spawn_app().await;
    let shop = app.register("woo-guess").await;
    let file = format!(
        "{WOOCOMMERCE_HEADER}{}",
        row_for(
            WOOCOMMERCE_HEADER,
            &[
                ("Order Number", "4521"),
                ("Order Status", "Completed"),
                ("Order Date", "2026-11-01 10:00"),
                ("Email (Billing)", "jane@example.com"),
                ("Address 1&2 (Shipping)", "1 Main St"),
                ("City (Shipping)", "Toronto"),
                ("Postcode (Shipping)", "M5V 2T6"),
                ("Country Code (Shipping)", "CA"),
                ("SKU", "MUG"),
                ("Name", "Mug"),
                ("Quantity", "1"),
                ("Item Cost", "12.00"),
            ],
        )
    );
    let view = uploaded(&app, &shop, file).await;
    assert_eq!(view["columns"].as_array().unwrap().len(), 48);
    let m = mapping_of(&view);
    for (field, column) in [
        ("order_number", "Order Number"),
        ("fulfillment_status", "Order Status"),
        ("placed_at", "Order Date"),
        ("email", "Email (Billing)"),
        ("phone", "Phone (Billing)"),
        ("address_line1", "Address 1&2 (Shipping)"),
        ("city", "City (Shipping)"),
        ("region", "State Code (Shipping)"),
        ("postal_code", "Postcode (Shipping)"),
        ("country", "Country Code (Shipping)"),
        ("sku", "SKU"),
        ("title", "Name"),
        ("variant", "Product Variation"),
        ("quantity", "Quantity"),
        ("unit_price", "Item Cost"),
        ("image_url", "Image URL"),
    ] {
        assert_eq!(
            m.get(field).map(String::as_str),
            Some(column),
            "{field} in {m:?}"
        );
    }
    // First and last names are split: no column is the customer's name, and that is no
    // reason to refuse the file (the email stands in).
    assert!(!m.contains_key("customer_name"), "{m:?}");

    // The export has no currency column: starting asks for that one, not for a name.
    let id = view["id"].as_str().unwrap();
    let problem = crate::helpers::assert_problem(
        start(&app, &shop, id, &view["suggested_mapping"]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        crate::helpers::field_codes(&problem),
        vec![("mapping.currency".to_owned(), "required".to_owned())]
    );
}

const HEADER: &str = "Order,Customer,Email,Address,City,Zip,Country,Currency,Date,Sku,Title,Qty,Price,Fulfillment Status,Fulfilled at,Delivered at\n";

fn row(number: &str, status: &str, fulfilled: &str, delivered: &str) -> String {
    format!(
        "{number},Jane Doe,jane@example.com,1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01 10:00,A,Shirt,1,19.99,{status},{fulfilled},{delivered}\n"
    )
}

fn events(o: &Value) -> Vec<(String, String)> {
    o["shipments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["events"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["occurred_at"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn fulfilment_columns_ship_and_deliver_orders_and_the_result_counts_them() {
    let app = spawn_app().await;
    let shop = app.register("fulfilment-cols").await;
    let mut file = String::from(HEADER);
    file.push_str(&row(
        "1",
        "fulfilled",
        "2026-11-02 09:00",
        "2026-11-04 15:30",
    )); // 2
    file.push_str(&row("2", "fulfilled", "2026-11-02 09:00", "")); // 3
    file.push_str(&row("3", "unfulfilled", "", "")); // 4
    file.push_str(&row("4", "restocked", "", "")); // 5
    file.push_str(&row("5", "teleported", "", "")); // 6
    file.push_str(&row("6", "fulfilled", "", "9999-01-01")); // 7
    file.push_str(&row("7", "completed", "", "")); // 8: WooCommerce's word, no date
    let view = uploaded(&app, &shop, file.clone()).await;
    let m = mapping_of(&view);
    assert_eq!(m["fulfillment_status"], "Fulfillment Status");
    assert_eq!(m["fulfilled_at"], "Fulfilled at");
    assert_eq!(m["delivered_at"], "Delivered at");
    let id = view["id"].as_str().unwrap();
    start(&app, &shop, id, &view["suggested_mapping"]).await;
    let done = finished(&app, &shop, id).await;
    assert_eq!(done["orders_created"], 5, "{done}");
    assert_eq!(done["orders_delivered"], 1, "{done}");
    assert_eq!(done["orders_shipped"], 2, "{done}");
    assert_eq!(done["orders_not_shipped"], 2, "{done}");
    let got: Vec<(u64, Value)> = rejections(&app, &shop, id)
        .await
        .into_iter()
        .map(|(l, f, _)| (l, f))
        .collect();
    assert_eq!(
        got,
        vec![(6, json!("fulfillment_status")), (7, json!("delivered_at"))]
    );

    let delivered = order(&app, &shop, "1").await;
    assert_eq!(delivered["status"], "delivered");
    assert_eq!(delivered["delivered_at"], "2026-11-04T15:30:00Z");
    assert_eq!(
        events(&delivered),
        vec![
            ("in_transit".to_owned(), "2026-11-02T09:00:00Z".to_owned()),
            ("delivered".to_owned(), "2026-11-04T15:30:00Z".to_owned()),
        ]
    );
    let shipped = order(&app, &shop, "2").await;
    assert_eq!(shipped["status"], "in_transit");
    assert_eq!(shipped["delivered_at"], Value::Null);
    assert_eq!(shipped["shipments"][0]["tracking_number"], "");
    // Shipped without a date: dated the day the order was placed, never later.
    assert_eq!(order(&app, &shop, "7").await["status"], "in_transit");
    assert_eq!(
        events(&order(&app, &shop, "7").await),
        vec![("in_transit".to_owned(), "2026-11-01T10:00:00Z".to_owned())]
    );
    assert_eq!(order(&app, &shop, "3").await["status"], "unfulfilled");
    assert_eq!(order(&app, &shop, "4").await["shipments"], json!([]));

    // The same file again: orders already there stay as they are, no second event.
    let again = import(&app, &shop, file).await;
    assert_eq!(again["orders_updated"], 5, "{again}");
    assert_eq!(again["orders_delivered"], 1, "{again}");
    assert_eq!(events(&order(&app, &shop, "1").await).len(), 2);
    assert_eq!(events(&order(&app, &shop, "2").await).len(), 1);
}

#[tokio::test]
async fn a_later_file_never_moves_an_order_back() {
    let app = spawn_app().await;
    let shop = app.register("forward-only").await;
    import(
        &app,
        &shop,
        format!("{HEADER}{}", row("1", "", "", "2026-11-04")),
    )
    .await;
    let done = import(
        &app,
        &shop,
        format!("{HEADER}{}", row("1", "unfulfilled", "", "")),
    )
    .await;
    assert_eq!(done["orders_delivered"], 1, "{done}");
    assert_eq!(order(&app, &shop, "1").await["status"], "delivered");
}

#[tokio::test]
async fn without_a_name_column_the_email_names_the_customer() {
    let app = spawn_app().await;
    let shop = app.register("no-name").await;
    let file = "Order,Email,Address,City,Zip,Country,Currency,Date,Sku,Title,Qty,Price\n\
                1,Jane@Example.com,1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01,A,Shirt,1,5\n";
    let done = import(&app, &shop, file).await;
    assert_eq!(done["orders_created"], 1, "{done}");
    assert_eq!(
        order(&app, &shop, "1").await["customer_name"],
        "Jane@Example.com"
    );

    // Billing Name stands in when there is no Shipping Name.
    let view = uploaded(
        &app,
        &shop,
        "Name,Email,Billing Name,Billing Address1,Lineitem name,Lineitem sku\n#1,a@b.co,Ann,1 St,Mug,M\n",
    )
    .await;
    assert_eq!(mapping_of(&view)["customer_name"], "Billing Name");
    assert_eq!(mapping_of(&view)["title"], "Lineitem name");
}

#[tokio::test]
async fn french_fulfilment_headers_are_recognised() {
    let app = spawn_app().await;
    let shop = app.register("entetes").await;
    let view = uploaded(
        &app,
        &shop,
        "Commande,Courriel,Statut de la commande,Date d'expédition,Livré le\n1,a@b.co,Expédiée,2026-11-02,\n",
    )
    .await;
    let m = mapping_of(&view);
    assert_eq!(m["order_number"], "Commande");
    assert_eq!(m["email"], "Courriel");
    assert_eq!(m["fulfillment_status"], "Statut de la commande");
    assert_eq!(m["fulfilled_at"], "Date d'expédition");
    assert_eq!(m["delivered_at"], "Livré le");
}
