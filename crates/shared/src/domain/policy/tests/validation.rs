//! What may be saved, each refusal naming its field.

use super::*;

fn fields(rules: &[PolicyRule]) -> Vec<(String, &'static str)> {
    validate_rules(rules, cur("EUR"))
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

#[test]
fn the_shipped_rules_are_valid() {
    assert!(fields(&default_rules()).is_empty());
}

#[test]
fn ids_unique_windows_and_percents_in_range_fees_in_the_shops_currency() {
    let fee = |charge, cap| Effect::Fee {
        fee: ReturnFee {
            charge,
            cap,
            waived_for: vec![],
        },
    };
    let rules = vec![
        PolicyRule::new(
            "a",
            vec![],
            Effect::Window {
                basis: DateBasis::Order,
                days: 0,
            },
        ),
        PolicyRule::new("a", vec![], Effect::ExtraDays { days: 3_651 }),
        PolicyRule::new(
            "c",
            vec![],
            fee(
                FeeCharge::PercentOfValue {
                    basis_points: 10_001,
                },
                Some(Money::new(100, cur("CAD"))),
            ),
        ),
        PolicyRule::new(
            " d",
            vec![Condition::Sku { skus: vec![] }],
            fee(FeeCharge::Flat { amount: eur(-1) }, None),
        ),
        PolicyRule::new(
            "e",
            vec![Condition::Country {
                countries: vec!["fr".into()],
            }],
            Effect::Resolutions { allowed: vec![] },
        ),
    ];
    assert_eq!(
        fields(&rules),
        vec![
            ("rules[0].effect.days".into(), "range"),
            ("rules[1].id".into(), "duplicate"),
            ("rules[1].effect.days".into(), "range"),
            ("rules[2].effect.fee.charge.basis_points".into(), "range"),
            ("rules[2].effect.fee.cap".into(), "currency"),
            ("rules[3].id".into(), "length"),
            ("rules[3].conditions[0].skus".into(), "required"),
            ("rules[3].effect.fee.charge.amount".into(), "range"),
            ("rules[4].conditions[0].countries[0]".into(), "country"),
            ("rules[4].effect.allowed".into(), "required"),
        ]
    );
    let longest = PolicyRule::new(
        "w",
        vec![],
        Effect::Window {
            basis: DateBasis::Delivery,
            days: WINDOW_DAYS_MAX,
        },
    );
    assert!(fields(&[longest]).is_empty());
}
