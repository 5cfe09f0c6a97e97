//! Products from a CSV in Shopify's product export layout, tested on Shopify's own sample
//! file: the active product's variants land in the catalogue with their options, price, stock
//! and image; the draft and archived products' rows are set aside with their line; importing
//! again changes nothing; a file without the columns needed, or a bad currency, is refused
//! naming the field.

use crate::exchanges::ok;
use crate::helpers::{assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SAMPLE: &[u8] = include_bytes!("fixtures/shopify/product_template.csv");

#[tokio::test]
async fn shopifys_sample_product_file_fills_the_catalogue() {
    let app = spawn_app().await;
    let shop = app.register("products-csv").await;
    let other = app.register("products-csv-other").await;
    let upload = |body: &'static [u8], currency: &str, token: String| {
        app.client
            .post(app.url(&format!("/api/v1/catalogue/import?currency={currency}")))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(body)
            .send()
    };
    let done = ok(upload(SAMPLE, "USD", shop.token.clone()).await.unwrap()).await;
    assert_eq!(
        (
            done["created"].clone(),
            done["updated"].clone(),
            done["unchanged"].clone()
        ),
        (json!(12), json!(0), json!(0)),
        "{done}"
    );
    // The draft jeans (lines 14 to 16; line 17 only adds an image) and the archived beanie.
    let rejected: Vec<(u64, String)> = done["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["column"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rejected,
        [14, 15, 16, 18].map(|line| (line, "Status".to_owned())),
        "{done}"
    );
    assert!(
        done["rejected"][3]["reason"]
            .as_str()
            .unwrap()
            .contains("archived"),
        "{done}"
    );

    let page = ok(app
        .get("/api/v1/catalogue?q=SRT_COT_222", Some(&shop.token))
        .await)
    .await;
    let blue_m: &Value = &page["variants"][0];
    assert_eq!(blue_m["sku"], "SRT_COT_222");
    assert_eq!(blue_m["product"], "example-shirt");
    // The title and option names come from the product's first row.
    assert_eq!(blue_m["title"], "Example T-Shirt");
    assert_eq!(
        blue_m["options"],
        json!([{"name": "Color", "value": "Blue"}, {"name": "Size", "value": "M"}])
    );
    assert_eq!(blue_m["price_minor"], 2500);
    assert_eq!(blue_m["currency"], "USD");
    assert_eq!(blue_m["stock_on_hand"], 0);
    assert_eq!(
        blue_m["image_url"],
        "https://burst.shopifycdn.com/photos/cobalt-blue-t-shirt.jpg?width=1500"
    );
    assert_eq!(blue_m["tags"], json!(["Made to Order", "Shirt Tag"]));
    let whole = ok(app
        .get("/api/v1/catalogue?q=example&limit=100", Some(&shop.token))
        .await)
    .await;
    assert_eq!(whole["variants"].as_array().unwrap().len(), 12);

    // The same file again: nothing written.
    let again = ok(upload(SAMPLE, "USD", shop.token.clone()).await.unwrap()).await;
    assert_eq!(
        (again["created"].clone(), again["unchanged"].clone()),
        (json!(0), json!(12))
    );
    // Another shop's catalogue is untouched.
    let theirs = ok(app
        .get("/api/v1/catalogue?q=example", Some(&other.token))
        .await)
    .await;
    assert_eq!(theirs["variants"], json!([]));

    let problem = assert_problem(
        upload(SAMPLE, "DOLLARS", shop.token.clone()).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "currency", "{problem}");
    // No currency at all: the same 422, not a 400 the document does not promise (the contract
    // test found it).
    let missing = app
        .client
        .post(app.url("/api/v1/catalogue/import"))
        .bearer_auth(&shop.token)
        .header("content-type", "text/csv")
        .body(SAMPLE)
        .send()
        .await
        .unwrap();
    let problem = assert_problem(missing, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "currency", "{problem}");
    let problem = assert_problem(
        upload(
            b"Handle,Title\nexample-shirt,Shirt\n",
            "USD",
            shop.token.clone(),
        )
        .await
        .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "file", "{problem}");
    assert!(problem.to_string().contains("Variant SKU"), "{problem}");
}
