//! The CSV import's steps as the dashboard takes them (upload, start with a mapping, wait,
//! read the rejections and the orders made): shared by the import and fulfilment-import tests.

use super::{Account, TestApp};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

pub async fn upload(app: &TestApp, who: &Account, body: Vec<u8>) -> Response {
    app.client
        .post(app.url("/api/v1/imports?file_name=orders.csv"))
        .bearer_auth(&who.token)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .unwrap()
}

pub async fn uploaded(app: &TestApp, who: &Account, body: impl Into<Vec<u8>>) -> Value {
    let response = upload(app, who, body.into()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub async fn start(app: &TestApp, who: &Account, id: &str, mapping: &Value) -> Response {
    app.post(
        &format!("/api/v1/imports/{id}/start"),
        Some(&who.token),
        &json!({ "mapping": mapping }),
    )
    .await
}

/// Polls until the import is no longer running (fails the test after 60 s).
pub async fn finished(app: &TestApp, who: &Account, id: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let view: Value = app
            .get(&format!("/api/v1/imports/{id}"), Some(&who.token))
            .await
            .json()
            .await
            .unwrap();
        if view["status"] != "running" {
            return view;
        }
        assert!(Instant::now() < deadline, "import still running: {view}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Uploads, starts with the suggested mapping, waits; returns the finished view.
pub async fn import(app: &TestApp, who: &Account, body: impl Into<Vec<u8>>) -> Value {
    let view = uploaded(app, who, body).await;
    let id = view["id"].as_str().unwrap().to_owned();
    let response = start(app, who, &id, &view["suggested_mapping"]).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    finished(app, who, &id).await
}

pub async fn rejections(app: &TestApp, who: &Account, id: &str) -> Vec<(u64, Value, String)> {
    let page: Value = app
        .get(
            &format!("/api/v1/imports/{id}/rejections"),
            Some(&who.token),
        )
        .await
        .json()
        .await
        .unwrap();
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["field"].clone(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

pub async fn order(app: &TestApp, who: &Account, number: &str) -> Value {
    let response = app
        .get(&format!("/api/v1/orders/{number}"), Some(&who.token))
        .await;
    assert_eq!(response.status(), StatusCode::OK, "order {number}");
    response.json().await.unwrap()
}
