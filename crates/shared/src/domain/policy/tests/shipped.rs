//! The rules shops start with: seed 004's tiers, and today's settings written as rules, which
//! must say what `return_rules` says.

use super::*;
use crate::api::settings::{NonReturnable, NonReturnableKind, ReturnsSettings};
use crate::domain::{OrderedItem, returnable_quantity};

#[test]
fn seed_004_one_month_for_shopper_reasons_six_for_defects_from_purchase() {
    let rules = default_rules();
    let o = order();
    let mut item = coat();
    let day = |n| placed() + Duration::days(n);
    // "Changed mind": one month after purchase, whatever the delivery date.
    assert!(evaluate_item(&rules, &item, &o, day(30)).allowed);
    let late = evaluate_item(&rules, &item, &o, day(31));
    assert_eq!(late.codes(), vec![PolicyCode::WindowClosed]);
    assert_eq!(late.window.as_ref().unwrap().basis, DateBasis::Order);
    assert_eq!(late.window.as_ref().unwrap().rule_id, "shopper-reasons");
    // A defect: six months.
    item.reason = Some(BROKEN);
    assert!(evaluate_item(&rules, &item, &o, day(100)).allowed);
    assert!(evaluate_item(&rules, &item, &o, day(180)).allowed);
    let v = evaluate_item(&rules, &item, &o, day(181));
    assert_eq!(v.codes(), vec![PolicyCode::WindowClosed]);
    assert_eq!(v.window.unwrap().rule_id, "defective-reasons");
    // Not delivered yet does not matter: the count is from purchase.
    let mut undelivered = order();
    undelivered.delivered_at = None;
    assert!(evaluate_item(&rules, &item, &undelivered, day(2)).allowed);
}

fn legacy_item(sku: &str, tags: &[&str], returnable: bool) -> (OrderedItem, ItemFacts) {
    let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
    (
        OrderedItem {
            id: Uuid::from_u128(9),
            sku: sku.into(),
            tags: tags.clone(),
            bought: 2,
            returnable,
            already_returned: 0,
        },
        ItemFacts {
            sku: sku.into(),
            tags,
            unit_price: eur(1_000),
            returnable,
            reason: None,
        },
    )
}

#[test]
fn todays_settings_as_rules_say_what_return_rules_says() {
    let settings = ReturnsSettings {
        return_window_days: 14,
        non_returnable: vec![
            NonReturnable {
                kind: NonReturnableKind::Sku,
                value: "gift-card".into(),
            },
            NonReturnable {
                kind: NonReturnableKind::Tag,
                value: "Final Sale".into(),
            },
        ],
        ..Default::default()
    };
    let rules = rules_from_settings(&settings);
    assert_eq!(rules.len(), 3);
    let items = [
        legacy_item("COAT-1", &["outerwear"], true),
        legacy_item("GIFT-CARD", &[], true),
        legacy_item("SCARF", &["final sale"], true),
        legacy_item("HAT", &[], false),
    ];
    let delivered = placed() + Duration::days(3);
    for delivered_at in [None, Some(delivered)] {
        let mut o = order();
        o.delivered_at = delivered_at;
        for days in [0, 5, 17, 18] {
            let now = placed() + Duration::days(days);
            for (legacy, facts) in &items {
                let before = returnable_quantity(&settings, delivered_at, now, legacy).err();
                let verdict = evaluate_item(&rules, facts, &o, now);
                assert_eq!(
                    verdict.why_not(),
                    before,
                    "{} on day {days}, delivered {delivered_at:?}",
                    facts.sku
                );
                assert_eq!(verdict.allowed, before.is_none());
            }
        }
    }
    let o = order();
    let v = evaluate_item(&rules, &items[0].1, &o, placed() + Duration::days(4));
    assert_eq!(
        v.deadline(),
        crate::domain::window_end(&settings, o.delivered_at)
    );
    assert_eq!(v.approval, None, "approval stays with the settings");
}
