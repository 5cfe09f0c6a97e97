//! The dashboard's front door: signing in (a wrong password first) and the navigation.

use rebound_e2e::{DEMO_COMPANY, DEMO_OWNER, spawn_app};
use serde_json::json;

#[tokio::test]
async fn the_owner_signs_in_and_sees_the_dashboard() {
    let app = spawn_app().await;

    // A wrong password is refused with a readable message, and the page stays put.
    app.open("/dashboard/login").await;
    app.fill("Email", rebound_e2e::DEMO_EMAIL).await;
    app.fill("Password", "not-the-password").await;
    app.submit().await;
    app.see("Email or password is wrong").await;
    assert_eq!(app.path().await, "/dashboard/login");

    app.fill("Password", rebound_e2e::DEMO_PASSWORD).await;
    app.submit().await;
    app.see(DEMO_OWNER).await;
    app.see(DEMO_COMPANY).await;
    for entry in ["Returns", "Orders", "Messages", "Analytics", "Settings"] {
        let found = app
            .wait_js(
                &format!("the nav entry {entry}"),
                // An entry may carry a badge after its name (Messages shows the unread count).
                "return [...document.querySelectorAll('nav a')]
                    .some(a => a.textContent.trim().startsWith(arguments[0]));",
                vec![json!(entry)],
            )
            .await;
        assert_eq!(found, json!(true), "{entry}");
    }
    assert!(app.path().await.starts_with("/dashboard"));
    app.finish().await;
}
