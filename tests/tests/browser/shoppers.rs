//! The Shoppers page: the demo shop's top returners, nobody flagged until the manager sets a
//! threshold; a wrong threshold is named under its field; once saved, the shoppers past it
//! carry the "Flagged" badge with the reason.

use rebound_e2e::spawn_app;
use serde_json::json;

#[tokio::test]
async fn a_threshold_flags_the_shoppers_past_it() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/shoppers").await;
    app.see("Top returners, last twelve months").await;
    let unflagged = app
        .wait_js(
            "the shoppers, none flagged",
            "const rows = [...document.querySelectorAll('.shopper-row')];
             return rows.length > 0
               ? 'flagged: ' + rows.filter(r => r.dataset.flagged === 'true').length : null;",
            vec![],
        )
        .await;
    assert_eq!(
        unflagged,
        json!("flagged: 0"),
        "no threshold set, nobody flagged"
    );
    app.see("No threshold is set yet: nobody is flagged.").await;

    // A count of zero is refused under its field, before anything is sent.
    app.fill("“Not received” claims, at least", "0").await;
    app.submit().await;
    let said = app
        .wait_js(
            "the claims field's error",
            "const e = document.getElementById('not_received_at_least-error');
             return e && e.innerText.trim() || null;",
            vec![],
        )
        .await;
    assert_eq!(
        said,
        json!("Enter a whole number from 1 to 10000, or leave it empty.")
    );
    app.fill("“Not received” claims, at least", "5").await;

    app.fill("Returns in 12 months, at least", "1").await;
    app.submit().await;
    app.see("Thresholds saved.").await;
    let flagged = app
        .wait_js(
            "a flagged shopper with its badge and reason",
            "const row = document.querySelector('.shopper-row[data-flagged=true]');
             if (!row) return null;
             const badge = row.querySelector('.badge-risk');
             const reason = row.querySelector('li');
             return badge && reason ? [badge.innerText.trim(), reason.innerText.trim()] : null;",
            vec![],
        )
        .await;
    assert_eq!(flagged[0], json!("Flagged"));
    let reason = flagged[1].as_str().unwrap();
    // "1 return", "2 returns": the count agrees with its noun.
    let (figure, rest) = reason.split_once(' ').unwrap_or_default();
    let noun = if figure == "1" { "return" } else { "returns" };
    assert!(figure.parse::<u32>().is_ok_and(|n| n >= 1), "{reason}");
    assert_eq!(rest, format!("{noun} in 12 months (threshold 1)"));
    app.shot("shoppers-1280").await;
    app.finish().await;
}

/// The owner erases a demo shopper from the "Data requests" card: the confirmation says what
/// stays and what goes (and passes axe), and the answer says what was anonymised.
#[tokio::test]
async fn the_owner_erases_a_shopper_after_confirming() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    app.open("/dashboard/shoppers").await;
    app.see("Data requests").await;
    app.fill("Shopper's email", "lucas@example.com").await;
    app.click_text("Erase data").await;
    app.see("This cannot be undone.").await;
    app.check_accessibility("shoppers-erase-confirmation").await;
    app.click_text("Yes, erase").await;
    app.see("Data erased. Orders anonymised: ").await;
    app.shot("shoppers-erased-1280").await;
    app.finish().await;
}
