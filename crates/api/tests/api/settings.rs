//! The settings tabs: rules, roles, audit, slug redirects, reasons, addresses, uploads.

use crate::helpers::{Account, TestApp, assert_problem, field_codes, spawn_app, spawn_app_with};
use image::{ImageFormat, RgbaImage};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Cursor;

async fn settings(app: &TestApp, who: &Account) -> Value {
    let response = app.get("/api/v1/settings", Some(&who.token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn put(app: &TestApp, path: &str, who: &Account, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url(path))
        .bearer_auth(&who.token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn upload(
    app: &TestApp,
    who: &Account,
    asset: &str,
    bytes: Vec<u8>,
    content_type: &str,
) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/settings/branding/{asset}")))
        .bearer_auth(&who.token)
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

fn image_bytes(format: ImageFormat, w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([(x * 7) as u8, (y * 5) as u8, 90, 255])
    });
    let mut out = Cursor::new(Vec::new());
    if format == ImageFormat::Jpeg {
        image::DynamicImage::ImageRgba8(img)
            .to_rgb8()
            .write_to(&mut out, format)
            .unwrap();
    } else {
        img.write_to(&mut out, format).unwrap();
    }
    out.into_inner()
}

#[tokio::test]
async fn agents_read_settings_managers_change_them_owners_see_the_audit() {
    let app = spawn_app().await;
    let owner = app.register("tabs").await;
    let manager = app.add_staff(&owner, "m@tabs.example", "manager").await;
    let agent = app.add_staff(&owner, "a@tabs.example", "agent").await;

    let mut returns = settings(&app, &agent).await["returns"].clone();
    assert_eq!(returns["return_window_days"], 30);
    assert_eq!(returns["refund_deadline_days"], 180);
    returns["approval_mode"] = json!("automatic");
    returns["resolutions"] = json!(["refund"]);
    let denied = put(&app, "/api/v1/settings/returns", &agent, &returns).await;
    assert_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;

    let saved = put(&app, "/api/v1/settings/returns", &manager, &returns).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let reread = settings(&app, &agent).await;
    assert_eq!(reread["returns"]["approval_mode"], "automatic");
    assert_eq!(reread["returns"]["resolutions"], json!(["refund"]));

    assert_problem(
        app.get("/api/v1/audit-log", Some(&manager.token)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let log: Vec<Value> = app
        .get("/api/v1/audit-log", Some(&owner.token))
        .await
        .json()
        .await
        .unwrap();
    let entry = log
        .iter()
        .find(|e| e["area"] == "returns")
        .expect("returns change logged");
    assert_eq!(entry["staff_name"], "Colleague");
    let fields: Vec<_> = entry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["approval_mode", "resolutions"]);
    let approval = &entry["changes"][0];
    assert_eq!(
        (approval["from"].as_str(), approval["to"].as_str()),
        (Some("manual"), Some("automatic"))
    );
}

#[tokio::test]
async fn returns_rules_are_enforced_per_field_and_nothing_half_saves() {
    let app = spawn_app().await;
    let owner = app.register("rules").await;
    let mut returns = settings(&app, &owner).await["returns"].clone();
    returns["resolutions"] = json!([]);
    returns["return_window_days"] = json!(0);
    returns["approval_mode"] = json!("automatic");
    let problem = assert_problem(
        put(&app, "/api/v1/settings/returns", &owner, &returns).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![
            ("resolutions".to_owned(), "required".to_owned()),
            ("return_window_days".to_owned(), "range".to_owned())
        ]
    );
    assert_eq!(
        settings(&app, &owner).await["returns"]["approval_mode"],
        "manual"
    );

    let mut returns = settings(&app, &owner).await["returns"].clone();
    returns["return_window_days"] = json!(90);
    returns["refund_deadline_days"] = json!(60);
    let problem = assert_problem(
        put(&app, "/api/v1/settings/returns", &owner, &returns).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "refund_deadline_days");

    returns["approval_mode"] = json!("sometimes");
    assert_problem(
        put(&app, "/api/v1/settings/returns", &owner, &returns).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn aftercare_is_saved_whole_and_public_config_shows_only_shopper_facts() {
    let app = spawn_app().await;
    let owner = app.register("care").await;
    let mut aftercare = settings(&app, &owner).await["aftercare"].clone();
    aftercare["issue_types"] = json!(["missing_item", "wrong_item"]);
    aftercare["survey_enabled"] = json!(true);
    aftercare["survey_delay_days"] = json!(5);
    aftercare["support_email"] = json!("Help@Care.example");
    aftercare["customer_service_email"] = json!("cs-internal@care.example");
    assert_eq!(
        put(&app, "/api/v1/settings/aftercare", &owner, &aftercare)
            .await
            .status(),
        StatusCode::OK
    );

    aftercare["survey_delay_days"] = json!(0);
    aftercare["support_email"] = json!("nope");
    let problem = assert_problem(
        put(&app, "/api/v1/settings/aftercare", &owner, &aftercare).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let fields: Vec<_> = field_codes(&problem).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, vec!["support_email", "survey_delay_days"]);

    let public = app
        .get("/api/v1/portal/care", None)
        .await
        .text()
        .await
        .unwrap();
    let config: Value = serde_json::from_str(&public).unwrap();
    assert_eq!(
        config["aftercare"]["issue_types"],
        json!(["missing_item", "wrong_item"])
    );
    assert_eq!(config["aftercare"]["support_email"], "help@care.example");
    for secret in [
        "cs-internal@care.example",
        "owner@care.example",
        "survey",
        "approval_mode",
        "refund_deadline",
    ] {
        assert!(
            !public.contains(secret),
            "public config leaks {secret}: {public}"
        );
    }
}

#[tokio::test]
async fn branding_validates_colours_warns_on_contrast_and_slug_changes_redirect() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>app</title>",
    )
    .unwrap();
    let dist_path = dist.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dist = Some(dist_path)).await;
    let owner = app.register("old-name").await;
    let other = app.register("other-shop").await;
    let mut branding = settings(&app, &owner).await["branding"].clone();
    assert_eq!(branding["contrast_ok"], true);

    let mut bad = branding.clone();
    bad["primary_colour"] = json!("red");
    bad["slug"] = json!("brand-new");
    let problem = assert_problem(
        put(&app, "/api/v1/settings/branding", &owner, &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("primary_colour".to_owned(), "hex_colour".to_owned())]
    );
    assert_eq!(
        settings(&app, &owner).await["branding"]["slug"],
        "old-name",
        "nothing half-saved"
    );

    // Pale yellow on white: 1.1:1, the form must warn with the ratio.
    branding["primary_colour"] = json!("#fff176");
    branding["background_colour"] = json!("#FFFFFF");
    branding["slug"] = json!("brand-new");
    branding["company_name"] = json!("Brand New Co");
    let saved: Value = put(&app, "/api/v1/settings/branding", &owner, &branding)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["primary_colour"], "#FFF176");
    assert_eq!(saved["contrast_ok"], false);
    assert!(saved["contrast_ratio"].as_f64().unwrap() < 1.5);

    // The old slug keeps working: the API answers with the new one, pages redirect.
    let config: Value = app
        .get("/api/v1/portal/old-name", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (config["slug"].as_str(), config["company_name"].as_str()),
        (Some("brand-new"), Some("Brand New Co"))
    );
    let page = app.get("/old-name/track", None).await;
    assert_eq!(page.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.headers()["location"], "/brand-new/track");

    // Nobody else can take the old address, neither by signing up nor by renaming.
    let mut theirs = settings(&app, &other).await["branding"].clone();
    theirs["slug"] = json!("old-name");
    let problem = assert_problem(
        put(&app, "/api/v1/settings/branding", &other, &theirs).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("slug".to_owned(), "taken".to_owned())]
    );
    theirs["slug"] = json!("brand-new");
    assert_problem(
        put(&app, "/api/v1/settings/branding", &other, &theirs).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    let signup = app
        .post("/api/v1/merchants", None, &json!({"company_name": "X", "slug": "old-name", "owner_name": "X", "owner_email": "x@x.example", "password": crate::helpers::PASSWORD}))
        .await;
    assert_problem(signup, StatusCode::CONFLICT, "conflict").await;

    // The owner can take the old address back; it stops being a redirect.
    branding["slug"] = json!("old-name");
    assert_eq!(
        put(&app, "/api/v1/settings/branding", &owner, &branding)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(app.get("/old-name", None).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn uploads_are_recognised_by_content_reencoded_and_served() {
    let app = spawn_app().await;
    let owner = app.register("uploads").await;
    let agent = app.add_staff(&owner, "a@uploads.example", "agent").await;

    for (format, expected) in [
        (ImageFormat::Png, "image/png"),
        (ImageFormat::Jpeg, "image/jpeg"),
        (ImageFormat::Gif, "image/png"),
        (ImageFormat::WebP, "image/png"),
    ] {
        // The declared content type is ignored: a PNG sent as "image/gif" is a PNG.
        let response = upload(
            &app,
            &owner,
            "logo",
            image_bytes(format, 120, 40),
            "image/gif",
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{format:?}");
        let view: Value = response.json().await.unwrap();
        let url = view["logo_url"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/api/v1/portal/uploads/logo?v="), "{url}");
        let served = app.get(&url, None).await;
        assert_eq!(served.headers()["content-type"], expected, "{format:?}");
        let decoded = image::load_from_memory(&served.bytes().await.unwrap()).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (120, 40));
    }
    let config: Value = app
        .get("/api/v1/portal/uploads", None)
        .await
        .json()
        .await
        .unwrap();
    assert!(config["logo_url"].as_str().is_some());

    let script = upload(
        &app,
        &owner,
        "logo",
        b"<script>alert(1)</script>".to_vec(),
        "image/png",
    )
    .await;
    let problem = assert_problem(
        script,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("file".to_owned(), "image_type".to_owned())]
    );

    let svg = upload(
        &app,
        &owner,
        "favicon",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        "image/svg+xml",
    )
    .await;
    assert_problem(
        svg,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;

    let wide = upload(
        &app,
        &owner,
        "favicon",
        image_bytes(ImageFormat::Png, 1024, 16),
        "image/png",
    )
    .await;
    let problem = assert_problem(wide, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("file".to_owned(), "dimensions".to_owned())]
    );

    let heavy = upload(&app, &owner, "favicon", vec![0x89; 600 * 1024], "image/png").await;
    assert_problem(heavy, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

    assert_problem(
        upload(
            &app,
            &agent,
            "logo",
            image_bytes(ImageFormat::Png, 8, 8),
            "image/png",
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn jpeg_metadata_is_stripped() {
    let app = spawn_app().await;
    let owner = app.register("exif").await;
    let clean = image_bytes(ImageFormat::Jpeg, 64, 64);
    // An APP1 segment right after the SOI marker, as cameras write EXIF (with GPS).
    let secret = b"Exif\0\0GPS 45.5017N 73.5673W";
    let mut tagged = vec![0xFF, 0xD8, 0xFF, 0xE1];
    tagged.extend_from_slice(&((secret.len() + 2) as u16).to_be_bytes());
    tagged.extend_from_slice(secret);
    tagged.extend_from_slice(&clean[2..]);
    let view: Value = upload(&app, &owner, "background", tagged, "image/jpeg")
        .await
        .json()
        .await
        .unwrap();
    let url = view["background_image_url"].as_str().unwrap();
    let served = app.get(url, None).await.bytes().await.unwrap();
    assert!(!served.windows(3).any(|w| w == b"GPS"), "EXIF survived");
    assert_eq!(
        view["background_image"],
        json!(
            view["background_image"]
                .as_str()
                .filter(|s| s.starts_with("upload:"))
        )
    );
}

#[tokio::test]
async fn reasons_are_added_renamed_reordered_and_retired_never_deleted() {
    let app = spawn_app().await;
    let owner = app.register("reasons").await;
    let reasons = settings(&app, &owner).await["reasons"].clone();
    assert_eq!(reasons.as_array().unwrap().len(), 7);
    assert_eq!(reasons[0]["label_fr"], "Trop petit");

    let added: Value = app
        .post("/api/v1/settings/reasons", Some(&owner.token), &json!({"label_en": "Colour differs", "label_fr": "Couleur différente", "defective": false}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(added["position"], 7);
    let renamed = put(&app, &format!("/api/v1/settings/reasons/{}", added["id"].as_str().unwrap()), &owner,
        &json!({"label_en": "Colour is not as pictured", "label_fr": "La couleur ne correspond pas", "defective": true})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let empty = app
        .post(
            "/api/v1/settings/reasons",
            Some(&owner.token),
            &json!({"label_en": " ", "label_fr": "", "defective": false}),
        )
        .await;
    assert_problem(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    // Move the new reason to the top, retire "Too small".
    let mut ids: Vec<Value> = settings(&app, &owner).await["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    let new_id = ids.pop().unwrap();
    ids.insert(0, new_id.clone());
    let mismatch = put(
        &app,
        "/api/v1/settings/reasons-order",
        &owner,
        &json!({"ids": &ids[1..]}),
    )
    .await;
    assert_problem(mismatch, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        put(
            &app,
            "/api/v1/settings/reasons-order",
            &owner,
            &json!({"ids": ids})
        )
        .await
        .status(),
        StatusCode::OK
    );
    let too_small = ids[1].as_str().unwrap().to_owned();
    let retired = app
        .post(
            &format!("/api/v1/settings/reasons/{too_small}/retire"),
            Some(&owner.token),
            &json!({}),
        )
        .await;
    assert_eq!(retired.status(), StatusCode::OK);

    let portal: Value = app
        .get("/api/v1/portal/reasons", None)
        .await
        .json()
        .await
        .unwrap();
    let labels: Vec<_> = portal["returns"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label_en"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "Colour is not as pictured");
    assert!(!labels.contains(&"Too small"));
    assert_eq!(labels.len(), 7);
    assert_eq!(portal["returns"]["reasons"][0]["defective"], true);

    // Still listed for staff, marked retired; and it can come back.
    let all = settings(&app, &owner).await["reasons"].clone();
    let row = all
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == json!(too_small))
        .unwrap()
        .clone();
    assert_eq!(row["retired"], true);
    let restored = app
        .post(
            &format!("/api/v1/settings/reasons/{too_small}/restore"),
            Some(&owner.token),
            &json!({}),
        )
        .await;
    assert_eq!(restored.status(), StatusCode::OK);

    let other = app.register("reasons-other").await;
    let foreign = app
        .post(
            &format!("/api/v1/settings/reasons/{too_small}/retire"),
            Some(&other.token),
            &json!({}),
        )
        .await;
    assert_problem(foreign, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn return_addresses_validate_postal_codes_and_keep_one_default() {
    let app = spawn_app().await;
    let owner = app.register("addresses").await;
    let address = |name: &str, postal: &str, country: &str, default: bool| {
        json!({"name": name, "line1": "1 Warehouse Rd", "line2": null, "city": "Montréal", "region": "QC",
            "postal_code": postal, "country": country, "is_default": default})
    };
    let bad = app
        .post(
            "/api/v1/settings/return-addresses",
            Some(&owner.token),
            &address("Main", "90210", "CA", false),
        )
        .await;
    let problem = assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(
        field_codes(&problem),
        vec![("postal_code".to_owned(), "postal_code".to_owned())]
    );
    let bad_country = app
        .post(
            "/api/v1/settings/return-addresses",
            Some(&owner.token),
            &address("Main", "H2X 1Y4", "Canada", false),
        )
        .await;
    assert_problem(bad_country, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    let first: Value = app
        .post(
            "/api/v1/settings/return-addresses",
            Some(&owner.token),
            &address("Main", "h2x1y4", "CA", false),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (first["is_default"].as_bool(), first["postal_code"].as_str()),
        (Some(true), Some("H2X 1Y4"))
    );
    let second: Value = app
        .post(
            "/api/v1/settings/return-addresses",
            Some(&owner.token),
            &address("Paris", "75011", "FR", true),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["is_default"], true);
    let list = settings(&app, &owner).await["return_addresses"].clone();
    let defaults: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["is_default"] == true)
        .map(|a| a["name"].clone())
        .collect();
    assert_eq!(defaults, vec![json!("Paris")]);

    let gone = app
        .client
        .delete(app.url(&format!(
            "/api/v1/settings/return-addresses/{}",
            second["id"].as_str().unwrap()
        )))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    let list = settings(&app, &owner).await["return_addresses"].clone();
    assert_eq!(list[0]["name"], "Main");
    assert_eq!(list[0]["is_default"], true);
}
