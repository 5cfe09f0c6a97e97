//! What a person sees in a real browser: the dashboard sign-in, the shopper portal with the
//! shop's branding, the language switch, the not-found page, a shopper following an order and
//! staff finding one, a canned reply reaching the shopper and the live mail preview.

// Tests stop at the first broken expectation, with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use rebound_e2e::{DEMO_COMPANY, DEMO_OWNER, DEMO_PRIMARY, DEMO_SLUG, spawn_app};
use serde_json::json;

mod return_desk;

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

#[tokio::test]
async fn the_portal_shows_the_shop_in_its_colours() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;

    app.see(DEMO_COMPANY).await;
    app.see("Track your order or start a return").await;
    // Both lookup fields are there, each with its label.
    app.labelled("Order number or tracking number").await;
    app.labelled("Email or postal code").await;

    let primary = app.brand_property("--brand-primary").await;
    assert_eq!(primary.to_uppercase(), DEMO_PRIMARY.to_uppercase());
    app.see("Powered by Rebound").await;
    app.finish().await;
}

#[tokio::test]
async fn a_shopper_switches_the_portal_to_french() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    app.see("Track your order or start a return").await;

    app.click_text("FR").await;
    app.see("Suivre ma commande ou faire un retour").await;
    app.see("Numéro de commande ou de suivi").await;

    // The choice is remembered on the next visit.
    app.open(&format!("/{DEMO_SLUG}")).await;
    app.see("Suivre ma commande ou faire un retour").await;
    app.finish().await;
}

#[tokio::test]
async fn an_unknown_shop_shows_the_not_found_page() {
    let app = spawn_app().await;
    app.open("/no-such-shop").await;
    app.see("There is no shop at this address").await;

    // An address no screen answers, even under a real shop, is a plain 404 with a way home.
    app.open(&format!("/{DEMO_SLUG}/nope/extra")).await;
    app.see("Page not found").await;
    app.see("Go to the home page").await;
    app.finish().await;
}

#[tokio::test]
async fn the_owner_rebrands_the_portal_and_uploads_a_logo() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/settings").await;
    app.click_text("Branding").await;

    // The primary colour's hex field shows the demo colour; replace it and save the form.
    let new_primary = "#1D4ED8";
    let hex = app
        .element_where(
            "the primary colour's hex field",
            "return [...document.querySelectorAll('input:not([type=color])')]
                .find(i => i.offsetParent !== null
                    && i.value.toUpperCase() === arguments[0].toUpperCase());",
            vec![json!(DEMO_PRIMARY)],
        )
        .await;
    hex.clear().await.expect("clear the hex field");
    hex.send_keys(new_primary)
        .await
        .expect("type the new colour");
    app.js(
        "const f = arguments[0].closest('form');
         f.querySelector('button[type=submit]').click();",
        vec![json!(hex)],
    )
    .await;
    app.wait_js(
        "the new primary colour to be saved",
        "return fetch('/api/v1/portal/' + arguments[0])
            .then(r => r.json())
            .then(p => p.primary_colour.toUpperCase() === arguments[1]);",
        vec![json!(DEMO_SLUG), json!(new_primary)],
    )
    .await;

    // A real PNG, sent through the logo's file input.
    let folder = tempfile::tempdir().expect("temp dir");
    let logo = folder.path().join("logo.png");
    image::RgbaImage::from_pixel(96, 48, image::Rgba([29, 78, 216, 255]))
        .save(&logo)
        .expect("write the PNG");
    let input = app
        .element_where(
            "the logo file input",
            "const inputs = [...document.querySelectorAll('input[type=file]')];
             return inputs.find(i => /logo/i.test(i.id + ' ' + i.name
                 + ' ' + (i.labels && i.labels[0] ? i.labels[0].textContent : '')))
                 || inputs[0];",
            vec![],
        )
        .await;
    input
        .send_keys(&logo.display().to_string())
        .await
        .expect("choose the logo file");
    app.wait_js(
        "the logo to be uploaded",
        "return fetch('/api/v1/portal/' + arguments[0])
            .then(r => r.json())
            .then(p => !!p.logo_url);",
        vec![json!(DEMO_SLUG)],
    )
    .await;

    // The shopper sees the new colour and the logo (named by the shop, in place of the wordmark).
    app.open(&format!("/{DEMO_SLUG}")).await;
    app.see("Track your order or start a return").await;
    let primary = app.brand_property("--brand-primary").await;
    assert_eq!(primary.to_uppercase(), new_primary);
    app.wait_js(
        "the logo image to load",
        "const img = [...document.querySelectorAll('img')]
            .find(i => i.alt === arguments[0]);
         return !!img && img.complete && img.naturalWidth > 0;",
        vec![json!(DEMO_COMPANY)],
    )
    .await;
    app.finish().await;
}

#[tokio::test]
async fn a_renamed_shop_keeps_its_old_portal_address() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/settings").await;
    app.click_text("Branding").await;
    app.fill("Portal address", "maple-co").await;
    app.submit().await;
    app.see("Changes saved").await;

    app.open(&format!("/{DEMO_SLUG}")).await;
    app.wait_path("/maple-co").await;
    app.see(DEMO_COMPANY).await;
    app.finish().await;
}

/// The demo's first order: delivered, one Canada Post parcel with four scans.
const DEMO_ORDER: &str = "MC-1001";
const DEMO_ORDER_EMAIL: &str = "olivia@example.com";
const DEMO_TRACKING: &str = "7023000004410000";

/// Looks an order up on the demo portal's front page.
async fn look_up(app: &rebound_e2e::TestApp, order: &str, contact: &str) {
    app.fill("Order number or tracking number", order).await;
    app.fill("Email or postal code", contact).await;
    app.submit().await;
}

#[tokio::test]
async fn a_shopper_finds_an_order_and_follows_its_parcel() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, DEMO_ORDER, DEMO_ORDER_EMAIL).await;

    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.see(DEMO_ORDER).await;
    app.see("Canada Post").await;
    // Newest scan first, with the carrier's page one click away.
    let first = app
        .wait_js(
            "the timeline",
            "const t = document.querySelector('.timeline-title');
             return t ? t.textContent.trim() : null;",
            vec![],
        )
        .await;
    assert_eq!(first, json!("Delivered to the front door"));
    app.see("Item in transit").await;
    app.see("Shipping label created").await;
    let link = app
        .wait_js(
            "the carrier link",
            "const a = [...document.querySelectorAll('a')]
                .find(a => a.textContent.includes(arguments[0]));
             return a ? a.href : null;",
            vec![json!(DEMO_TRACKING)],
        )
        .await;
    assert!(
        link.as_str()
            .unwrap_or_default()
            .starts_with("https://www.canadapost"),
        "{link}"
    );
    app.see("Shipping address").await;

    // A reload keeps the order open.
    app.open(&format!("/{DEMO_SLUG}/order")).await;
    app.see("Delivered to the front door").await;

    // The tracking number and the postal code work too, however they are typed.
    app.click_text("Look up another order").await;
    app.wait_path(&format!("/{DEMO_SLUG}")).await;
    look_up(&app, " 7023 0000 0441 0000 ", "h2x 1Y4 ").await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.see(DEMO_ORDER).await;
    app.see("Delivered to the front door").await;
    app.finish().await;
}

#[tokio::test]
async fn a_wrong_pair_gets_one_generic_answer() {
    let app = spawn_app().await;
    app.open(&format!("/{DEMO_SLUG}")).await;
    let generic = "We couldn't find an order with these details";

    look_up(&app, DEMO_ORDER, "someone-else@example.com").await;
    app.see(generic).await;
    assert_eq!(app.path().await, format!("/{DEMO_SLUG}"));

    // A right email with a wrong number reads exactly the same.
    let first = app.visible_text().await;
    look_up(&app, "MC-9999", DEMO_ORDER_EMAIL).await;
    app.wait_js(
        "the second answer",
        "return !document.querySelector('button[aria-busy]')
            && document.body.innerText.includes(arguments[0]);",
        vec![json!(generic)],
    )
    .await;
    let message = |text: &str| {
        text.lines()
            .find(|l| l.contains(generic))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(message(&first), message(&app.visible_text().await));
    assert_eq!(app.path().await, format!("/{DEMO_SLUG}"));
    app.finish().await;
}

#[tokio::test]
async fn staff_search_an_order_by_email_and_read_its_timeline() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.click_text("Orders").await;
    app.wait_path("/dashboard/orders").await;
    app.see("MC-1050").await;

    app.fill("Search", DEMO_ORDER_EMAIL).await;
    // Only that shopper's orders remain once the debounced search has answered.
    app.wait_js(
        "only the shopper's orders",
        "const cells = [...document.querySelectorAll('.orders-table tbody .cell-email')];
         return cells.length > 0 && cells.every(c => c.textContent.trim() === arguments[0]);",
        vec![json!(DEMO_ORDER_EMAIL)],
    )
    .await;
    app.click_text(DEMO_ORDER).await;
    app.wait_path(&format!("/dashboard/orders/{DEMO_ORDER}"))
        .await;
    app.see("Olivia Tremblay").await;
    app.see("Canada Post").await;
    app.see("Delivered to the front door").await;
    app.see(DEMO_TRACKING).await;
    app.see("Reported issues").await;
    app.finish().await;
}

/// The demo's customers by order (`MC-{1001 + n}` belongs to `n % 10`).
const DEMO_EMAILS: [&str; 10] = [
    "olivia",
    "liam",
    "emma",
    "noah",
    "charlotte",
    "william",
    "amelia",
    "lucas",
    "chloe",
    "jack",
];

/// The newest delivered demo orders with their customers' emails, newest first: the demo
/// spreads 50 orders over 60 days, so these are inside the 30-day return window. Taken a few
/// at a time, their lookups stay under the lookup rate limit.
fn recent_orders() -> Vec<(String, String)> {
    (30..46)
        .rev()
        .map(|n| {
            (
                format!("MC-{}", 1001 + n),
                format!("{}@example.com", DEMO_EMAILS[n % 10]),
            )
        })
        .collect()
}

/// A delivered demo order, inside its return window and without returns yet, with at least
/// `min_items` returnable items; `skip` passes over that many matches (one order per test).
/// Asked through the portal's own API, as a shopper would.
async fn returnable_order(
    app: &rebound_e2e::TestApp,
    min_items: usize,
    skip: usize,
) -> (String, String) {
    let candidates = recent_orders();
    let found = app
        .js(
            "const [slug, candidates, min, skip] = arguments;
             return (async () => {
               let seen = 0;
               for (const [order, contact] of candidates) {
                 const base = '/api/v1/portal/' + slug;
                 const r = await fetch(base + '/lookup', { method: 'POST',
                   headers: { 'Content-Type': 'application/json' },
                   body: JSON.stringify({ order, contact }) });
                 if (!r.ok) continue;
                 const token = (await r.json()).access_token;
                 const auth = { headers: { Authorization: 'Bearer ' + token } };
                 const options = await (await fetch(base + '/order/returns/options', auth)).json();
                 const returns = await (await fetch(base + '/order/returns', auth)).json();
                 const left = options.items.filter(i => i.returnable_quantity > 0).length;
                 if (left >= min && returns.length === 0 && seen++ === skip) return [order, contact];
               }
               return null;
             })();",
            vec![json!(DEMO_SLUG), json!(candidates), json!(min_items), json!(skip)],
        )
        .await;
    let pair: (String, String) =
        serde_json::from_value(found).expect("a demo order that can be returned");
    pair
}

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

    // Step 4: resolution and method (the shop offers all three and both).
    app.see("What would you like instead?").await;
    app.element("#resolution-replacement")
        .await
        .click()
        .await
        .unwrap();
    app.element("#next-step").await.click().await.unwrap();
    app.see("Say which size or colour you want instead.").await;
    app.element("#resolution-refund")
        .await
        .click()
        .await
        .unwrap();
    app.element("#method-qr_drop_off")
        .await
        .click()
        .await
        .unwrap();
    app.shot("return-4-resolution-1280").await;
    app.element("#next-step").await.click().await.unwrap();

    // Step 5: the summary, then submit.
    app.see("Check your return before sending it.").await;
    app.see("The zip came off on the first day.").await;
    app.see("QR code drop-off").await;
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

#[tokio::test]
async fn the_mail_preview_follows_the_template_as_it_is_typed() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/settings").await;
    app.click_text("Notifications").await;
    app.click_text("Edit the wording").await;
    app.fill("Subject", "A word from {{shop_name}}").await;
    let subject = app
        .wait_js(
            "the previewed subject",
            "const s = document.querySelector('.preview-subject');
             return s && s.textContent === arguments[0] ? s.textContent : null;",
            vec![json!(format!("A word from {DEMO_COMPANY}"))],
        )
        .await;
    assert_eq!(subject, json!(format!("A word from {DEMO_COMPANY}")));
    // The HTML part carries the same text, inside the sandboxed frame.
    let escaped = format!("A word from {}", DEMO_COMPANY.replace('&', "&amp;"));
    let framed = app
        .wait_js(
            "the previewed mail",
            "const f = document.querySelector('iframe.mail-frame');
             return f && f.getAttribute('sandbox') === '' && f.srcdoc.includes(arguments[0]) ? true : null;",
            vec![json!(escaped)],
        )
        .await;
    assert_eq!(framed, json!(true));
    // A placeholder this mail does not offer is flagged at once.
    app.fill("Subject", "Hi {{favourite_colour}}").await;
    app.submit().await;
    app.see("This email has no placeholder {{favourite_colour}}.")
        .await;
    app.finish().await;
}

#[tokio::test]
async fn staff_import_orders_from_a_csv_and_see_the_rejected_row() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/orders/import").await;
    app.see("Import orders from a CSV file").await;

    // Shopify-style headers the mapping guesses, two good orders (one on two rows) and a row
    // with a bad email.
    let folder = tempfile::tempdir().expect("temp dir");
    let csv = folder.path().join("orders.csv");
    std::fs::write(
        &csv,
        "Order #,Customer,E-mail,Address,City,Province,Zip,Country,Currency,Created at,Lineitem sku,Lineitem name,Qty,Price\n\
         CSV-1,Zoé Roy,zoe@example.com,1 Rue Sainte-Catherine,Montréal,QC,H2X 1Y4,CA,CAD,2026-11-01,MUG,Stoneware mug,1,24.00\n\
         CSV-1,Zoé Roy,zoe@example.com,1 Rue Sainte-Catherine,Montréal,QC,H2X 1Y4,CA,CAD,2026-11-01,BOWL,Stoneware bowl,2,18.50\n\
         CSV-2,Liam Park,liam@example.com,5 King St W,Toronto,ON,M5H 1A1,CA,CAD,2026-11-02,MUG,Stoneware mug,1,24.00\n\
         CSV-3,Bad Row,not-an-email,5 King St W,Toronto,ON,M5H 1A1,CA,CAD,2026-11-02,MUG,Stoneware mug,1,24.00\n",
    )
    .expect("write the CSV");
    let input = app
        .element_where(
            "the file input",
            "return document.querySelector('input[type=file]');",
            vec![],
        )
        .await;
    input
        .send_keys(&csv.display().to_string())
        .await
        .expect("choose the CSV");
    app.see("Match the columns").await;
    app.see("orders.csv: 4 rows.").await;
    app.click_text("Start import").await;
    app.see("Import finished").await;
    // One row refused, named by its line (5: the header is line 1) and field.
    let rejected = app
        .wait_js(
            "the rejected row",
            "const rows = [...document.querySelectorAll('tr')].map(r => r.innerText);
             const bad = rows.find(r => /^\\s*5\\b/.test(r));
             return bad ? bad : null;",
            vec![],
        )
        .await;
    assert!(
        rejected.as_str().unwrap_or_default().contains("mail"),
        "{rejected}"
    );
    app.open("/dashboard/orders").await;
    app.fill("Search", "CSV-1").await;
    app.see("Zoé Roy").await;
    app.finish().await;
}

#[tokio::test]
async fn staff_approve_a_pending_return_and_the_shopper_gets_the_label() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    let (order, email) = returnable_order(&app, 1, 0).await;
    look_up(&app, &order, &email).await;
    app.wait_path(&format!("/{DEMO_SLUG}/order")).await;
    app.element("#start-return").await.click().await.unwrap();
    app.wait_path(&format!("/{DEMO_SLUG}/order/return")).await;

    // One item, a reason that is not a defect: the demo shop approves returns by hand.
    let boxes = app
        .js(
            "const b = document.querySelector('.return-item input[type=checkbox]:not(:disabled)');
             b.click();
             return [b.id.replace('return-', '')];",
            vec![],
        )
        .await;
    let lines: Vec<String> = serde_json::from_value(boxes).unwrap();
    app.element("#next-step").await.click().await.unwrap();
    choose(&app, &format!("#reason-{}", lines[0]), "Too small").await;
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
