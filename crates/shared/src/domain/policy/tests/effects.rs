//! Each effect, rule order, disabled rules, and the verdict before a reason is chosen.

use super::*;
use crate::api::settings::{ApprovalMode, Resolution, ReturnMethod};
use crate::domain::NotReturnable;

fn window(id: &str, basis: DateBasis, days: u32) -> PolicyRule {
    PolicyRule::new(id, vec![], Effect::Window { basis, days })
}

fn always(id: &str, effect: Effect) -> PolicyRule {
    PolicyRule::new(id, vec![], effect)
}

fn at(days: i64) -> DateTime<Utc> {
    placed() + Duration::days(days)
}

#[test]
fn a_window_counts_from_its_basis_to_the_second() {
    let (item, o) = (coat(), order());
    let rules = [window("w", DateBasis::Delivery, 30)];
    let deadline = placed() + Duration::days(33);
    let open = evaluate_item(&rules, &item, &o, deadline);
    assert!(open.allowed);
    assert_eq!(open.deadline(), Some(deadline));
    assert_eq!(open.codes(), vec![PolicyCode::Window]);
    let late = evaluate_item(&rules, &item, &o, deadline + Duration::seconds(1));
    assert!(!late.allowed);
    assert_eq!(late.codes(), vec![PolicyCode::WindowClosed]);
    assert_eq!(late.why_not(), Some(NotReturnable::WindowClosed));
    assert_eq!(late.why[0].rule_id.as_deref(), Some("w"));

    for (basis, start) in [(DateBasis::Order, 0), (DateBasis::Fulfilment, 1)] {
        let v = evaluate_item(&[window("w", basis, 30)], &item, &o, at(1));
        assert_eq!(v.deadline(), Some(at(start + 30)), "{basis:?}");
    }
}

#[test]
fn a_window_that_has_not_started_refuses() {
    let item = coat();
    let mut o = order();
    o.delivered_at = None;
    let v = evaluate_item(&[window("w", DateBasis::Delivery, 30)], &item, &o, at(2));
    assert_eq!(v.codes(), vec![PolicyCode::NotDelivered]);
    assert_eq!(v.why_not(), Some(NotReturnable::NotDelivered));
    assert_eq!(v.deadline(), None);
    o.fulfilled_at = None;
    let v = evaluate_item(&[window("w", DateBasis::Fulfilment, 30)], &item, &o, at(2));
    assert_eq!(v.codes(), vec![PolicyCode::NotFulfilled]);
    let v = evaluate_item(&[window("w", DateBasis::Order, 30)], &item, &o, at(2));
    assert!(v.allowed, "an order always has its date");
}

#[test]
fn no_window_no_return() {
    let v = evaluate_item(&[], &coat(), &order(), at(1));
    assert!(!v.allowed);
    assert_eq!(v.codes(), vec![PolicyCode::NoWindow]);
    assert_eq!(v.why_not(), Some(NotReturnable::NotReturnable));
    assert_eq!(v.approval, None);
    assert_eq!(v.resolutions, None);
}

#[test]
fn final_sale_and_the_shops_flag_refuse_whatever_the_window() {
    let (mut item, o) = (coat(), order());
    let rules = [
        PolicyRule::new(
            "sale",
            vec![Condition::ProductTag {
                tags: vec!["outerwear".into()],
            }],
            Effect::FinalSale,
        ),
        window("w", DateBasis::Delivery, 30),
    ];
    let v = evaluate_item(&rules, &item, &o, at(40));
    assert!(!v.allowed);
    assert_eq!(
        v.codes(),
        vec![PolicyCode::FinalSale, PolicyCode::WindowClosed]
    );
    assert_eq!(v.why_not(), Some(NotReturnable::NotReturnable));
    item.tags.clear();
    item.returnable = false;
    let v = evaluate_item(&rules, &item, &o, at(5));
    assert_eq!(
        v.codes(),
        vec![PolicyCode::NotReturnable, PolicyCode::Window]
    );
    assert!(!v.allowed);
}

#[test]
fn resolutions_methods_approval_fee_and_keep_are_carried() {
    let fee = ReturnFee {
        charge: FeeCharge::Flat { amount: eur(500) },
        cap: None,
        waived_for: vec![],
    };
    let rules = [
        window("w", DateBasis::Delivery, 30),
        always(
            "credit",
            Effect::Resolutions {
                allowed: vec![Resolution::StoreCredit],
            },
        ),
        always(
            "qr",
            Effect::Methods {
                allowed: vec![ReturnMethod::QrDropOff],
            },
        ),
        always(
            "auto",
            Effect::Approval {
                approval: Approval::Automatic,
            },
        ),
        always("fee", Effect::Fee { fee: fee.clone() }),
        always("keep", Effect::KeepItem { photos: true }),
    ];
    let v = evaluate_item(&rules, &coat(), &order(), at(5));
    assert!(v.allowed);
    assert_eq!(v.resolutions, Some(vec![Resolution::StoreCredit]));
    assert_eq!(v.methods, Some(vec![ReturnMethod::QrDropOff]));
    assert_eq!(v.approval, Some(ApprovalMode::Automatic));
    assert_eq!(
        v.fee,
        Some(AppliedFee {
            rule_id: "fee".into(),
            fee
        })
    );
    assert!(v.keep_item);
    assert!(v.keep_item_photos);
    assert_eq!(
        v.codes(),
        vec![
            PolicyCode::Window,
            PolicyCode::ResolutionsLimited,
            PolicyCode::MethodsLimited,
            PolicyCode::AutomaticApproval,
            PolicyCode::Fee,
            PolicyCode::KeepItem,
        ]
    );
}

#[test]
fn manual_when_flagged_reviews_only_flagged_shoppers() {
    let rules = [
        window("w", DateBasis::Delivery, 30),
        always(
            "risk",
            Effect::Approval {
                approval: Approval::ManualWhenFlagged,
            },
        ),
    ];
    let mut o = order();
    let v = evaluate_item(&rules, &coat(), &o, at(5));
    assert_eq!(v.approval, Some(ApprovalMode::Automatic));
    o.shopper.flagged = true;
    let v = evaluate_item(&rules, &coat(), &o, at(5));
    assert_eq!(v.approval, Some(ApprovalMode::Manual));
    assert!(v.codes().contains(&PolicyCode::ManualReview));
    let manual = [always(
        "m",
        Effect::Approval {
            approval: Approval::Manual,
        },
    )];
    assert_eq!(
        evaluate_item(&manual, &coat(), &order(), at(5)).approval,
        Some(ApprovalMode::Manual)
    );
}

#[test]
fn extra_days_lengthen_the_window_wherever_they_sit() {
    let vip = PolicyRule::new(
        "vip",
        vec![Condition::OrderTag {
            tags: vec!["vip".into()],
        }],
        Effect::ExtraDays { days: 30 },
    );
    let rules = [window("w", DateBasis::Delivery, 30), vip];
    let v = evaluate_item(&rules, &coat(), &order(), at(50));
    assert!(v.allowed);
    assert_eq!(v.deadline(), Some(at(63)));
    assert_eq!(v.codes(), vec![PolicyCode::Window, PolicyCode::ExtraDays]);
    let w = v.window.unwrap();
    assert_eq!((w.days, w.extra_days), (30, 30));
    // Extra days without a window give no window.
    let v = evaluate_item(&rules[1..], &coat(), &order(), at(5));
    assert_eq!(v.codes(), vec![PolicyCode::NoWindow]);
}

#[test]
fn the_first_matching_rule_of_each_kind_wins() {
    let vip = PolicyRule::new(
        "vip",
        vec![Condition::OrderTag {
            tags: vec!["vip".into()],
        }],
        Effect::Window {
            basis: DateBasis::Delivery,
            days: 60,
        },
    );
    let everyone = window("everyone", DateBasis::Delivery, 30);
    let (item, mut o) = (coat(), order());
    let v = evaluate_item(&[vip.clone(), everyone.clone()], &item, &o, at(40));
    assert!(v.allowed);
    assert_eq!(v.window.as_ref().unwrap().rule_id, "vip");
    // The other way round, the general rule decides first and the exception is never read.
    let v = evaluate_item(&[everyone.clone(), vip.clone()], &item, &o, at(40));
    assert!(!v.allowed);
    assert_eq!(v.window.as_ref().unwrap().rule_id, "everyone");
    // A rule that does not match leaves the kind to the next.
    o.tags.clear();
    let v = evaluate_item(&[vip, everyone], &item, &o, at(20));
    assert_eq!(v.window.as_ref().unwrap().rule_id, "everyone");
}

#[test]
fn disabled_rules_never_match() {
    let mut off = window("off", DateBasis::Delivery, 365);
    off.enabled = false;
    let mut sale = always("sale", Effect::FinalSale);
    sale.enabled = false;
    let rules = [off, sale, window("on", DateBasis::Delivery, 30)];
    let v = evaluate_item(&rules, &coat(), &order(), at(5));
    assert!(v.allowed);
    assert_eq!(v.window.unwrap().rule_id, "on");
}

#[test]
fn before_a_reason_is_chosen_the_most_generous_reason_decides() {
    let rules = default_rules();
    let mut item = coat();
    item.reason = None;
    let reasons = [CHANGED_MIND, BROKEN];
    let v = evaluate_item_any_reason(&rules, &item, &order(), &reasons, at(100));
    assert!(v.allowed, "a defect may still come back at 100 days");
    assert_eq!(v.deadline(), Some(at(180)));
    let v = evaluate_item_any_reason(&rules, &item, &order(), &reasons, at(10));
    assert_eq!(v.deadline(), Some(at(180)), "the later deadline of the two");
    let v = evaluate_item_any_reason(&rules, &item, &order(), &reasons, at(200));
    assert_eq!(v.codes(), vec![PolicyCode::WindowClosed]);
    let v = evaluate_item_any_reason(&rules, &item, &order(), &[], at(1));
    assert_eq!(
        v.codes(),
        vec![PolicyCode::NoWindow],
        "no reason, no reason rule"
    );
}

#[test]
fn rules_travel_as_tagged_snake_case_json() {
    let rule = PolicyRule::new(
        "defective",
        vec![Condition::ReasonDefective { defective: true }],
        Effect::Fee {
            fee: ReturnFee {
                charge: FeeCharge::PercentOfValue {
                    basis_points: 1_000,
                },
                cap: Some(eur(1_500)),
                waived_for: vec![FeeWaiver::StoreCredit],
            },
        },
    );
    let json = serde_json::to_value(&rule).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "defective",
            "enabled": true,
            "conditions": [{"kind": "reason_defective", "defective": true}],
            "effect": {"kind": "fee", "fee": {
                "charge": {"kind": "percent_of_value", "basis_points": 1000},
                "cap": {"minor": 1500, "currency": "EUR"},
                "waived_for": ["store_credit"],
            }},
        })
    );
    assert_eq!(serde_json::from_value::<PolicyRule>(json).unwrap(), rule);
    let verdict = evaluate_item(&default_rules(), &coat(), &order(), at(1));
    let back: ItemVerdict =
        serde_json::from_str(&serde_json::to_string(&verdict).unwrap()).unwrap();
    assert_eq!(back, verdict);
}
