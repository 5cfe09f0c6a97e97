//! Returns open with the shop's return address: before it, the portal says returns open soon
//! (`no_return_address`) and a submission is refused with a clear 409.

use crate::helpers::portal::{
    PLAIN, add_return_address, portal_order, return_options, return_reasons, submit_return,
};
use crate::helpers::{assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn returns_stay_closed_until_the_shop_has_a_return_address() {
    let app = spawn_app().await;
    let shop = app.register("soon").await;
    let config: Value = app
        .get("/api/v1/portal/soon", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(config["returns"]["closed"], "no_return_address");

    // The helper opens returns on the way; take the address away again.
    let o = portal_order(&app, &shop, &PLAIN).await;
    let settings: Value = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    let id = settings["return_addresses"][0]["id"].as_str().unwrap();
    let removed = app
        .client
        .delete(app.url(&format!("/api/v1/settings/return-addresses/{id}")))
        .bearer_auth(&shop.token)
        .send()
        .await
        .unwrap();
    assert!(removed.status().is_success(), "{}", removed.status());

    let options = return_options(&app, &o).await;
    assert_eq!(options["closed"], "no_return_address");
    // What the summary prices the return with.
    assert_eq!(options["currency"], "CAD");
    assert_eq!(options["items"][0]["unit_price_minor"], 4900);
    let (plain, _) = return_reasons(&app, &o).await;
    let body = json!({"items": [{"order_item_id": o.item("A"), "quantity": 1, "reason_id": plain}],
        "resolution": "refund", "method": "prepaid_label"});
    let refused = assert_problem(
        submit_return(&app, &o, &body).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("no_return_address"),
        "{refused}"
    );

    add_return_address(&app, &shop).await;
    assert_eq!(return_options(&app, &o).await["closed"], Value::Null);
    let config: Value = app
        .get("/api/v1/portal/soon", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(config["returns"]["closed"], Value::Null);
    assert_eq!(
        submit_return(&app, &o, &body).await.status(),
        StatusCode::CREATED
    );
}
