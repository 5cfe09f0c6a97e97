//! Shipping estimates and return labels: priced by the merchant's rate table, issued once,
//! downloadable by staff and through signed links, invisible to other merchants.

use crate::helpers::portal::add_return_address;
use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app, spawn_app_with};
use chrono::Utc;
use rebound_api::db::entities::{return_item, return_reason, return_request};
use rebound_api::demo;
use reqwest::{Response, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use uuid::Uuid;

/// An order shipped to Toronto (the national zone from Montréal) and a return of two units of
/// its first item, written directly as the return journey would.
pub(crate) async fn order_with_return(app: &TestApp, who: &Account, number: &str) -> Uuid {
    let order: Value = app
        .put(
        &format!("/api/v1/orders/{number}"),
        Some(&who.token),
        &json!({
            "customer_name": "Noah Côté", "email": "noah@example.com", "phone": null,
            "shipping_address": {"line1": "1 King Street West", "line2": null, "city": "Toronto",
                "region": "ON", "postal_code": "M5V 2T6", "country": "CA"},
            "currency": "CAD", "placed_at": "2026-11-01T10:00:00Z",
            "items": [{"sku": "PARKA", "title": "Parka", "variant": null, "quantity": 2,
                "unit_price_minor": 28900, "image_url": null, "parent_sku": null}]
        }),
    )
    .await
    .json()
    .await
    .unwrap();
    let merchant_id: Uuid = who.merchant_id.parse().unwrap();
    let reason = return_reason::Entity::find()
        .filter(return_reason::Column::MerchantId.eq(merchant_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let return_id = Uuid::now_v7();
    return_request::ActiveModel {
        id: Set(return_id),
        merchant_id: Set(merchant_id),
        order_id: Set(order["id"].as_str().unwrap().parse().unwrap()),
        number: Set(format!("R-{number}")),
        // Approved: a label is only issued once a return is accepted (or to settle a defect).
        status: Set(rebound_shared::domain::ReturnStatus::Approved),
        resolution: Set(rebound_shared::api::settings::Resolution::Refund),
        method: Set(rebound_shared::api::settings::ReturnMethod::PrepaidLabel),
        replacement_variant: Set(None),
        withdrawal: Set(false),
        label_issued_at: Set(None),
        fee_minor: Set(None),
        keep_item: Set(false),
        resolution_pending: Set(false),
        method_pending: Set(false),
        risk_flags: Set(None),
        exchange: Set(None),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    return_item::ActiveModel {
        id: Set(Uuid::now_v7()),
        return_id: Set(return_id),
        order_item_id: Set(order["items"][0]["id"].as_str().unwrap().parse().unwrap()),
        reason_id: Set(reason.id),
        quantity: Set(2),
        comment: Set(None),
        defective: Set(false),
    }
    .insert(&app.db)
    .await
    .unwrap();
    return_id
}

/// A merchant with a return address and one return to label.
async fn shop_with_return(app: &TestApp, slug: &str) -> (Account, Uuid) {
    let shop = app.register(slug).await;
    add_return_address(app, &shop).await;
    let return_id = order_with_return(app, &shop, "1001").await;
    (shop, return_id)
}

async fn issue(app: &TestApp, who: &Account, return_id: Uuid, body: Value) -> Response {
    app.post(
        &format!("/api/v1/returns/{return_id}/label"),
        Some(&who.token),
        &body,
    )
    .await
}

fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert_eq!(pages, vec![1]);
    doc.extract_text(&pages).unwrap()
}

fn qr_text(png: &[u8]) -> String {
    let image = image_from_png(png);
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

fn image_from_png(png: &[u8]) -> image::GrayImage {
    image::load_from_memory(png).unwrap().to_luma8()
}

#[tokio::test]
async fn estimate_prices_each_service_for_the_return() {
    let app = spawn_app().await;
    let (shop, return_id) = shop_with_return(&app, "estimates").await;
    let response = app
        .get(
            &format!("/api/v1/returns/{return_id}/estimate"),
            Some(&shop.token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let estimate: Value = response.json().await.unwrap();
    assert_eq!(estimate["carrier"], "Parcel Post");
    // Toronto is outside Montréal's postal district: national. Two units at 500 g each fall in
    // the 1 kg band.
    assert_eq!(estimate["zone"], "National");
    assert_eq!(estimate["weight_grams"], 1000);
    let quotes: Vec<(String, i64, String)> = estimate["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["service_name"].as_str().unwrap().to_owned(),
                q["price_minor"].as_i64().unwrap(),
                q["currency"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        quotes,
        vec![
            ("Regular Parcel".to_owned(), 2189, "CAD".to_owned()),
            ("Expedited Parcel".to_owned(), 2949, "CAD".to_owned())
        ]
    );

    // Without a return address there is nowhere to send the parcel: the field is named.
    let bare = app.register("no-address").await;
    let bare_return = order_with_return(&app, &bare, "77").await;
    let problem = assert_problem(
        app.get(
            &format!("/api/v1/returns/{bare_return}/estimate"),
            Some(&bare.token),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("return_address".to_owned(), "required".to_owned())]
    );
}

#[tokio::test]
async fn a_label_is_issued_once_and_reads_back() {
    let app = spawn_app().await;
    let (shop, return_id) = shop_with_return(&app, "labels").await;
    let first = issue(&app, &shop, return_id, json!({"service": "regular"})).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let label: Value = first.json().await.unwrap();
    let tracking = label["tracking_number"].as_str().unwrap().to_owned();
    assert_eq!(tracking.len(), 16);
    assert_eq!(label["return_number"], "R-1001");
    assert_eq!(label["service_name"], "Regular Parcel");
    assert_eq!(label["price_minor"], 2189);

    // A retry returns the same label, whatever the timing.
    let again = issue(&app, &shop, return_id, json!({"service": "regular"})).await;
    assert_eq!(again.status(), StatusCode::OK);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], label["id"]);
    assert_eq!(again["tracking_number"], tracking.as_str());
    let labels = rebound_api::db::entities::return_label::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(labels.len(), 1);

    // The PDF says which return and which parcel it is; the QR code says both.
    let pdf = app
        .get(
            &format!("/api/v1/returns/{return_id}/label.pdf"),
            Some(&shop.token),
        )
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let text = pdf_text(&pdf.bytes().await.unwrap());
    assert!(text.contains("RETURN R-1001"), "{text}");
    assert!(text.contains(&tracking), "{text}");
    assert!(text.contains("1 King Street West"), "{text}");
    let qr = app
        .get(
            &format!("/api/v1/returns/{return_id}/label-qr.png"),
            Some(&shop.token),
        )
        .await;
    assert_eq!(qr.headers()["content-type"], "image/png");
    assert_eq!(
        qr_text(&qr.bytes().await.unwrap()),
        format!("REBOUND:R-1001:{tracking}")
    );

    // Another service needs an explicit re-issue, which voids the first label.
    let other = issue(&app, &shop, return_id, json!({"service": "expedited"})).await;
    let problem = assert_problem(other, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(
        field_codes(&problem),
        vec![("service".to_owned(), "label_exists".to_owned())]
    );
    let reissued = issue(
        &app,
        &shop,
        return_id,
        json!({"service": "expedited", "reissue": true}),
    )
    .await;
    assert_eq!(reissued.status(), StatusCode::CREATED);
    let reissued: Value = reissued.json().await.unwrap();
    assert_ne!(reissued["tracking_number"], tracking.as_str());
    assert_eq!(reissued["price_minor"], 2949);
    let current: Value = app
        .get(
            &format!("/api/v1/returns/{return_id}/label"),
            Some(&shop.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(current["id"], reissued["id"]);
    let pdf = app
        .get(
            &format!("/api/v1/returns/{return_id}/label.pdf"),
            Some(&shop.token),
        )
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf_text(&pdf).contains(reissued["tracking_number"].as_str().unwrap()));

    // An unknown service is a field error.
    let unknown = issue(
        &app,
        &shop,
        return_id,
        json!({"service": "overnight", "reissue": true}),
    )
    .await;
    let problem = assert_problem(unknown, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("service".to_owned(), "unknown".to_owned())]
    );
}

#[tokio::test]
async fn concurrent_requests_make_one_label() {
    let app = spawn_app().await;
    let (shop, return_id) = shop_with_return(&app, "racing").await;
    let tries = (0..4).map(|_| issue(&app, &shop, return_id, json!({"service": "regular"})));
    let answers = futures_util::future::join_all(tries).await;
    let mut ids = Vec::new();
    for answer in answers {
        assert!(answer.status().is_success(), "{}", answer.status());
        let label: Value = answer.json().await.unwrap();
        ids.push(label["id"].as_str().unwrap().to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let rows = rebound_api::db::entities::return_label::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn signed_links_open_the_label_without_signing_in() {
    let app = spawn_app().await;
    let (shop, return_id) = shop_with_return(&app, "links").await;
    let label: Value = issue(&app, &shop, return_id, json!({"service": "regular"}))
        .await
        .json()
        .await
        .unwrap();
    let pdf_url = label["pdf_url"].as_str().unwrap();
    let qr_url = label["qr_url"].as_str().unwrap();
    assert!(pdf_url.starts_with(&format!(
        "/api/v1/labels/{}.pdf?expires=",
        label["id"].as_str().unwrap()
    )));

    let pdf = app.get(pdf_url, None).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf_text(&pdf.bytes().await.unwrap()).contains("R-1001"));
    let qr = app.get(qr_url, None).await;
    assert_eq!(qr.status(), StatusCode::OK);
    assert!(qr_text(&qr.bytes().await.unwrap()).starts_with("REBOUND:R-1001:"));

    // A changed signature, a later expiry, or the QR link's signature on the PDF: refused.
    let (path, query) = pdf_url.split_once('?').unwrap();
    let signature = query.split("signature=").nth(1).unwrap();
    let flipped = format!(
        "{}{}",
        if signature.starts_with('0') { "1" } else { "0" },
        &signature[1..]
    );
    let tampered = pdf_url.replace(signature, &flipped);
    assert_problem(
        app.get(&tampered, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let expires: i64 = query
        .split('&')
        .find_map(|p| p.strip_prefix("expires="))
        .unwrap()
        .parse()
        .unwrap();
    let later = pdf_url.replace(
        &format!("expires={expires}"),
        &format!("expires={}", expires + 86400),
    );
    assert_problem(
        app.get(&later, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let swapped = format!("{path}?{}", qr_url.split_once('?').unwrap().1);
    assert_problem(
        app.get(&swapped, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let unsigned = app.get(path, None).await;
    assert_eq!(unsigned.status(), StatusCode::BAD_REQUEST);

    // Once re-issued, the old label's links stop working: nobody prints a dead label.
    issue(
        &app,
        &shop,
        return_id,
        json!({"service": "expedited", "reissue": true}),
    )
    .await;
    assert_problem(
        app.get(pdf_url, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn another_merchant_sees_nothing() {
    let app = spawn_app().await;
    let (shop, return_id) = shop_with_return(&app, "owner-shop").await;
    issue(&app, &shop, return_id, json!({"service": "regular"})).await;
    let (other, _) = shop_with_return(&app, "other-shop").await;
    for path in ["estimate", "label", "label.pdf", "label-qr.png"] {
        let response = app
            .get(
                &format!("/api/v1/returns/{return_id}/{path}"),
                Some(&other.token),
            )
            .await;
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let response = issue(&app, &other, return_id, json!({"service": "regular"})).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let unsigned_in = app
        .get(&format!("/api/v1/returns/{return_id}/estimate"), None)
        .await;
    assert_eq!(unsigned_in.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn carrier_settings_are_validated_by_field_and_audited() {
    let app = spawn_app().await;
    let (owner, return_id) = shop_with_return(&app, "carrier").await;
    let table: Value = app
        .get("/api/v1/settings/carrier", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    // The default table is built around the return address (H2X 3A1).
    assert_eq!(table["zones"][0]["code"], "local");
    assert_eq!(table["zones"][0]["postal_prefixes"][0]["prefix"], "H2X");

    let rejected = |changed: Value| {
        let app = &app;
        let token = owner.token.clone();
        async move {
            let response = app
                .put("/api/v1/settings/carrier", Some(&token), &changed)
                .await;
            field_codes(
                &assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await,
            )
        }
    };
    let mut bands = table.clone();
    bands["weight_bands"][2]["up_to_grams"] = json!(900);
    assert_eq!(
        rejected(bands).await,
        vec![(
            "weight_bands[2].up_to_grams".to_owned(),
            "not_increasing".to_owned()
        )]
    );
    let mut missing = table.clone();
    missing["prices"].as_array_mut().unwrap().pop();
    assert_eq!(
        rejected(missing).await,
        vec![("prices".to_owned(), "missing".to_owned())]
    );
    let mut bad_code = table.clone();
    bad_code["services"][0]["code"] = json!("Regular Parcel");
    assert_eq!(
        rejected(bad_code).await,
        vec![("services[0].code".to_owned(), "code".to_owned())]
    );
    let mut overlap = table.clone();
    overlap["zones"][1]["postal_prefixes"] = json!([{"country": "CA", "prefix": "h2x"}]);
    assert_eq!(
        rejected(overlap).await,
        vec![(
            "zones[1].postal_prefixes[0]".to_owned(),
            "overlap".to_owned()
        )]
    );

    // Agents read the table but do not change it.
    let agent = app
        .add_staff(&owner, "agent@carrier.example", "agent")
        .await;
    assert_eq!(
        app.get("/api/v1/settings/carrier", Some(&agent.token))
            .await
            .status(),
        StatusCode::OK
    );
    let refused = app
        .put("/api/v1/settings/carrier", Some(&agent.token), &table)
        .await;
    assert_problem(refused, StatusCode::FORBIDDEN, "forbidden").await;

    // A saved change prices the next estimate and is in the audit log.
    let mut cheaper = table.clone();
    cheaper["carrier_name"] = json!("Maple Post");
    for price in cheaper["prices"].as_array_mut().unwrap() {
        if price["zone"] == "national" && price["service"] == "regular" {
            price["price_minor"] = json!(999);
        }
    }
    let saved = app
        .put("/api/v1/settings/carrier", Some(&owner.token), &cheaper)
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let estimate: Value = app
        .get(
            &format!("/api/v1/returns/{return_id}/estimate"),
            Some(&owner.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(estimate["carrier"], "Maple Post");
    assert_eq!(estimate["quotes"][0]["price_minor"], 999);
    let log: Value = app
        .get("/api/v1/audit-log", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["area"] == "carrier")
        .expect("a carrier entry");
    let fields: Vec<&str> = entry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["carrier_name", "prices"]);
}

#[tokio::test]
async fn the_demo_shop_prices_and_labels_its_returns() {
    let app = spawn_app_with(|c| c.demo_data = true).await;
    let session: Value = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": demo::DEMO_EMAIL, "password": demo::DEMO_PASSWORD}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = session["access_token"].as_str().unwrap();
    let table: Value = app
        .get("/api/v1/settings/carrier", Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(table["services"][0]["name"], "Regular Parcel");
    assert_eq!(table["zones"][0]["postal_prefixes"][0]["prefix"], "H2Z");
    let saved = rebound_api::db::entities::carrier_settings::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        saved.len(),
        1,
        "the demo's table is saved, not only the default"
    );
    let returns = return_request::Entity::find().all(&app.db).await.unwrap();
    for ret in &returns {
        let estimate = app
            .get(&format!("/api/v1/returns/{}/estimate", ret.id), Some(token))
            .await;
        assert_eq!(estimate.status(), StatusCode::OK, "{}", ret.number);
    }
    // Labels go to accepted returns (or settle a defective case).
    let labellable = returns
        .iter()
        .find(|r| {
            use rebound_shared::domain::ReturnStatus;
            r.status == ReturnStatus::Approved || r.status == ReturnStatus::NeedsContact
        })
        .unwrap();
    let label = app
        .post(
            &format!("/api/v1/returns/{}/label", labellable.id),
            Some(token),
            &json!({"service": "expedited"}),
        )
        .await;
    assert_eq!(label.status(), StatusCode::CREATED);
}
