//! What the agent's desk reads off a return's case: whether a label can be issued before
//! approving, and who did each step; and return reasons that refuse duplicates.

use crate::helpers::portal::{add_return_address, portal_returns};
use crate::helpers::{TestApp, assert_problem, field_codes, spawn_app};
use crate::return_queue::{act, id_of, ok, open_order, submit};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn detail(app: &TestApp, token: &str, id: &str) -> Value {
    ok(app.get(&format!("/api/v1/returns/{id}"), Some(token)).await).await
}

#[tokio::test]
async fn the_case_says_when_no_label_can_be_issued_and_why() {
    let app = spawn_app().await;
    // The portal takes returns only once the shop has a return address (the helper adds one);
    // removing it afterwards leaves a waiting return that approving would send without a label.
    let shop = app.register("no-address").await;
    let order = open_order(&app, &shop, "NA-1", "CA").await;
    let ret = submit(&app, &order, 1, false, "refund").await;
    let id = id_of(&ret);
    let settings = ok(app.get("/api/v1/settings", Some(&shop.token)).await).await;
    let addresses = settings["return_addresses"].as_array().expect("addresses");
    assert!(!addresses.is_empty());
    for address in addresses {
        let id = address["id"].as_str().expect("an address id");
        let gone = app
            .client
            .delete(app.url(&format!("/api/v1/settings/return-addresses/{id}")))
            .bearer_auth(&shop.token)
            .send()
            .await
            .unwrap();
        assert!(gone.status().is_success(), "{}", gone.status());
    }
    let case = detail(&app, &shop.token, &id).await;
    assert_eq!(case["return"]["status"], "pending_review");
    assert_eq!(case["label_available"], false);
    assert_eq!(case["label_blocker"], "no_return_address");

    add_return_address(&app, &shop).await;
    let case = detail(&app, &shop.token, &id).await;
    assert_eq!(case["label_available"], true);
    assert_eq!(case["label_blocker"], Value::Null);
}

#[tokio::test]
async fn the_timeline_names_the_staff_member_who_acted_but_not_to_shoppers() {
    let app = spawn_app().await;
    let owner = app.register("named-steps").await;
    add_return_address(&app, &owner).await;
    // `add_staff` names the colleague "Colleague".
    let agent = app
        .add_staff(&owner, "agent@named-steps.example", "agent")
        .await;
    let order = open_order(&app, &owner, "NS-1", "CA").await;
    let id = id_of(&submit(&app, &order, 1, false, "refund").await);
    ok(act(&app, &agent, &id, "approve", &json!({})).await).await;

    let case = detail(&app, &owner.token, &id).await;
    let history = case["return"]["history"].as_array().unwrap();
    let submitted = &history[0];
    assert_eq!(submitted["actor"], "shopper");
    assert_eq!(submitted["staff_name"], Value::Null);
    let approved = history
        .iter()
        .find(|e| e["to"] == "approved")
        .expect("the approval");
    assert_eq!(approved["actor"], "staff");
    assert_eq!(approved["staff_id"], json!(agent.staff_id));
    assert_eq!(approved["staff_name"], "Colleague");

    // The shopper reads the same step without the person's name.
    let seen = portal_returns(&app, &order).await;
    let step = seen[0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["to"] == "approved")
        .cloned()
        .expect("the approval, as the shopper reads it");
    assert_eq!(step["staff_name"], Value::Null);
}

#[tokio::test]
async fn return_reasons_refuse_duplicates_within_a_shop() {
    let app = spawn_app().await;
    let owner = app.register("reason-dupes").await;
    let add = |en: &str, fr: &str| json!({"label_en": en, "label_fr": fr, "defective": false});

    // "Too small" is one of the default reasons: trimmed and in another case, it is the same.
    let again = app
        .post(
            "/api/v1/settings/reasons",
            Some(&owner.token),
            &add("  too SMALL ", "Vraiment trop petit"),
        )
        .await;
    let problem = assert_problem(again, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(
        field_codes(&problem),
        vec![("label_en".to_owned(), "duplicate".to_owned())]
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("Too small"),
        "{problem}"
    );
    // The French label counts too.
    let french = app
        .post(
            "/api/v1/settings/reasons",
            Some(&owner.token),
            &add("Much too small", "TROP PETIT"),
        )
        .await;
    let problem = assert_problem(french, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(problem["errors"][0]["field"], "label_fr");

    // A new label is added; renaming another reason to it is refused, renaming itself is not.
    let added = app
        .post(
            "/api/v1/settings/reasons",
            Some(&owner.token),
            &add("Colour differs", "Couleur différente"),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let added: Value = added.json().await.unwrap();
    let reasons: Value = ok(app.get("/api/v1/settings", Some(&owner.token)).await).await;
    let other = reasons["reasons"][0]["id"].as_str().unwrap().to_owned();
    let renamed = app
        .put(
            &format!("/api/v1/settings/reasons/{other}"),
            Some(&owner.token),
            &add("colour differs", "Autre libellé"),
        )
        .await;
    let problem = assert_problem(renamed, StatusCode::CONFLICT, "conflict").await;
    assert_eq!(problem["errors"][0]["field"], "label_en");
    let itself = app
        .put(
            &format!("/api/v1/settings/reasons/{}", added["id"].as_str().unwrap()),
            Some(&owner.token),
            &add("Colour Differs", "Couleur différente"),
        )
        .await;
    assert_eq!(itself.status(), StatusCode::OK);

    // Another shop has its own list.
    let other_shop = app.register("reason-dupes-2").await;
    let theirs = app
        .post(
            "/api/v1/settings/reasons",
            Some(&other_shop.token),
            &add("Colour differs", "Couleur différente"),
        )
        .await;
    assert_eq!(theirs.status(), StatusCode::CREATED);
}
