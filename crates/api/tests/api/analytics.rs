//! The analytics cards against figures worked out by hand on a small shop built through the
//! API: two currencies, a partial refund, store credit, a rejected return (never refunded), a
//! defective case, a return in the previous period, open returns, and a second shop whose
//! returns must not show. Plus the period's checks and who may read the cards.

use crate::helpers::portal::{PortalOrder, open_in_portal, return_options, submit_return};
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app};
use crate::return_queue::{act, id_of, ok, open_order, submit_defective, walk_to_inspected};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rebound_api::db::entities::return_request;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use uuid::Uuid;

async fn card(app: &TestApp, shop: &Account, name: &str, query: &str) -> Value {
    ok(app
        .get(
            &format!("/api/v1/analytics/{name}?{query}"),
            Some(&shop.token),
        )
        .await)
    .await
}

/// The shop's first two plain reasons and its defective one, as the portal offers them.
pub(crate) async fn reasons(app: &TestApp, o: &PortalOrder) -> (String, String, String) {
    let options = return_options(app, o).await;
    let all = options["reasons"].as_array().unwrap();
    let id = |r: &Value| r["id"].as_str().unwrap().to_owned();
    let plain: Vec<String> = all
        .iter()
        .filter(|r| r["defective"] == false)
        .map(id)
        .collect();
    let defective = all.iter().find(|r| r["defective"] == true).map(id).unwrap();
    assert!(plain.len() >= 2, "{options}");
    (plain[0].clone(), plain[1].clone(), defective)
}

/// A return of `lines` (sku, quantity, reason), for `resolution`: its id.
pub(crate) async fn submit(
    app: &TestApp,
    o: &PortalOrder,
    lines: &[(&str, i32, &str)],
    resolution: &str,
) -> String {
    let items: Vec<Value> = lines
        .iter()
        .map(|(sku, quantity, reason)| {
            json!({"order_item_id": o.item(sku), "quantity": quantity, "reason_id": reason})
        })
        .collect();
    let made = submit_return(
        app,
        o,
        &json!({"items": items, "resolution": resolution, "method": "prepaid_label"}),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    id_of(&made.json().await.unwrap())
}

/// Moves the return's request time back: how long its steps took is measured from it.
pub(crate) async fn requested_at(app: &TestApp, id: &str, at: DateTime<Utc>) {
    return_request::Entity::update_many()
        .col_expr(return_request::Column::CreatedAt, Expr::value(at))
        .filter(return_request::Column::Id.eq(id.parse::<Uuid>().unwrap()))
        .exec(&app.db)
        .await
        .unwrap();
}

/// The return as staff see it.
async fn detail(app: &TestApp, shop: &Account, id: &str) -> Value {
    ok(app
        .get(&format!("/api/v1/returns/{id}"), Some(&shop.token))
        .await)
    .await
}

/// Hours from the return's request to the first time its history reached `status`.
async fn hours_to(app: &TestApp, shop: &Account, id: &str, status: &str) -> f64 {
    let d = detail(app, shop, id).await;
    let time = |v: &Value| v.as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
    let requested = time(&d["return"]["created_at"]);
    let reached = d["return"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["to"] == status)
        .map(|e| time(&e["at"]))
        .min()
        .unwrap();
    (reached - requested).num_milliseconds() as f64 / 3_600_000.0
}

fn close(actual: &Value, expected: f64, what: &str) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {actual}"));
    // The database counts whole seconds.
    assert!(
        (actual - expected).abs() < 1.5 / 3600.0,
        "{what}: {actual} h, expected {expected} h"
    );
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

#[tokio::test]
async fn every_card_matches_the_figures_worked_out_by_hand() {
    let app = spawn_app().await;
    let shop = app.register("analytics-shop").await;
    let now = Utc::now();
    let today = now.date_naive();
    // Every order: two coats at 100.00 (each with a care plan attached, not a unit of its own)
    // and a hat at 20.00, delivered yesterday unless moved.
    let o1 = open_order(&app, &shop, "6001", "CA").await;
    let (reason_a, reason_b, defective) = reasons(&app, &o1).await;
    let o2 = open_order(&app, &shop, "6002", "FR").await;
    let o3 = open_order(&app, &shop, "6003", "CA").await;
    let o6 = open_order(&app, &shop, "6006", "CA").await;
    let o7 = open_order(&app, &shop, "6007", "CA").await;

    // R1, CAD: one coat, refunded 40.00 of its 100.00 (its care plan goes with it).
    let r1 = submit(&app, &o1, &[("COAT", 1, &reason_a)], "refund").await;
    let inspected = walk_to_inspected(&app, &shop, &r1).await;
    let line = inspected["return"]["items"][0]["id"].clone();
    ok(act(
        &app,
        &shop,
        &r1,
        "refund",
        &json!({"items": [{"return_item_id": line,
        "amount_minor": 4000}], "reason": "returned_item"}),
    )
    .await)
    .await;
    // R2, EUR: two coats and the hat, for store credit.
    let r2 = submit(
        &app,
        &o2,
        &[("COAT", 2, &reason_a), ("HAT", 1, &reason_b)],
        "store_credit",
    )
    .await;
    walk_to_inspected(&app, &shop, &r2).await;
    let credited = ok(act(&app, &shop, &r2, "store-credit", &json!({})).await).await;
    let credit_minor = credited["store_credit"]["amount_minor"].as_i64().unwrap();
    assert!(credit_minor > 0);
    // R3: the hat, rejected: requested (a return), never refunded, settled with nothing.
    let r3 = submit(&app, &o3, &[("HAT", 1, &reason_b)], "refund").await;
    ok(act(&app, &shop, &r3, "reject", &json!({"reason": "Worn"})).await).await;
    // R6: the hat, waiting for review. R7: the hat, defective, waiting for contact.
    let r6 = submit(&app, &o6, &[("HAT", 1, &reason_a)], "refund").await;
    let r7 = id_of(&submit_defective(&app, &o7).await);
    // An order delivered ten days ago that nobody returns.
    open_order_delivered(&app, &shop, "6004", 10).await;
    // R5: the previous period's: delivered 20 days ago, returned the same day.
    let o5 = open_order_delivered(&app, &shop, "6005", 20).await;
    let r5 = submit(&app, &o5, &[("COAT", 1, &reason_a)], "refund").await;
    requested_at(&app, &r5, now - Duration::days(20)).await;
    // R1 and R2 were requested 30 and 10 hours before staff acted on them.
    requested_at(&app, &r1, now - Duration::hours(30)).await;
    requested_at(&app, &r2, now - Duration::hours(10)).await;

    // Another shop's delivered order and refunded return: none of it may show.
    let other = app.register("analytics-other").await;
    let ob = open_order(&app, &other, "6001", "CA").await;
    let (other_reason, _, _) = reasons(&app, &ob).await;
    let rb = submit(&app, &ob, &[("COAT", 2, &other_reason)], "refund").await;
    let inspected = walk_to_inspected(&app, &other, &rb).await;
    let line = inspected["return"]["items"][0]["id"].clone();
    ok(act(
        &app,
        &other,
        &rb,
        "refund",
        &json!({"items": [{"return_item_id": line,
        "amount_minor": 20000}], "reason": "returned_item"}),
    )
    .await)
    .await;

    let from = today - Duration::days(13);
    let period = format!("from={from}&to={today}");

    // Return rate. Delivered in the period: 6001, 6002, 6003, 6006, 6007 (yesterday), 6004
    // (ten days ago): 6 orders, 3 units each. Returned: R1 (1 unit), R2 (3), R3 (1), R6 (1),
    // R7 (1): 5 orders, 7 units. Previous 14 days: 6005 delivered (3 units), R5 (1 unit).
    let rate = card(&app, &shop, "return-rate", &period).await;
    assert_eq!(rate["period"]["bucket"], "week");
    assert_eq!(
        rate["total"],
        json!({"delivered_orders": 6, "delivered_units": 18, "returned_orders": 5,
            "returned_units": 7, "order_rate_basis_points": 8333, "unit_rate_basis_points": 3888})
    );
    assert_eq!(
        rate["previous_from"],
        (from - Duration::days(14)).to_string()
    );
    assert_eq!(rate["previous_to"], (from - Duration::days(1)).to_string());
    assert_eq!(
        rate["previous"],
        json!({"delivered_orders": 1, "delivered_units": 3, "returned_orders": 1,
            "returned_units": 1, "order_rate_basis_points": 10000, "unit_rate_basis_points": 3333})
    );
    // The series: one point per week touching the period; each order and return in the week
    // its day falls in.
    let mut expected: BTreeMap<NaiveDate, [i64; 4]> = BTreeMap::new();
    let mut week = monday_of(from);
    while week <= today {
        expected.insert(week, [0; 4]);
        week += Duration::days(7);
    }
    // (day, orders delivered, units delivered, orders returned, units returned)
    for (day, d_orders, d_units, r_orders, r_units) in [
        ((now - Duration::days(1)).date_naive(), 5, 15, 0, 0),
        ((now - Duration::days(10)).date_naive(), 1, 3, 0, 0),
        ((now - Duration::hours(30)).date_naive(), 0, 0, 1, 1),
        ((now - Duration::hours(10)).date_naive(), 0, 0, 1, 3),
        (today, 0, 0, 3, 3),
    ] {
        let slot = expected.get_mut(&monday_of(day)).unwrap();
        for (i, n) in [d_orders, d_units, r_orders, r_units]
            .into_iter()
            .enumerate()
        {
            slot[i] += n;
        }
    }
    let series: BTreeMap<NaiveDate, [i64; 4]> = rate["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["start"].as_str().unwrap().parse().unwrap(),
                [
                    p["delivered_orders"].as_i64().unwrap(),
                    p["delivered_units"].as_i64().unwrap(),
                    p["returned_orders"].as_i64().unwrap(),
                    p["returned_units"].as_i64().unwrap(),
                ],
            )
        })
        .collect();
    assert_eq!(series, expected, "{}", rate["series"]);

    // Only the hats: six delivered (one per order), four returned (R2, R3, R6, R7).
    let hats = card(&app, &shop, "return-rate", &format!("{period}&sku=HAT")).await;
    assert_eq!(
        hats["total"],
        json!({"delivered_orders": 6, "delivered_units": 6, "returned_orders": 4,
            "returned_units": 4, "order_rate_basis_points": 6666, "unit_rate_basis_points": 6666})
    );
    assert_eq!(hats["period"]["sku"], "HAT");
    let untagged = card(
        &app,
        &shop,
        "return-rate",
        &format!("{period}&tag=clearance"),
    )
    .await;
    assert_eq!(untagged["total"]["delivered_orders"], 0);
    assert_eq!(untagged["total"]["unit_rate_basis_points"], Value::Null);

    // Reasons: A 4 units (R1 1, R2 2, R6 1), B 2 (R2, R3), defective 1 (R7) of 7.
    let why = card(&app, &shop, "reasons", &period).await;
    assert_eq!(why["returned_units"], 7);
    let by_reason: Vec<(String, i64, i64, bool)> = why["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["reason_id"].as_str().unwrap().to_owned(),
                r["units"].as_i64().unwrap(),
                r["share_basis_points"].as_i64().unwrap(),
                r["defective"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by_reason,
        vec![
            (reason_a.clone(), 4, 5714, false),
            (reason_b.clone(), 2, 2857, false),
            (defective.clone(), 1, 1428, true),
        ]
    );
    // Products: hats 4 back (B 2, A 1, defective 1) of 6 delivered, one defective; coats 3
    // back (all A) of 12 delivered.
    let products = why["products"].as_array().unwrap();
    assert_eq!(products.len(), 2, "{why}");
    let hat = &products[0];
    assert_eq!(
        (
            &hat["sku"],
            &hat["title"],
            &hat["returned_units"],
            &hat["defective_units"]
        ),
        (&json!("HAT"), &json!("Felt hat"), &json!(4), &json!(1))
    );
    assert_eq!(hat["delivered_units"], 6);
    assert_eq!(hat["defective_rate_basis_points"], 1666);
    let mut hat_reasons: Vec<(String, i64)> = hat["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["reason_id"].as_str().unwrap().to_owned(),
                r["units"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(hat_reasons[0], (reason_b.clone(), 2));
    hat_reasons.sort();
    let mut expected = vec![
        (reason_a.clone(), 1),
        (reason_b.clone(), 2),
        (defective.clone(), 1),
    ];
    expected.sort();
    assert_eq!(hat_reasons, expected);
    let coat = &products[1];
    assert_eq!(coat["sku"], "COAT");
    assert_eq!(coat["returned_units"], 3);
    assert_eq!(coat["delivered_units"], 12);
    assert_eq!(coat["defective_rate_basis_points"], 0);
    assert_eq!(
        coat["reasons"],
        json!([{"reason_id": reason_a, "units": 3}])
    );

    // Resolutions: R1, R6 and R7 (the defective case names the refund the shopper asked for)
    // refund, R2 store credit; R3 (rejected) not counted.
    let mix = card(&app, &shop, "resolutions", &period).await;
    assert_eq!(
        mix["counts"],
        json!([{"resolution": "refund", "returns": 3},
            {"resolution": "store_credit", "returns": 1},
            {"resolution": "exchange", "returns": 0},
            {"resolution": "replacement", "returns": 0},
            {"resolution": "keep_item", "returns": 0},
            {"resolution": "undecided", "returns": 0}])
    );
    // Money: the partial refund in CAD, the credit in EUR (revenue kept), and the labels R1
    // and R2 were approved with, each in its own currency; never one total.
    let mut labels: BTreeMap<String, i64> = BTreeMap::new();
    for id in [&r1, &r2] {
        let label = ok(app
            .get(&format!("/api/v1/returns/{id}/label"), Some(&shop.token))
            .await)
        .await;
        *labels
            .entry(label["currency"].as_str().unwrap().to_owned())
            .or_default() += label["price_minor"].as_i64().unwrap();
    }
    let mut money: BTreeMap<String, Value> = BTreeMap::new();
    for currency in ["CAD", "EUR"]
        .into_iter()
        .chain(labels.keys().map(String::as_str))
    {
        let (refunded, credit) = match currency {
            // 40.00 of the coat, and its care plan (15.00), refunded with it.
            "CAD" => (4000 + 1500, 0),
            "EUR" => (0, credit_minor),
            _ => (0, 0),
        };
        money.insert(
            currency.to_owned(),
            json!({"currency": currency, "refunded_minor": refunded,
                "store_credit_minor": credit, "exchange_minor": 0, "replacement_minor": 0,
                "fees_minor": 0, "revenue_kept_minor": credit,
                "labels_minor": labels.get(currency).copied().unwrap_or(0),
                "shipping_saved_minor": 0}),
        );
    }
    assert_eq!(mix["money"], json!(money.into_values().collect::<Vec<_>>()));

    // Speed: R1 and R2 reached approval, receipt and resolution; two values each, so the
    // median is the shorter (nearest rank 1 of 2) and the 90th percentile the longer.
    let speed = card(&app, &shop, "speed", &period).await;
    for (field, status) in [
        ("to_approval", "approved"),
        ("to_receipt", "received"),
        ("to_resolution", "resolved"),
    ] {
        let mut hours = [
            hours_to(&app, &shop, &r1, status).await,
            hours_to(&app, &shop, &r2, status).await,
        ];
        hours.sort_by(f64::total_cmp);
        assert!(hours[0] > 9.9 && hours[1] > 29.9, "{hours:?}");
        assert_eq!(speed[field]["returns"], 2, "{field}: {speed}");
        close(&speed[field]["median_hours"], hours[0], field);
        close(&speed[field]["p90_hours"], hours[1], field);
    }
    // Waiting now: R5 (20 days), then R6 and R7, whatever the period; nothing closed.
    let waiting: Vec<&str> = speed["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(waiting, [r5.as_str(), r6.as_str(), r7.as_str()]);
    let oldest = &speed["waiting"][0];
    assert_eq!(oldest["status"], "pending_review");
    assert!(oldest["waiting_hours"].as_f64().unwrap() >= 20.0 * 24.0);

    // Shoppers: one return each in the period; most value returned (in the shop's currency)
    // first, then by email: the euro order's shopper adds no value.
    let thresholds = app
        .put(
            "/api/v1/settings/risk",
            Some(&shop.token),
            &json!({"returns_at_least": 1}),
        )
        .await;
    assert_eq!(thresholds.status(), StatusCode::OK);
    let who = card(&app, &shop, "shoppers", &period).await;
    let currency = who["currency"].as_str().unwrap();
    let rows: Vec<(&str, i64, i64)> = who["shoppers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["email"].as_str().unwrap(),
                s["returns"].as_i64().unwrap(),
                s["value_returned"]["minor"].as_i64().unwrap(),
            )
        })
        .collect();
    let cad = |minor: i64| if currency == "CAD" { minor } else { 0 };
    let mut expected = vec![
        ("buyer6001@example.com", 1, cad(10000)),
        ("buyer6002@example.com", 1, 0),
        ("buyer6003@example.com", 1, cad(2000)),
        ("buyer6006@example.com", 1, cad(2000)),
        ("buyer6007@example.com", 1, cad(2000)),
    ];
    expected.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    assert_eq!(rows, expected);
    assert_eq!(who["flagged"], 5);

    // The other shop sees its own return only.
    let theirs = card(&app, &other, "return-rate", &period).await;
    assert_eq!(theirs["total"]["returned_orders"], 1);
    assert_eq!(theirs["total"]["delivered_orders"], 1);
    let their_money = card(&app, &other, "resolutions", &period).await;
    // Two coats and their two care plans.
    assert_eq!(their_money["money"][0]["refunded_minor"], 20000 + 3000);
    assert_eq!(their_money["money"].as_array().unwrap().len(), 1);

    // The previous period alone: R5 only; a month bucket when asked.
    let before = card(
        &app,
        &shop,
        "resolutions",
        &format!(
            "from={}&to={}&bucket=month",
            from - Duration::days(14),
            from - Duration::days(1)
        ),
    )
    .await;
    assert_eq!(before["period"]["bucket"], "month");
    assert_eq!(
        before["counts"][0],
        json!({"resolution": "refund", "returns": 1})
    );
    assert_eq!(before["money"], json!([]));
}

/// `open_order`'s order (two coats with care plans, a hat; CAD), delivered `days` days ago.
pub(crate) async fn open_order_delivered(
    app: &TestApp,
    shop: &Account,
    number: &str,
    days: i64,
) -> PortalOrder {
    let body = json!({
        "customer_name": "Jane Doe", "email": format!("buyer{number}@example.com"), "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": null, "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": (Utc::now() - Duration::days(60)).to_rfc3339(),
        "items": [
            {"sku": "COAT", "title": "Wool coat", "variant": "M", "quantity": 2,
                "unit_price_minor": 10000, "image_url": null, "parent_sku": null},
            {"sku": "CARE", "title": "Care plan", "variant": null, "quantity": 2,
                "unit_price_minor": 1500, "image_url": null, "parent_sku": "COAT",
                "returnable": false},
            {"sku": "HAT", "title": "Felt hat", "variant": null, "quantity": 1,
                "unit_price_minor": 2000, "image_url": null, "parent_sku": null}
        ]
    });
    open_in_portal(app, shop, number, &body, Some(days)).await
}

#[tokio::test]
async fn a_period_is_checked_field_by_field_and_needs_a_signed_in_shop() {
    let app = spawn_app().await;
    let shop = app.register("analytics-checks").await;
    for (query, expected) in [
        ("to=2026-01-31", vec![("from", "required")]),
        ("from=2026-02-30&to=2026-03-01", vec![("from", "date")]),
        ("from=2026-02-01&to=2026-01-31", vec![("to", "before_from")]),
        ("from=2026-01-01&to=2028-01-01", vec![("to", "span")]),
        (
            "from=2026-01-01&to=2026-01-31&bucket=day",
            vec![("bucket", "choice")],
        ),
        (
            "from=2026-01-01&to=2026-01-31&sku=A&tag=b",
            vec![("tag", "exclusive")],
        ),
    ] {
        for name in ["return-rate", "reasons", "resolutions", "speed", "shoppers"] {
            let refused = app
                .get(
                    &format!("/api/v1/analytics/{name}?{query}"),
                    Some(&shop.token),
                )
                .await;
            let problem =
                assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
                .collect();
            assert_eq!(field_codes(&problem), expected, "{name}?{query}");
        }
    }
    let anonymous = app
        .get(
            "/api/v1/analytics/speed?from=2026-01-01&to=2026-01-31",
            None,
        )
        .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    // An empty shop: zeros and no rates, every bucket there.
    let empty = card(&app, &shop, "return-rate", "from=2026-01-01&to=2026-12-31").await;
    assert_eq!(empty["period"]["bucket"], "month");
    assert_eq!(empty["series"].as_array().unwrap().len(), 12);
    assert_eq!(empty["total"]["order_rate_basis_points"], Value::Null);
    let speed = card(&app, &shop, "speed", "from=2026-01-01&to=2026-12-31").await;
    assert_eq!(
        speed["to_approval"],
        json!({"returns": 0, "median_hours": null, "p90_hours": null})
    );
}

#[tokio::test]
async fn a_tag_counts_only_the_lines_that_carry_it_whatever_its_case() {
    let app = spawn_app().await;
    let shop = app.register("analytics-tags").await;
    // The hat is on sale (tagged "Sale_50%": the underscore and percent sign are text, not
    // patterns), the coat is not.
    let body = json!({
        "customer_name": "Jane Doe", "email": "buyer6101@example.com", "phone": null,
        "shipping_address": {"line1": "1 Main St", "line2": null, "city": "Toronto",
            "region": null, "postal_code": "M5V 2T6", "country": "CA"},
        "currency": "CAD", "placed_at": (Utc::now() - Duration::days(20)).to_rfc3339(),
        "items": [
            {"sku": "COAT", "title": "Wool coat", "variant": "M", "quantity": 2,
                "unit_price_minor": 10000, "image_url": null, "parent_sku": null,
                "tags": ["Winter"]},
            {"sku": "HAT", "title": "Felt hat", "variant": null, "quantity": 1,
                "unit_price_minor": 2000, "image_url": null, "parent_sku": null,
                "tags": ["Winter", "Sale_50%"]}
        ]
    });
    let o = open_in_portal(&app, &shop, "6101", &body, Some(1)).await;
    let (reason, _, _) = reasons(&app, &o).await;
    submit(
        &app,
        &o,
        &[("COAT", 1, &reason), ("HAT", 1, &reason)],
        "refund",
    )
    .await;
    let today = Utc::now().date_naive();
    let period = format!("from={}&to={today}", today - Duration::days(6));
    for (tag, delivered_units, returned_units) in [
        ("sale_50%25", 1, 1),
        ("SALE_50%25", 1, 1),
        ("winter", 3, 2),
        ("sale", 0, 0),
        // Taken as a pattern, "sale%50%" would match "sale_50%".
        ("sale%2550%25", 0, 0),
    ] {
        let rate = card(&app, &shop, "return-rate", &format!("{period}&tag={tag}")).await;
        assert_eq!(
            (
                rate["total"]["delivered_units"].as_i64().unwrap(),
                rate["total"]["returned_units"].as_i64().unwrap()
            ),
            (delivered_units, returned_units),
            "tag {tag}: {}",
            rate["total"]
        );
        let why = card(&app, &shop, "reasons", &format!("{period}&tag={tag}")).await;
        assert_eq!(why["returned_units"], returned_units, "tag {tag}");
    }
}
