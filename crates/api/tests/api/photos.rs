//! Shopper photos: checked by content and size, tied to one order, shown through signed
//! expiring links, attached to issue reports of the same order only.

use crate::helpers::portal::{OrderSpec, PLAIN, PortalOrder, portal_order};
use crate::helpers::{TestApp, assert_problem, field_codes, spawn_app};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use std::io::Cursor;

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([180, 68, 28]));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub async fn upload(app: &TestApp, o: &PortalOrder, bytes: Vec<u8>) -> Response {
    app.client
        .post(app.url(&o.path("/photos")))
        .bearer_auth(&o.token)
        .header("content-type", "image/jpeg")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_photo_is_checked_stored_and_shown_through_a_signed_link() {
    let app = spawn_app().await;
    let shop = app.register("snaps").await;
    let o = portal_order(&app, &shop, &PLAIN).await;

    let made = upload(&app, &o, png(64, 48)).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let photo: Value = made.json().await.unwrap();
    let url = photo["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!(
        "/api/v1/photos/{}?expires=",
        photo["id"].as_str().unwrap()
    )));
    let shown = app.get(&url, None).await;
    assert_eq!(shown.status(), StatusCode::OK);
    assert_eq!(shown.headers()["content-type"], "image/png");
    let bytes = shown.bytes().await.unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (64, 48));

    // One changed character of the signature, or a later expiry, and the link is dead.
    let (head, signature) = url.rsplit_once("signature=").unwrap();
    let flipped = if signature.starts_with('0') { "1" } else { "0" };
    let tampered = format!("{head}signature={flipped}{}", &signature[1..]);
    assert_problem(
        app.get(&tampered, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let expires: i64 = url
        .split("expires=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .unwrap()
        .parse()
        .unwrap();
    let extended = url.replace(
        &format!("expires={expires}"),
        &format!("expires={}", expires + 86_400),
    );
    assert_problem(
        app.get(&extended, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let past = url.replace(&format!("expires={expires}"), "expires=1000");
    assert_problem(
        app.get(&past, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // No order token, no upload.
    let anonymous = app
        .client
        .post(app.url(&o.path("/photos")))
        .body(png(8, 8))
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[tokio::test]
async fn text_oversized_and_giant_images_are_refused() {
    let app = spawn_app().await;
    let shop = app.register("snaps-bad").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    // A text file named photo.jpg is still text.
    let problem = assert_problem(
        upload(&app, &o, b"just some notes, not a photo\n".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("file".into(), "image_type".into())]
    );
    let problem = assert_problem(
        upload(&app, &o, vec![0xFF; 10 * 1024 * 1024 + 1]).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("file".into(), "too_large".into())]
    );
    let problem = assert_problem(
        upload(&app, &o, png(6001, 2)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("file".into(), "dimensions".into())]
    );
}

#[tokio::test]
async fn issue_reports_take_photos_of_their_own_order_once() {
    let app = spawn_app().await;
    let shop = app.register("snaps-issue").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let other = portal_order(
        &app,
        &shop,
        &OrderSpec {
            number: "7009",
            ..PLAIN
        },
    )
    .await;
    let mine: Value = upload(&app, &o, png(20, 20)).await.json().await.unwrap();
    let theirs: Value = upload(&app, &other, png(20, 20))
        .await
        .json()
        .await
        .unwrap();

    let path = o.path("/issues");
    let report = |ids: Value| {
        app.client
            .post(app.url(&path))
            .bearer_auth(&o.token)
            .json(&json!({"issue_type": "damaged_in_transit", "message": "Crushed box", "photo_ids": ids}))
            .send()
    };
    let problem = assert_problem(
        report(json!([theirs["id"]])).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("photo_ids".into(), "unknown_photo".into())]
    );

    let made = report(json!([mine["id"]])).await.unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["photos"][0]["id"], mine["id"]);

    let problem = assert_problem(
        report(json!([mine["id"]])).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("photo_ids".into(), "already_attached".into())]
    );

    // Staff see the photo on the report, through a link that works.
    let issues: Vec<Value> = app
        .get("/api/v1/issues", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0]["photos"][0]["id"], mine["id"]);
    let link = issues[0]["photos"][0]["url"].as_str().unwrap();
    assert_eq!(app.get(link, None).await.status(), StatusCode::OK);
}
