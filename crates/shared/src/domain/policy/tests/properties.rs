//! Properties of the evaluation over rules and facts no one would write by hand (stored rules
//! are validated when saved, but the engine must not rely on it: rules from before a limit,
//! dates at the edges of the calendar): it never panics, it is deterministic, a refused item
//! says why, and the fee it sets is never negative nor above what the item cost.

use super::*;
use crate::api::settings::{Resolution, ReturnMethod};
use proptest::prelude::*;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["EUR", "JPY", "KWD", "USD"]).prop_map(cur)
}

fn money() -> impl Strategy<Value = Money> {
    (
        prop_oneof![Just(i64::MIN), Just(i64::MAX), -1_000_000_i64..100_000_000],
        currency(),
    )
        .prop_map(|(minor, currency)| Money::new(minor, currency))
}

/// Any instant chrono can hold (about ±262,000 years), edges included.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let edge = DateTime::<Utc>::MAX_UTC.timestamp();
    prop_oneof![
        Just(Some(DateTime::<Utc>::MIN_UTC)),
        Just(Some(DateTime::<Utc>::MAX_UTC)),
        (1_600_000_000_i64..1_900_000_000).prop_map(|s| DateTime::from_timestamp(s, 0)),
        (-edge..edge).prop_map(|s| DateTime::from_timestamp(s, 0)),
    ]
    .prop_map(|at| at.unwrap_or_else(placed))
}

fn days() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0), Just(u32::MAX), 0_u32..4_000, any::<u32>()]
}

fn comparison() -> impl Strategy<Value = Comparison> {
    prop::sample::select(vec![
        Comparison::Below,
        Comparison::AtMost,
        Comparison::AtLeast,
        Comparison::Above,
    ])
}

fn basis() -> impl Strategy<Value = DateBasis> {
    prop::sample::select(vec![
        DateBasis::Order,
        DateBasis::Fulfilment,
        DateBasis::Delivery,
    ])
}

fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-z@. -]{0,8}|\\PC{0,6}", 0..3)
}

fn condition() -> impl Strategy<Value = Condition> {
    prop_oneof![
        words().prop_map(|tags| Condition::ProductTag { tags }),
        words().prop_map(|skus| Condition::Sku { skus }),
        prop::collection::vec(0_u128..4, 0..3).prop_map(|ids| Condition::Reason {
            reason_ids: ids.into_iter().map(Uuid::from_u128).collect(),
        }),
        any::<bool>().prop_map(|defective| Condition::ReasonDefective { defective }),
        (comparison(), money())
            .prop_map(|(compare, amount)| Condition::ItemPrice { compare, amount }),
        (comparison(), money())
            .prop_map(|(compare, amount)| Condition::OrderTotal { compare, amount }),
        (basis(), comparison(), days()).prop_map(|(basis, compare, days)| Condition::DaysSince {
            basis,
            compare,
            days,
        }),
        words().prop_map(|emails| Condition::ShopperEmail { emails }),
        words().prop_map(|domains| Condition::EmailDomain { domains }),
        (days(), comparison(), any::<u32>()).prop_map(|(within_days, compare, count)| {
            Condition::ShopperReturns {
                within_days,
                compare,
                count,
            }
        }),
        (comparison(), any::<u32>()).prop_map(|(compare, basis_points)| Condition::ReturnRate {
            compare,
            basis_points,
        }),
        words().prop_map(|tags| Condition::OrderTag { tags }),
        words().prop_map(|countries| Condition::Country { countries }),
    ]
}

fn fee() -> impl Strategy<Value = ReturnFee> {
    let charge = prop_oneof![
        money().prop_map(|amount| FeeCharge::Flat { amount }),
        any::<u32>().prop_map(|basis_points| FeeCharge::PercentOfValue { basis_points }),
        any::<u32>().prop_map(|basis_points| FeeCharge::PercentOfLabel { basis_points }),
    ];
    let waiver = prop::sample::select(vec![
        FeeWaiver::Defective,
        FeeWaiver::StoreCredit,
        FeeWaiver::Exchange,
    ]);
    (
        charge,
        proptest::option::of(money()),
        prop::collection::vec(waiver, 0..3),
    )
        .prop_map(|(charge, cap, waived_for)| ReturnFee {
            charge,
            cap,
            waived_for,
        })
}

fn effect() -> impl Strategy<Value = Effect> {
    prop_oneof![
        (basis(), days()).prop_map(|(basis, days)| Effect::Window { basis, days }),
        Just(Effect::FinalSale),
        prop::sample::subsequence(Resolution::ALL.to_vec(), 0..=4)
            .prop_map(|allowed| Effect::Resolutions { allowed }),
        prop::sample::subsequence(
            vec![ReturnMethod::PrepaidLabel, ReturnMethod::QrDropOff],
            0..=2
        )
        .prop_map(|allowed| Effect::Methods { allowed }),
        prop::sample::select(vec![
            Approval::Automatic,
            Approval::Manual,
            Approval::ManualWhenFlagged
        ])
        .prop_map(|approval| Effect::Approval { approval }),
        fee().prop_map(|fee| Effect::Fee { fee }),
        any::<bool>().prop_map(|photos| Effect::KeepItem { photos }),
        days().prop_map(|days| Effect::ExtraDays { days }),
    ]
}

fn rules() -> impl Strategy<Value = Vec<PolicyRule>> {
    prop::collection::vec(
        (
            prop::collection::vec(condition(), 0..3),
            effect(),
            any::<bool>(),
        ),
        0..8,
    )
    .prop_map(|rules| {
        rules
            .into_iter()
            .enumerate()
            .map(|(i, (conditions, effect, enabled))| PolicyRule {
                id: format!("r{i}"),
                enabled,
                conditions,
                effect,
            })
            .collect()
    })
}

fn item() -> impl Strategy<Value = ItemFacts> {
    (
        "[A-Z0-9-]{0,8}",
        words(),
        money(),
        any::<bool>(),
        proptest::option::of((0_u128..4, any::<bool>())),
    )
        .prop_map(|(sku, tags, unit_price, returnable, reason)| ItemFacts {
            sku,
            tags,
            unit_price,
            returnable,
            reason: reason.map(|(id, defective)| ReasonFacts {
                id: Uuid::from_u128(id),
                defective,
            }),
        })
}

fn order_facts() -> impl Strategy<Value = OrderFacts> {
    (
        money(),
        instant(),
        proptest::option::of(instant()),
        proptest::option::of(instant()),
        "[a-z]{0,4}@?[a-z.]{0,6}|\\PC{0,8}",
        "[A-Z]{2}",
        (
            prop::collection::vec(instant(), 0..4),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(total, placed_at, fulfilled_at, delivered_at, email, country, history)| {
                let (returns, orders, orders_returned, flagged) = history;
                OrderFacts {
                    total,
                    placed_at,
                    fulfilled_at,
                    delivered_at,
                    email,
                    country,
                    tags: vec!["vip".into()],
                    shopper: ShopperHistory {
                        returns,
                        orders,
                        orders_returned,
                        flagged,
                    },
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn evaluation_never_panics_is_deterministic_and_says_why_it_refuses(
        rules in rules(),
        item in item(),
        order in order_facts(),
        now in instant(),
    ) {
        let verdict = evaluate_item(&rules, &item, &order, now);
        prop_assert_eq!(&verdict, &evaluate_item(&rules, &item, &order, now));
        prop_assert_eq!(verdict.allowed, verdict.why_not().is_none(), "{:?}", verdict);
        if !item.returnable {
            prop_assert!(!verdict.allowed);
        }
        // Every rule a verdict names is one of the rules, and an enabled one.
        for why in &verdict.why {
            if let Some(id) = &why.rule_id {
                prop_assert!(rules.iter().any(|r| &r.id == id && r.enabled), "{}", id);
            }
        }
        let any_reason = evaluate_item_any_reason(&rules, &item, &order, &[CHANGED_MIND, BROKEN], now);
        prop_assert_eq!(
            &any_reason,
            &evaluate_item_any_reason(&rules, &item, &order, &[CHANGED_MIND, BROKEN], now)
        );
    }

    #[test]
    fn the_fee_set_for_an_item_is_never_negative_nor_above_its_price(
        rules in rules(),
        item in item(),
        order in order_facts(),
        now in instant(),
        quantity in 1_i64..5,
        label in proptest::option::of(money()),
        resolution in proptest::option::of(prop::sample::select(Resolution::ALL.to_vec())),
    ) {
        let verdict = evaluate_item(&rules, &item, &order, now);
        let price = item.unit_price;
        let value = Money::new(price.minor().saturating_mul(quantity), price.currency());
        if let Some(applied) = &verdict.fee {
            let quote = FeeQuote {
                returned_value: value,
                label_cost: label,
                resolution,
                defective: item.reason.is_some_and(|r| r.defective),
            };
            let fee = return_fee(&applied.fee, &quote);
            prop_assert!(fee.minor() >= 0, "{:?}", fee);
            prop_assert!(fee.minor() <= value.minor().max(0), "{:?} on {:?}", fee, value);
            prop_assert_eq!(fee.currency(), price.currency());
        }
        let lines = [FeeLine {
            fee: verdict.fee.clone(),
            value,
            defective: item.reason.is_some_and(|r| r.defective),
        }];
        let outcome = fee_for_return(&lines, price.currency(), label, resolution);
        prop_assert!(outcome.total.minor() >= 0);
        prop_assert!(outcome.total.minor() <= value.minor().max(0));
        prop_assert_eq!(outcome, fee_for_return(&lines, price.currency(), label, resolution));
    }
}

// The two panics the properties found, kept as plain cases.

#[test]
fn a_window_reaching_past_the_calendars_end_never_closes() {
    let rules = [PolicyRule::new(
        "far",
        vec![],
        Effect::Window {
            basis: DateBasis::Order,
            days: u32::MAX,
        },
    )];
    let verdict = evaluate_item(&rules, &coat(), &order(), placed());
    assert!(verdict.allowed, "{verdict:?}");
    assert_eq!(verdict.deadline(), Some(DateTime::<Utc>::MAX_UTC));
}

#[test]
fn a_history_period_reaching_before_the_calendars_start_counts_every_return() {
    let mut order = order();
    order.shopper.returns = vec![placed()];
    let rules = [
        PolicyRule::new(
            "serial",
            vec![Condition::ShopperReturns {
                within_days: u32::MAX,
                compare: Comparison::AtLeast,
                count: 1,
            }],
            Effect::FinalSale,
        ),
        PolicyRule::new(
            "window",
            vec![],
            Effect::Window {
                basis: DateBasis::Order,
                days: 30,
            },
        ),
    ];
    let verdict = evaluate_item(&rules, &coat(), &order, placed() + Duration::days(1));
    assert!(
        verdict.codes().contains(&PolicyCode::FinalSale),
        "{verdict:?}"
    );
}
