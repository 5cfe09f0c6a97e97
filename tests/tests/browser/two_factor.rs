//! Two-factor sign-in as a person meets it: the Security page turns it on with the key it
//! shows (read here as an authenticator app would read the QR code), the recovery codes are
//! shown once, and the next sign-in asks for the app's code after the password.

use rebound_e2e::{DEMO_EMAIL, DEMO_OWNER, DEMO_PASSWORD, spawn_app};
use std::time::{SystemTime, UNIX_EPOCH};
use totp_rs::{Builder, Secret};

/// The app's code for the step `steps` steps of 30 s from now.
fn code(secret: &str, steps: u64) -> String {
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + steps * 30).to_string()
}

#[tokio::test]
async fn the_owner_turns_on_two_factor_sign_in_and_signs_in_with_a_code() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/security").await;
    app.see("Off: your password alone signs you in.").await;
    app.click_text("Turn on two-factor sign-in").await;
    app.see("1. Scan this QR code with your authenticator app")
        .await;
    let secret = app
        .wait_js(
            "the key to type",
            "const i = document.getElementById('two-factor-secret'); return i && i.value;",
            vec![],
        )
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        app.js("return !!document.querySelector('.qr-code svg');", vec![])
            .await
            .as_bool()
            .unwrap()
    );
    // A typo first: the field says so.
    app.fill("Code from the app", "12345").await;
    app.submit().await;
    app.see("Enter the 6 digits the app shows.").await;
    app.fill("Code from the app", &code(&secret, 0)).await;
    app.submit().await;
    app.see("Your recovery codes").await;
    let codes = app
        .js(
            "return document.querySelectorAll('.recovery-codes li').length;",
            vec![],
        )
        .await;
    assert_eq!(codes.as_u64(), Some(10));
    app.click_text("I have saved them").await;
    app.see("On: signing in asks for a code from your app.")
        .await;

    // Signing in again: the password, then the next step's code (this step's was used).
    app.click_text("Sign out").await;
    app.wait_path("/dashboard/login").await;
    app.fill("Email", DEMO_EMAIL).await;
    app.fill("Password", DEMO_PASSWORD).await;
    app.submit().await;
    app.see("Enter your code").await;
    let field = app.labelled("Code from the app").await;
    assert_eq!(
        field.attr("autocomplete").await.unwrap().as_deref(),
        Some("one-time-code")
    );
    assert_eq!(
        field.attr("inputmode").await.unwrap().as_deref(),
        Some("numeric")
    );
    // The recovery code switch changes the field, and back.
    app.click_text("Use a recovery code instead").await;
    app.labelled("Recovery code").await;
    app.click_text("Use the code from the app instead").await;
    app.fill("Code from the app", &code(&secret, 1)).await;
    app.submit().await;
    app.see(DEMO_OWNER).await;
    // Signed in, back on the page they signed out from (the sign-in keeps it as `?next=`).
    app.wait_path("/dashboard/security").await;
    app.see("On: signing in asks for a code from your app.")
        .await;
    app.finish().await;
}
