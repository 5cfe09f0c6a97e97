//! The shopper portal's front page: the shop's colours, the language switch, the not-found
//! pages.

use rebound_e2e::{DEMO_COMPANY, DEMO_PRIMARY, DEMO_SLUG, spawn_app};

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
