//! Dashboard settings as the shopper then sees them: rebranding with a logo, a new portal
//! address that keeps the old one working, the mail wording with its live preview.

use rebound_e2e::{DEMO_COMPANY, DEMO_PRIMARY, DEMO_SLUG, spawn_app};
use serde_json::json;

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

/// The owner lets the shop's own site frame the portal: the address is checked before it is
/// sent, kept after a reload, and the portal's pages then name it in their CSP.
#[tokio::test]
async fn the_owner_lets_the_shops_site_frame_the_portal() {
    let app = spawn_app().await;
    app.sign_in_as_demo_owner().await;
    app.open("/dashboard/settings?tab=aftercare").await;
    app.see("Sites that may show the portal in a frame").await;
    app.see("No site yet").await;

    // A bare domain is refused by the field itself, before anything is sent.
    app.click_text("Add a site").await;
    app.fill("Site 1", "shop.maple.example").await;
    let save = "document.getElementById('add-frame-origin').closest('form')
                  .querySelector('button[type=submit]').click();";
    app.js(save, vec![]).await;
    app.see("Start with https://").await;
    app.js(
        "document.getElementById('framing-title').scrollIntoView();",
        vec![],
    )
    .await;
    app.shot("settings-framing-error-1280").await;

    app.fill("Site 1", "https://Shop.Maple.example/").await;
    app.click_text("Add a site").await;
    app.fill("Site 2", "https://*.maple.example").await;
    app.js(save, vec![]).await;
    app.wait_js(
        "the sites to be saved",
        "return (async () => {
           const headers = { Authorization: 'Bearer ' + localStorage.getItem('rebound.token') };
           const r = await (await fetch('/api/v1/settings/embedding', { headers })).json();
           return r.frame_ancestors.length === 2;
         })();",
        vec![],
    )
    .await;

    // After a reload, the list shows what the server stored (normalised).
    app.open("/dashboard/settings?tab=aftercare").await;
    let shown = app
        .wait_js(
            "the saved sites in the form",
            "const v = [...document.querySelectorAll('.frame-origin input')].map(i => i.value);
             return v.length === 2 ? v : null;",
            vec![],
        )
        .await;
    assert_eq!(
        shown,
        json!(["https://shop.maple.example", "https://*.maple.example"])
    );
    app.js(
        "document.getElementById('framing-title').scrollIntoView();",
        vec![],
    )
    .await;
    app.shot("settings-framing-1280").await;

    let portal = reqwest::get(app.url(&format!("/{DEMO_SLUG}")))
        .await
        .expect("the portal page");
    let csp = portal
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'self' https://shop.maple.example https://*.maple.example"),
        "{csp}"
    );
    app.finish().await;
}
