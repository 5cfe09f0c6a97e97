//! "Shop the catalogue": where the shop allows other products, the portal searches its
//! catalogue (in stock, in the order's currency, this shop's only) and a submission takes
//! another product, its price difference settled as for another size; where it does not, the
//! search is refused and so is the submission, naming the field.

use crate::exchanges::{ask_exchange, exchange_shop, ok, tee_order};
use crate::helpers::{TestApp, assert_problem, field_codes, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn caps(currency_of_third: &str) -> Value {
    let cap = |sku: &str, price: i64, currency: &str, stock: i32| {
        json!({"sku": sku, "product": format!("cap-{sku}"), "title": "Wool cap",
            "options": [{"name": "Colour", "value": sku}], "price_minor": price,
            "currency": currency, "stock_on_hand": stock, "image_url": null})
    };
    json!({"variants": [
        cap("CAP-RED", 2900, "CAD", 9),
        cap("CAP-BLUE", 2900, "CAD", 0),
        cap("CAP-GOLD", 2900, currency_of_third, 5),
    ]})
}

async fn add_caps(app: &TestApp, token: &str, currency_of_third: &str) {
    ok(app
        .put(
            "/api/v1/catalogue/variants",
            Some(token),
            &caps(currency_of_third),
        )
        .await)
    .await;
}

fn skus(found: &Value) -> Vec<&str> {
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sku"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_shop_that_allows_other_products_lets_the_shopper_search_and_pick_one() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "shop-cat", |e| e["other_products"] = json!(true)).await;
    add_caps(&app, &shop.token, "EUR").await;
    // Another shop sells the same cap: never offered here.
    let other = app.register("shop-cat-other").await;
    add_caps(&app, &other.token, "CAD").await;
    let o = tee_order(&app, &shop, "9201").await;

    // In stock and in the order's currency only: the blue one is sold out, the gold in EUR.
    let found = ok(app
        .get(&o.path("/exchange-catalogue?q=wool"), Some(&o.token))
        .await)
    .await;
    assert_eq!(skus(&found), ["CAP-RED"]);
    assert_eq!(found[0]["unit_price_minor"], 2900);
    assert_eq!(found[0]["available"], 9);
    assert_eq!(found[0]["options"][0]["value"], "CAP-RED");
    let by_sku = ok(app
        .get(&o.path("/exchange-catalogue?q=CAP-RED"), Some(&o.token))
        .await)
    .await;
    assert_eq!(skus(&by_sku), ["CAP-RED"]);
    // No search: what is in stock, by title (the tee's sold-out L left out).
    let all = ok(app
        .get(&o.path("/exchange-catalogue"), Some(&o.token))
        .await)
    .await;
    assert_eq!(
        skus(&all),
        ["TEE-M", "TEE-S", "TEE-XL", "TEE-XS", "CAP-RED"]
    );
    let anonymous = app.get(&o.path("/exchange-catalogue?q=wool"), None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // Picked: 49.00 back for a 29.00 cap, the rest refunded as the shop settles it.
    let ret = ok(ask_exchange(&app, &o, "CAP-RED").await).await;
    assert_eq!(ret["exchange"]["lines"][0]["sku"], "CAP-RED");
    assert_eq!(ret["exchange"]["lines"][0]["from_sku"], "TEE-M");
    assert_eq!(ret["exchange"]["difference_minor"], -2000);
    assert_eq!(
        ret["exchange"]["settlement"],
        json!({"kind": "refund", "amount_minor": 2000})
    );
    // Still only what can be promised: a sold-out cap is refused like a sold-out size.
    let again = tee_order(&app, &shop, "9202").await;
    let problem = assert_problem(
        ask_exchange(&app, &again, "CAP-BLUE").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [(
            "items[0].exchange_sku".to_owned(),
            "out_of_stock".to_owned()
        )]
    );
}

#[tokio::test]
async fn a_shop_that_exchanges_sizes_only_refuses_the_search_and_another_product() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "sizes-only", |_| {}).await;
    add_caps(&app, &shop.token, "CAD").await;
    let o = tee_order(&app, &shop, "9301").await;
    let refused = app
        .get(&o.path("/exchange-catalogue?q=wool"), Some(&o.token))
        .await;
    assert_problem(refused, StatusCode::FORBIDDEN, "forbidden").await;
    let problem = assert_problem(
        ask_exchange(&app, &o, "CAP-RED").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [(
            "items[0].exchange_sku".to_owned(),
            "other_product".to_owned()
        )]
    );
}
