//! The issue-reports queue: open / closed, assignee, filters, keyset pages, tenancy.

use crate::helpers::portal::{PLAIN, portal_order};
use crate::helpers::{TestApp, assert_problem, spawn_app};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn page(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app
        .get(&format!("/api/v1/issue-reports{query}"), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn messages(page: &Value) -> Vec<String> {
    page["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["message"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn issues_are_queued_closed_reopened_assigned_and_paged() {
    let app = spawn_app().await;
    let shop = app.register("issue-queue").await;
    let agent = app
        .add_staff(&shop, "agent@issue-queue.example", "agent")
        .await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    for n in 1..=3 {
        let report = app
            .post(
                &o.path("/issues"),
                Some(&o.token),
                &json!({"issue_type": "missing_item", "message": format!("Problem {n}")}),
            )
            .await;
        assert_eq!(report.status(), StatusCode::CREATED);
    }

    // Newest first, two by two; agents handle the queue.
    let first = page(&app, &agent.token, "?limit=2").await;
    assert_eq!(messages(&first), vec!["Problem 3", "Problem 2"]);
    assert_eq!(first["open_count"], 3);
    assert_eq!(first["issues"][0]["status"], "open");
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = page(&app, &agent.token, &format!("?limit=2&cursor={cursor}")).await;
    assert_eq!(messages(&second), vec!["Problem 1"]);
    assert!(second["next_cursor"].is_null());
    let bad = app
        .get("/api/v1/issue-reports?cursor=nonsense", Some(&agent.token))
        .await;
    assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    let oldest = second["issues"][0]["id"].as_str().unwrap().to_owned();
    let closed = app
        .post(
            &format!("/api/v1/issue-reports/{oldest}/close"),
            Some(&agent.token),
            &json!({}),
        )
        .await;
    assert_eq!(closed.status(), StatusCode::OK);
    let closed: Value = closed.json().await.unwrap();
    assert_eq!(closed["status"], "closed");
    assert!(closed["closed_at"].is_string());
    let open = page(&app, &agent.token, "?status=open").await;
    assert_eq!(messages(&open), vec!["Problem 3", "Problem 2"]);
    assert_eq!(open["open_count"], 2);
    let done = page(&app, &agent.token, "?status=closed").await;
    assert_eq!(messages(&done), vec!["Problem 1"]);
    let reopened: Value = app
        .post(
            &format!("/api/v1/issue-reports/{oldest}/reopen"),
            Some(&agent.token),
            &json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reopened["status"], "open");
    assert!(reopened["closed_at"].is_null());

    // Assigned to a colleague, found by assignee; never to another shop's staff.
    let assign = format!("/api/v1/issue-reports/{oldest}/assignee");
    let assigned: Value = app
        .put(
            &assign,
            Some(&shop.token),
            &json!({"assignee_id": agent.staff_id}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(assigned["assignee_id"], agent.staff_id.as_str());
    assert_eq!(assigned["assignee_name"], "Colleague");
    let mine = page(
        &app,
        &agent.token,
        &format!("?assignee_id={}", agent.staff_id),
    )
    .await;
    assert_eq!(messages(&mine), vec!["Problem 1"]);
    let other = app.register("other-issues").await;
    let foreign = app
        .put(
            &assign,
            Some(&shop.token),
            &json!({"assignee_id": other.staff_id}),
        )
        .await;
    assert_problem(foreign, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let unassigned: Value = app
        .put(&assign, Some(&shop.token), &json!({"assignee_id": null}))
        .await
        .json()
        .await
        .unwrap();
    assert!(unassigned["assignee_id"].is_null());

    // Dates filter; another merchant sees and touches nothing.
    let tomorrow = (Utc::now() + Duration::days(1)).format("%Y-%m-%dT%H:%M:%SZ");
    let future = page(&app, &agent.token, &format!("?from={tomorrow}")).await;
    assert!(messages(&future).is_empty());
    let before = page(&app, &agent.token, &format!("?to={tomorrow}")).await;
    assert_eq!(messages(&before).len(), 3);
    let theirs = page(&app, &other.token, "").await;
    assert!(messages(&theirs).is_empty());
    assert_eq!(theirs["open_count"], 0);
    let touch = app
        .post(
            &format!("/api/v1/issue-reports/{oldest}/close"),
            Some(&other.token),
            &json!({}),
        )
        .await;
    assert_problem(touch, StatusCode::NOT_FOUND, "not_found").await;
}
