//! The catalogue and exchanges: the bulk upsert by SKU, exchanges priced at submission (same
//! price, cheaper, dearer, under each setting), stock held from approval and given back when
//! the return ends, the last unit raced for, instant exchanges and the bonus on store credit.

use crate::helpers::portal::{
    OrderSpec, PortalOrder, portal_order, put_returns_settings, return_options, return_reasons,
    submit_return,
};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

/// A linen tee in four sizes around the M every test order bought at 49.00: S at the same
/// price (one left), L none left, XS cheaper, XL dearer.
fn tee_variants() -> Value {
    let v = |sku: &str, size: &str, price: i64, stock: i32| {
        json!({"sku": sku, "product": "linen-tee", "title": "Linen tee",
            "options": [{"name": "Size", "value": size}, {"name": "Colour", "value": "Sand"}],
            "price_minor": price, "currency": "CAD", "stock_on_hand": stock,
            "image_url": "https://cdn.example/tee.png", "tags": ["summer"]})
    };
    json!({"variants": [
        v("TEE-M", "M", 4900, 5),
        v("TEE-S", "S", 4900, 1),
        v("TEE-L", "L", 4900, 0),
        v("TEE-XS", "XS", 3900, 4),
        v("TEE-XL", "XL", 5900, 4),
    ]})
}

pub(crate) async fn ok(response: Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// A shop with the tee catalogue and exchanges on, as `change` adjusts them.
pub(crate) async fn exchange_shop(
    app: &TestApp,
    slug: &str,
    change: impl FnOnce(&mut Value),
) -> Account {
    let shop = app.register(slug).await;
    ok(app
        .put(
            "/api/v1/catalogue/variants",
            Some(&shop.token),
            &tee_variants(),
        )
        .await)
    .await;
    let mut exchanges = json!({"enabled": true, "other_products": false, "cheaper": "refund",
        "dearer": "refuse", "payment_link": null,
        "instant": {"enabled": false, "max_order_value_minor": null, "not_for_flagged": true},
        "bonus": null});
    change(&mut exchanges);
    let saved = put_returns_settings(app, &shop, |r| r["exchanges"] = exchanges).await;
    assert_eq!(saved.status(), StatusCode::OK);
    shop
}

pub(crate) async fn tee_order(app: &TestApp, shop: &Account, number: &str) -> PortalOrder {
    portal_order(
        app,
        shop,
        &OrderSpec {
            number,
            items: &[("TEE-M", 1, true)],
            country: "CA",
            currency: "CAD",
            delivered_days_ago: Some(1),
        },
    )
    .await
}

pub(crate) async fn ask_exchange(app: &TestApp, o: &PortalOrder, sku: &str) -> Response {
    let (reason, _) = return_reasons(app, o).await;
    submit_return(
        app,
        o,
        &json!({"items": [{"order_item_id": o.item("TEE-M"), "quantity": 1,
            "reason_id": reason, "exchange_sku": sku}],
            "resolution": "exchange", "method": "prepaid_label"}),
    )
    .await
}

pub(crate) async fn act(
    app: &TestApp,
    shop: &Account,
    id: &str,
    action: &str,
    body: &Value,
) -> Response {
    app.post(
        &format!("/api/v1/returns/{id}/{action}"),
        Some(&shop.token),
        body,
    )
    .await
}

pub(crate) async fn variant(app: &TestApp, shop: &Account, sku: &str) -> Value {
    let page = ok(app
        .get(&format!("/api/v1/catalogue?q={sku}"), Some(&shop.token))
        .await)
    .await;
    page["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == sku)
        .cloned()
        .unwrap()
}

/// Approve, receive and inspect the return as fine: ready to be resolved.
async fn bring_back(app: &TestApp, shop: &Account, ret: &Value) -> String {
    let id = ret["id"].as_str().unwrap().to_owned();
    ok(act(app, shop, &id, "approve", &json!({})).await).await;
    ok(act(app, shop, &id, "receive", &json!({})).await).await;
    let items: Vec<Value> = ret["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"return_item_id": i["id"], "condition": "ok"}))
        .collect();
    ok(act(app, shop, &id, "inspect", &json!({"items": items})).await).await;
    id
}

#[tokio::test]
async fn the_catalogue_upsert_is_idempotent_searchable_and_per_shop() {
    let app = spawn_app().await;
    let shop = app.register("cat-one").await;
    let other = app.register("cat-two").await;
    let first = ok(app
        .put(
            "/api/v1/catalogue/variants",
            Some(&shop.token),
            &tee_variants(),
        )
        .await)
    .await;
    assert_eq!(first, json!({"created": 5, "updated": 0, "unchanged": 0}));
    let again = ok(app
        .put(
            "/api/v1/catalogue/variants",
            Some(&shop.token),
            &tee_variants(),
        )
        .await)
    .await;
    assert_eq!(again, json!({"created": 0, "updated": 0, "unchanged": 5}));
    let mut cheaper = tee_variants();
    cheaper["variants"][0]["price_minor"] = json!(4500);
    let changed = ok(app
        .put("/api/v1/catalogue/variants", Some(&shop.token), &cheaper)
        .await)
    .await;
    assert_eq!(changed["updated"], 1);
    assert_eq!(changed["unchanged"], 4);

    let found = ok(app
        .get("/api/v1/catalogue?q=LINEN", Some(&shop.token))
        .await)
    .await;
    assert_eq!(found["variants"].as_array().unwrap().len(), 5);
    let m = variant(&app, &shop, "TEE-M").await;
    assert_eq!(m["price_minor"], 4500);
    assert_eq!(m["options"][1], json!({"name": "Colour", "value": "Sand"}));
    assert_eq!(
        (m["stock_on_hand"].clone(), m["available"].clone()),
        (json!(5), json!(5))
    );
    let paged = ok(app
        .get("/api/v1/catalogue?limit=2", Some(&shop.token))
        .await)
    .await;
    assert_eq!(paged["variants"].as_array().unwrap().len(), 2);
    let cursor = paged["next_cursor"].as_str().unwrap();
    let next = ok(app
        .get(
            &format!("/api/v1/catalogue?limit=2&cursor={cursor}"),
            Some(&shop.token),
        )
        .await)
    .await;
    assert_ne!(next["variants"][0]["sku"], paged["variants"][0]["sku"]);

    let theirs = ok(app
        .get("/api/v1/catalogue?q=linen", Some(&other.token))
        .await)
    .await;
    assert_eq!(theirs["variants"], json!([]));

    let mut twice = tee_variants();
    twice["variants"][1]["sku"] = json!("TEE-M");
    let problem = assert_problem(
        app.put("/api/v1/catalogue/variants", Some(&shop.token), &twice)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("variants[1].sku".to_owned(), "duplicate_sku".to_owned())]
    );
    let unpriced = json!({"variants": [{"sku": "X", "product": "x", "title": "X",
        "price_minor": -5, "currency": "CAD", "stock_on_hand": 1, "image_url": null}]});
    let problem = assert_problem(
        app.put("/api/v1/catalogue/variants", Some(&shop.token), &unpriced)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(problem.to_string().contains("price_minor"), "{problem}");
}

#[tokio::test]
async fn the_portal_offers_the_other_sizes_with_their_stock() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-offer", |_| {}).await;
    let o = tee_order(&app, &shop, "8101").await;
    let options = return_options(&app, &o).await;
    assert!(
        options["resolutions"]
            .as_array()
            .unwrap()
            .contains(&json!("exchange"))
    );
    assert_eq!(options["exchange"]["cheaper"], "refund");
    // Every reason's terms offer it too: the wizard intersects them.
    let terms = options["items"][0]["terms"].as_array().unwrap();
    assert!(!terms.is_empty());
    assert!(
        terms.iter().all(|t| t["resolutions"]
            .as_array()
            .unwrap()
            .contains(&json!("exchange"))),
        "{terms:?}"
    );
    let choices = options["items"][0]["exchange_choices"].as_array().unwrap();
    let skus: Vec<&str> = choices.iter().map(|c| c["sku"].as_str().unwrap()).collect();
    assert_eq!(skus, ["TEE-L", "TEE-S", "TEE-XL", "TEE-XS"]);
    assert_eq!(choices[0]["available"], 0, "L is out of stock");
    assert_eq!(choices[1]["available"], 1);
}

#[tokio::test]
async fn a_same_price_exchange_is_even_and_holds_stock_from_approval() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-even", |_| {}).await;
    let o = tee_order(&app, &shop, "8201").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-S").await).await;
    assert_eq!(ret["resolution"], "exchange");
    assert_eq!(ret["exchange"]["settlement"], json!({"kind": "even"}));
    assert_eq!(ret["exchange"]["lines"][0]["state"], "requested");
    assert_eq!(ret["exchange"]["lines"][0]["from_sku"], "TEE-M");
    assert_eq!(variant(&app, &shop, "TEE-S").await["reserved"], 0);

    let id = bring_back(&app, &shop, &ret).await;
    let s = variant(&app, &shop, "TEE-S").await;
    assert_eq!(
        (s["reserved"].clone(), s["available"].clone()),
        (json!(1), json!(0))
    );

    let shipped = ok(act(&app, &shop, &id, "replace", &json!({})).await).await;
    assert_eq!(shipped["return"]["status"], "resolved");
    assert_eq!(shipped["return"]["resolution"], "exchange");
    assert_eq!(
        shipped["return"]["exchange"]["lines"][0]["state"],
        "shipped"
    );
    let s = variant(&app, &shop, "TEE-S").await;
    assert_eq!(
        (s["stock_on_hand"].clone(), s["reserved"].clone()),
        (json!(0), json!(0))
    );
}

#[tokio::test]
async fn out_of_stock_and_other_products_are_refused_at_submission() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-refuse", |_| {}).await;
    ok(app
        .put(
            "/api/v1/catalogue/variants",
            Some(&shop.token),
            &json!({"variants": [{"sku": "CAP", "product": "cap", "title": "Cap",
                "price_minor": 4900, "currency": "CAD", "stock_on_hand": 9, "image_url": null}]}),
        )
        .await)
    .await;
    let o = tee_order(&app, &shop, "8301").await;
    for (sku, code) in [
        ("TEE-L", "out_of_stock"),
        ("CAP", "other_product"),
        ("NOPE", "unknown"),
    ] {
        let problem = assert_problem(
            ask_exchange(&app, &o, sku).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            [("items[0].exchange_sku".to_owned(), code.to_owned())],
            "{sku}"
        );
    }
}

#[tokio::test]
async fn a_cheaper_exchange_refunds_the_rest_when_the_shop_says_refund() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-cheap-refund", |_| {}).await;
    let o = tee_order(&app, &shop, "8401").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-XS").await).await;
    assert_eq!(ret["exchange"]["difference_minor"], -1000);
    assert_eq!(
        ret["exchange"]["settlement"],
        json!({"kind": "refund", "amount_minor": 1000})
    );
    let id = bring_back(&app, &shop, &ret).await;
    ok(act(&app, &shop, &id, "replace", &json!({})).await).await;
    let history = ok(app
        .get(&format!("/api/v1/returns/{id}"), Some(&shop.token))
        .await)
    .await;
    let last = history["return"]["history"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(last["params"]["amount_minor"], "1000", "{last}");
    let refunds: i64 = rebound_api_refunds(&app, &id).await;
    assert_eq!(refunds, 1000);
    // The ledger: the XS sent is revenue kept, the 10.00 back left the shop.
    assert_eq!(
        ledger(&app, &id).await,
        [("exchange".to_owned(), 3900), ("refund".to_owned(), 1000)]
    );
}

/// The return's outcome rows as (kind, amount), kinds in name order.
async fn ledger(app: &TestApp, id: &str) -> Vec<(String, i64)> {
    use rebound_api::db::entities::return_outcome;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id: uuid::Uuid = id.parse().unwrap();
    let mut rows: Vec<(String, i64)> = return_outcome::Entity::find()
        .filter(return_outcome::Column::ReturnId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| {
            (
                serde_json::to_value(o.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned(),
                o.amount_minor,
            )
        })
        .collect();
    rows.sort();
    rows
}

/// What the refunds table holds for the return, in minor units.
async fn rebound_api_refunds(app: &TestApp, id: &str) -> i64 {
    use rebound_api::db::entities::refund;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id: uuid::Uuid = id.parse().unwrap();
    refund::Entity::find()
        .filter(refund::Column::ReturnId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|r| r.amount_minor)
        .sum()
}

#[tokio::test]
async fn a_cheaper_exchange_credits_the_rest_when_the_shop_says_credit() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-cheap-credit", |e| {
        e["cheaper"] = json!("store_credit")
    })
    .await;
    let o = tee_order(&app, &shop, "8501").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-XS").await).await;
    assert_eq!(
        ret["exchange"]["settlement"],
        json!({"kind": "store_credit", "amount_minor": 1000})
    );
    let id = bring_back(&app, &shop, &ret).await;
    let done = ok(act(&app, &shop, &id, "replace", &json!({})).await).await;
    assert_eq!(done["return"]["store_credit"]["amount_minor"], 1000);
    assert_eq!(rebound_api_refunds(&app, &id).await, 0);
    assert_eq!(
        ledger(&app, &id).await,
        [
            ("exchange".to_owned(), 3900),
            ("store_credit".to_owned(), 1000)
        ]
    );
}

#[tokio::test]
async fn a_dearer_exchange_is_paid_through_the_link_or_refused() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-dear-pay", |e| {
        e["dearer"] = json!("payment_link");
        e["payment_link"] =
            json!("https://shop.example/pay?amount={amount}&c={currency}&ref={return}");
    })
    .await;
    let o = tee_order(&app, &shop, "8601").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-XL").await).await;
    assert_eq!(
        ret["exchange"]["settlement"],
        json!({"kind": "payment_due", "amount_minor": 1000})
    );
    assert_eq!(
        ret["exchange"]["payment_url"],
        format!(
            "https://shop.example/pay?amount=10.00&c=CAD&ref={}",
            ret["number"].as_str().unwrap()
        )
    );

    let refusing = exchange_shop(&app, "exch-dear-refuse", |_| {}).await;
    let o = tee_order(&app, &refusing, "8602").await;
    let problem = assert_problem(
        ask_exchange(&app, &o, "TEE-XL").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        [("items".to_owned(), "costs_more".to_owned())]
    );
    assert!(problem.to_string().contains("10.00"), "{problem}");

    // Without a link there is nothing to pay through: the settings say so.
    let saved = put_returns_settings(&app, &refusing, |r| {
        r["exchanges"]["dearer"] = json!("payment_link");
    })
    .await;
    let problem = assert_problem(saved, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert!(problem.to_string().contains("payment_link"), "{problem}");
}

#[tokio::test]
async fn two_approvals_racing_for_the_last_unit_leave_one_winner() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-race", |_| {}).await;
    let first = tee_order(&app, &shop, "8701").await;
    let second = tee_order(&app, &shop, "8702").await;
    // Both asked while one S was left: stock is only held from approval.
    let a = ok(ask_exchange(&app, &first, "TEE-S").await).await;
    let b = ok(ask_exchange(&app, &second, "TEE-S").await).await;
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    // Two tasks, each its own request in flight at once: the database decides.
    let approve = |id: &str| {
        let request = app
            .client
            .post(app.url(&format!("/api/v1/returns/{id}/approve")))
            .bearer_auth(&shop.token)
            .json(&json!({}));
        tokio::spawn(async move { request.send().await.unwrap() })
    };
    let (left, right) = (approve(a_id), approve(b_id));
    let (left, right) = (left.await.unwrap(), right.await.unwrap());
    let statuses = [left.status(), right.status()];
    assert!(
        statuses.contains(&StatusCode::OK) && statuses.contains(&StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let loser = if left.status() == StatusCode::CONFLICT {
        left
    } else {
        right
    };
    let problem = assert_problem(loser, StatusCode::CONFLICT, "conflict").await;
    assert!(problem.to_string().contains("just sold out"), "{problem}");
    let s = variant(&app, &shop, "TEE-S").await;
    assert_eq!(
        (s["reserved"].clone(), s["available"].clone()),
        (json!(1), json!(0))
    );
}

#[tokio::test]
async fn the_reservation_is_released_when_the_return_is_rejected_or_cancelled() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-release", |_| {}).await;
    let o = tee_order(&app, &shop, "8801").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-S").await).await;
    let id = bring_back(&app, &shop, &ret).await;
    assert_eq!(variant(&app, &shop, "TEE-S").await["reserved"], 1);
    let rejected = ok(act(&app, &shop, &id, "reject", &json!({"reason": "worn"})).await).await;
    assert_eq!(
        rejected["return"]["exchange"]["lines"][0]["state"],
        "released"
    );
    let s = variant(&app, &shop, "TEE-S").await;
    assert_eq!(
        (s["reserved"].clone(), s["available"].clone()),
        (json!(0), json!(1))
    );

    // The unit is free again: another shopper's exchange is approved, then cancelled.
    let again = tee_order(&app, &shop, "8802").await;
    let ret = ok(ask_exchange(&app, &again, "TEE-S").await).await;
    let id = ret["id"].as_str().unwrap();
    ok(act(&app, &shop, id, "approve", &json!({})).await).await;
    assert_eq!(variant(&app, &shop, "TEE-S").await["reserved"], 1);
    let cancelled = app
        .post(
            &again.path(&format!("/returns/{id}/cancel")),
            Some(&again.token),
            &json!({}),
        )
        .await;
    ok(cancelled).await;
    assert_eq!(variant(&app, &shop, "TEE-S").await["reserved"], 0);
}

#[tokio::test]
async fn an_instant_exchange_ships_at_approval() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-instant", |e| {
        e["instant"] =
            json!({"enabled": true, "max_order_value_minor": 10000, "not_for_flagged": true});
    })
    .await;
    let o = tee_order(&app, &shop, "8901").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-S").await).await;
    let id = ret["id"].as_str().unwrap();
    let approved = ok(act(&app, &shop, id, "approve", &json!({})).await).await;
    assert_eq!(approved["return"]["status"], "approved");
    assert_eq!(approved["return"]["exchange"]["instant"], true);
    assert_eq!(
        approved["return"]["exchange"]["lines"][0]["state"],
        "shipped"
    );
    let order = ok(app.get("/api/v1/orders/8901", Some(&shop.token)).await).await;
    let tracking = format!("{}-EXCH", ret["number"].as_str().unwrap());
    assert!(
        order["shipments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["tracking_number"] == tracking.as_str()),
        "{order}"
    );
    let s = variant(&app, &shop, "TEE-S").await;
    assert_eq!(
        (s["stock_on_hand"].clone(), s["reserved"].clone()),
        (json!(0), json!(0))
    );

    // Over the order value the shop set: the exchange waits for the parcel.
    let capped = exchange_shop(&app, "exch-instant-cap", |e| {
        e["instant"] =
            json!({"enabled": true, "max_order_value_minor": 4000, "not_for_flagged": true});
    })
    .await;
    let o = tee_order(&app, &capped, "8902").await;
    let ret = ok(ask_exchange(&app, &o, "TEE-S").await).await;
    let approved = ok(act(
        &app,
        &capped,
        ret["id"].as_str().unwrap(),
        "approve",
        &json!({}),
    )
    .await)
    .await;
    assert_eq!(approved["return"]["exchange"]["instant"], false);
    assert_eq!(
        approved["return"]["exchange"]["lines"][0]["state"],
        "reserved"
    );
}

#[tokio::test]
async fn store_credit_chosen_over_a_refund_carries_the_bonus() {
    let app = spawn_app().await;
    let shop = exchange_shop(&app, "exch-bonus", |e| {
        e["bonus"] = json!({"kind": "percent", "value": 10, "cap_minor": 400});
    })
    .await;
    let o = tee_order(&app, &shop, "9001").await;
    let options = return_options(&app, &o).await;
    assert_eq!(options["exchange"]["bonus"]["value"], 10);
    let (reason, _) = return_reasons(&app, &o).await;
    let ret = ok(submit_return(
        &app,
        &o,
        &json!({"items": [{"order_item_id": o.item("TEE-M"), "quantity": 1, "reason_id": reason}],
            "resolution": "store_credit", "method": "prepaid_label"}),
    )
    .await)
    .await;
    let id = bring_back(&app, &shop, &ret).await;
    let credited = ok(act(&app, &shop, &id, "store-credit", &json!({})).await).await;
    // 49.00 plus 10 %, capped at 4.00.
    assert_eq!(credited["return"]["store_credit"]["amount_minor"], 5300);
    assert_eq!(ledger(&app, &id).await, [("store_credit".to_owned(), 5300)]);
}
