//! The weekly summary by mail: owners and managers opt in (agents and API keys cannot), the
//! pass run for a given week queues one mail per reader whatever how often it runs, the mail
//! reaches a real SMTP listener in the reader's language with the very figures the cards'
//! endpoints give for that week, and another shop's data never shows.

use crate::analytics::{open_order_delivered, reasons, requested_at, submit};
use crate::helpers::{Account, TestApp, assert_problem, spawn_app_with};
use crate::return_queue::{act, ok, open_order, walk_to_inspected};
use crate::smtp::{Received, SmtpServer};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rebound_api::db::entities::outbox;
use rebound_api::notify::Links;
use rebound_api::services::analytics::weekly_summary::queue_weekly_summaries;
use rebound_shared::domain::{Lang, Money};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const SECRET: &[u8] = b"test-secret-test-secret-test-secret";

async fn set(app: &TestApp, who: &Account, body: &Value) -> reqwest::Response {
    app.put("/api/v1/me/weekly-summary", Some(&who.token), body)
        .await
}

async fn card(app: &TestApp, shop: &Account, name: &str, from: NaiveDate) -> Value {
    let to = from + Duration::days(6);
    ok(app
        .get(
            &format!("/api/v1/analytics/{name}?from={from}&to={to}"),
            Some(&shop.token),
        )
        .await)
    .await
}

/// Every weekly summary sent so far (`count` of them, waited for), by recipient.
async fn summaries(app: &TestApp, smtp: &SmtpServer, week: &str, count: u64) -> Vec<Received> {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let sent = outbox::Entity::find()
            .filter(outbox::Column::Event.eq("weekly_summary"))
            .filter(outbox::Column::Status.eq("sent"))
            .count(&app.db)
            .await
            .unwrap();
        if sent >= count {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "{sent} sent");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    smtp.messages()
        .into_iter()
        .filter(|m| m.parsed().subject().is_some_and(|s| s.contains(week)))
        .collect()
}

fn text(m: &Received) -> String {
    m.parsed().body_text(0).unwrap_or_default().into_owned()
}

fn html(m: &Received) -> String {
    m.parsed().body_html(0).unwrap_or_default().into_owned()
}

fn percent_fr(bp: &Value) -> String {
    match bp.as_u64() {
        Some(bp) => format!("{},{} %", bp / 100, (bp % 100) / 10),
        None => "—".to_owned(),
    }
}

fn money_fr(card: &Value, currency: &str, field: &str) -> String {
    let minor = card["money"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["currency"] == currency)
        .map_or(0, |m| m[field].as_i64().unwrap());
    Money::show(minor, currency, Lang::Fr)
}

#[tokio::test]
async fn an_opted_in_owner_gets_one_summary_with_the_cards_figures_and_nothing_of_another_shop() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let shop = app.register("weekly-shop").await;
    let manager = app
        .add_staff(&shop, "manager@weekly-shop.example", "manager")
        .await;
    let agent = app
        .add_staff(&shop, "agent@weekly-shop.example", "agent")
        .await;

    // Off by default; agents may not turn it on; the owner turns it on in French, a manager
    // turns it on then off again.
    let off = ok(app
        .get("/api/v1/me/weekly-summary", Some(&shop.token))
        .await)
    .await;
    assert_eq!(off, json!({"enabled": false, "locale": "en"}));
    assert_problem(
        set(&app, &agent, &json!({"enabled": true})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/me/weekly-summary", Some(&agent.token))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let on = ok(set(&app, &shop, &json!({"enabled": true, "locale": "fr"})).await).await;
    assert_eq!(on, json!({"enabled": true, "locale": "fr"}));
    ok(set(&app, &manager, &json!({"enabled": true, "locale": "en"})).await).await;
    let manager_off = ok(set(&app, &manager, &json!({"enabled": false})).await).await;
    assert_eq!(manager_off["enabled"], false);
    assert_eq!(
        ok(app
            .get("/api/v1/me/weekly-summary", Some(&shop.token))
            .await)
        .await,
        json!({"enabled": true, "locale": "fr"})
    );

    // This week: R1 (CAD, one coat, 40.00 of it refunded, with its care plan), R2 (EUR, two coats and the hat,
    // store credit), R3 (the hat, waiting). The week before: R5 (one coat, waiting).
    let o1 = open_order(&app, &shop, "7001", "CA").await;
    let (reason_a, reason_b, _) = reasons(&app, &o1).await;
    let o2 = open_order(&app, &shop, "7002", "FR").await;
    let o3 = open_order(&app, &shop, "7003", "CA").await;
    let r1 = submit(&app, &o1, &[("COAT", 1, &reason_a)], "refund").await;
    let inspected = walk_to_inspected(&app, &shop, &r1).await;
    let line = inspected["return"]["items"][0]["id"].clone();
    ok(act(
        &app,
        &shop,
        &r1,
        "refund",
        &json!({"items": [{"return_item_id": line, "amount_minor": 4000}],
            "reason": "returned_item"}),
    )
    .await)
    .await;
    let r2 = submit(
        &app,
        &o2,
        &[("COAT", 2, &reason_a), ("HAT", 1, &reason_b)],
        "store_credit",
    )
    .await;
    walk_to_inspected(&app, &shop, &r2).await;
    ok(act(&app, &shop, &r2, "store-credit", &json!({})).await).await;
    submit(&app, &o3, &[("HAT", 1, &reason_b)], "refund").await;
    let o5 = open_order_delivered(&app, &shop, "7005", 7).await;
    let r5 = submit(&app, &o5, &[("COAT", 1, &reason_a)], "refund").await;
    requested_at(&app, &r5, Utc::now() - Duration::days(7)).await;

    // Another shop, its owner opted in (English): a refund of 200.00 CAD (and the care plans)
    // that must stay its own.
    let other = app.register("weekly-other").await;
    ok(set(&app, &other, &json!({"enabled": true, "locale": "en"})).await).await;
    let ob = open_order(&app, &other, "7001", "CA").await;
    let (other_reason, _, _) = reasons(&app, &ob).await;
    let rb = submit(&app, &ob, &[("COAT", 2, &other_reason)], "refund").await;
    let inspected = walk_to_inspected(&app, &other, &rb).await;
    let line = inspected["return"]["items"][0]["id"].clone();
    ok(act(
        &app,
        &other,
        &rb,
        "refund",
        &json!({"items": [{"return_item_id": line, "amount_minor": 20000}],
            "reason": "returned_item"}),
    )
    .await)
    .await;

    // The pass for this week, as the worker runs it next Monday; the week before it ended
    // before anyone opted in, so a pass for it sends nothing.
    let today = Utc::now().date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let next_monday = (monday + Duration::days(7))
        .and_time(NaiveTime::MIN)
        .and_utc();
    let links = Links::new(&app.address, SECRET);
    let earlier = monday.and_time(NaiveTime::MIN).and_utc() + Duration::hours(1);
    assert_eq!(
        queue_weekly_summaries(&app.db, &links, earlier)
            .await
            .unwrap(),
        0
    );
    let at = next_monday + Duration::hours(1);
    assert_eq!(
        queue_weekly_summaries(&app.db, &links, at).await.unwrap(),
        2
    );
    // Again, and again later that week: nothing more.
    assert_eq!(
        queue_weekly_summaries(&app.db, &links, at).await.unwrap(),
        0
    );
    assert_eq!(
        queue_weekly_summaries(&app.db, &links, at + Duration::days(3))
            .await
            .unwrap(),
        0
    );
    let week = format!(
        "{}-W{:02}",
        monday.iso_week().year(),
        monday.iso_week().week()
    );
    let got = summaries(&app, &smtp, &week, 2).await;
    let to = |who: &str| -> Vec<&Received> {
        got.iter()
            .filter(|m| m.to.iter().any(|t| t == who))
            .collect()
    };
    assert_eq!(got.len(), 2, "one each for the two owners");
    assert!(to("manager@weekly-shop.example").is_empty());
    assert!(to("agent@weekly-shop.example").is_empty());
    let mine = to("owner@weekly-shop.example");
    assert_eq!(mine.len(), 1);
    let body = text(mine[0]);
    let subject = mine[0].parsed().subject().unwrap_or_default().to_owned();
    assert!(
        subject.starts_with("Shop weekly-shop : votre semaine de retours"),
        "{subject}"
    );

    // Every figure is the cards' own for the same week.
    let rate = card(&app, &shop, "return-rate", monday).await;
    assert_eq!(rate["total"]["returned_orders"], 3, "{rate}");
    assert_eq!(rate["previous"]["returned_orders"], 1, "{rate}");
    for line in [
        format!(
            "Commandes avec un retour demandé : {} (semaine précédente : {})",
            rate["total"]["returned_orders"], rate["previous"]["returned_orders"]
        ),
        format!(
            "Articles retournés : {} (semaine précédente : {})",
            rate["total"]["returned_units"], rate["previous"]["returned_units"]
        ),
        format!(
            "Taux de retour (commandes livrées) : {} (semaine précédente : {})",
            percent_fr(&rate["total"]["order_rate_basis_points"]),
            percent_fr(&rate["previous"]["order_rate_basis_points"])
        ),
    ] {
        assert!(body.contains(&line), "{line}\n---\n{body}");
    }
    let reasons_card = card(&app, &shop, "reasons", monday).await;
    let top = reasons_card["reasons"].as_array().unwrap();
    assert!(!top.is_empty());
    for r in top.iter().take(3) {
        let line = format!(
            "- {} : {} ({})",
            r["label_fr"].as_str().unwrap(),
            r["units"],
            percent_fr(&r["share_basis_points"])
        );
        assert!(body.contains(&line), "{line}\n---\n{body}");
    }
    let money = card(&app, &shop, "resolutions", monday).await;
    let money_before = card(&app, &shop, "resolutions", monday - Duration::days(7)).await;
    // 40.00 for the coat and its 15.00 care plan, which goes back with it.
    assert_eq!(
        money_fr(&money, "CAD", "refunded_minor"),
        Money::show(5500, "CAD", Lang::Fr)
    );
    for currency in ["CAD", "EUR"] {
        let line = format!(
            "- {currency} : remboursé {} (semaine précédente : {}), conservé {} (semaine précédente : {})",
            money_fr(&money, currency, "refunded_minor"),
            money_fr(&money_before, currency, "refunded_minor"),
            money_fr(&money, currency, "revenue_kept_minor"),
            money_fr(&money_before, currency, "revenue_kept_minor"),
        );
        assert!(body.contains(&line), "{line}\n---\n{body}");
    }
    let speed = card(&app, &shop, "speed", monday).await;
    let median = speed["to_resolution"]["median_hours"]
        .as_f64()
        .map_or("—".to_owned(), |h| format!("{h:.1} h").replace('.', ","));
    assert!(
        body.contains(&format!("Délai médian jusqu'à la résolution : {median}")),
        "{median}\n---\n{body}"
    );
    let waiting = speed["waiting"].as_array().unwrap();
    assert!(!waiting.is_empty());
    for w in waiting.iter().take(3) {
        let number = w["number"].as_str().unwrap();
        assert!(
            body.contains(&format!("- {number}, demandé le")),
            "{number}\n---\n{body}"
        );
    }
    // Nothing of the other shop: not its refund, not its shop name.
    let other_money = card(&app, &other, "resolutions", monday).await;
    let other_refunded = other_money["money"][0]["refunded_minor"].as_i64().unwrap();
    assert!(other_refunded >= 20000, "{other_money}");
    assert!(
        !body.contains(&Money::show(other_refunded, "CAD", Lang::Fr)),
        "{body}"
    );
    assert!(!body.contains("weekly-other"), "{body}");
    // Both parts, the Analytics page's link and how to stop it.
    assert!(body.contains("/dashboard/analytics"), "{body}");
    assert!(
        body.contains("décochez « M'envoyer un résumé chaque semaine »"),
        "{body}"
    );
    let page = html(mine[0]);
    assert!(page.contains("/dashboard/analytics"), "{page}");
    assert!(page.contains("Commandes avec un retour demandé"), "{page}");

    // The other owner's mail, in English, has their figures only.
    let theirs = to("owner@weekly-other.example");
    assert_eq!(theirs.len(), 1);
    let body = text(theirs[0]);
    assert!(
        body.contains("Orders with a return requested: 1 (week before: 0)"),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "refunded {}",
            Money::show(other_refunded, "CAD", Lang::En)
        )),
        "{body}"
    );
    assert!(!body.contains("EUR"), "{body}");
    assert!(
        body.contains("untick \"Email me a weekly summary\""),
        "{body}"
    );
}
