//! The built web app is served by the same binary: files, client-route fallback, cache headers
//! and compression.

use crate::helpers::{assert_problem, spawn_app_with};
use reqwest::StatusCode;

const WASM_NAME: &str = "rebound-web-0123456789abcdef.wasm";

fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Rebound</title>",
    )
    .unwrap();
    // Compressible, like real wasm: repeated content.
    std::fs::write(dir.path().join(WASM_NAME), vec![b'a'; 64 * 1024]).unwrap();
    std::fs::write(dir.path().join("robots.txt"), "User-agent: *\n").unwrap();
    dir
}

#[tokio::test]
async fn client_routes_fall_back_to_index_and_assets_are_cached_and_compressed() {
    let dist = fake_dist();
    let path = dist.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dist = Some(path)).await;

    for route in [
        "/",
        "/dashboard",
        "/dashboard/login",
        "/maple",
        "/maple/track/123",
    ] {
        let page = app.get(route, None).await;
        assert_eq!(page.status(), StatusCode::OK, "{route}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{route}");
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("<title>Rebound</title>")
        );
    }

    let wasm = app
        .client
        .get(app.url(&format!("/{WASM_NAME}")))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert_eq!(wasm.headers()["content-type"], "application/wasm");

    let robots = app.get("/robots.txt", None).await;
    assert_eq!(robots.headers()["cache-control"], "public, max-age=300");
}

#[tokio::test]
async fn api_paths_and_missing_files_are_404_problems_not_the_app() {
    let dist = fake_dist();
    let path = dist.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dist = Some(path)).await;
    assert_problem(
        app.get("/api/v1/nothing-here", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_problem(
        app.get("/missing-0123456789abcdef.js", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Whatever the encoding tricks, nothing outside dist/ is ever read.
    for sneaky in [
        "/..%2f..%2f..%2fetc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
    ] {
        let body = app.get(sneaky, None).await.text().await.unwrap();
        assert!(!body.contains("root:"), "{sneaky}");
    }
}
