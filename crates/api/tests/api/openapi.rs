//! The OpenAPI document is the contract: the served one must be the committed one.

use crate::helpers::{assert_problem, field_codes, spawn_app, workspace_root};
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

/// `limit` was clamped in silence (0 gave one row, 10^9 gave a hundred): now the range is in the
/// document and anything outside it is a 422 naming `limit`.
#[tokio::test]
async fn limit_outside_its_documented_range_is_refused_by_name() {
    let app = spawn_app().await;
    let owner = app.register("limits").await;
    for list in ["/api/v1/orders", "/api/v1/returns", "/api/v1/issue-reports"] {
        let ok = app
            .get(&format!("{list}?limit=100"), Some(&owner.token))
            .await;
        assert_eq!(ok.status(), StatusCode::OK, "{list}");
        for limit in ["0", "101", "1000000000"] {
            let refused = app
                .get(&format!("{list}?limit={limit}"), Some(&owner.token))
                .await;
            let problem =
                assert_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
            assert_eq!(
                field_codes(&problem),
                [("limit".to_owned(), "range".to_owned())],
                "{list}?limit={limit}"
            );
        }
    }

    let doc: Value = serde_json::to_value(rebound_api::openapi::build()).unwrap();
    let limit = doc["paths"]["/api/v1/orders"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(limit["required"], false);
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], 100);
    assert_eq!(limit["schema"]["default"], 25);
}

/// `{event}`, `{locale}` and `{asset}` were free strings in the document while the server knows
/// only a few names: they are enums now, and any other name is a documented 404.
#[tokio::test]
async fn named_path_segments_are_enums_and_unknown_names_are_404() {
    let doc: Value = serde_json::to_value(rebound_api::openapi::build()).unwrap();
    let enum_of = |path: &str, method: &str, name: &str| -> Vec<String> {
        let op = &doc["paths"][path][method];
        assert!(
            op["responses"]["404"].is_object(),
            "{method} {path} lists no 404"
        );
        let param = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{method} {path} has no {name}"));
        let schema = match param["schema"]["$ref"].as_str() {
            Some(reference) => &doc["components"]["schemas"][reference.rsplit('/').next().unwrap()],
            None => &param["schema"],
        };
        schema["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{method} {path}: {name} is not an enum: {schema}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let assets = ["logo", "favicon", "background"];
    assert_eq!(
        enum_of("/api/v1/settings/branding/{asset}", "put", "asset"),
        assets
    );
    assert_eq!(
        enum_of("/api/v1/settings/branding/{asset}", "delete", "asset"),
        assets
    );
    assert_eq!(
        enum_of("/api/v1/portal/{slug}/{asset}", "get", "asset"),
        assets
    );
    assert!(
        enum_of("/api/v1/settings/mail/{event}", "put", "event")
            .contains(&"refund_issued".to_owned())
    );
    assert_eq!(
        enum_of("/api/v1/settings/mail/{event}/{locale}", "put", "locale"),
        ["en", "fr"]
    );
    let upload = &doc["paths"]["/api/v1/settings/branding/{asset}"]["put"]["requestBody"]["content"]
        ["application/octet-stream"]["schema"];
    assert_eq!(upload["format"], "binary", "{upload}");

    let app = spawn_app().await;
    let owner = app.register("enums").await;
    let unknown_event = app
        .put(
            "/api/v1/settings/mail/not_an_event",
            Some(&owner.token),
            &serde_json::json!({"enabled": true}),
        )
        .await;
    assert_problem(unknown_event, StatusCode::NOT_FOUND, "not_found").await;
    let unknown_locale = app
        .put(
            "/api/v1/settings/mail/order_dispatched/de",
            Some(&owner.token),
            &serde_json::json!({"subject": "Hallo", "body": "Hallo"}),
        )
        .await;
    assert_problem(unknown_locale, StatusCode::NOT_FOUND, "not_found").await;
    let unknown_asset = app.get("/api/v1/portal/enums/banner", None).await;
    assert_problem(unknown_asset, StatusCode::NOT_FOUND, "not_found").await;
}
