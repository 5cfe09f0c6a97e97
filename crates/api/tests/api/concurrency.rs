//! Many writers at once: SQLite's write transactions begin IMMEDIATE and wait on the lock
//! (busy_timeout), so a burst of read-then-write requests never fails with SQLITE_BUSY.

use crate::helpers::{PASSWORD, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_registrations_all_succeed() {
    let app = spawn_app().await;
    let requests = (0..24).map(|i| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/merchants",
                None,
                &json!({"company_name": format!("Burst {i}"), "slug": format!("burst-{i}"),
                    "owner_name": "O", "owner_email": format!("o{i}@burst.example"), "password": PASSWORD}),
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_slug_registered_concurrently_is_created_exactly_once() {
    let app = spawn_app().await;
    let requests = (0..8).map(|i| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/merchants",
                None,
                &json!({"company_name": "Race", "slug": "race", "owner_name": "O",
                    "owner_email": format!("o{i}@race.example"), "password": PASSWORD}),
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, conflicts), (1, 7), "{statuses:?}");
}
