//! The yardstick: a bare actix-web handler answering a small JSON document, in the same
//! process and with the same worker count as the server under test. Every figure is a ratio
//! to it, so a table compares across machines and shows what our code costs over the
//! framework's own floor.

use actix_web::{App, HttpResponse, HttpServer, web};

/// Starts the bare server on a free port and returns its base URL.
pub fn start() -> String {
    let server = HttpServer::new(|| {
        App::new().route(
            "/",
            web::get().to(|| async {
                HttpResponse::Ok().json(serde_json::json!({
                    "status": "ok",
                    "service": "baseline",
                    "items": [1, 2, 3],
                }))
            }),
        )
    })
    .bind(("127.0.0.1", 0))
    .expect("binding the baseline server");
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    format!("http://127.0.0.1:{port}")
}
