//! Roles: owner, manager and agent each get what their role allows and nothing more.

use crate::helpers::{PASSWORD, assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn owner_invites_and_roles_are_enforced() {
    let app = spawn_app().await;
    let owner = app.register("roles").await;
    let manager = app
        .add_staff(&owner, "manager@roles.example", "manager")
        .await;
    let agent = app.add_staff(&owner, "agent@roles.example", "agent").await;

    // Owner and manager see the staff list; the agent does not.
    let list: Vec<Value> = app
        .get("/api/v1/staff", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    let roles: Vec<_> = list
        .iter()
        .map(|s| s["role"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(roles, vec!["owner", "manager", "agent"]);
    assert_eq!(
        app.get("/api/v1/staff", Some(&manager.token))
            .await
            .status(),
        StatusCode::OK
    );
    let denied = app.get("/api/v1/staff", Some(&agent.token)).await;
    let problem = assert_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;
    assert!(problem["detail"].as_str().unwrap().contains("agent"));

    // Only the owner invites.
    for member in [&manager, &agent] {
        let response = app
            .post(
                "/api/v1/staff/invitations",
                Some(&member.token),
                &json!({"email": "x@roles.example", "role": "agent"}),
            )
            .await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    }

    // The agent's own view lists only what an agent may do.
    let me: Value = app
        .get("/api/v1/me", Some(&agent.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["staff"]["role"], "agent");
    assert!(
        !me["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("manage_settings"))
    );
}

#[tokio::test]
async fn a_second_owner_cannot_be_invited_and_invitations_work_once() {
    let app = spawn_app().await;
    let owner = app.register("once").await;
    let response = app
        .post(
            "/api/v1/staff/invitations",
            Some(&owner.token),
            &json!({"email": "boss@once.example", "role": "owner"}),
        )
        .await;
    assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    let invitation: Value = app
        .post(
            "/api/v1/staff/invitations",
            Some(&owner.token),
            &json!({"email": "sam@once.example", "role": "agent"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = invitation["token"].as_str().unwrap();
    let path = format!("/api/v1/invitations/{token}/accept");
    let body = json!({"name": "Sam", "password": PASSWORD});
    assert_eq!(
        app.post(&path, None, &body).await.status(),
        StatusCode::CREATED
    );
    assert_problem(
        app.post(&path, None, &body).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    let unknown = app
        .post(
            "/api/v1/invitations/not-a-token/accept",
            None,
            &json!({"name": "X", "password": PASSWORD}),
        )
        .await;
    assert_problem(unknown, StatusCode::NOT_FOUND, "not_found").await;
}
