//! The shopper's return journey: options, every eligibility rule (each refusal names its
//! field), outcomes, idempotent submission, concurrent submissions and the EU withdrawal.

use crate::helpers::portal::{
    OrderSpec, PLAIN, portal_order, portal_returns, put_returns_settings, return_options,
    return_reasons, submit_return,
};
use crate::helpers::{assert_problem, field_codes, spawn_app};
use chrono::{Duration, Utc};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

fn one_item(item: &str, quantity: i32, reason: &str) -> Value {
    json!({"items": [{"order_item_id": item, "quantity": quantity, "reason_id": reason}],
        "resolution": "refund", "method": "prepaid_label"})
}

async fn refused_fields(response: Response) -> Vec<(String, String)> {
    field_codes(&assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await)
}

#[tokio::test]
async fn options_say_what_is_left_and_why_not() {
    let app = spawn_app().await;
    let shop = app.register("opts").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let options = return_options(&app, &o).await;
    let items = options["items"].as_array().unwrap();
    assert_eq!(
        (
            items[0]["returnable_quantity"].as_i64(),
            &items[0]["why_not"]
        ),
        (Some(2), &Value::Null)
    );
    assert_eq!(
        (
            items[1]["returnable_quantity"].as_i64(),
            items[1]["why_not"].as_str()
        ),
        (Some(0), Some("not_returnable"))
    );
    assert_eq!(options["reasons"].as_array().unwrap().len(), 7);
    assert!(options["reasons"][0]["label_fr"].as_str().is_some());
    assert_eq!(
        options["resolutions"],
        json!(["refund", "store_credit", "replacement"])
    );
    assert_eq!(options["methods"], json!(["prepaid_label", "qr_drop_off"]));
    let end =
        chrono::DateTime::parse_from_rfc3339(options["window_ends_at"].as_str().unwrap()).unwrap();
    let expected = Utc::now() + Duration::days(29);
    assert!((end.timestamp() - expected.timestamp()).abs() < 120);

    let undelivered = OrderSpec {
        number: "7002",
        delivered_days_ago: None,
        ..PLAIN
    };
    let o2 = portal_order(&app, &shop, &undelivered).await;
    let options = return_options(&app, &o2).await;
    assert_eq!(options["items"][0]["why_not"], "not_delivered");
    assert_eq!(options["window_ends_at"], Value::Null);

    let old = OrderSpec {
        number: "7003",
        delivered_days_ago: Some(31),
        ..PLAIN
    };
    let o3 = portal_order(&app, &shop, &old).await;
    let options = return_options(&app, &o3).await;
    assert_eq!(options["items"][0]["why_not"], "window_closed");
    let (plain, _) = return_reasons(&app, &o3).await;
    let late = submit_return(&app, &o3, &one_item(&o3.item("A"), 1, &plain)).await;
    assert_eq!(
        refused_fields(late).await,
        vec![("items[0].order_item_id".into(), "window_closed".into())]
    );
    // Without the order's token there is nothing to see.
    assert_problem(
        app.get(&o.path("/returns/options"), None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn every_rule_refuses_by_field() {
    let app = spawn_app().await;
    let shop = app.register("rules").await;
    let other_shop = app.register("rules-other").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let theirs = portal_order(&app, &other_shop, &PLAIN).await;
    let (plain, defective) = return_reasons(&app, &o).await;
    let (their_reason, _) = return_reasons(&app, &theirs).await;
    let a = o.item("A");
    let cases: Vec<(Value, (&str, &str))> = vec![
        (
            one_item(&theirs.item("A"), 1, &plain),
            ("items[0].order_item_id", "unknown"),
        ),
        (one_item(&a, 3, &plain), ("items[0].quantity", "too_many")),
        (one_item(&a, 0, &plain), ("items[0].quantity", "range")),
        (
            one_item(&o.item("B"), 1, &plain),
            ("items[0].order_item_id", "not_returnable"),
        ),
        (
            one_item(&a, 1, &their_reason),
            ("items[0].reason_id", "unknown"),
        ),
        (
            json!({"items": [{"order_item_id": a, "quantity": 1, "reason_id": plain},
                {"order_item_id": a, "quantity": 1, "reason_id": plain}],
                "resolution": "refund", "method": "prepaid_label"}),
            ("items[1].order_item_id", "duplicate"),
        ),
        (
            json!({"items": [{"order_item_id": a, "quantity": 1, "reason_id": plain}],
                "resolution": "replacement", "method": "prepaid_label"}),
            ("replacement_variant", "required"),
        ),
        (
            json!({"items": [], "resolution": "refund", "method": "prepaid_label"}),
            ("items", "length"),
        ),
    ];
    for (body, (field, code)) in cases {
        let got = refused_fields(submit_return(&app, &o, &body).await).await;
        assert!(
            got.contains(&(field.to_owned(), code.to_owned())),
            "{field} {code}: {got:?}"
        );
    }
    // A defective reason needs a comment and a photo, both named.
    let got = refused_fields(submit_return(&app, &o, &one_item(&a, 1, &defective)).await).await;
    assert_eq!(
        got,
        vec![
            ("items[0].comment".into(), "required".into()),
            ("items[0].photo_ids".into(), "required".into())
        ]
    );
    // A photo of another order is refused on the item.
    let photo = crate::photos::upload(&app, &theirs, crate::photos::png(40, 30)).await;
    let photo: Value = photo.json().await.unwrap();
    let body = json!({"items": [{"order_item_id": a, "quantity": 1, "reason_id": defective,
        "comment": "Broken zip", "photo_ids": [photo["id"]]}],
        "resolution": "refund", "method": "prepaid_label"});
    assert_eq!(
        refused_fields(submit_return(&app, &o, &body).await).await,
        vec![("items[0].photo_ids".into(), "unknown_photo".into())]
    );
    // A retired reason, a resolution and a method the shop stopped offering.
    let retired = app
        .post(
            &format!("/api/v1/settings/reasons/{plain}/retire"),
            Some(&shop.token),
            &json!({}),
        )
        .await;
    assert_eq!(retired.status(), StatusCode::OK);
    let saved = put_returns_settings(&app, &shop, |r| {
        r["resolutions"] = json!(["store_credit"]);
        r["return_methods"] = json!(["qr_drop_off"]);
    })
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let got = refused_fields(submit_return(&app, &o, &one_item(&a, 1, &plain)).await).await;
    assert_eq!(
        got,
        vec![
            ("items[0].reason_id".into(), "retired".into()),
            ("resolution".into(), "not_offered".into()),
            ("method".into(), "not_offered".into()),
        ]
    );
    // Nothing was created by any refusal.
    let list = portal_returns(&app, &o).await;
    assert!(list.is_empty());
}

#[tokio::test]
async fn outcome_follows_defects_and_the_approval_mode() {
    let app = spawn_app().await;
    let shop = app.register("outcomes").await;
    let spec = OrderSpec {
        items: &[("A", 3, true), ("C", 1, true)],
        ..PLAIN
    };
    let o = portal_order(&app, &shop, &spec).await;
    let (plain, defective) = return_reasons(&app, &o).await;

    let first = submit_return(&app, &o, &one_item(&o.item("A"), 1, &plain)).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["status"], "pending_review");
    assert_eq!(
        first["allowed_actions"],
        json!(["approve", "reject", "cancel"])
    );
    assert!(first["number"].as_str().unwrap().starts_with("R-"));
    assert_eq!(first["order_number"], "7001");
    assert_eq!(first["items"][0]["reason"]["id"], plain.as_str());
    assert_eq!(first["history"].as_array().unwrap().len(), 1);
    assert_eq!(first["history"][0]["actor"], "shopper");
    assert_eq!(first["history"][0]["from"], Value::Null);

    let photo: Value = crate::photos::upload(&app, &o, crate::photos::png(40, 30))
        .await
        .json()
        .await
        .unwrap();
    let body = json!({"items": [{"order_item_id": o.item("C"), "quantity": 1, "reason_id": defective,
        "comment": "  The zip broke  ", "photo_ids": [photo["id"]]}],
        "resolution": "refund", "method": "prepaid_label"});
    let second: Value = submit_return(&app, &o, &body).await.json().await.unwrap();
    assert_eq!(second["status"], "needs_contact");
    assert_eq!(second["items"][0]["defective"], true);
    assert_eq!(second["items"][0]["comment"], "The zip broke");
    assert_eq!(second["items"][0]["photos"][0]["id"], photo["id"]);
    assert_ne!(first["number"], second["number"]);

    let saved =
        put_returns_settings(&app, &shop, |r| r["approval_mode"] = json!("automatic")).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let third = json!({"items": [{"order_item_id": o.item("A"), "quantity": 2, "reason_id": plain}],
        "resolution": "replacement", "replacement_variant": "L", "method": "qr_drop_off"});
    let third: Value = submit_return(&app, &o, &third).await.json().await.unwrap();
    assert_eq!(third["status"], "approved");
    assert_eq!(third["replacement_variant"], "L");
    let history: Vec<(Value, Value, Value)> = third["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].clone(), e["to"].clone(), e["actor"].clone()))
        .collect();
    assert_eq!(
        history,
        vec![
            (Value::Null, json!("pending_review"), json!("shopper")),
            (json!("pending_review"), json!("approved"), json!("system")),
        ]
    );

    // What is left follows the returns; the list shows all three, newest first.
    let options = return_options(&app, &o).await;
    let items = options["items"].as_array().unwrap();
    assert_eq!(items[0]["why_not"], "all_returned");
    assert_eq!(items[1]["why_not"], "all_returned");
    let list = portal_returns(&app, &o).await;
    let numbers: Vec<&Value> = list.iter().map(|r| &r["number"]).collect();
    assert_eq!(
        numbers,
        vec![&third["number"], &second["number"], &first["number"]]
    );
    // A submission's answer is built from what it wrote, not read back: it is the return as
    // any later read shows it (photo links aside, signed afresh on each read). The third one
    // is left out: its label job may have run since.
    let unsigned = |mut r: Value| {
        for item in r["items"].as_array_mut().unwrap() {
            for photo in item["photos"].as_array_mut().unwrap() {
                photo["url"] = Value::Null;
            }
        }
        r
    };
    for answer in [&first, &second] {
        let read = list.iter().find(|r| r["number"] == answer["number"]);
        assert_eq!(read.cloned().map(unsigned), Some(unsigned(answer.clone())));
    }
    let more = submit_return(&app, &o, &one_item(&o.item("A"), 1, &plain)).await;
    assert_eq!(
        refused_fields(more).await,
        vec![("items[0].quantity".into(), "too_many".into())]
    );
}

#[tokio::test]
async fn retries_and_idempotency_keys_never_make_a_second_return() {
    let app = spawn_app().await;
    let shop = app.register("idem").await;
    let spec = OrderSpec {
        items: &[("A", 5, true)],
        ..PLAIN
    };
    let o = portal_order(&app, &shop, &spec).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let mut body = one_item(&o.item("A"), 1, &plain);
    body["client_request_id"] = json!("form-3f9a1c2e");
    let first = submit_return(&app, &o, &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = first.text().await.unwrap();
    let again = submit_return(&app, &o, &body).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.text().await.unwrap(), first);

    let keyed = |key: &str, quantity: i32| {
        app.client
            .post(app.url(&o.path("/returns")))
            .bearer_auth(&o.token)
            .header("Idempotency-Key", key)
            .json(&one_item(&o.item("A"), quantity, &plain))
            .send()
    };
    let one = keyed("integrator-42", 1).await.unwrap();
    assert_eq!(one.status(), StatusCode::CREATED);
    let one = one.text().await.unwrap();
    assert_ne!(one, first);
    let two = keyed("integrator-42", 1).await.unwrap();
    assert_eq!(two.status(), StatusCode::OK);
    assert_eq!(two.text().await.unwrap(), one);
    assert_problem(
        keyed("integrator-42", 2).await.unwrap(),
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    let mut changed = body.clone();
    changed["items"][0]["quantity"] = json!(2);
    assert_problem(
        submit_return(&app, &o, &changed).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;

    let list = portal_returns(&app, &o).await;
    assert_eq!(list.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_simultaneous_returns_of_the_last_unit_make_exactly_one() {
    let app = spawn_app().await;
    let shop = app.register("race").await;
    let spec = OrderSpec {
        items: &[("A", 1, true)],
        ..PLAIN
    };
    let o = portal_order(&app, &shop, &spec).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let body = one_item(&o.item("A"), 1, &plain);
    let requests = (0..8).map(|_| {
        let (app, o, body) = (&app, &o, &body);
        async move { submit_return(app, o, body).await.status() }
    });
    let statuses = futures_util::future::join_all(requests).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY || **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, refused), (1, 7), "{statuses:?}");
    let list = portal_returns(&app, &o).await;
    assert_eq!(list.len(), 1);
}

const EU: OrderSpec<'static> = OrderSpec {
    number: "8001",
    items: &[("A", 2, true), ("B", 1, false)],
    country: "FR",
    currency: "EUR",
    delivered_days_ago: Some(2),
};

#[tokio::test]
async fn eu_withdrawal_is_offered_stated_and_idempotent() {
    let app = spawn_app().await;
    let shop = app.register("retract").await;
    let o = portal_order(&app, &shop, &EU).await;
    let offer: Value = app
        .get(&o.path("/withdrawal"), Some(&o.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(offer["offered"], true);
    assert_eq!(offer["period_days"], 14);
    let until = chrono::DateTime::parse_from_rfc3339(offer["until"].as_str().unwrap()).unwrap();
    assert!(((Utc::now() + Duration::days(12)).timestamp() - until.timestamp()).abs() < 120);
    // The legal right covers items the shop's own policy does not take back.
    assert_eq!(offer["items"][1]["returnable_quantity"], 1);

    let statement = |confirm: bool, all: bool| {
        json!({"name": "Chloé Fortin", "email": "Chloe@Example.com", "all": all, "item_ids": [],
            "confirm": confirm, "client_request_id": "withdraw-8001-a"})
    };
    assert_eq!(
        refused_fields(
            app.post(
                &o.path("/withdrawal"),
                Some(&o.token),
                &statement(false, true)
            )
            .await
        )
        .await,
        vec![("confirm".into(), "required".into())]
    );
    assert_eq!(
        refused_fields(
            app.post(
                &o.path("/withdrawal"),
                Some(&o.token),
                &statement(true, false)
            )
            .await
        )
        .await,
        vec![("item_ids".into(), "required".into())]
    );
    let made = app
        .post(
            &o.path("/withdrawal"),
            Some(&o.token),
            &statement(true, true),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made_text = made.text().await.unwrap();
    let made: Value = serde_json::from_str(&made_text).unwrap();
    assert_eq!(made["status"], "pending_review");
    assert_eq!(made["resolution"], "refund");
    assert_eq!(made["withdrawal"]["name"], "Chloé Fortin");
    assert_eq!(made["withdrawal"]["email"], "chloe@example.com");
    assert!(made["withdrawal"]["stated_at"].as_str().is_some());
    let quantities: Vec<i64> = made["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["quantity"].as_i64().unwrap())
        .collect();
    assert_eq!(quantities, vec![2, 1]);
    assert_eq!(made["items"][0]["reason"], Value::Null);
    let again = app
        .post(
            &o.path("/withdrawal"),
            Some(&o.token),
            &statement(true, true),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.text().await.unwrap(), made_text);

    // The statement is stored as made, for the receipt email.
    use sea_orm::{ConnectionTrait, Statement};
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT name, email, items FROM withdrawals".to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    let items: String = row.try_get("", "items").unwrap();
    assert!(items.contains("Item A"), "{items}");
    assert_eq!(
        row.try_get::<String>("", "email").unwrap(),
        "chloe@example.com"
    );

    // Everything is now held: no second withdrawal, and the hidden reason stays hidden.
    let offer: Value = app
        .get(&o.path("/withdrawal"), Some(&o.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(offer["offered"], false);
    let settings: Value = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(settings["reasons"].as_array().unwrap().len(), 7);
    let options = return_options(&app, &o).await;
    assert_eq!(options["reasons"].as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn withdrawal_only_for_eu_orders_within_a_period_that_only_grows() {
    let app = spawn_app().await;
    let shop = app.register("retract-rules").await;
    let canadian = portal_order(&app, &shop, &PLAIN).await;
    let offer: Value = app
        .get(&canadian.path("/withdrawal"), Some(&canadian.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(offer["offered"], false);
    let statement =
        json!({"name": "Jane", "email": "jane@example.com", "all": true, "confirm": true});
    assert_problem(
        app.post(
            &canadian.path("/withdrawal"),
            Some(&canadian.token),
            &statement,
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let late = OrderSpec {
        number: "8002",
        delivered_days_ago: Some(20),
        ..EU
    };
    let o = portal_order(&app, &shop, &late).await;
    let offer: Value = app
        .get(&o.path("/withdrawal"), Some(&o.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (offer["offered"].as_bool(), &offer["until"]),
        (Some(false), &Value::Null)
    );
    let refused = assert_problem(
        app.post(&o.path("/withdrawal"), Some(&o.token), &statement)
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert!(refused["detail"].as_str().unwrap().contains("period ended"));

    let shorter = put_returns_settings(&app, &shop, |r| {
        r["withdrawal"] = json!({"enabled": true, "period_days": 13})
    })
    .await;
    let problem = assert_problem(shorter, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "withdrawal.period_days");
    let longer = put_returns_settings(&app, &shop, |r| {
        r["withdrawal"] = json!({"enabled": true, "period_days": 30})
    })
    .await;
    assert_eq!(longer.status(), StatusCode::OK);
    let made = app
        .post(
            &o.path("/withdrawal"),
            Some(&o.token),
            &json!({"name": "Jane", "email": "jane@example.com", "item_ids": [o.item("A")], "confirm": true}),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["items"].as_array().unwrap().len(), 1);
    let off = put_returns_settings(&app, &shop, |r| {
        r["withdrawal"] = json!({"enabled": false, "period_days": 30})
    })
    .await;
    assert_eq!(off.status(), StatusCode::OK);
    let offer: Value = app
        .get(&o.path("/withdrawal"), Some(&o.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(offer["offered"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_simultaneous_retries_with_one_key_make_one_return() {
    let app = spawn_app().await;
    let shop = app.register("race-key").await;
    let spec = OrderSpec {
        items: &[("A", 5, true)],
        ..PLAIN
    };
    let o = portal_order(&app, &shop, &spec).await;
    let (plain, _) = return_reasons(&app, &o).await;
    let mut body = one_item(&o.item("A"), 1, &plain);
    body["client_request_id"] = json!("double-click-7f2c");
    let requests = (0..8).map(|_| {
        let (app, o, body) = (&app, &o, &body);
        async move {
            let response = submit_return(app, o, body).await;
            (response.status(), response.text().await.unwrap())
        }
    });
    let answers = futures_util::future::join_all(requests).await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let replayed = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!((created, replayed), (1, 7), "{answers:?}");
    assert!(answers.iter().all(|(_, b)| *b == answers[0].1));
    let list = portal_returns(&app, &o).await;
    assert_eq!(list.len(), 1);
}
