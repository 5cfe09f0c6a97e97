//! The dashboard's Catalogue page and exchanges settings: the demo shop's products with their
//! stock, searched by name, a sold-out variant marked; the Returns tab's exchanges part.

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
