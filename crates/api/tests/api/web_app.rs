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

/// A dist/ as `cargo xtask build-web` writes it: two documents, and brotli and gzip copies
/// beside the assets.
fn split_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &[u8]| std::fs::write(dir.path().join(name), body).unwrap();
    write("index.html", b"<!doctype html><title>dashboard</title>");
    write("portal.html", b"<!doctype html><title>portal</title>");
    write(PORTAL_WASM, &[b'w'; 4096]);
    // Not real compressed data: the test checks that these exact bytes are sent as they are.
    write(&format!("{PORTAL_WASM}.br"), b"brotli bytes");
    write(&format!("{PORTAL_WASM}.gz"), b"gzip bytes");
    dir
}

const PORTAL_WASM: &str = "portal-9b0a517d73fb044d_bg.wasm";

#[tokio::test]
async fn shop_addresses_get_the_portal_document_and_the_rest_the_dashboard() {
    let dist = split_dist();
    let path = dist.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dist = Some(path)).await;
    for (route, title) in [
        ("/", "dashboard"),
        ("/dashboard", "dashboard"),
        ("/dashboard/login?next=/dashboard/returns", "dashboard"),
        ("/dashboard/returns/R-1234", "dashboard"),
        ("/maple", "portal"),
        ("/maple/order/return", "portal"),
        ("/maple/survey/some-token", "portal"),
    ] {
        let page = app.get(route, None).await;
        assert_eq!(page.status(), StatusCode::OK, "{route}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{route}");
        let body = page.text().await.unwrap();
        assert!(
            body.contains(&format!("<title>{title}</title>")),
            "{route}: {body}"
        );
    }
}

#[tokio::test]
async fn precompressed_assets_are_sent_as_built_with_their_encoding() {
    let dist = split_dist();
    let path = dist.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dist = Some(path)).await;
    let fetch = |accept: Option<&'static str>| {
        let mut request = app.client.get(app.url(&format!("/{PORTAL_WASM}")));
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        request.send()
    };

    for (accept, encoding, body) in [
        (Some("br"), Some("br"), &b"brotli bytes"[..]),
        // A browser lists gzip first with equal weights: brotli still wins, it is smaller.
        (Some("gzip, deflate, br, zstd"), Some("br"), b"brotli bytes"),
        (Some("gzip"), Some("gzip"), b"gzip bytes"),
        (Some("br;q=0.5, gzip"), Some("gzip"), b"gzip bytes"),
        (Some("identity"), None, &[b'w'; 4096]),
        (None, None, &[b'w'; 4096]),
    ] {
        let response = fetch(accept).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accept:?}");
        let headers = response.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept:?}"
        );
        assert_eq!(headers["content-type"], "application/wasm", "{accept:?}");
        assert_eq!(
            headers["cache-control"], "public, max-age=31536000, immutable",
            "{accept:?}"
        );
        assert!(
            headers["vary"]
                .to_str()
                .unwrap()
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{accept:?}"
        );
        if encoding.is_some() {
            // Never offered as a download named `x.wasm.br`.
            assert!(headers.get("content-disposition").is_none(), "{accept:?}");
        }
        assert_eq!(&response.bytes().await.unwrap()[..], body, "{accept:?}");
    }
}
