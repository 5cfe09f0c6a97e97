//! The notes on a return's history, worded from their code and values in English and French:
//! `Key::Timeline(T::…)` and `event_note`. Each language answers every `T` in one exhaustive
//! `match`, so a missing translation fails to build.

use std::collections::BTreeMap;

use rebound_shared::api::return_queue::RefundReason;
use rebound_shared::api::timeline::{ReturnEventCode, note_amount};
use rebound_shared::domain::TrackingEventKind;

use super::{Key, Locale, shopper_text};

/// One note of a return's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum T {
    NeedsContact,
    AutoApproved,
    CancelledByShopper,
    PolicyOverridden,
    RiskReview,
    WithdrawalStated,
    LabelIssued,
    InspectedOk,
    InspectedDamaged,
    Refunded,
    StoreCredit,
    ReplacementShipped,
    ReplacementVariantShipped,
    PolicyKeep,
    PolicyDiscard,
    TrackLabelCreated,
    TrackInTransit,
    TrackOutForDelivery,
    TrackDelivered,
    TrackException,
    // Why a refund was made: in the refund form and in the note shoppers read
    RrReturnedItem,
    RrDefective,
    RrDamagedInTransit,
    RrWithdrawal,
    RrGoodwill,
    RrOther,
}

pub fn en(t: T) -> &'static str {
    match t {
        T::NeedsContact => "A defective item: the shop will get in touch before any label.",
        T::AutoApproved => "Approved automatically (shop setting).",
        T::CancelledByShopper => "Cancelled by the shopper; the label was voided.",
        T::PolicyOverridden => "Accepted by the shop despite its return policy: {reason}",
        T::RiskReview => "Held for review: the shopper reached the shop's risk thresholds.",
        T::WithdrawalStated => "Withdrawal from the contract (EU), stated online.",
        T::LabelIssued => "Return label issued.",
        T::InspectedOk => "Inspected: every item in good condition.",
        T::InspectedDamaged => "Inspected: {count} damaged item(s); damaged items are {policy}.",
        T::Refunded => "Refunded {amount} ({reason}).",
        T::StoreCredit => "Store credit {code} of {amount}.",
        T::ReplacementShipped => "Replacement shipped as {tracking}.",
        T::ReplacementVariantShipped => "Replacement ({variant}) shipped as {tracking}.",
        T::PolicyKeep => "left with the shopper",
        T::PolicyDiscard => "discarded",
        T::TrackLabelCreated => "Shipping label created",
        T::TrackInTransit => "In transit",
        T::TrackOutForDelivery => "Out for delivery",
        T::TrackDelivered => "Delivered",
        T::TrackException => "Delivery exception",
        T::RrReturnedItem => "Item returned",
        T::RrDefective => "Defective item",
        T::RrDamagedInTransit => "Damaged in transit",
        T::RrWithdrawal => "Withdrawal (EU)",
        T::RrGoodwill => "Goodwill",
        T::RrOther => "Other",
    }
}

pub fn fr(t: T) -> &'static str {
    match t {
        T::NeedsContact => {
            "Article défectueux : la boutique vous contactera avant tout envoi d’étiquette."
        }
        T::AutoApproved => "Accepté automatiquement (réglage de la boutique).",
        T::CancelledByShopper => "Annulé par le client ; l'étiquette a été annulée.",
        T::PolicyOverridden => "Accepté par la boutique malgré sa politique de retour : {reason}",
        T::RiskReview => {
            "En attente d'examen : le client a atteint les seuils de risque de la boutique."
        }
        T::WithdrawalStated => "Rétractation du contrat (UE), déclarée en ligne.",
        T::LabelIssued => "Étiquette de retour émise.",
        T::InspectedOk => "Inspecté : tous les articles sont en bon état.",
        T::InspectedDamaged => {
            "Inspecté : {count} article(s) abîmé(s) ; les articles abîmés sont {policy}."
        }
        T::Refunded => "Remboursé {amount} ({reason}).",
        T::StoreCredit => "Avoir {code} de {amount}.",
        T::ReplacementShipped => "Remplacement expédié sous le numéro {tracking}.",
        T::ReplacementVariantShipped => {
            "Remplacement ({variant}) expédié sous le numéro {tracking}."
        }
        T::PolicyKeep => "laissés au client",
        T::PolicyDiscard => "détruits",
        T::TrackLabelCreated => "Étiquette d’expédition créée",
        T::TrackInTransit => "En transit",
        T::TrackOutForDelivery => "En cours de livraison",
        T::TrackDelivered => "Livré",
        T::TrackException => "Incident de livraison",
        T::RrReturnedItem => "Article retourné",
        T::RrDefective => "Article défectueux",
        T::RrDamagedInTransit => "Abîmé pendant le transport",
        T::RrWithdrawal => "Rétractation (UE)",
        T::RrGoodwill => "Geste commercial",
        T::RrOther => "Autre",
    }
}

/// A tracking scan's title: the carrier's own words, or (when the shop sent none and the
/// server stored its English default) the kind in `locale`.
pub fn scan_title(locale: Locale, kind: TrackingEventKind, description: &str) -> String {
    if description != kind.default_description() {
        return description.to_owned();
    }
    let t = match kind {
        TrackingEventKind::LabelCreated => T::TrackLabelCreated,
        TrackingEventKind::InTransit => T::TrackInTransit,
        TrackingEventKind::OutForDelivery => T::TrackOutForDelivery,
        TrackingEventKind::Delivered => T::TrackDelivered,
        TrackingEventKind::Exception => T::TrackException,
    };
    shopper_text(locale, Key::Timeline(t)).to_owned()
}

/// A history note in `locale`, from its code and values; `money` formats an amount.
pub fn event_note(
    locale: Locale,
    code: ReturnEventCode,
    params: &BTreeMap<String, String>,
    money: impl Fn(i64, &str) -> String,
) -> String {
    let get = |name: &str| params.get(name).cloned().unwrap_or_default();
    let say = |t: T| shopper_text(locale, Key::Timeline(t)).to_owned();
    match code {
        ReturnEventCode::NeedsContact => say(T::NeedsContact),
        ReturnEventCode::AutoApproved => say(T::AutoApproved),
        ReturnEventCode::CancelledByShopper => say(T::CancelledByShopper),
        ReturnEventCode::PolicyOverridden => {
            say(T::PolicyOverridden).replace("{reason}", &get("reason"))
        }
        ReturnEventCode::RiskReview => say(T::RiskReview),
        ReturnEventCode::WithdrawalStated => say(T::WithdrawalStated),
        ReturnEventCode::LabelIssued => say(T::LabelIssued),
        // Staff's own words to the shopper, and text kept from before codes: as written.
        ReturnEventCode::Rejected => get("reason"),
        ReturnEventCode::Note => get("text"),
        ReturnEventCode::InspectedOk => say(T::InspectedOk),
        ReturnEventCode::InspectedDamaged => {
            let policy = match get("policy").as_str() {
                "keep" => say(T::PolicyKeep),
                "discard" => say(T::PolicyDiscard),
                other => other.to_owned(),
            };
            say(T::InspectedDamaged)
                .replace("{count}", &get("count"))
                .replace("{policy}", &policy)
        }
        ReturnEventCode::Refunded => {
            let reason = get("reason");
            let reason = RefundReason::ALL
                .into_iter()
                .find(|r| r.as_str() == reason)
                .map_or(reason, |r| {
                    shopper_text(locale, refund_reason_key(r)).to_owned()
                });
            say(T::Refunded)
                .replace("{amount}", &note_amount(params, money))
                .replace("{reason}", &reason)
        }
        ReturnEventCode::StoreCredit => say(T::StoreCredit)
            .replace("{code}", &get("code"))
            .replace("{amount}", &note_amount(params, money)),
        ReturnEventCode::ReplacementShipped => match params.get("variant") {
            Some(variant) => say(T::ReplacementVariantShipped)
                .replace("{variant}", variant)
                .replace("{tracking}", &get("tracking")),
            None => say(T::ReplacementShipped).replace("{tracking}", &get("tracking")),
        },
    }
}

pub fn refund_reason_key(reason: RefundReason) -> Key {
    Key::Timeline(match reason {
        RefundReason::ReturnedItem => T::RrReturnedItem,
        RefundReason::Defective => T::RrDefective,
        RefundReason::DamagedInTransit => T::RrDamagedInTransit,
        RefundReason::Withdrawal => T::RrWithdrawal,
        RefundReason::Goodwill => T::RrGoodwill,
        RefundReason::Other => T::RrOther,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64, currency: &str) -> String {
        format!("{minor} {currency}")
    }

    #[test]
    fn a_refund_reads_in_the_readers_language() {
        let params = BTreeMap::from([
            ("amount_minor".to_owned(), "11500".to_owned()),
            ("currency".to_owned(), "EUR".to_owned()),
            ("reason".to_owned(), "returned_item".to_owned()),
        ]);
        assert_eq!(
            event_note(Locale::Fr, ReturnEventCode::Refunded, &params, money),
            "Remboursé 11500 EUR (Article retourné)."
        );
        assert_eq!(
            event_note(Locale::En, ReturnEventCode::Refunded, &params, money),
            "Refunded 11500 EUR (Item returned)."
        );
    }

    #[test]
    fn default_scans_read_in_the_readers_language_and_carrier_words_stay() {
        let kind = TrackingEventKind::Delivered;
        assert_eq!(
            scan_title(Locale::Fr, kind, kind.default_description()),
            "Livré"
        );
        assert_eq!(
            scan_title(Locale::Fr, kind, "Left at the door"),
            "Left at the door"
        );
    }

    #[test]
    fn damaged_items_name_the_policy() {
        let params = BTreeMap::from([
            ("count".to_owned(), "2".to_owned()),
            ("policy".to_owned(), "discard".to_owned()),
        ]);
        assert_eq!(
            event_note(
                Locale::Fr,
                ReturnEventCode::InspectedDamaged,
                &params,
                money
            ),
            "Inspecté : 2 article(s) abîmé(s) ; les articles abîmés sont détruits."
        );
    }
}
