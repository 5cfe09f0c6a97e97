//! The Analytics page on the demo shop: the cards load over the last 30 days with their charts
//! and tables; choosing "Last 90 days" asks again and the figures change (the demo's returns go
//! back two months); the survey results stay below, and the owner turns on the weekly summary.

use rebound_e2e::spawn_app;
use serde_json::{Value, json};

/// Each card's table text and whether it drew a chart, once every card has answered.
const CARDS: &str = "
    const cards = [...document.querySelectorAll('.analytics-card')];
    if (cards.length !== 5 || cards.some(c => c.getAttribute('aria-busy') !== 'false')) return null;
    return cards.map(c => ({
        id: c.id,
        chart: c.querySelectorAll('svg.chart .mark').length,
        tables: [...c.querySelectorAll('table')].map(t => t.innerText.trim()),
    }));";

async fn cards(app: &rebound_e2e::TestApp, what: &str) -> Vec<Value> {
    app.wait_js(what, CARDS, vec![])
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn the_cards_chart_the_chosen_period_and_change_with_it() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/analytics").await;
    app.see("Return rate").await;
    let month = cards(&app, "the five cards over the last 30 days").await;
    let rate = &month[0];
    assert_eq!(rate["id"], "card-return-rate");
    // Deliveries over the month: a line chart with its marks, and the table under it.
    assert!(rate["chart"].as_u64().unwrap() > 0, "{rate}");
    // (Header cells are upper-cased by the style sheet; innerText reads them so.)
    let table = rate["tables"][0].as_str().unwrap().to_lowercase();
    assert!(table.contains("orders delivered"), "{table}");
    assert!(table.contains("previous period"), "{table}");
    app.shot("analytics-30-days").await;

    app.click_text("Last 90 days").await;
    let quarter = app
        .wait_js(
            "the cards over 90 days, different from the 30 days'",
            &format!(
                "const now = (() => {{ {CARDS} }})();
                 if (!now) return null;
                 const before = arguments[0];
                 return JSON.stringify(now.map(c => c.tables)) !== JSON.stringify(before.map(c => c.tables)) ? now : null;"
            ),
            vec![json!(month)],
        )
        .await;
    let quarter = quarter.as_array().unwrap();
    // Every card reads the new period: the preset is pressed and its dates are in the inputs.
    let pressed = app
        .js(
            "return [...document.querySelectorAll('.range-preset[aria-pressed=true]')].map(b => b.innerText.trim());",
            vec![],
        )
        .await;
    assert_eq!(pressed, json!(["Last 90 days"]));
    // The demo's returns over 90 days: the reasons card charts and lists them.
    let reasons = &quarter[1];
    assert_eq!(reasons["id"], "card-reasons");
    assert!(reasons["chart"].as_u64().unwrap() > 0, "{reasons}");
    let reason_table = reasons["tables"][0].as_str().unwrap().to_lowercase();
    assert!(reason_table.contains("reason"), "{reason_table}");
    // The resolution mix is a stacked bar over its table.
    assert!(quarter[2]["chart"].as_u64().unwrap() > 0, "{}", quarter[2]);
    app.see("Customer satisfaction").await;
    app.shot("analytics-90-days").await;
    app.js(
        "document.getElementById('card-resolutions').scrollIntoView();",
        vec![],
    )
    .await;
    app.shot("analytics-90-days-resolutions").await;
    // The owner's weekly summary by mail: off, then on from its checkbox, saved at once.
    app.see("Email me a weekly summary").await;
    // The box stays disabled until the saved choice is read.
    app.wait_js(
        "the weekly summary's checkbox enabled",
        "return !document.getElementById('weekly-summary').disabled;",
        vec![],
    )
    .await;
    let ticked = "return document.getElementById('weekly-summary').checked;";
    assert_eq!(app.js(ticked, vec![]).await, json!(false));
    app.js("document.getElementById('weekly-summary').click();", vec![])
        .await;
    app.see("Email turned on").await;
    assert_eq!(app.js(ticked, vec![]).await, json!(true));
    app.finish().await;
}
