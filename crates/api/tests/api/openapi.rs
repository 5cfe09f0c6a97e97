//! The OpenAPI document is the contract: the served one must be the committed one.

use crate::helpers::{spawn_app, workspace_root};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn served_document_matches_the_committed_one() {
    let app = spawn_app().await;
    let served: Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    let path = workspace_root().join("openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let committed: Value = serde_json::from_str(&committed).unwrap_or(Value::Null);
    assert!(
        served == committed,
        "the served OpenAPI document differs from openapi/openapi.json: run `cargo xtask openapi` and review the diff"
    );
}

#[tokio::test]
async fn every_operation_documents_its_errors_and_the_docs_page_is_served() {
    let doc = rebound_api::openapi::build();
    let json: Value = serde_json::to_value(&doc).unwrap();
    let paths = json["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/v1/merchants"));
    assert!(paths.contains_key("/api/v1/auth/login"));
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            if path.starts_with("/api/v1/") {
                assert!(
                    responses.keys().any(|code| code.starts_with('4')),
                    "{method} {path} documents no error response"
                );
            }
        }
    }
    assert!(json["components"]["schemas"]["Problem"].is_object());

    let app = spawn_app().await;
    let page = app.get("/api/docs/", None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(
        !html.contains("https://"),
        "the docs page must not load assets from a CDN"
    );
}
