//! Staff two-factor sign-in, computed with the same crate an authenticator app's codes are
//! checked with: enrolment, the second step of signing in, codes that work once, recovery
//! codes, turning it off; the owner's requirement; and the per-address slowdown of failed
//! sign-ins.

use crate::helpers::{
    Account, PASSWORD, TestApp, assert_problem, count, field_codes, spawn_app, spawn_app_with,
};
use reqwest::{Response, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use totp_rs::{Builder, Secret};

const LOGIN: &str = "/api/v1/auth/login";
const SECOND_STEP: &str = "/api/v1/auth/login/two-factor";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The code an authenticator app shows `steps` steps of 30 s from now.
fn code(secret: &str, steps: i64) -> String {
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    let at = now().saturating_add_signed(steps * 30);
    totp.generate(at).to_string()
}

/// Waits out the last seconds of a 30-second step, so codes made for "this step and the ones
/// beside it" still mean those steps when the server reads them.
async fn away_from_a_step_boundary() {
    let into = now() % 30;
    if into >= 26 {
        tokio::time::sleep(Duration::from_secs(31 - into)).await;
    }
}

/// Starts and confirms enrolment with the code of the step before this one, so that this
/// step's and the next step's codes are still fresh for what the test does next. Returns the
/// secret and the recovery codes.
async fn enrol(app: &TestApp, who: &Account) -> (String, Vec<String>) {
    away_from_a_step_boundary().await;
    let started = app
        .post("/api/v1/me/two-factor", Some(&who.token), &json!({}))
        .await;
    assert_eq!(started.status(), StatusCode::CREATED);
    let started: Value = started.json().await.unwrap();
    let secret = started["secret"].as_str().unwrap().to_owned();
    let confirmed = app
        .post(
            "/api/v1/me/two-factor/confirm",
            Some(&who.token),
            &json!({"code": code(&secret, -1)}),
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let codes: Value = confirmed.json().await.unwrap();
    let codes = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

async fn login(app: &TestApp, email: &str, password: &str) -> Response {
    app.post(LOGIN, None, &json!({"email": email, "password": password}))
        .await
}

/// Signs in with the password and returns the challenge (asserting the 202).
async fn challenge(app: &TestApp, email: &str) -> String {
    let first = login(app, email, PASSWORD).await;
    assert_eq!(first.status(), StatusCode::ACCEPTED);
    let body: Value = first.json().await.unwrap();
    assert_eq!(body["second_step"], "two_factor");
    assert_eq!(body["expires_in"], 300);
    assert!(body.get("access_token").is_none(), "{body}");
    body["challenge_token"].as_str().unwrap().to_owned()
}

async fn second_step(app: &TestApp, challenge: &str, code: &str) -> Response {
    app.post(
        SECOND_STEP,
        None,
        &json!({"challenge_token": challenge, "code": code}),
    )
    .await
}

async fn status(app: &TestApp, token: &str) -> Value {
    let answer = app.get("/api/v1/me/two-factor", Some(token)).await;
    assert_eq!(answer.status(), StatusCode::OK);
    answer.json().await.unwrap()
}

#[tokio::test]
async fn enrolment_makes_sign_in_ask_for_a_code_that_works_once() {
    let app = spawn_app().await;
    let owner = app.register("two-step").await;
    let email = "owner@two-step.example";
    assert_eq!(
        status(&app, &owner.token).await,
        json!({"enabled": false, "required": false, "recovery_codes_left": 0})
    );

    // Enrolment answers the URI, the secret to type and the QR code; nothing changes yet.
    away_from_a_step_boundary().await;
    let started: Value = app
        .post("/api/v1/me/two-factor", Some(&owner.token), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    let secret = started["secret"].as_str().unwrap();
    let uri = started["otpauth_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/Rebound:owner%40two-step.example?"),
        "{uri}"
    );
    assert!(uri.contains(&format!("secret={secret}")) && uri.contains("issuer=Rebound"));
    assert!(started["qr_svg"].as_str().unwrap().contains("<svg"));
    assert_eq!(login(&app, email, PASSWORD).await.status(), StatusCode::OK);

    // A wrong code does not confirm it; the right one does, and answers the recovery codes.
    let wrong = app
        .post(
            "/api/v1/me/two-factor/confirm",
            Some(&owner.token),
            &json!({"code": "not a code"}),
        )
        .await;
    let problem = assert_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_codes(&problem)[0].0, "code");
    let confirmed = app
        .post(
            "/api/v1/me/two-factor/confirm",
            Some(&owner.token),
            &json!({"code": code(secret, -1)}),
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let recovery: Value = confirmed.json().await.unwrap();
    let recovery: Vec<String> = recovery["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(recovery.len(), 10);
    assert!(recovery.iter().all(|c| c.len() == 11 && &c[5..6] == "-"));
    assert_eq!(
        status(&app, &owner.token).await,
        json!({"enabled": true, "required": false, "recovery_codes_left": 10})
    );
    // Once on, enrolment cannot start again (the secret is never shown again).
    let again = app
        .post("/api/v1/me/two-factor", Some(&owner.token), &json!({}))
        .await;
    assert_problem(again, StatusCode::CONFLICT, "conflict").await;

    // The password alone is no longer a session; the challenge is not a token.
    let token = challenge(&app, email).await;
    let as_bearer = app.get("/api/v1/me", Some(&token)).await;
    assert_problem(as_bearer, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let not_it = if code(secret, 0) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let wrong = second_step(&app, &token, not_it).await;
    let problem = assert_problem(wrong, StatusCode::UNAUTHORIZED, "unauthorized").await;
    assert_eq!(field_codes(&problem), vec![("code".into(), "wrong".into())]);
    let signed_in = second_step(&app, &token, &code(secret, 0)).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let session: Value = signed_in.json().await.unwrap();
    let me = app
        .get(
            "/api/v1/me",
            Some(session["access_token"].as_str().unwrap()),
        )
        .await;
    assert_eq!(me.status(), StatusCode::OK);

    // The same code again, and an older one, are refused: each step is accepted once.
    let token = challenge(&app, email).await;
    for used in [code(secret, 0), code(secret, -1)] {
        let replay = second_step(&app, &token, &used).await;
        let problem = assert_problem(replay, StatusCode::UNAUTHORIZED, "unauthorized").await;
        assert_eq!(field_codes(&problem)[0].0, "code");
    }

    // A recovery code signs in once (typed loosely), then never again.
    let loose = recovery[0].to_uppercase().replace('-', " ");
    assert_eq!(
        second_step(&app, &token, &loose).await.status(),
        StatusCode::OK
    );
    let token = challenge(&app, email).await;
    let spent = second_step(&app, &token, &recovery[0]).await;
    assert_problem(spent, StatusCode::UNAUTHORIZED, "unauthorized").await;
    assert_eq!(status(&app, &owner.token).await["recovery_codes_left"], 9);

    // New recovery codes (with the next step's code) replace every old one.
    let fresh = app
        .post(
            "/api/v1/me/two-factor/recovery-codes",
            Some(&owner.token),
            &json!({"code": code(secret, 1)}),
        )
        .await;
    assert_eq!(fresh.status(), StatusCode::OK);
    let fresh: Value = fresh.json().await.unwrap();
    let fresh = fresh["codes"][0].as_str().unwrap().to_owned();
    assert_eq!(status(&app, &owner.token).await["recovery_codes_left"], 10);
    let old = app
        .post(
            "/api/v1/me/two-factor/disable",
            Some(&owner.token),
            &json!({"code": recovery[1]}),
        )
        .await;
    assert_problem(old, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    // Off with a recovery code (a lost phone): the password alone signs in again.
    let off = app
        .post(
            "/api/v1/me/two-factor/disable",
            Some(&owner.token),
            &json!({"code": fresh}),
        )
        .await;
    assert_eq!(off.status(), StatusCode::NO_CONTENT);
    assert_eq!(login(&app, email, PASSWORD).await.status(), StatusCode::OK);
    let again = app
        .post(
            "/api/v1/me/two-factor/disable",
            Some(&owner.token),
            &json!({"code": code(secret, 1)}),
        )
        .await;
    assert_problem(again, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) AS n FROM staff_recovery_codes").await,
        0
    );

    // The audit log says who turned it on and off, used a recovery code and made new ones.
    let audit: Value = app
        .get("/api/v1/audit-log", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    let fields: Vec<(String, String)> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["area"] == "two_factor")
        .map(|e| {
            (
                e["changes"][0]["field"].as_str().unwrap().to_owned(),
                e["changes"][0]["to"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("enabled".to_owned(), "false".to_owned()),
            // Turned off with a recovery code: that code's use is recorded too.
            ("recovery_codes_left".to_owned(), "9".to_owned()),
            ("recovery_codes".to_owned(), "\"regenerated\"".to_owned()),
            ("recovery_codes_left".to_owned(), "9".to_owned()),
            ("enabled".to_owned(), "true".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_challenge_ends_with_a_password_reset_and_is_no_session() {
    let app = spawn_app().await;
    let owner = app.register("challenged").await;
    let (secret, _) = enrol(&app, &owner).await;
    let token = challenge(&app, "owner@challenged.example").await;
    // Unknown and malformed challenges are the same 401, naming the challenge.
    for bad in ["not-a-token", owner.token.as_str()] {
        let refused = second_step(&app, bad, &code(&secret, 0)).await;
        let problem = assert_problem(refused, StatusCode::UNAUTHORIZED, "unauthorized").await;
        assert_eq!(
            field_codes(&problem),
            vec![("challenge_token".into(), "expired".into())]
        );
    }
    // A code that is neither six digits nor a recovery code is a 422 naming it.
    let malformed = second_step(&app, &token, "12345").await;
    let problem = assert_problem(malformed, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem)[0],
        ("code".into(), "code_format".into())
    );
    // A reset password ends the challenge as it ends sessions.
    app.db
        .execute_unprepared("UPDATE staff SET session_version = session_version + 1")
        .await
        .unwrap();
    let ended = second_step(&app, &token, &code(&secret, 0)).await;
    assert_problem(ended, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[tokio::test]
async fn the_owner_requirement_lets_staff_without_two_factor_only_enrol() {
    let app = spawn_app().await;
    let owner = app.register("strict").await;
    let agent = app.add_staff(&owner, "agent@strict.example", "agent").await;
    let require = json!({"require_two_factor": true});

    // Not before the owner has it, and never by anyone else.
    let early = app
        .put("/api/v1/settings/security", Some(&owner.token), &require)
        .await;
    let problem = assert_problem(early, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(
        field_codes(&problem),
        vec![("require_two_factor".into(), "enrol_first".into())]
    );
    let by_agent = app
        .put("/api/v1/settings/security", Some(&agent.token), &require)
        .await;
    assert_problem(by_agent, StatusCode::FORBIDDEN, "forbidden").await;

    enrol(&app, &owner).await;
    let on = app
        .put("/api/v1/settings/security", Some(&owner.token), &require)
        .await;
    assert_eq!(on.status(), StatusCode::OK);
    let read: Value = app
        .get("/api/v1/settings/security", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read, require);

    // The agent's session still stands, but every other staff operation is refused with its
    // own problem type until they enrol.
    let orders = app.get("/api/v1/orders", Some(&agent.token)).await;
    let problem = assert_problem(orders, StatusCode::FORBIDDEN, "two_factor_required").await;
    assert_eq!(
        problem["type"],
        "https://rebound.dev/problems/two-factor-required"
    );
    let me: Value = app
        .get("/api/v1/me", Some(&agent.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["two_factor"],
        json!({"enabled": false, "required": true, "recovery_codes_left": 0})
    );
    // A newly invited manager signs in with the password alone and lands in the same place.
    let manager = app
        .add_staff(&owner, "manager@strict.example", "manager")
        .await;
    let session = login(&app, "manager@strict.example", PASSWORD).await;
    assert_eq!(session.status(), StatusCode::OK);
    let refused = app.get("/api/v1/settings", Some(&manager.token)).await;
    assert_problem(refused, StatusCode::FORBIDDEN, "two_factor_required").await;

    // Enrolment is open to them, and once done, everything their role allows.
    enrol(&app, &agent).await;
    assert_eq!(
        app.get("/api/v1/orders", Some(&agent.token)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/orders", Some(&owner.token)).await.status(),
        StatusCode::OK
    );

    // API keys do not sign in: the requirement does not touch them.
    let key: Value = app
        .post(
            "/api/v1/api-keys",
            Some(&owner.token),
            &json!({"name": "Sync", "scopes": ["orders:read"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let key = key["secret"].as_str().unwrap();
    assert_eq!(
        app.get("/api/v1/orders", Some(key)).await.status(),
        StatusCode::OK
    );

    // Turned off, the manager is let through again.
    let off = app
        .put(
            "/api/v1/settings/security",
            Some(&owner.token),
            &json!({"require_two_factor": false}),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/settings", Some(&manager.token))
            .await
            .status(),
        StatusCode::OK
    );
}

fn retry_after(response: &Response) -> u64 {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds")
}

/// A 429 with `Retry-After` within the test server's first wait (a minute).
async fn assert_waiting(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&response);
    assert!((1..=60).contains(&wait), "{wait}");
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await
}

#[tokio::test]
async fn failed_sign_ins_slow_down_per_address_whether_or_not_it_has_an_account() {
    let app = spawn_app().await;
    app.register("guarded").await;
    app.register("bystander").await;
    let email = "owner@guarded.example";

    // Four failures, then the right password: the count starts again.
    for _ in 0..4 {
        assert_eq!(
            login(&app, email, "not the password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(login(&app, email, PASSWORD).await.status(), StatusCode::OK);
    // So five more failures are each answered as failures ...
    for _ in 0..5 {
        assert_eq!(
            login(&app, email, "not the password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // ... and then the address waits, the right password included.
    let known = assert_waiting(login(&app, email, PASSWORD).await).await;
    assert_waiting(login(&app, " OWNER@guarded.example", "not the password").await).await;

    // An address without an account is treated the same way, word for word.
    let nobody = "nobody@guarded.example";
    for _ in 0..5 {
        assert_eq!(
            login(&app, nobody, "not the password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let unknown = assert_waiting(login(&app, nobody, PASSWORD).await).await;
    assert_eq!(known["type"], unknown["type"]);
    assert_eq!(known["title"], unknown["title"]);
    let words = |p: &Value| {
        p["detail"]
            .as_str()
            .unwrap()
            .split(" in ")
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(words(&known), words(&unknown));

    // Other addresses are not slowed down.
    assert_eq!(
        login(&app, "owner@bystander.example", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn wrong_codes_at_the_second_step_count_like_wrong_passwords() {
    let app = spawn_app().await;
    let owner = app.register("guessed").await;
    let (secret, _) = enrol(&app, &owner).await;
    let email = "owner@guessed.example";
    let right = code(&secret, 0);
    let wrong = if right == "123456" {
        "654321"
    } else {
        "123456"
    };
    // A known password does not wipe out the guesses at the code.
    for _ in 0..5 {
        let token = challenge(&app, email).await;
        let refused = second_step(&app, &token, wrong).await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    }
    assert_waiting(login(&app, email, PASSWORD).await).await;
    // A stolen session is no quicker a way to guess: turning it off counts the same.
    let guess = app
        .post(
            "/api/v1/me/two-factor/disable",
            Some(&owner.token),
            &json!({"code": right}),
        )
        .await;
    assert_waiting(guess).await;
}

#[tokio::test]
async fn the_wait_ends_and_the_right_password_then_signs_in_and_clears_the_count() {
    // A first wait of a millisecond: the test sees the end of the wait without sleeping long.
    let app = spawn_app_with(|c| c.sign_in_backoff_ms = 1).await;
    app.register("patient").await;
    let email = "owner@patient.example";
    for _ in 0..6 {
        assert_eq!(
            login(&app, email, "not the password").await.status(),
            StatusCode::UNAUTHORIZED
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let counted = "SELECT COUNT(*) AS n FROM sign_in_failures WHERE email = 'owner@patient.example' AND failures = 6";
    assert_eq!(count(&app.db, counted).await, 1);
    assert_eq!(login(&app, email, PASSWORD).await.status(), StatusCode::OK);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) AS n FROM sign_in_failures WHERE email = 'owner@patient.example'"
        )
        .await,
        0
    );
}
