//! "Forgot password?": the same answer for any address, one pending link per account, a mail
//! through a real SMTP listener in the requested language, a link that works once and ends
//! every older session.

use crate::helpers::{PASSWORD, assert_problem, field_codes, spawn_app_with};
use crate::smtp::SmtpServer;
use rebound_api::db::entities::outbox;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use std::time::Duration;

const NEW_PASSWORD: &str = "a brand new passphrase";

#[tokio::test]
async fn a_reset_link_by_mail_sets_a_new_password_once_and_ends_old_sessions() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let owner = app.register("forgetful").await;
    let email = "owner@forgetful.example";

    // Unknown or known, the answer is the same.
    for address in ["nobody@forgetful.example", email, email] {
        let asked = app
            .post(
                "/api/v1/auth/password-reset",
                None,
                &json!({"email": address, "locale": "fr"}),
            )
            .await;
        assert_eq!(asked.status(), StatusCode::ACCEPTED);
        assert_eq!(asked.text().await.unwrap(), "");
    }
    let bad = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            &json!({"email": "not-an-email"}),
        )
        .await;
    let problem = assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_codes(&problem)[0].0, "email");

    // Asking twice queued one mail: one pending link per account.
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Event.eq("password_reset"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(queued, 1);
    let got = smtp.wait_for(1, Duration::from_secs(20)).await;
    let mail = got[0].parsed();
    assert_eq!(got[0].to, vec![email.to_owned()]);
    assert!(
        mail.subject()
            .unwrap_or_default()
            .starts_with("Réinitialisez"),
        "{:?}",
        mail.subject()
    );
    let text = mail.body_text(0).unwrap_or_default().into_owned();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/dashboard/password-reset/"))
        .expect("a reset link")
        .to_owned();
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert!(!token.is_empty());

    // The reset mail is nobody's business in "Sent mail", owners included.
    let sent: Value = app
        .get("/api/v1/mail", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(sent["mails"].as_array().unwrap().is_empty(), "{sent}");

    let path = format!("/api/v1/auth/password-reset/{token}");
    let weak = app.post(&path, None, &json!({"password": "short"})).await;
    let problem = assert_problem(weak, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_codes(&problem)[0].0, "password");

    let reset = app
        .post(&path, None, &json!({"password": NEW_PASSWORD}))
        .await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    let old_session = app.get("/api/v1/me", Some(&owner.token)).await;
    assert_problem(old_session, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let old_password = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(old_password.status(), StatusCode::UNAUTHORIZED);
    let signed_in: Value = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": email, "password": NEW_PASSWORD}),
        )
        .await
        .json()
        .await
        .unwrap();
    let fresh = signed_in["access_token"].as_str().unwrap();
    assert_eq!(
        app.get("/api/v1/me", Some(fresh)).await.status(),
        StatusCode::OK
    );

    let reused = app
        .post(&path, None, &json!({"password": "yet another passphrase"}))
        .await;
    let problem = assert_problem(reused, StatusCode::NOT_FOUND, "not_found").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("ask for a new one")
    );
}
