//! A return's own page at the desk: a link by its number that survives signing in, actions in
//! view however far the case scrolls, one-click changes that can be undone, a timeline naming
//! who acted, and the server's own reason when it refuses (approving without a label first
//! warns, then "Issue label" leads and is refused for want of a return address).

use rebound_e2e::{DEMO_OWNER, TestApp, spawn_app};
use serde_json::{Value, json};
use std::time::Duration;

use crate::return_desk::{pending_returns, staff_get};

/// Deletes through the staff API from the page with `token`; answers the status code.
async fn staff_delete(app: &TestApp, token: &str, path: &str) -> u64 {
    app.js(
        "const [token, path] = arguments;
         return (async () => {
           const r = await fetch('/api/v1' + path, { method: 'DELETE',
             headers: { Authorization: 'Bearer ' + token } });
           return r.status;
         })();",
        vec![json!(token), json!(path)],
    )
    .await
    .as_u64()
    .unwrap_or_default()
}

/// The return `number`'s case as the API has it.
async fn case_of(app: &TestApp, token: &str, number: &str) -> Value {
    let page = staff_get(app, token, &format!("/returns?q={number}")).await;
    let id = page["returns"][0]["id"]
        .as_str()
        .expect("the return")
        .to_owned();
    staff_get(app, token, &format!("/returns/{id}")).await
}

/// Waits for the case page of `number` with its action bar.
async fn wait_case_page(app: &TestApp, number: &str) {
    app.wait_js(
        "the case page with its actions",
        "return location.pathname === '/dashboard/returns/' + arguments[0]
           && document.querySelector('h1.page-title')?.innerText.includes(arguments[0])
           && document.querySelector('.return-action-bar .action-approve');",
        vec![json!(number)],
    )
    .await;
}

#[tokio::test]
async fn a_case_has_its_own_address_keeps_its_actions_in_view_and_undoes_an_approval() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    let (number, _, _) = pending_returns(&app, 1).await.remove(0);

    // Signed out, the link leads to sign-in, which then goes back to the case.
    app.js(
        "localStorage.removeItem('rebound.token'); return true;",
        vec![],
    )
    .await;
    app.open(&format!("/dashboard/returns/{number}")).await;
    let next = app
        .wait_js(
            "sign-in, remembering the case",
            "return location.pathname === '/dashboard/login' ? location.search : null;",
            vec![],
        )
        .await;
    assert_eq!(
        next,
        json!(format!("?next=%2Fdashboard%2Freturns%2F{number}"))
    );
    app.js(
        "localStorage.setItem('rebound.token', arguments[0]); return true;",
        vec![json!(token)],
    )
    .await;
    app.open(&format!("/dashboard/login{}", next.as_str().unwrap()))
        .await;
    wait_case_page(&app, &number).await;

    // At 1280×800, scrolled to the bottom of the case, the actions are still in view.
    app.resize(1280, 800).await;
    app.element(".return-timeline li").await;
    let seen = app
        .js(
            "window.scrollTo(0, document.documentElement.scrollHeight);
             const bar = document.querySelector('.return-action-bar').getBoundingClientRect();
             const approve = document.querySelector('.action-approve').getBoundingClientRect();
             return { scrolled: window.scrollY, top: bar.top, bottom: approve.bottom,
               height: window.innerHeight };",
            vec![],
        )
        .await;
    assert!(
        seen["scrolled"].as_f64().unwrap() > 0.0,
        "the case scrolls: {seen}"
    );
    assert!(
        seen["top"].as_f64().unwrap() >= 0.0
            && seen["bottom"].as_f64().unwrap() <= seen["height"].as_f64().unwrap(),
        "the actions stay in view: {seen}"
    );
    app.shot("return-case-page-scrolled-1280").await;

    // Approve, then Undo within the window: nothing reaches the server.
    app.element(".action-approve").await.click().await.unwrap();
    app.element(".toast-undo").await.click().await.unwrap();
    app.see("Undone: nothing was changed").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    let case = case_of(&app, &token, &number).await;
    assert_eq!(case["return"]["status"], json!("pending_review"));

    // Approve and let it go: it is sent when the window closes, and the timeline names who.
    app.element(".action-approve").await.click().await.unwrap();
    app.see("Return approved").await;
    let by = app
        .wait_js(
            "the approval in the timeline, with who did it",
            "const steps = [...document.querySelectorAll('.return-timeline li')];
             const last = steps[steps.length - 1];
             return last && last.innerText.includes('Approved')
               ? last.querySelector('.timeline-actor').innerText : null;",
            vec![],
        )
        .await;
    assert_eq!(by, json!(format!("by {DEMO_OWNER}")));
    let case = case_of(&app, &token, &number).await;
    assert_eq!(case["return"]["status"], json!("approved"));
    app.finish().await;
}

#[tokio::test]
async fn without_a_return_address_approval_warns_and_the_label_refusal_says_why() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    let (number, _, _) = pending_returns(&app, 1).await.remove(0);
    let addresses = staff_get(&app, &token, "/settings").await["return_addresses"].clone();
    for address in addresses.as_array().expect("the demo's addresses") {
        let id = address["id"].as_str().unwrap();
        let status = staff_delete(&app, &token, &format!("/settings/return-addresses/{id}")).await;
        assert_eq!(status, 204, "delete the address {id}");
    }

    app.open(&format!("/dashboard/returns/{number}")).await;
    wait_case_page(&app, &number).await;
    // Approve warns first, and says where to fix it.
    app.element(".action-approve").await.click().await.unwrap();
    app.see("No label can be issued yet").await;
    app.see("Add a return address in Settings first").await;
    app.shot("return-approve-no-label-1280").await;
    app.element(".confirm-approve").await.click().await.unwrap();

    // Once approved without a label, "Issue label" is the main action.
    app.wait_js(
        "Issue label as the main action",
        "const b = document.querySelector('.return-action-bar .action-label');
         return b && b.classList.contains('btn-primary') && !document.querySelector('.action-approve');",
        vec![],
    )
    .await;
    app.element(".action-label").await.click().await.unwrap();
    // The estimate (or the label bought from it) is refused: the agent reads the server's reason,
    // not only "Some fields need your attention".
    app.wait_js(
        "the refusal, or a label to buy",
        "return document.querySelector('.alert-error') || document.querySelector('.buy-label');",
        vec![],
    )
    .await;
    let buy = app
        .js("return !!document.querySelector('.buy-label');", vec![])
        .await;
    if buy == json!(true) {
        app.element(".buy-label").await.click().await.unwrap();
    }
    let said = app
        .wait_js(
            "the server's reason in the alert",
            "const a = document.querySelector('.return-action-bar .alert-error');
             return a && a.innerText;",
            vec![],
        )
        .await;
    let said = said.as_str().unwrap();
    assert!(
        said.contains("Add a return address in Settings first"),
        "{said}"
    );
    app.shot("return-label-refused-1280").await;
    app.finish().await;
}
