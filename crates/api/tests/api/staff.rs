//! Staff management: removing a colleague, changing a role, listing and revoking invitations,
//! with their guards (not oneself, never the last owner, owners only, one merchant only) and
//! their audit entries.

use crate::helpers::{PASSWORD, TestApp, assert_problem, spawn_app};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

async fn delete(app: &TestApp, path: &str, token: &str) -> Response {
    app.client
        .delete(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn audit_fields(app: &TestApp, token: &str) -> Vec<String> {
    let entries: Vec<Value> = app
        .get("/api/v1/audit-log", Some(token))
        .await
        .json()
        .await
        .unwrap();
    entries
        .iter()
        .flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default())
        .map(|c| c["field"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn an_owner_removes_a_colleague_whose_token_stops_working_at_once() {
    let app = spawn_app().await;
    let owner = app.register("removals").await;
    let agent = app
        .add_staff(&owner, "agent@removals.example", "agent")
        .await;
    let manager = app
        .add_staff(&owner, "manager@removals.example", "manager")
        .await;
    assert_eq!(
        app.get("/api/v1/me", Some(&agent.token)).await.status(),
        StatusCode::OK
    );

    // Neither an agent nor a manager may remove anyone.
    for member in [&agent, &manager] {
        let refused = delete(
            &app,
            &format!("/api/v1/staff/{}", owner.staff_id),
            &member.token,
        )
        .await;
        assert_problem(refused, StatusCode::FORBIDDEN, "forbidden").await;
    }
    // Nor does an owner remove themselves (they are also the last owner).
    let own = delete(
        &app,
        &format!("/api/v1/staff/{}", owner.staff_id),
        &owner.token,
    )
    .await;
    assert_problem(own, StatusCode::CONFLICT, "conflict").await;

    let removed = delete(
        &app,
        &format!("/api/v1/staff/{}", agent.staff_id),
        &owner.token,
    )
    .await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let after = app.get("/api/v1/me", Some(&agent.token)).await;
    assert_problem(after, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let login = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": "agent@removals.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);
    let list: Vec<Value> = app
        .get("/api/v1/staff", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 2);
    let again = delete(
        &app,
        &format!("/api/v1/staff/{}", agent.staff_id),
        &owner.token,
    )
    .await;
    assert_problem(again, StatusCode::NOT_FOUND, "not_found").await;
    assert!(
        audit_fields(&app, &owner.token)
            .await
            .contains(&"staff.removed".to_owned())
    );
}

#[tokio::test]
async fn roles_change_at_once_but_never_ones_own_nor_the_last_owners() {
    let app = spawn_app().await;
    let owner = app.register("role-changes").await;
    let agent = app
        .add_staff(&owner, "agent@role-changes.example", "agent")
        .await;

    let path = format!("/api/v1/staff/{}/role", agent.staff_id);
    let denied = app
        .put(&path, Some(&agent.token), &json!({"role": "owner"}))
        .await;
    assert_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;
    let bad = app
        .put(&path, Some(&owner.token), &json!({"role": "admin"}))
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The agent's very next request runs as a manager: the token is unchanged.
    assert_eq!(
        app.get("/api/v1/staff", Some(&agent.token)).await.status(),
        StatusCode::FORBIDDEN
    );
    let changed = app
        .put(&path, Some(&owner.token), &json!({"role": "manager"}))
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["role"], "manager");
    assert_eq!(
        app.get("/api/v1/staff", Some(&agent.token)).await.status(),
        StatusCode::OK
    );

    let own = app
        .put(
            &format!("/api/v1/staff/{}/role", owner.staff_id),
            Some(&owner.token),
            &json!({"role": "agent"}),
        )
        .await;
    assert_problem(own, StatusCode::CONFLICT, "conflict").await;

    // With two owners, one may demote the other; then the last one stays.
    let promoted = app
        .put(&path, Some(&owner.token), &json!({"role": "owner"}))
        .await;
    assert_eq!(promoted.status(), StatusCode::OK);
    let demoted = app
        .put(
            &format!("/api/v1/staff/{}/role", owner.staff_id),
            Some(&agent.token),
            &json!({"role": "manager"}),
        )
        .await;
    assert_eq!(demoted.status(), StatusCode::OK);
    let last = delete(
        &app,
        &format!("/api/v1/staff/{}", agent.staff_id),
        &owner.token,
    )
    .await;
    // The former owner is a manager now: not allowed at all.
    assert_problem(last, StatusCode::FORBIDDEN, "forbidden").await;

    let fields = audit_fields(&app, &agent.token).await;
    assert_eq!(
        fields.iter().filter(|f| *f == "staff.role").count(),
        3,
        "{fields:?}"
    );
}

#[tokio::test]
async fn invitations_are_listed_revoked_and_a_revoked_link_says_so() {
    let app = spawn_app().await;
    let owner = app.register("invites").await;
    let sent: Value = app
        .post(
            "/api/v1/staff/invitations",
            Some(&owner.token),
            &json!({"email": "sam@invites.example", "role": "agent"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = sent["token"].as_str().unwrap().to_owned();
    let id = sent["id"].as_str().unwrap().to_owned();

    let pending: Vec<Value> = app
        .get("/api/v1/staff/invitations", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["email"], "sam@invites.example");
    assert!(pending[0].get("token").is_none(), "the token is shown once");

    // Another merchant cannot see or revoke it.
    let other = app.register("other-invites").await;
    let theirs: Vec<Value> = app
        .get("/api/v1/staff/invitations", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty());
    let foreign = delete(
        &app,
        &format!("/api/v1/staff/invitations/{id}"),
        &other.token,
    )
    .await;
    assert_problem(foreign, StatusCode::NOT_FOUND, "not_found").await;
    // Nor may a colleague who is not an owner.
    let manager = app
        .add_staff(&owner, "manager@invites.example", "manager")
        .await;
    let denied = delete(
        &app,
        &format!("/api/v1/staff/invitations/{id}"),
        &manager.token,
    )
    .await;
    assert_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;

    let revoked = delete(
        &app,
        &format!("/api/v1/staff/invitations/{id}"),
        &owner.token,
    )
    .await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let twice = delete(
        &app,
        &format!("/api/v1/staff/invitations/{id}"),
        &owner.token,
    )
    .await;
    assert_eq!(twice.status(), StatusCode::NO_CONTENT);
    let pending: Vec<Value> = app
        .get("/api/v1/staff/invitations", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(pending.is_empty());

    let accept = app
        .post(
            &format!("/api/v1/invitations/{token}/accept"),
            None,
            &json!({"name": "Sam", "password": PASSWORD}),
        )
        .await;
    let problem = assert_problem(accept, StatusCode::NOT_FOUND, "not_found").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("withdrawn"),
        "{problem}"
    );

    let fields = audit_fields(&app, &owner.token).await;
    for expected in [
        "invitation.sent",
        "invitation.revoked",
        "invitation.accepted",
    ] {
        assert!(
            fields.contains(&expected.to_owned()),
            "{expected}: {fields:?}"
        );
    }
}
