//! Fees: each charge, caps, waivers, rounding in minor units, whole returns, and the property
//! that a fee is never negative nor above the value.

use super::*;
use crate::api::settings::Resolution;
use proptest::prelude::*;

fn fee(charge: FeeCharge) -> ReturnFee {
    ReturnFee {
        charge,
        cap: None,
        waived_for: vec![],
    }
}

fn quote(value: Money) -> FeeQuote {
    FeeQuote {
        returned_value: value,
        label_cost: None,
        resolution: Some(Resolution::Refund),
        defective: false,
    }
}

#[test]
fn flat_percent_of_value_and_percent_of_label() {
    let flat = fee(FeeCharge::Flat { amount: eur(500) });
    assert_eq!(return_fee(&flat, &quote(eur(5_000))), eur(500));
    let tenth = fee(FeeCharge::PercentOfValue {
        basis_points: 1_000,
    });
    assert_eq!(return_fee(&tenth, &quote(eur(5_000))), eur(500));
    let half_label = fee(FeeCharge::PercentOfLabel {
        basis_points: 5_000,
    });
    assert_eq!(
        return_fee(&half_label, &quote(eur(5_000))),
        eur(0),
        "no label"
    );
    let with_label = FeeQuote {
        label_cost: Some(eur(899)),
        ..quote(eur(5_000))
    };
    assert_eq!(
        return_fee(&half_label, &with_label),
        eur(450),
        "449.5 rounds up"
    );
}

#[test]
fn percentages_round_half_up_in_minor_units() {
    // 5% of ¥1 999 is ¥99.95: ¥100; JPY has no smaller unit.
    let five = fee(FeeCharge::PercentOfValue { basis_points: 500 });
    let jpy = |m| Money::new(m, cur("JPY"));
    assert_eq!(return_fee(&five, &quote(jpy(1_999))), jpy(100));
    assert_eq!(
        return_fee(&five, &quote(jpy(1_989))),
        jpy(99),
        "99.45 rounds down"
    );
    // 5% of €19.99 is 99.95 cents: €1.00.
    assert_eq!(return_fee(&five, &quote(eur(1_999))), eur(100));
    // 12.5% of €0.04 is half a cent: up to 1 cent.
    let eighth = fee(FeeCharge::PercentOfValue {
        basis_points: 1_250,
    });
    assert_eq!(return_fee(&eighth, &quote(eur(4))), eur(1));
    assert_eq!(percent_of(i64::MAX, 10_000), i64::MAX, "no overflow");
    assert_eq!(percent_of(-500, 1_000), 0);
    assert_eq!(percent_of(1_000, 20_000), 1_000, "never past 100%");
}

#[test]
fn caps_and_the_value_bound_the_fee() {
    let capped = ReturnFee {
        cap: Some(eur(300)),
        ..fee(FeeCharge::PercentOfValue {
            basis_points: 1_000,
        })
    };
    assert_eq!(return_fee(&capped, &quote(eur(10_000))), eur(300));
    assert_eq!(
        return_fee(&capped, &quote(eur(2_000))),
        eur(200),
        "under the cap"
    );
    let flat = fee(FeeCharge::Flat { amount: eur(1_000) });
    assert_eq!(
        return_fee(&flat, &quote(eur(400))),
        eur(400),
        "never above the value"
    );
    assert_eq!(return_fee(&flat, &quote(eur(-400))), eur(0));
    let negative = fee(FeeCharge::Flat { amount: eur(-100) });
    assert_eq!(
        return_fee(&negative, &quote(eur(400))),
        eur(0),
        "never negative"
    );
}

#[test]
fn amounts_in_another_currency_are_not_charged() {
    let flat = fee(FeeCharge::Flat { amount: eur(500) });
    let cad = Money::new(5_000, cur("CAD"));
    assert_eq!(return_fee(&flat, &quote(cad)), Money::new(0, cur("CAD")));
    let capped_in_euros = ReturnFee {
        cap: Some(eur(100)),
        ..fee(FeeCharge::PercentOfValue {
            basis_points: 1_000,
        })
    };
    assert_eq!(
        return_fee(&capped_in_euros, &quote(cad)),
        Money::new(500, cur("CAD")),
        "a cap in another currency does not apply"
    );
}

#[test]
fn waivers_for_defects_store_credit_and_exchanges() {
    let waived = ReturnFee {
        waived_for: vec![
            FeeWaiver::Defective,
            FeeWaiver::StoreCredit,
            FeeWaiver::Exchange,
        ],
        ..fee(FeeCharge::Flat { amount: eur(500) })
    };
    let base = quote(eur(5_000));
    assert_eq!(return_fee(&waived, &base), eur(500), "a refund pays");
    for q in [
        FeeQuote {
            defective: true,
            ..base
        },
        FeeQuote {
            resolution: Some(Resolution::StoreCredit),
            ..base
        },
        FeeQuote {
            resolution: Some(Resolution::Replacement),
            ..base
        },
    ] {
        assert_eq!(return_fee(&waived, &q), eur(0), "{q:?}");
    }
    let only_defects = ReturnFee {
        waived_for: vec![FeeWaiver::Defective],
        ..fee(FeeCharge::Flat { amount: eur(500) })
    };
    let credit = FeeQuote {
        resolution: Some(Resolution::StoreCredit),
        ..base
    };
    assert_eq!(return_fee(&only_defects, &credit), eur(500));
}

fn line(rule: &str, fee: &ReturnFee, value: i64, defective: bool) -> FeeLine {
    FeeLine {
        fee: Some(AppliedFee {
            rule_id: rule.into(),
            fee: fee.clone(),
        }),
        value: eur(value),
        defective,
    }
}

#[test]
fn a_return_pays_each_rules_fee_once_on_its_lines() {
    let flat = fee(FeeCharge::Flat { amount: eur(500) });
    let tenth = ReturnFee {
        waived_for: vec![FeeWaiver::Defective],
        ..fee(FeeCharge::PercentOfValue {
            basis_points: 1_000,
        })
    };
    let lines = [
        line("flat", &flat, 3_000, false),
        line("flat", &flat, 2_000, false),
        line("tenth", &tenth, 4_000, false),
        line("tenth", &tenth, 6_000, true),
        FeeLine {
            fee: None,
            value: eur(9_999),
            defective: false,
        },
    ];
    let out = fee_for_return(&lines, cur("EUR"), None, Some(Resolution::Refund));
    assert_eq!(
        out.parts,
        vec![
            FeePart {
                rule_id: "flat".into(),
                amount: eur(500)
            },
            FeePart {
                rule_id: "tenth".into(),
                amount: eur(400)
            },
        ],
        "one flat fee; the defective line is out of the percentage"
    );
    assert_eq!(out.total, eur(900));
    let only_defects = [line("tenth", &tenth, 6_000, true)];
    let out = fee_for_return(&only_defects, cur("EUR"), None, None);
    assert_eq!(out.total, eur(0));
    assert!(out.parts.is_empty());
}

#[test]
fn a_partial_return_pays_on_what_comes_back() {
    // Two of five €20 units come back: 10% of €40.
    let tenth = fee(FeeCharge::PercentOfValue {
        basis_points: 1_000,
    });
    let lines = [line("tenth", &tenth, eur(2_000).times(2).minor(), false)];
    let out = fee_for_return(&lines, cur("EUR"), None, Some(Resolution::Refund));
    assert_eq!(out.total, eur(400));
}

#[test]
fn two_fees_never_take_more_than_the_return_is_worth() {
    let flat = fee(FeeCharge::Flat { amount: eur(800) });
    let other = fee(FeeCharge::Flat { amount: eur(800) });
    let lines = [
        line("a", &flat, 1_000, false),
        line("b", &other, 500, false),
    ];
    let out = fee_for_return(&lines, cur("EUR"), None, None);
    assert_eq!(out.total, eur(1_300));
    let lines = [line("a", &flat, 700, false), line("b", &other, 500, false)];
    assert_eq!(
        fee_for_return(&lines, cur("EUR"), None, None).total,
        eur(1_200)
    );
}

fn any_charge() -> impl Strategy<Value = FeeCharge> {
    prop_oneof![
        (-1_000_000_i64..1_000_000).prop_map(|m| FeeCharge::Flat { amount: eur(m) }),
        (0_u32..20_000).prop_map(|bp| FeeCharge::PercentOfValue { basis_points: bp }),
        (0_u32..20_000).prop_map(|bp| FeeCharge::PercentOfLabel { basis_points: bp }),
    ]
}

proptest! {
    #[test]
    fn a_fee_is_never_negative_nor_above_the_value(
        charge in any_charge(),
        cap in proptest::option::of(-1_000_000_i64..1_000_000),
        value in -1_000_000_i64..i64::MAX / 2,
        label in proptest::option::of(-1_000_000_i64..i64::MAX / 2),
        defective in any::<bool>(),
    ) {
        let f = ReturnFee { charge, cap: cap.map(eur), waived_for: vec![] };
        let q = FeeQuote {
            returned_value: eur(value),
            label_cost: label.map(eur),
            resolution: None,
            defective,
        };
        let got = return_fee(&f, &q);
        prop_assert!(got.minor() >= 0);
        prop_assert!(got.minor() <= value.max(0));
        if let Some(cap) = cap {
            prop_assert!(got.minor() <= cap.max(0));
        }
        prop_assert_eq!(got.currency(), cur("EUR"));
    }

    #[test]
    fn a_returns_fee_is_never_negative_nor_above_its_worth(
        lines in proptest::collection::vec((any_charge(), 0_u8..3, -10_000_i64..1_000_000, any::<bool>()), 0..6),
    ) {
        let lines: Vec<FeeLine> = lines
            .into_iter()
            .map(|(charge, rule, value, defective)| line(&format!("r{rule}"), &fee(charge), value, defective))
            .collect();
        let worth: i64 = lines.iter().map(|l| l.value.minor().max(0)).sum();
        let out = fee_for_return(&lines, cur("EUR"), Some(eur(700)), None);
        prop_assert!(out.total.minor() >= 0);
        prop_assert!(out.total.minor() <= worth);
    }
}
