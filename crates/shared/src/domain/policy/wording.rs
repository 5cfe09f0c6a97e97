//! The words rule sentences are made of, in English and French: lists, comparisons,
//! percentages, dates and the names of resolutions, methods and waivers.

use super::{Comparison, DateBasis, FeeWaiver};
use crate::api::settings::{Resolution, ReturnMethod};
use crate::domain::{Lang, Money};

pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `a`, `a or b`, `a, b or c` with the values quoted as each language quotes.
pub(super) fn either(values: &[String], lang: Lang) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| match lang {
            Lang::En => format!("“{}”", v.trim()),
            Lang::Fr => format!("«\u{a0}{}\u{a0}»", v.trim()),
        })
        .collect();
    list(&quoted, lang, false)
}

pub(super) fn list(items: &[String], lang: Lang, and: bool) -> String {
    let last_word = match (lang, and) {
        (Lang::En, false) => " or ",
        (Lang::En, true) => " and ",
        (Lang::Fr, false) => " ou ",
        (Lang::Fr, true) => " et ",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{last_word}{last}", rest.join(", ")),
    }
}

/// "at least" before a number of things.
pub(super) fn quantity(compare: Comparison, lang: Lang) -> &'static str {
    match (lang, compare) {
        (Lang::En, Comparison::Below) => "fewer than",
        (Lang::En, Comparison::AtMost) => "at most",
        (Lang::En, Comparison::AtLeast) => "at least",
        (Lang::En, Comparison::Above) => "more than",
        (Lang::Fr, Comparison::Below) => "moins de",
        (Lang::Fr, Comparison::AtMost) => "au plus",
        (Lang::Fr, Comparison::AtLeast) => "au moins",
        (Lang::Fr, Comparison::Above) => "plus de",
    }
}

/// "is at least" before an amount or a rate.
pub(super) fn is_compared(compare: Comparison, lang: Lang) -> &'static str {
    match (lang, compare) {
        (Lang::En, Comparison::Below) => "is less than",
        (Lang::En, Comparison::AtMost) => "is at most",
        (Lang::En, Comparison::AtLeast) => "is at least",
        (Lang::En, Comparison::Above) => "is more than",
        (Lang::Fr, Comparison::Below) => "est inférieur à",
        (Lang::Fr, Comparison::AtMost) => "est d'au plus",
        (Lang::Fr, Comparison::AtLeast) => "est d'au moins",
        (Lang::Fr, Comparison::Above) => "est supérieur à",
    }
}

/// 1250 basis points: "12.5%" / "12,5 %".
pub(super) fn percent(basis_points: u32, lang: Lang) -> String {
    let whole = basis_points / 100;
    let hundredths = basis_points % 100;
    let number = if hundredths == 0 {
        whole.to_string()
    } else {
        let decimals = format!("{hundredths:02}");
        let decimals = decimals.trim_end_matches('0');
        match lang {
            Lang::En => format!("{whole}.{decimals}"),
            Lang::Fr => format!("{whole},{decimals}"),
        }
    };
    match lang {
        Lang::En => format!("{number}%"),
        Lang::Fr => format!("{number}\u{a0}%"),
    }
}

pub(super) fn since(basis: DateBasis, lang: Lang) -> &'static str {
    match (lang, basis) {
        (Lang::En, DateBasis::Order) => "the order",
        (Lang::En, DateBasis::Fulfilment) => "fulfilment",
        (Lang::En, DateBasis::Delivery) => "delivery",
        (Lang::Fr, DateBasis::Order) => "la commande",
        (Lang::Fr, DateBasis::Fulfilment) => "l'expédition",
        (Lang::Fr, DateBasis::Delivery) => "la livraison",
    }
}

pub(super) fn days(n: u32, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 day".into(),
        (Lang::En, n) => format!("{n} days"),
        (Lang::Fr, 1) => "1 jour".into(),
        (Lang::Fr, n) => format!("{n} jours"),
    }
}

pub(super) fn money(amount: Money, lang: Lang) -> String {
    amount.format(lang)
}

pub(super) fn resolution(r: Resolution, lang: Lang) -> &'static str {
    match (lang, r) {
        (Lang::En, Resolution::Refund) => "refund",
        (Lang::En, Resolution::StoreCredit) => "store credit",
        (Lang::En, Resolution::Replacement) => "replacement",
        (Lang::Fr, Resolution::Refund) => "remboursement",
        (Lang::Fr, Resolution::StoreCredit) => "avoir",
        (Lang::Fr, Resolution::Replacement) => "échange",
        (Lang::En, Resolution::Exchange) => "exchange for another item",
        (Lang::Fr, Resolution::Exchange) => "échange contre un autre article",
    }
}

pub(super) fn method(m: ReturnMethod, lang: Lang) -> &'static str {
    match (lang, m) {
        (Lang::En, ReturnMethod::PrepaidLabel) => "prepaid label",
        (Lang::En, ReturnMethod::QrDropOff) => "QR drop-off",
        (Lang::Fr, ReturnMethod::PrepaidLabel) => "étiquette prépayée",
        (Lang::Fr, ReturnMethod::QrDropOff) => "dépôt avec code QR",
    }
}

pub(super) fn waiver(w: FeeWaiver, lang: Lang) -> &'static str {
    match (lang, w) {
        (Lang::En, FeeWaiver::Defective) => "defective items",
        (Lang::En, FeeWaiver::StoreCredit) => "store credit",
        (Lang::En, FeeWaiver::Exchange) => "exchanges",
        (Lang::Fr, FeeWaiver::Defective) => "les articles défectueux",
        (Lang::Fr, FeeWaiver::StoreCredit) => "les avoirs",
        (Lang::Fr, FeeWaiver::Exchange) => "les échanges",
    }
}
