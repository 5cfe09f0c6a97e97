//! Each condition, and what it does with what it cannot know.

use super::*;

#[test]
fn product_tags_and_skus_match_in_any_case() {
    let (item, o) = (coat(), order());
    let tags = |t: &[&str]| Condition::ProductTag {
        tags: t.iter().map(|s| (*s).to_owned()).collect(),
    };
    assert!(holds(tags(&[" outerwear "]), &item, &o));
    assert!(holds(tags(&["sale", "OUTERWEAR"]), &item, &o));
    assert!(!holds(tags(&["sale"]), &item, &o));
    assert!(!holds(tags(&[]), &item, &o));
    assert!(holds(
        Condition::Sku {
            skus: vec!["coat-1".into()]
        },
        &item,
        &o
    ));
    assert!(!holds(
        Condition::Sku {
            skus: vec!["COAT-2".into()]
        },
        &item,
        &o
    ));
}

#[test]
fn reasons_by_id_and_by_defect_and_unknown_before_one_is_chosen() {
    let o = order();
    let mut item = coat();
    let by_id = || Condition::Reason {
        reason_ids: vec![CHANGED_MIND.id],
    };
    assert!(holds(by_id(), &item, &o));
    assert!(!holds(
        Condition::ReasonDefective { defective: true },
        &item,
        &o
    ));
    assert!(holds(
        Condition::ReasonDefective { defective: false },
        &item,
        &o
    ));
    item.reason = Some(BROKEN);
    assert!(!holds(by_id(), &item, &o));
    assert!(holds(
        Condition::ReasonDefective { defective: true },
        &item,
        &o
    ));
    item.reason = None;
    assert!(!holds(by_id(), &item, &o));
    assert!(!holds(
        Condition::ReasonDefective { defective: true },
        &item,
        &o
    ));
    assert!(!holds(
        Condition::ReasonDefective { defective: false },
        &item,
        &o
    ));
}

#[test]
fn prices_and_totals_compare_in_the_orders_currency_only() {
    let (item, o) = (coat(), order());
    let price = |compare, amount| Condition::ItemPrice { compare, amount };
    assert!(holds(price(Comparison::Below, eur(5_001)), &item, &o));
    assert!(!holds(price(Comparison::Below, eur(5_000)), &item, &o));
    assert!(holds(price(Comparison::AtMost, eur(5_000)), &item, &o));
    assert!(holds(price(Comparison::AtLeast, eur(5_000)), &item, &o));
    assert!(!holds(price(Comparison::Above, eur(5_000)), &item, &o));
    // ¥5000 is not €50, nor anything to compare with it.
    let yen = Money::new(5_000, cur("JPY"));
    assert!(!holds(price(Comparison::AtMost, yen), &item, &o));
    assert!(!holds(price(Comparison::AtLeast, yen), &item, &o));
    let total = |compare, amount| Condition::OrderTotal { compare, amount };
    assert!(holds(total(Comparison::Above, eur(10_000)), &item, &o));
    assert!(!holds(total(Comparison::Below, eur(10_000)), &item, &o));
}

#[test]
fn days_since_each_basis_and_none_before_it_happens() {
    let item = coat();
    let mut o = order();
    // Ten days after the order: 9 since fulfilment, 7 since delivery.
    let since = |basis, compare, days| Condition::DaysSince {
        basis,
        compare,
        days,
    };
    assert!(holds(
        since(DateBasis::Order, Comparison::AtLeast, 10),
        &item,
        &o
    ));
    assert!(!holds(
        since(DateBasis::Order, Comparison::Above, 10),
        &item,
        &o
    ));
    assert!(holds(
        since(DateBasis::Fulfilment, Comparison::AtMost, 9),
        &item,
        &o
    ));
    assert!(!holds(
        since(DateBasis::Fulfilment, Comparison::Below, 9),
        &item,
        &o
    ));
    assert!(holds(
        since(DateBasis::Delivery, Comparison::Below, 8),
        &item,
        &o
    ));
    o.delivered_at = None;
    o.fulfilled_at = None;
    assert!(!holds(
        since(DateBasis::Delivery, Comparison::AtLeast, 0),
        &item,
        &o
    ));
    assert!(!holds(
        since(DateBasis::Fulfilment, Comparison::AtLeast, 0),
        &item,
        &o
    ));
}

#[test]
fn shopper_email_and_domain() {
    let (item, o) = (coat(), order());
    let emails = |e: &str| Condition::ShopperEmail {
        emails: vec![e.into()],
    };
    assert!(holds(emails("ada@example.com"), &item, &o));
    assert!(!holds(emails("bob@example.com"), &item, &o));
    let domain = |d: &str| Condition::EmailDomain {
        domains: vec![d.into()],
    };
    assert!(holds(domain("example.com"), &item, &o));
    assert!(holds(domain("@EXAMPLE.com"), &item, &o));
    assert!(!holds(domain("ample.com"), &item, &o));
    let mut no_email = order();
    no_email.email = String::new();
    assert!(!holds(domain(""), &item, &no_email));
}

#[test]
fn shopper_history_counts_recent_returns_and_the_rate() {
    let item = coat();
    let now = placed() + Duration::days(10);
    let mut o = order();
    o.shopper = ShopperHistory {
        returns: vec![
            now - Duration::days(5),
            now - Duration::days(20),
            now - Duration::days(200),
        ],
        orders: 4,
        orders_returned: 3,
        flagged: false,
    };
    let returns = |within_days, compare, count| Condition::ShopperReturns {
        within_days,
        compare,
        count,
    };
    assert!(holds(returns(30, Comparison::AtLeast, 2), &item, &o));
    assert!(!holds(returns(30, Comparison::AtLeast, 3), &item, &o));
    assert!(holds(returns(365, Comparison::AtLeast, 3), &item, &o));
    assert!(holds(returns(1, Comparison::Below, 1), &item, &o));
    let rate = |compare, basis_points| Condition::ReturnRate {
        compare,
        basis_points,
    };
    // Three orders of four: 75%.
    assert!(holds(rate(Comparison::AtLeast, 7_500), &item, &o));
    assert!(!holds(rate(Comparison::Above, 7_500), &item, &o));
    o.shopper.orders = 0;
    assert!(
        !holds(rate(Comparison::AtMost, 10_000), &item, &o),
        "no orders, no rate"
    );
}

#[test]
fn order_tags_and_countries() {
    let (item, o) = (coat(), order());
    assert!(holds(
        Condition::OrderTag {
            tags: vec!["VIP".into()]
        },
        &item,
        &o
    ));
    assert!(!holds(
        Condition::OrderTag {
            tags: vec!["wholesale".into()]
        },
        &item,
        &o
    ));
    assert!(holds(
        Condition::Country {
            countries: vec!["BE".into(), "fr".into()]
        },
        &item,
        &o
    ));
    assert!(!holds(
        Condition::Country {
            countries: vec!["CA".into()]
        },
        &item,
        &o
    ));
}

#[test]
fn every_condition_of_a_rule_must_hold() {
    let (item, o) = (coat(), order());
    let now = placed() + Duration::days(10);
    let rule = |conditions| {
        vec![PolicyRule::new(
            "both",
            conditions,
            Effect::Window {
                basis: DateBasis::Order,
                days: 30,
            },
        )]
    };
    let tagged = Condition::ProductTag {
        tags: vec!["outerwear".into()],
    };
    let canadian = Condition::Country {
        countries: vec!["CA".into()],
    };
    assert!(evaluate_item(&rule(vec![tagged.clone()]), &item, &o, now).allowed);
    assert!(!evaluate_item(&rule(vec![tagged, canadian]), &item, &o, now).allowed);
    assert!(
        evaluate_item(&rule(vec![]), &item, &o, now).allowed,
        "no condition: every item"
    );
}
