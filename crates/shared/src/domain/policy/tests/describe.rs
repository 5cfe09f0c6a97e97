//! Rules read as sentences, in English and French.

use super::*;
use crate::api::settings::Resolution;
use crate::domain::Lang;

fn both(rule: &PolicyRule) -> (String, String) {
    (describe_rule(rule, Lang::En), describe_rule(rule, Lang::Fr))
}

#[test]
fn a_defective_window_reads_as_a_sentence() {
    let rule = PolicyRule::new(
        "d",
        vec![Condition::ReasonDefective { defective: true }],
        Effect::Window {
            basis: DateBasis::Delivery,
            days: 180,
        },
    );
    assert_eq!(
        both(&rule),
        (
            "If the reason is defective, allow returns for 180 days from delivery".into(),
            "Si le motif est un défaut, accepter les retours pendant 180 jours après la livraison"
                .into()
        )
    );
}

#[test]
fn the_default_rules_read_from_the_order() {
    let sentences: Vec<String> = default_rules()
        .iter()
        .map(|r| describe_rule(r, Lang::En))
        .collect();
    assert_eq!(
        sentences,
        vec![
            "If the reason is defective, allow returns for 180 days from the order",
            "If the reason is not a defect, allow returns for 30 days from the order",
        ]
    );
}

#[test]
fn conditions_join_and_values_are_quoted() {
    let rule = PolicyRule::new(
        "sale",
        vec![
            Condition::ProductTag {
                tags: vec!["sale".into(), "clearance".into(), "outlet".into()],
            },
            Condition::ItemPrice {
                compare: Comparison::Below,
                amount: eur(2_000),
            },
        ],
        Effect::FinalSale,
    );
    assert_eq!(
        both(&rule),
        (
            "If the product is tagged “sale”, “clearance” or “outlet” and the item's price is less than €20.00, treat the item as final sale (not returnable)".into(),
            "Si le produit a le tag «\u{a0}sale\u{a0}», «\u{a0}clearance\u{a0}» ou «\u{a0}outlet\u{a0}» et le prix de l'article est inférieur à 20,00\u{a0}€, considérer l'article comme vente finale (non retournable)".into()
        )
    );
}

#[test]
fn a_rule_without_conditions_starts_with_its_effect() {
    let rule = PolicyRule::new("keep", vec![], Effect::KeepItem { photos: false });
    assert_eq!(
        both(&rule),
        (
            "Let the shopper keep the item (no return shipping)".into(),
            "Laisser le client garder l'article (sans renvoi)".into()
        )
    );
    let shown = PolicyRule::new("keep", vec![], Effect::KeepItem { photos: true });
    assert_eq!(
        both(&shown),
        (
            "Let the shopper keep the item once they send a photo of it (no return shipping)"
                .into(),
            "Laisser le client garder l'article après en avoir envoyé une photo (sans renvoi)"
                .into()
        )
    );
}

#[test]
fn a_keep_item_rule_saved_before_photos_reads_without_them() {
    let old: PolicyRule = serde_json::from_str(
        r#"{"id": "k", "enabled": true, "conditions": [], "effect": {"kind": "keep_item"}}"#,
    )
    .unwrap();
    assert_eq!(old.effect, Effect::KeepItem { photos: false });
}

#[test]
fn fees_say_the_charge_the_cap_and_the_waivers() {
    let rule = PolicyRule::new(
        "fee",
        vec![Condition::DaysSince {
            basis: DateBasis::Delivery,
            compare: Comparison::Above,
            days: 14,
        }],
        Effect::Fee {
            fee: ReturnFee {
                charge: FeeCharge::PercentOfValue {
                    basis_points: 1_250,
                },
                cap: Some(eur(1_000)),
                waived_for: vec![FeeWaiver::Exchange, FeeWaiver::Defective],
            },
        },
    );
    assert_eq!(
        both(&rule),
        (
            "If more than 14 days have passed since delivery, charge a return fee of 12.5% of the returned value, capped at €10.00, waived for defective items and exchanges".into(),
            "Si plus de 14 jours se sont écoulés depuis la livraison, facturer des frais de retour de 12,5\u{a0}% de la valeur retournée, plafonnés à 10,00\u{a0}€, offerts pour les articles défectueux et les échanges".into()
        )
    );
}

#[test]
fn shoppers_and_reasons_are_named_when_known() {
    let rule = PolicyRule::new(
        "regulars",
        vec![
            Condition::ShopperReturns {
                within_days: 90,
                compare: Comparison::AtLeast,
                count: 3,
            },
            Condition::Reason {
                reason_ids: vec![CHANGED_MIND.id],
            },
        ],
        Effect::Resolutions {
            allowed: vec![Resolution::StoreCredit, Resolution::Replacement],
        },
    );
    let named = |id: Uuid| (id == CHANGED_MIND.id).then(|| "Changed my mind".to_owned());
    assert_eq!(
        describe_rule_with(&rule, Lang::En, &named),
        "If the shopper made at least 3 returns in the last 90 days and the reason is “Changed my mind”, offer only store credit or replacement"
    );
    assert_eq!(
        describe_rule(&rule, Lang::Fr),
        "Si le client a fait au moins 3 retours au cours des 90 derniers jours et le motif est celui choisi, proposer seulement avoir ou échange"
    );
}

#[test]
fn every_kind_has_a_sentence_in_both_languages() {
    let effects = [
        Effect::ExtraDays { days: 1 },
        Effect::Approval {
            approval: Approval::ManualWhenFlagged,
        },
        Effect::Methods {
            allowed: vec![crate::api::settings::ReturnMethod::QrDropOff],
        },
        Effect::Fee {
            fee: ReturnFee {
                charge: FeeCharge::Flat {
                    amount: Money::new(500, cur("JPY")),
                },
                cap: None,
                waived_for: vec![],
            },
        },
    ];
    let got: Vec<(String, String)> = effects
        .into_iter()
        .map(|e| both(&PolicyRule::new("x", vec![], e)))
        .collect();
    assert_eq!(got[0].0, "Add 1 day to the return window");
    assert_eq!(got[0].1, "Ajouter 1 jour au délai de retour");
    assert_eq!(
        got[1].0,
        "Approve returns automatically unless the shopper is flagged"
    );
    assert_eq!(
        got[2].1,
        "Accepter les retours seulement par dépôt avec code QR"
    );
    assert_eq!(got[3].0, "Charge a return fee of ¥500");
    assert_eq!(got[3].1, "Facturer des frais de retour de 500\u{a0}¥");
}
