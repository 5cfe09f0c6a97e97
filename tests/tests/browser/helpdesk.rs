//! The helpdesk: a canned reply written in settings, sent from an order, read by the shopper.

use rebound_e2e::{DEMO_SLUG, spawn_app};
use serde_json::json;

use crate::demo_orders::{DEMO_ORDER, DEMO_ORDER_EMAIL, look_up};

#[tokio::test]
async fn staff_replies_with_a_canned_reply_and_the_shopper_sees_it_in_the_portal() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;

    // A canned reply with placeholders, written in Settings → Helpdesk.
    app.open("/dashboard/settings").await;
    app.click_text("Helpdesk").await;
    app.fill("Title", "On its way").await;
    app.fill(
        "Text",
        "Hello {{customer_name}}, order {{order_number}} left our workshop today.",
    )
    .await;
    app.submit().await;
    // Listed once saved.
    app.wait_js(
        "the saved canned reply",
        "return [...document.querySelectorAll('.canned-item')]
            .some(li => li.textContent.includes('On its way')) || null;",
        vec![],
    )
    .await;

    // The order's Messages section: pick the reply, see it inserted, send it.
    app.open(&format!("/dashboard/orders/{DEMO_ORDER}")).await;
    app.wait_js(
        "the canned reply picker",
        "const s = document.getElementById('canned-reply');
         if (!s) return null;
         const o = [...s.options].find(o => o.textContent.trim() === arguments[0]);
         if (!o) return null;
         s.value = o.value;
         s.dispatchEvent(new Event('change', { bubbles: true }));
         return true;",
        vec![json!("On its way")],
    )
    .await;
    let draft = app
        .wait_js(
            "the reply in the composer",
            "const t = document.getElementById('body');
             return t && t.value.includes('{{customer_name}}') ? t.value : null;",
            vec![],
        )
        .await;
    assert_eq!(
        draft,
        json!("Hello {{customer_name}}, order {{order_number}} left our workshop today.")
    );
    app.click_text("Send").await;
    let sent = format!("Hello Olivia Tremblay, order {DEMO_ORDER} left our workshop today.");
    app.see(&sent).await;
    let cleared = app
        .wait_js(
            "the composer emptied",
            "const t = document.getElementById('body'); return t && t.value === '' ? true : null;",
            vec![],
        )
        .await;
    assert_eq!(cleared, json!(true));

    // The shopper looks the order up and reads the reply, placeholders filled.
    app.open(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, DEMO_ORDER, DEMO_ORDER_EMAIL).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    let shown = app
        .wait_js(
            "the portal's messages",
            "const m = [...document.querySelectorAll('.portal-messages .msg-body')];
             return m.length ? m.map(e => e.textContent).join('\\n') : null;",
            vec![],
        )
        .await;
    assert!(
        shown.as_str().unwrap_or_default().contains(&sent),
        "{shown}"
    );
    assert!(
        !shown.as_str().unwrap_or_default().contains("{{"),
        "{shown}"
    );
    app.finish().await;
}
