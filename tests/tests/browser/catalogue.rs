//! The dashboard's Catalogue page and exchanges settings: the demo shop's products with their
//! stock, searched by name, a sold-out variant marked; products imported from Shopify's own
//! sample product file; the Returns tab's exchanges part.

use rebound_e2e::spawn_app;
use serde_json::json;

#[tokio::test]
async fn the_catalogue_lists_stock_and_the_returns_tab_offers_exchanges() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/catalogue").await;
    app.see("Your products and their variants").await;
    app.fill("SKU or product name", "parka").await;
    app.submit().await;
    let rows = app
        .wait_js(
            "the parka's three variants",
            "const rows = [...document.querySelectorAll('.catalogue-row')];
             return rows.length === 3 ? rows.map(r => r.dataset.sku) : null;",
            vec![],
        )
        .await;
    assert_eq!(
        rows.as_array().map(Vec::len),
        Some(3),
        "only the parka: {rows}"
    );
    app.see("Out of stock").await;
    app.check_accessibility("catalogue").await;
    app.shot("dashboard-catalogue-1280").await;
    app.click_text("FR").await;
    app.see("Épuisé").await;
    app.click_text("EN").await;

    // Shopify's sample product export: its shirts join the catalogue, priced in the shop's
    // currency (read from its rate table into the field).
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/api/tests/api/fixtures/shopify/product_template.csv")
        .canonicalize()
        .expect("the sample file");
    app.see("Import products from a CSV file").await;
    let currency = app
        .wait_js(
            "the shop's currency in the field",
            "const c = document.getElementById('catalogue-currency'); return c && c.value ? c.value : null;",
            vec![],
        )
        .await;
    assert_eq!(currency, json!("CAD"));
    app.choose_file(&sample).await;
    app.click_text("Import products").await;
    app.see("Imported:").await;
    app.fill("SKU or product name", "Example T-Shirt").await;
    app.submit().await;
    let shirts = app
        .wait_js(
            "the imported shirts",
            "const rows = [...document.querySelectorAll('.catalogue-row')];
             const skus = rows.map(r => r.dataset.sku);
             return skus.length > 0 && skus.every(s => s.startsWith('SRT_COT')) ? skus : null;",
            vec![],
        )
        .await;
    assert!(
        shirts.as_array().is_some_and(|s| s
            .iter()
            .all(|sku| sku.as_str().is_some_and(|t| t.starts_with("SRT_COT")))),
        "{shirts}"
    );
    app.check_accessibility("catalogue after an import").await;
    app.shot("dashboard-catalogue-import-1280").await;

    app.open("/dashboard/settings").await;
    app.see("Offer exchanges").await;
    let on = app
        .wait_js(
            "the exchanges switch",
            "const c = document.getElementById('exchanges-enabled'); return c ? c.checked : null;",
            vec![],
        )
        .await;
    assert_eq!(on, json!(true), "the demo shop offers exchanges");
    app.check_accessibility("returns tab with exchanges").await;
    app.finish().await;
}
