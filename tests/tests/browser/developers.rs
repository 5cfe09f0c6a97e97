//! The Developers page: an owner creates an API key with scopes, sees its secret once (with a
//! copy button), the secret works against the API, and after a reload only its prefix shows.

use rebound_e2e::spawn_app;
use serde_json::json;

#[tokio::test]
async fn an_owner_creates_a_key_and_sees_its_secret_once() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/developers").await;
    app.see("API keys").await;
    app.see("Manage webhook endpoints").await;
    app.see("Verify a webhook").await;

    // No scope: the form says so and sends nothing.
    app.fill("Key name", "Warehouse sync").await;
    app.submit().await;
    app.see("Choose at least one scope.").await;

    app.labelled("Read and export returns")
        .await
        .click()
        .await
        .unwrap();
    app.labelled("Create and handle returns")
        .await
        .click()
        .await
        .unwrap();
    app.submit().await;
    app.see("Your new API key").await;
    app.see("Copy").await;
    let secret = app
        .wait_js(
            "the new key's secret",
            "const i = document.getElementById('new_secret');
             return i && i.value.startsWith('rbk_') ? i.value : null;",
            vec![],
        )
        .await;
    let secret = secret.as_str().unwrap().to_owned();
    app.check_accessibility("developers, new key").await;

    // The secret is a working key with the scopes ticked.
    let status = app
        .js(
            "return (async () => (await fetch('/api/v1/returns',
                { headers: { Authorization: 'Bearer ' + arguments[0] } })).status)();",
            vec![json!(secret)],
        )
        .await;
    assert_eq!(status, json!(200));

    // The list shows the key by name and prefix; the secret is never shown again.
    app.click_text("I have copied it").await;
    app.see("Warehouse sync").await;
    app.see("returns:write").await;
    app.open("/dashboard/developers").await;
    app.see("Warehouse sync").await;
    let text = app.visible_text().await;
    assert!(text.contains(&secret[..12]), "the prefix is shown");
    assert!(
        !text.contains(&secret),
        "the whole secret is never shown again"
    );
    assert_eq!(
        app.js(
            "return document.getElementById('new_secret') === null;",
            vec![]
        )
        .await,
        json!(true)
    );
    app.finish().await;
}
