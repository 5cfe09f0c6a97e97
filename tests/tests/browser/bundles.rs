//! The two entries of the web app: a shop's portal loads the portal bundle only, and a link
//! from one entry to the other's address lands on the right screen.

use rebound_e2e::{DEMO_SLUG, TestApp, spawn_app};

/// The wasm bundles this document has loaded so far, by file name prefix (`portal`, ...).
async fn loaded_bundles(app: &TestApp) -> Vec<String> {
    let names = app
        .wait_js(
            "a wasm bundle loaded",
            "const wasm = performance.getEntriesByType('resource')
                 .map(e => new URL(e.name).pathname.slice(1))
                 .filter(n => n.endsWith('.wasm'))
                 .map(n => n.split('-')[0]);
             return wasm.length ? wasm : null;",
            vec![],
        )
        .await;
    serde_json::from_value(names).unwrap()
}

#[tokio::test]
async fn a_shopper_loads_the_portal_bundle_only_and_the_home_link_leads_to_the_dashboard() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    app.see("Track your order or start a return").await;
    assert_eq!(loaded_bundles(&app).await, vec!["portal"]);

    // The 404 page's way home is the dashboard's address: the portal bundle has no such
    // screen, so the browser loads the dashboard's document, which asks for a sign-in.
    app.open(&format!("/{DEMO_SLUG}/nope/extra")).await;
    app.see("Page not found").await;
    app.click_text("Go to the home page").await;
    app.wait_path("/dashboard/login").await;
    app.labelled("Password").await;
    assert_eq!(loaded_bundles(&app).await, vec!["dashboard"]);

    app.finish().await;
}
