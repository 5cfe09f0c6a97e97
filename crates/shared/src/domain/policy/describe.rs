//! Rules as sentences a merchant reads, in English and French: "If the reason is defective,
//! allow returns for 180 days from delivery".

use super::wording::{
    capitalise, days, either, is_compared, list, method, money, percent, quantity, resolution,
    since, waiver,
};
use super::{Approval, Condition, Effect, FeeCharge, PolicyRule};
use crate::domain::Lang;
use uuid::Uuid;

/// The rule as one sentence; a reason is named by how many were chosen (see
/// [`describe_rule_with`] to name them).
pub fn describe_rule(rule: &PolicyRule, lang: Lang) -> String {
    describe_rule_with(rule, lang, &|_| None)
}

/// The rule as one sentence, reasons named by `reason_name` (the shop's label in `lang`).
pub fn describe_rule_with(
    rule: &PolicyRule,
    lang: Lang,
    reason_name: &dyn Fn(Uuid) -> Option<String>,
) -> String {
    let effect = effect(&rule.effect, lang);
    if rule.conditions.is_empty() {
        return capitalise(&effect);
    }
    let conditions: Vec<String> = rule
        .conditions
        .iter()
        .map(|c| condition(c, lang, reason_name))
        .collect();
    match lang {
        Lang::En => format!("If {}, {effect}", conditions.join(" and ")),
        Lang::Fr => format!("Si {}, {effect}", conditions.join(" et ")),
    }
}

fn condition(c: &Condition, lang: Lang, reason_name: &dyn Fn(Uuid) -> Option<String>) -> String {
    let en = lang == Lang::En;
    match c {
        Condition::ProductTag { tags } if en => {
            format!("the product is tagged {}", either(tags, lang))
        }
        Condition::ProductTag { tags } => format!("le produit a le tag {}", either(tags, lang)),
        Condition::Sku { skus } if en => format!("the SKU is {}", either(skus, lang)),
        Condition::Sku { skus } => format!("le SKU est {}", either(skus, lang)),
        Condition::Reason { reason_ids } => {
            let names: Option<Vec<String>> = reason_ids.iter().map(|id| reason_name(*id)).collect();
            match (names, en) {
                (Some(names), true) => format!("the reason is {}", either(&names, lang)),
                (Some(names), false) => format!("le motif est {}", either(&names, lang)),
                (None, true) if reason_ids.len() == 1 => "the reason is the chosen one".into(),
                (None, true) => format!("the reason is one of {} chosen reasons", reason_ids.len()),
                (None, false) if reason_ids.len() == 1 => "le motif est celui choisi".into(),
                (None, false) => {
                    format!("le motif est l'un des {} motifs choisis", reason_ids.len())
                }
            }
        }
        Condition::ReasonDefective { defective: true } if en => "the reason is defective".into(),
        Condition::ReasonDefective { defective: true } => "le motif est un défaut".into(),
        Condition::ReasonDefective { defective: false } if en => {
            "the reason is not a defect".into()
        }
        Condition::ReasonDefective { defective: false } => "le motif n'est pas un défaut".into(),
        Condition::ItemPrice { compare, amount } => match lang {
            Lang::En => format!(
                "the item's price {} {}",
                is_compared(*compare, lang),
                money(*amount, lang)
            ),
            Lang::Fr => format!(
                "le prix de l'article {} {}",
                is_compared(*compare, lang),
                money(*amount, lang)
            ),
        },
        Condition::OrderTotal { compare, amount } => match lang {
            Lang::En => format!(
                "the order total {} {}",
                is_compared(*compare, lang),
                money(*amount, lang)
            ),
            Lang::Fr => format!(
                "le total de la commande {} {}",
                is_compared(*compare, lang),
                money(*amount, lang)
            ),
        },
        Condition::DaysSince {
            basis,
            compare,
            days: n,
        } => match lang {
            Lang::En => format!(
                "{} {} {} passed since {}",
                quantity(*compare, lang),
                days(*n, lang),
                if *n == 1 { "has" } else { "have" },
                since(*basis, lang)
            ),
            Lang::Fr => format!(
                "{} {} se sont écoulés depuis {}",
                quantity(*compare, lang),
                days(*n, lang),
                since(*basis, lang)
            ),
        },
        Condition::ShopperEmail { emails } if en => {
            format!("the shopper's email is {}", either(emails, lang))
        }
        Condition::ShopperEmail { emails } => {
            format!("l'e-mail du client est {}", either(emails, lang))
        }
        Condition::EmailDomain { domains } if en => {
            format!("the shopper's email is at {}", either(domains, lang))
        }
        Condition::EmailDomain { domains } => {
            format!("l'e-mail du client est chez {}", either(domains, lang))
        }
        Condition::ShopperReturns {
            within_days,
            compare,
            count,
        } => {
            let returns = match (lang, count) {
                (Lang::En, 1) => "1 return".to_owned(),
                (Lang::En, n) => format!("{n} returns"),
                (Lang::Fr, 1) => "1 retour".to_owned(),
                (Lang::Fr, n) => format!("{n} retours"),
            };
            match lang {
                Lang::En => format!(
                    "the shopper made {} {returns} in the last {}",
                    quantity(*compare, lang),
                    days(*within_days, lang)
                ),
                Lang::Fr if *within_days == 1 => format!(
                    "le client a fait {} {returns} au cours du dernier jour",
                    quantity(*compare, lang)
                ),
                Lang::Fr => format!(
                    "le client a fait {} {returns} au cours des {within_days} derniers jours",
                    quantity(*compare, lang)
                ),
            }
        }
        Condition::ReturnRate {
            compare,
            basis_points,
        } => match lang {
            Lang::En => format!(
                "the shopper's return rate {} {}",
                is_compared(*compare, lang),
                percent(*basis_points, lang)
            ),
            Lang::Fr => format!(
                "le taux de retour du client {} {}",
                is_compared(*compare, lang),
                percent(*basis_points, lang)
            ),
        },
        Condition::OrderTag { tags } if en => format!("the order is tagged {}", either(tags, lang)),
        Condition::OrderTag { tags } => format!("la commande a le tag {}", either(tags, lang)),
        Condition::Country { countries } if en => {
            format!("the order ships to {}", either(countries, lang))
        }
        Condition::Country { countries } => {
            format!("la commande est livrée en {}", either(countries, lang))
        }
    }
}

fn effect(e: &Effect, lang: Lang) -> String {
    let en = lang == Lang::En;
    match e {
        Effect::Window { basis, days: n } if en => {
            format!(
                "allow returns for {} from {}",
                days(*n, lang),
                since(*basis, lang)
            )
        }
        Effect::Window { basis, days: n } => format!(
            "accepter les retours pendant {} après {}",
            days(*n, lang),
            since(*basis, lang)
        ),
        Effect::FinalSale if en => "treat the item as final sale (not returnable)".into(),
        Effect::FinalSale => "considérer l'article comme vente finale (non retournable)".into(),
        Effect::Resolutions { allowed } => {
            let names: Vec<String> = allowed
                .iter()
                .map(|r| resolution(*r, lang).to_owned())
                .collect();
            match lang {
                Lang::En => format!("offer only {}", list(&names, lang, false)),
                Lang::Fr => format!("proposer seulement {}", list(&names, lang, false)),
            }
        }
        Effect::Methods { allowed } => {
            let names: Vec<String> = allowed
                .iter()
                .map(|m| method(*m, lang).to_owned())
                .collect();
            match lang {
                Lang::En => format!("accept returns only by {}", list(&names, lang, false)),
                Lang::Fr => format!(
                    "accepter les retours seulement par {}",
                    list(&names, lang, false)
                ),
            }
        }
        Effect::Approval { approval } => match (lang, approval) {
            (Lang::En, Approval::Automatic) => "approve returns automatically".into(),
            (Lang::En, Approval::Manual) => "have staff review returns".into(),
            (Lang::En, Approval::ManualWhenFlagged) => {
                "approve returns automatically unless the shopper is flagged".into()
            }
            (Lang::Fr, Approval::Automatic) => "approuver les retours automatiquement".into(),
            (Lang::Fr, Approval::Manual) => "faire examiner les retours par l'équipe".into(),
            (Lang::Fr, Approval::ManualWhenFlagged) => {
                "approuver les retours automatiquement sauf si le client est signalé".into()
            }
        },
        Effect::Fee { fee } => {
            let charge = match (lang, fee.charge) {
                (_, FeeCharge::Flat { amount }) => money(amount, lang),
                (Lang::En, FeeCharge::PercentOfValue { basis_points }) => {
                    format!("{} of the returned value", percent(basis_points, lang))
                }
                (Lang::En, FeeCharge::PercentOfLabel { basis_points }) => {
                    format!("{} of the label cost", percent(basis_points, lang))
                }
                (Lang::Fr, FeeCharge::PercentOfValue { basis_points }) => {
                    format!("{} de la valeur retournée", percent(basis_points, lang))
                }
                (Lang::Fr, FeeCharge::PercentOfLabel { basis_points }) => {
                    format!("{} du coût de l'étiquette", percent(basis_points, lang))
                }
            };
            let mut out = match lang {
                Lang::En => format!("charge a return fee of {charge}"),
                Lang::Fr => format!("facturer des frais de retour de {charge}"),
            };
            if let Some(cap) = fee.cap {
                out.push_str(&match lang {
                    Lang::En => format!(", capped at {}", money(cap, lang)),
                    Lang::Fr => format!(", plafonnés à {}", money(cap, lang)),
                });
            }
            let mut waivers = fee.waived_for.clone();
            waivers.sort();
            waivers.dedup();
            if !waivers.is_empty() {
                let names: Vec<String> = waivers
                    .iter()
                    .map(|w| waiver(*w, lang).to_owned())
                    .collect();
                out.push_str(&match lang {
                    Lang::En => format!(", waived for {}", list(&names, lang, true)),
                    Lang::Fr => format!(", offerts pour {}", list(&names, lang, true)),
                });
            }
            out
        }
        Effect::KeepItem { photos: false } if en => {
            "let the shopper keep the item (no return shipping)".into()
        }
        Effect::KeepItem { photos: false } => {
            "laisser le client garder l'article (sans renvoi)".into()
        }
        Effect::KeepItem { photos: true } if en => {
            "let the shopper keep the item once they send a photo of it (no return shipping)".into()
        }
        Effect::KeepItem { photos: true } => {
            "laisser le client garder l'article après en avoir envoyé une photo (sans renvoi)"
                .into()
        }
        Effect::ExtraDays { days: n } if en => {
            format!("add {} to the return window", days(*n, lang))
        }
        Effect::ExtraDays { days: n } => format!("ajouter {} au délai de retour", days(*n, lang)),
    }
}
