//! Registering, signing in, the problem documents for bad input.

use crate::helpers::{PASSWORD, assert_problem, field_codes, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    let live: Value = app.get("/healthz", None).await.json().await.unwrap();
    assert_eq!(live["status"], "ok");
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status(), StatusCode::OK);
    let ready: Value = ready.json().await.unwrap();
    let expected = if std::env::var("DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(ready["database"], expected);
}

#[tokio::test]
async fn register_then_sign_in_then_me() {
    let app = spawn_app().await;
    let owner = app.register("maple-co").await;

    let session = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": "  OWNER@maple-co.example ", "password": PASSWORD}),
        )
        .await;
    assert_eq!(session.status(), StatusCode::OK);
    let session: Value = session.json().await.unwrap();
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["merchant"]["slug"], "maple-co");
    assert_eq!(session["staff"]["role"], "owner");

    let me: Value = app
        .get("/api/v1/me", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["staff"]["email"], "owner@maple-co.example");
    assert_eq!(me["merchant"]["company_name"], "Shop maple-co");
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("manage_staff"))
    );
}

#[tokio::test]
async fn password_is_stored_as_argon2id_never_in_clear() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    app.register("hashes").await;
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT password_hash FROM staff",
        ))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "password_hash").unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    app.register("same-answer").await;
    let wrong_password = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": "owner@same-answer.example", "password": "not the password"}),
        )
        .await;
    let wrong_password =
        assert_problem(wrong_password, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let unknown = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": "nobody@same-answer.example", "password": "not the password"}),
        )
        .await;
    let unknown = assert_problem(unknown, StatusCode::UNAUTHORIZED, "unauthorized").await;
    assert_eq!(wrong_password, unknown);
}

#[tokio::test]
async fn invalid_registration_names_every_bad_field() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/merchants",
            None,
            &json!({
                "company_name": "",
                "slug": "Dashboard!",
                "owner_name": "A",
                "owner_email": "not-an-email",
                "password": "short",
            }),
        )
        .await;
    let problem = assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let codes = field_codes(&problem);
    assert_eq!(
        codes,
        vec![
            ("company_name".to_owned(), "length".to_owned()),
            ("owner_email".to_owned(), "email".to_owned()),
            ("password".to_owned(), "too_short".to_owned()),
            ("slug".to_owned(), "slug".to_owned()),
        ]
    );
    // Nothing was half-saved: the slug is still free.
    let ok = app.register("dashboard-shop").await;
    assert_eq!(ok.slug, "dashboard-shop");
}

#[tokio::test]
async fn reserved_slug_is_refused_by_name() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/merchants",
            None,
            &json!({"company_name": "X", "slug": "api", "owner_name": "X", "owner_email": "x@x.example", "password": PASSWORD}),
        )
        .await;
    let problem = assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("slug".to_owned(), "reserved".to_owned())]
    );
}

#[tokio::test]
async fn missing_field_and_malformed_json_are_clear() {
    let app = spawn_app().await;
    let missing = app
        .post("/api/v1/auth/login", None, &json!({"email": "a@b.example"}))
        .await;
    let problem = assert_problem(missing, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("password".to_owned(), "required".to_owned())]
    );

    let malformed = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_problem(malformed, StatusCode::BAD_REQUEST, "bad_request").await;

    let wrong_type = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_problem(
        wrong_type,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

#[tokio::test]
async fn taken_slug_and_taken_email_are_conflicts_on_their_field() {
    let app = spawn_app().await;
    app.register("taken").await;
    let again = app
        .post(
            "/api/v1/merchants",
            None,
            &json!({"company_name": "Other", "slug": "taken", "owner_name": "O", "owner_email": "new@other.example", "password": PASSWORD}),
        )
        .await;
    let problem = assert_problem(again, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(
        field_codes(&problem),
        vec![("slug".to_owned(), "taken".to_owned())]
    );

    let same_email = app
        .post(
            "/api/v1/merchants",
            None,
            &json!({"company_name": "Other", "slug": "other", "owner_name": "O", "owner_email": "Owner@Taken.example", "password": PASSWORD}),
        )
        .await;
    let problem = assert_problem(same_email, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(
        field_codes(&problem),
        vec![("owner_email".to_owned(), "taken".to_owned())]
    );
}

#[tokio::test]
async fn missing_tampered_and_foreign_tokens_are_refused() {
    let app = spawn_app().await;
    let owner = app.register("tokens").await;
    assert_problem(
        app.get("/api/v1/me", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    let mut tampered = owner.token.clone();
    tampered.pop();
    tampered.push('x');
    assert_problem(
        app.get("/api/v1/me", Some(&tampered)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    // A token signed with another key, and an unsigned `alg: none` token, are both refused.
    let claims = json!({"sub": owner.staff_id, "mid": owner.merchant_id, "role": "owner",
        "aud": "rebound-dashboard", "iss": "rebound", "iat": 0, "exp": 4_000_000_000u64});
    let other_key = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(b"some-other-secret-some-other-secret"),
    )
    .unwrap();
    assert_problem(
        app.get("/api/v1/me", Some(&other_key)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let b64 = |v: &Value| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&claims)
    );
    assert_problem(
        app.get("/api/v1/me", Some(&none)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;

    // Expired tokens are refused even with the right key.
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &json!({"sub": owner.staff_id, "mid": owner.merchant_id, "role": "owner",
            "aud": "rebound-dashboard", "iss": "rebound", "iat": 0, "exp": 1_000u64}),
        &jsonwebtoken::EncodingKey::from_secret(crate::helpers::JWT_SECRET.as_bytes()),
    )
    .unwrap();
    assert_problem(
        app.get("/api/v1/me", Some(&expired)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
}
