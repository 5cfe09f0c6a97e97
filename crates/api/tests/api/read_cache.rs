//! What every shopper reads comes with an ETag: a repeat with `If-None-Match` is a bodyless
//! 304, and a change by the shop (or the shopper) is read back at once with a new tag.

use crate::helpers::portal::{PLAIN, portal_order};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH};
use serde_json::{Value, json};

/// GET `path` (with `token`, and `If-None-Match: tag` when given): status, ETag, body.
async fn read(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    tag: Option<&str>,
) -> (StatusCode, String, String) {
    let mut req = app.client.get(app.url(path));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(tag) = tag {
        req = req.header(IF_NONE_MATCH, tag);
    }
    let response = req.send().await.unwrap();
    let status = response.status();
    let etag = response
        .headers()
        .get(ETAG)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, etag, response.text().await.unwrap())
}

#[tokio::test]
async fn the_portal_configuration_revalidates_and_follows_a_settings_change() {
    let app = spawn_app().await;
    let shop = app.register("etag-shop").await;
    let path = "/api/v1/portal/etag-shop";
    let (status, tag, body) = read(&app, path, None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(tag.starts_with('"') && tag.len() > 10, "{tag}");
    let first: Value = serde_json::from_str(&body).unwrap();

    let (status, again, body) = read(&app, path, None, Some(&tag)).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(again, tag);
    assert!(body.is_empty());
    // Another tag, or a list holding ours as a weak tag.
    let (status, ..) = read(&app, path, None, Some("\"stale\"")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, ..) = read(&app, path, None, Some(&format!("\"x\", W/{tag}"))).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);

    let mut returns = app
        .get("/api/v1/settings", Some(&shop.token))
        .await
        .json::<Value>()
        .await
        .unwrap()["returns"]
        .clone();
    let days = first["returns"]["return_window_days"].as_i64().unwrap();
    returns["return_window_days"] = json!(days + 7);
    let saved = app
        .put("/api/v1/settings/returns", Some(&shop.token), &returns)
        .await;
    assert_eq!(saved.status(), StatusCode::OK);

    // Read back at once, with the tag held before: the change wins over the cached answer.
    let (status, changed, body) = read(&app, path, None, Some(&tag)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(changed, tag);
    let now: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(now["returns"]["return_window_days"], json!(days + 7));
}

#[tokio::test]
async fn the_tracking_view_revalidates_and_shows_a_new_scan_at_once() {
    let app = spawn_app().await;
    let shop = app.register("etag-track").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let path = o.path("");
    let (status, tag, _) = read(&app, &path, Some(&o.token), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, ..) = read(&app, &path, Some(&o.token), Some(&tag)).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    // Without the shopper's token there is nothing to revalidate.
    let (status, ..) = read(&app, &path, None, Some(&tag)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let shipments = o.order["shipments"].as_array().unwrap();
    let tracking = shipments[0]["tracking_number"].as_str().unwrap();
    let scan = app
        .post(
            &format!("/api/v1/shipments/{tracking}/events"),
            Some(&shop.token),
            &json!({"kind": "delivered", "description": "Left with the neighbour",
                "location": "Toronto", "occurred_at": chrono::Utc::now().to_rfc3339()}),
        )
        .await;
    assert_eq!(scan.status(), StatusCode::OK);
    let (status, changed, body) = read(&app, &path, Some(&o.token), Some(&tag)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(changed, tag);
    assert!(body.contains("Left with the neighbour"), "{body}");
}

#[tokio::test]
async fn a_write_through_another_instance_empties_this_ones_cache() {
    // Two instances of one deployment: one database, one signing secret, no sticky sessions.
    let secret = "a-shared-signing-secret-of-at-least-32-bytes";
    let here = spawn_app_with(|c| c.jwt_secret = Some(secret.into())).await;
    let url = here.database_url.clone();
    let there = spawn_app_with(move |c| {
        c.database_url = url;
        c.jwt_secret = Some(secret.into());
    })
    .await;
    let shop = here.register("two-instances").await;
    let o = portal_order(&here, &shop, &PLAIN).await;
    let path = o.path("");
    let (status, tag, _) = read(&here, &path, Some(&o.token), None).await;
    assert_eq!(status, StatusCode::OK);

    let tracking = o.order["shipments"][0]["tracking_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let scan = there
        .post(
            &format!("/api/v1/shipments/{tracking}/events"),
            Some(&shop.token),
            &json!({"kind": "delivered", "description": "Scanned at the other instance",
                "location": "Montréal", "occurred_at": chrono::Utc::now().to_rfc3339()}),
        )
        .await;
    assert_eq!(scan.status(), StatusCode::OK);

    // This instance served no write, so only its watch on the database can tell. Its cache
    // keeps an answer far longer than this wait when nothing says otherwise.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (status, changed, body) = read(&here, &path, Some(&o.token), Some(&tag)).await;
        if status == StatusCode::OK && body.contains("Scanned at the other instance") {
            assert_ne!(changed, tag);
            break;
        }
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{body}");
        assert!(
            std::time::Instant::now() < deadline,
            "the other instance's write never showed here"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_colleague_removed_through_another_instance_is_refused_here_soon_after() {
    // The staff row behind a token is remembered between requests; a removal served by
    // another instance must still end the session here, through the database watch.
    let secret = "a-shared-signing-secret-of-at-least-32-bytes";
    let here = spawn_app_with(|c| c.jwt_secret = Some(secret.into())).await;
    let url = here.database_url.clone();
    let there = spawn_app_with(move |c| {
        c.database_url = url;
        c.jwt_secret = Some(secret.into());
    })
    .await;
    let owner = here.register("two-instance-staff").await;
    let agent = here
        .add_staff(&owner, "agent@two-instance-staff.example", "agent")
        .await;
    // Read twice here, so the second answer comes from what this instance remembers.
    for _ in 0..2 {
        assert_eq!(
            here.get("/api/v1/me", Some(&agent.token)).await.status(),
            StatusCode::OK
        );
    }
    let removed = there
        .client
        .delete(there.url(&format!("/api/v1/staff/{}", agent.staff_id)))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let status = here.get("/api/v1/me", Some(&agent.token)).await.status();
        if status == StatusCode::UNAUTHORIZED {
            break;
        }
        assert_eq!(status, StatusCode::OK);
        assert!(
            std::time::Instant::now() < deadline,
            "the removal at the other instance never reached this one"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
