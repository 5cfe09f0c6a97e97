//! A return from the shopper's side: the portal wizard step by step, and a pending return
//! approved by staff whose label the shopper then downloads.

use rebound_e2e::{DEMO_SLUG, spawn_app};
use serde_json::json;

use crate::demo_orders::{look_up, returnable_order, start_return_with_first_item};
use crate::return_desk::staff_get;

/// Picks `label` in the `<select>` matched by `css`, as a person would.
async fn choose(app: &rebound_e2e::TestApp, css: &str, label: &str) {
    let select = app.element(css).await;
    select
        .select_by_label(label)
        .await
        .unwrap_or_else(|e| panic!("choose {label:?} in {css}: {e}"));
}

#[tokio::test]
async fn a_shopper_returns_two_items_one_defective_and_is_told_the_shop_will_call() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    let (order, email) = returnable_order(&app, 2, 0).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{DEMO_SLUG}/order/return")).await;

    // Step 1: nothing chosen is refused by the shared rules; then two items.
    app.element("#next-step").await.click().await.unwrap();
    app.see("Choose at least one item to return.").await;
    app.shot("return-1-items-1280").await;
    let boxes = app
        .js(
            "const boxes = [...document.querySelectorAll('.return-item input[type=checkbox]:not(:disabled)')];
             boxes.slice(0, 2).forEach(b => b.click());
             return boxes.slice(0, 2).map(b => b.id.replace('return-', ''));",
            vec![],
        )
        .await;
    let lines: Vec<String> = serde_json::from_value(boxes).unwrap();
    assert_eq!(lines.len(), 2, "two returnable items");
    app.resize(390, 844).await;
    app.shot("return-1-items-390").await;
    app.resize(1280, 900).await;
    app.element("#next-step").await.click().await.unwrap();

    // Step 2: a reason per item; one defective.
    app.see("Tell the shop why each item is coming back.").await;
    app.element("#next-step").await.click().await.unwrap();
    app.see("Choose a reason.").await;
    choose(
        &app,
        &format!("#reason-{}", lines[0]),
        "Defective or not working (defective)",
    )
    .await;
    choose(&app, &format!("#reason-{}", lines[1]), "Too small").await;
    app.shot("return-2-reasons-1280").await;
    app.element("#next-step").await.click().await.unwrap();

    // Step 3: the defect needs a comment and a photo; both are asked for.
    app.see("Describe the defect").await;
    app.element("#next-step").await.click().await.unwrap();
    app.see("Add at least one photo of the defect.").await;
    app.see("Describe the defect.").await;
    app.element(&format!("#comment-{}", lines[0]))
        .await
        .send_keys("The zip came off on the first day.")
        .await
        .unwrap();
    let folder = tempfile::tempdir().expect("temp dir");
    let photo = folder.path().join("zip.png");
    image::RgbaImage::from_pixel(64, 48, image::Rgba([180, 40, 40, 255]))
        .save(&photo)
        .expect("write the PNG");
    app.element(&format!("#photos-{}", lines[0]))
        .await
        .send_keys(photo.to_str().unwrap())
        .await
        .unwrap();
    app.wait_js(
        "the photo to upload",
        "const t = document.querySelectorAll('.thumb');
         return t.length === 1 && !document.querySelector('.thumb-status, .thumb-failed')
           && t[0].querySelector('img').src.includes('/api/v1/photos/');",
        vec![],
    )
    .await;
    app.resize(390, 844).await;
    app.shot("return-3-details-390").await;
    app.resize(1280, 900).await;
    app.element("#next-step").await.click().await.unwrap();

    // Step 4 is the summary: with a defect, the shop decides with the shopper what happens
    // (seed 003), so no resolution nor method is asked.
    app.see("Check your return before sending it.").await;
    app.see("The zip came off on the first day.").await;
    app.see("The shop looks at the defect first").await;
    let asked = app
        .js(
            "return [!!document.querySelector('#resolution-refund'), !!document.querySelector('#what-you-get')];",
            vec![],
        )
        .await;
    assert_eq!(
        asked,
        json!([false, false]),
        "no resolution step, no payout promised"
    );
    app.resize(390, 844).await;
    app.shot("return-5-summary-390").await;
    app.resize(1280, 900).await;
    app.element("#submit-return").await.click().await.unwrap();
    app.see("Thank you, the shop will contact you").await;
    let status = app
        .wait_js(
            "the outcome",
            "const o = document.querySelector('.return-outcome');
             return o ? o.dataset.status : null;",
            vec![],
        )
        .await;
    assert_eq!(status, json!("needs_contact"));
    app.shot("return-6-outcome-1280").await;

    // The order page lists the one return, with both items.
    app.click_text("Back to my order").await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.see("Your returns").await;
    app.see("To be decided with the shop").await;
    let cards = app
        .wait_js(
            "the order's returns",
            "const c = document.querySelectorAll('.return-card');
             return c.length ? [c.length, c[0].dataset.status, c[0].querySelectorAll('.return-card-items li').length] : null;",
            vec![],
        )
        .await;
    assert_eq!(cards, json!([1, "needs_contact", 2]));
    app.shot("return-7-order-page-1280").await;
    app.finish().await;
}

#[tokio::test]
async fn staff_approve_a_pending_return_and_the_shopper_gets_the_label() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    let (order, email) = returnable_order(&app, 1, 0).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    // One item, a reason that is not a defect: the demo shop approves returns by hand.
    let line = start_return_with_first_item(&app).await;
    app.element("#next-step").await.click().await.unwrap();
    choose(&app, &format!("#reason-{line}"), "Too small").await;
    app.element("#next-step").await.click().await.unwrap();
    app.see("What would you like instead?").await;
    app.element("#resolution-refund")
        .await
        .click()
        .await
        .unwrap();
    app.element("#method-prepaid_label")
        .await
        .click()
        .await
        .unwrap();
    app.element("#next-step").await.click().await.unwrap();
    app.see("Check your return before sending it.").await;
    app.element("#submit-return").await.click().await.unwrap();
    app.see("Your return is waiting for the shop’s review")
        .await;
    let number = app
        .wait_js(
            "the return number",
            "const o = document.querySelector('.return-outcome');
             const m = o && o.innerText.match(/R-[A-Z0-9]+/);
             return m ? m[0] : null;",
            vec![],
        )
        .await;
    let number = number.as_str().unwrap().to_owned();

    // Staff find it in the queue by its number and approve it.
    app.open("/dashboard/returns").await;
    app.see("Waiting for review").await;
    app.fill("Search returns", &number).await;
    let rows = app
        .wait_js(
            "the searched return alone in the queue",
            "const g = [...document.querySelectorAll('.return-group')];
             return g.length === 1 && g[0].dataset.number === arguments[0]
               ? [g[0].dataset.status, g[0].querySelectorAll('.return-select').length] : null;",
            vec![json!(number)],
        )
        .await;
    assert_eq!(rows, json!(["pending_review", 1]), "pending and selectable");
    app.element(".return-group .return-number")
        .await
        .click()
        .await
        .unwrap();
    app.see("Too small").await;
    app.see("Timeline").await;
    // Only what the status allows: a pending return is approved or rejected, not received.
    let buttons = app
        .wait_js(
            "the case's buttons",
            "const c = document.querySelector('.return-actions');
             return c && c.querySelector('.action-approve')
               ? [!!c.querySelector('.action-reject'), !!c.querySelector('.action-receive')] : null;",
            vec![],
        )
        .await;
    assert_eq!(buttons, json!([true, false]));
    app.shot("returns-queue-case-1280").await;
    app.element(".action-approve").await.click().await.unwrap();
    let approved = app
        .wait_js(
            "the row to show the approval and the case its label",
            "const g = document.querySelector('.return-group');
             return g && g.dataset.status === 'approved' && g.querySelector('.staff-label-link')
               ? g.querySelector('.return-status').innerText : null;",
            vec![],
        )
        .await;
    assert_eq!(approved, json!("Approved"));
    app.shot("returns-queue-approved-1280").await;

    // The shopper's order page now offers the label, and the link serves a PDF.
    app.open(&format!("/{DEMO_SLUG}/order")).await;
    let href = app
        .wait_js(
            "the label link",
            "const a = document.querySelector('.label-link');
             return a ? a.href : null;",
            vec![],
        )
        .await;
    // The signed link may name the public address; the test server answers on its own port.
    let link = reqwest::Url::parse(href.as_str().unwrap()).expect("an absolute link");
    let local = app.url(&format!(
        "{}?{}",
        link.path(),
        link.query().unwrap_or_default()
    ));
    let response = reqwest::get(&local).await.expect("fetch the label");
    assert!(response.status().is_success(), "{}", response.status());
    let body = response.bytes().await.expect("read the label");
    assert!(body.starts_with(b"%PDF"), "a PDF label");
    app.finish().await;
}

#[tokio::test]
async fn a_shopper_cancels_a_pending_return_and_may_start_again() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    let (order, email) = returnable_order(&app, 1, 0).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    let line = start_return_with_first_item(&app).await;
    crate::demo_orders::walk_return(&app, &line).await;
    let number = crate::demo_orders::submit_return(&app).await;
    app.click_text("Back to my order").await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;

    // Asked once more before anything is undone; "No" keeps it.
    app.element(".cancel-return").await.click().await.unwrap();
    app.see(&format!("Cancel return {number}?")).await;
    app.shot("return-cancel-confirm-1280").await;
    app.click_text("No, keep it").await;
    app.element(".cancel-return").await.click().await.unwrap();
    app.element(".confirm-cancel-return")
        .await
        .click()
        .await
        .unwrap();
    let status = app
        .wait_js(
            "the cancelled return",
            "const c = document.querySelector('.return-card');
             return c && c.dataset.status === 'cancelled' ? c.dataset.status : null;",
            vec![],
        )
        .await;
    assert_eq!(status, json!("cancelled"));
    app.see("This return was cancelled; nothing more happens.")
        .await;
    // The item may be returned again: the page offers a new return, not "return other items".
    app.see("Start a return").await;
    let cancellable = app
        .js(
            "return document.querySelectorAll('.cancel-return').length;",
            vec![],
        )
        .await;
    assert_eq!(
        cancellable,
        json!(0),
        "a cancelled return offers no cancel button"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_shopper_keeps_an_item_after_showing_it() {
    let app = spawn_app().await;
    let token = app.sign_in_by_api().await;
    // The demo shop lets shoppers keep anything once it has seen it.
    let saved = app
        .js(
            "const [token] = arguments;
             return (async () => {
               const rules = [
                 { id: 'window', enabled: true, conditions: [],
                   effect: { kind: 'window', basis: 'order', days: 120 } },
                 { id: 'keep-shown', enabled: true, conditions: [],
                   effect: { kind: 'keep_item', photos: true } }];
               const r = await fetch('/api/v1/settings/policies', { method: 'PUT',
                 headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
                 body: JSON.stringify({ rules }) });
               return r.status;
             })();",
            vec![json!(token)],
        )
        .await;
    assert_eq!(saved, json!(200));
    app.open(&format!("/{DEMO_SLUG}")).await;
    let (order, email) = returnable_order(&app, 1, 0).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    let line = start_return_with_first_item(&app).await;
    app.element("#next-step").await.click().await.unwrap();
    choose(&app, &format!("#reason-{line}"), "Too small").await;
    app.element("#next-step").await.click().await.unwrap();

    // A step asks for the photo, and only the photo: no defect to describe.
    app.see("The shop lets you keep these items once it has seen them: add a photo of each.")
        .await;
    let title = app
        .js(
            "return document.getElementById('step-title').innerText.trim();",
            vec![],
        )
        .await;
    assert_eq!(title, json!("Photos"));
    let comment = app
        .js(
            "return !!document.getElementById(arguments[0]);",
            vec![json!(format!("comment-{line}"))],
        )
        .await;
    assert_eq!(comment, json!(false));
    app.element("#next-step").await.click().await.unwrap();
    let said = app
        .wait_js(
            "the missing photo said under its field",
            "const e = document.getElementById(arguments[0]);
             return e && e.innerText.trim() || null;",
            vec![json!(format!("photos-{line}-error"))],
        )
        .await;
    assert!(!said.as_str().unwrap_or_default().is_empty());
    let folder = tempfile::tempdir().expect("temp dir");
    let photo = folder.path().join("item.png");
    image::RgbaImage::from_pixel(64, 48, image::Rgba([40, 90, 160, 255]))
        .save(&photo)
        .expect("write the PNG");
    app.element(&format!("#photos-{line}"))
        .await
        .send_keys(photo.to_str().unwrap())
        .await
        .unwrap();
    app.wait_js(
        "the photo to upload",
        "const t = document.querySelectorAll('.thumb');
         return t.length === 1 && !document.querySelector('.thumb-status, .thumb-failed') || null;",
        vec![],
    )
    .await;
    app.shot("return-keep-photo-1280").await;
    app.element("#next-step").await.click().await.unwrap();
    app.element("#resolution-refund")
        .await
        .click()
        .await
        .unwrap();
    app.element("#next-step").await.click().await.unwrap();
    app.see("Check your return before sending it.").await;
    app.element("#submit-return").await.click().await.unwrap();
    let status = app
        .wait_js(
            "the outcome",
            "const o = document.querySelector('.return-outcome');
             return o ? o.dataset.status : null;",
            vec![],
        )
        .await;
    assert!(
        ["pending_review", "approved"].contains(&status.as_str().unwrap_or_default()),
        "{status}"
    );
    // Staff see a kept item, with the photo the shopper sent.
    let page = staff_get(&app, &token, &format!("/returns?q={order}")).await;
    let id = page["returns"][0]["id"].as_str().unwrap().to_owned();
    let detail = staff_get(&app, &token, &format!("/returns/{id}")).await;
    assert_eq!(detail["return"]["keep_item"], true, "{detail}");
    assert_eq!(
        detail["return"]["items"][0]["photos"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "{detail}"
    );
    app.finish().await;
}
