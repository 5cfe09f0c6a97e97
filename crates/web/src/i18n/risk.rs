//! Risk per shopper, in English and French: the Shoppers page, its thresholds card and the
//! flag badge of the queue and the case: `Key::Risk(K::…)`. Each language answers every `K` in
//! one exhaustive `match`.

use rebound_shared::domain::Money;
use rebound_shared::domain::risk::{RiskFlag, RiskFlagKind};

use super::{Key, Locale, text};

/// One sentence or label of the risk screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum K {
    Nav,
    Title,
    Lead,
    Caption,
    Shopper,
    Orders,
    Returns,
    ReturnRate,
    ValueReturned,
    NotReceived,
    Flags,
    NotFlagged,
    EmptyTitle,
    EmptyBody,
    NoThresholds,
    Flagged,
    FlaggedShopper,
    FlagReturns,
    FlagOneReturn,
    FlagRate,
    FlagValue,
    FlagNotReceived,
    ThresholdsTitle,
    ThresholdsLead,
    ReturnsAtLeast,
    RateAtLeast,
    ValueAtLeast,
    NotReceivedAtLeast,
    EmptyIgnores,
    ReviewFlagged,
    Save,
    Saving,
    Saved,
    ManagersOnly,
    CountInvalid,
    RateInvalid,
    AmountInvalid,
    DataTitle,
    DataLead,
    DataEmail,
    DataExport,
    DataExported,
    DataExporting,
    DataNothingHeld,
    DataErase,
    DataErasing,
    DataEraseConfirm,
    DataYesErase,
    DataCancel,
    DataErased,
    DataNothingLeft,
}

pub fn en(k: K) -> &'static str {
    match k {
        K::Nav => "Shoppers",
        K::Title => "Shoppers",
        K::Lead => "The shoppers with the most returns over the last twelve months, by email.",
        K::Caption => "Top returners, last twelve months",
        K::Shopper => "Shopper",
        K::Orders => "Orders",
        K::Returns => "Returns",
        K::ReturnRate => "Return rate",
        K::ValueReturned => "Value returned",
        K::NotReceived => "“Not received” claims",
        K::Flags => "Flags",
        K::NotFlagged => "Not flagged",
        K::EmptyTitle => "No returns in the last twelve months",
        K::EmptyBody => "Shoppers who send items back appear here, most returns first.",
        K::NoThresholds => "No threshold is set yet: nobody is flagged.",
        K::Flagged => "Flagged",
        K::FlaggedShopper => "Flagged shopper",
        K::FlagReturns => "{figure} returns in 12 months (threshold {threshold})",
        K::FlagOneReturn => "1 return in 12 months (threshold {threshold})",
        K::FlagRate => "Return rate {figure} (threshold {threshold})",
        K::FlagValue => "{figure} returned in 12 months (threshold {threshold})",
        K::FlagNotReceived => "{figure} “not received” claims (threshold {threshold})",
        K::ThresholdsTitle => "Risk thresholds",
        K::ThresholdsLead => {
            "A shopper is flagged when they reach any of these over the last twelve months. Flagged returns show a badge in the queue and the case."
        }
        K::ReturnsAtLeast => "Returns in 12 months, at least",
        K::RateAtLeast => "Return rate (%), at least",
        K::ValueAtLeast => "Value returned in 12 months, at least",
        K::NotReceivedAtLeast => "“Not received” claims, at least",
        K::EmptyIgnores => "Leave empty to ignore.",
        K::ReviewFlagged => {
            "Send flagged shoppers' returns to review, even when approval is automatic"
        }
        K::Save => "Save thresholds",
        K::Saving => "Saving…",
        K::Saved => "Thresholds saved.",
        K::ManagersOnly => "Only owners and managers can change the thresholds.",
        K::CountInvalid => "Enter a whole number from 1 to 10000, or leave it empty.",
        K::RateInvalid => "Enter a percentage above 0 and at most 100, or leave it empty.",
        K::AmountInvalid => "Enter an amount above zero, or leave it empty.",
        K::DataTitle => "Data requests",
        K::DataLead => {
            "When a shopper asks for their data, or for it to be erased (GDPR articles 15 and 17): everything this shop holds about their email address, and nothing of another shop's."
        }
        K::DataEmail => "Shopper's email",
        K::DataExport => "Export data",
        K::DataExported => "Data exported as a JSON file",
        K::DataExporting => "Exporting…",
        K::DataNothingHeld => {
            "This shop holds nothing about this address: there is no file to export."
        }
        K::DataErasing => "Erasing…",
        K::DataErase => "Erase data",
        K::DataEraseConfirm => {
            "Erase everything this shop holds about {email}? Their orders and returns stay for your accounts (items, amounts, dates, statuses) without their name, address, email or phone. Their messages, photos, comments, return labels and the mails sent to them are deleted. The erasure is recorded in the audit log, without the address. This cannot be undone."
        }
        K::DataYesErase => "Yes, erase",
        K::DataCancel => "Cancel",
        K::DataErased => "Data erased. Orders anonymised: {orders}; returns anonymised: {returns}.",
        K::DataNothingLeft => "Nothing is held about this address any more.",
    }
}

pub fn fr(k: K) -> &'static str {
    match k {
        K::Nav => "Clients",
        K::Title => "Clients",
        K::Lead => {
            "Les clients qui ont fait le plus de retours ces douze derniers mois, par e-mail."
        }
        K::Caption => "Clients aux retours les plus nombreux, douze derniers mois",
        K::Shopper => "Client",
        K::Orders => "Commandes",
        K::Returns => "Retours",
        K::ReturnRate => "Taux de retour",
        K::ValueReturned => "Valeur retournée",
        K::NotReceived => "Réclamations « non reçu »",
        K::Flags => "Signalements",
        K::NotFlagged => "Non signalé",
        K::EmptyTitle => "Aucun retour ces douze derniers mois",
        K::EmptyBody => {
            "Les clients qui renvoient des articles apparaissent ici, les plus nombreux d'abord."
        }
        K::NoThresholds => "Aucun seuil n'est fixé : personne n'est signalé.",
        K::Flagged => "Signalé",
        K::FlaggedShopper => "Client signalé",
        K::FlagReturns => "{figure} retours en 12 mois (seuil {threshold})",
        K::FlagOneReturn => "1 retour en 12 mois (seuil {threshold})",
        K::FlagRate => "Taux de retour {figure} (seuil {threshold})",
        K::FlagValue => "{figure} retournés en 12 mois (seuil {threshold})",
        K::FlagNotReceived => "{figure} réclamations « non reçu » (seuil {threshold})",
        K::ThresholdsTitle => "Seuils de risque",
        K::ThresholdsLead => {
            "Un client est signalé dès qu'il atteint l'un de ces seuils sur les douze derniers mois. Ses retours portent un badge dans la file et le dossier."
        }
        K::ReturnsAtLeast => "Retours en 12 mois, au moins",
        K::RateAtLeast => "Taux de retour (%), au moins",
        K::ValueAtLeast => "Valeur retournée en 12 mois, au moins",
        K::NotReceivedAtLeast => "Réclamations « non reçu », au moins",
        K::EmptyIgnores => "Laisser vide pour ignorer.",
        K::ReviewFlagged => {
            "Envoyer les retours des clients signalés en examen, même si l'approbation est automatique"
        }
        K::Save => "Enregistrer les seuils",
        K::Saving => "Enregistrement…",
        K::Saved => "Seuils enregistrés.",
        K::ManagersOnly => {
            "Seuls les propriétaires et les responsables peuvent changer les seuils."
        }
        K::CountInvalid => "Saisissez un nombre entier de 1 à 10000, ou laissez vide.",
        K::RateInvalid => {
            "Saisissez un pourcentage supérieur à 0 et d'au plus 100, ou laissez vide."
        }
        K::AmountInvalid => "Saisissez un montant supérieur à zéro, ou laissez vide.",
        K::DataTitle => "Demandes sur les données",
        K::DataLead => {
            "Quand un client demande ses données, ou leur effacement (RGPD, articles 15 et 17) : tout ce que cette boutique détient sur son adresse e-mail, et rien de celles d'une autre boutique."
        }
        K::DataEmail => "E-mail du client",
        K::DataExport => "Exporter les données",
        K::DataExported => "Données exportées dans un fichier JSON",
        K::DataExporting => "Export en cours…",
        K::DataNothingHeld => {
            "Cette boutique ne détient rien sur cette adresse : il n'y a pas de fichier à exporter."
        }
        K::DataErasing => "Effacement en cours…",
        K::DataErase => "Effacer les données",
        K::DataEraseConfirm => {
            "Effacer tout ce que cette boutique détient sur {email} ? Ses commandes et retours restent pour votre comptabilité (articles, montants, dates, statuts), sans son nom, son adresse, son e-mail ni son téléphone. Ses messages, photos, commentaires, étiquettes de retour et les e-mails qui lui ont été envoyés sont supprimés. L'effacement est consigné dans le journal d'audit, sans l'adresse. C'est irréversible."
        }
        K::DataYesErase => "Oui, effacer",
        K::DataCancel => "Annuler",
        K::DataErased => {
            "Données effacées. Commandes anonymisées : {orders} ; retours anonymisés : {returns}."
        }
        K::DataNothingLeft => "Plus rien n'est détenu sur cette adresse.",
    }
}

/// A rate in basis points as a percentage in `locale` (`12.5 %`, `12,5 %`).
pub fn percent(basis_points: u32, locale: Locale) -> String {
    let whole = basis_points / 100;
    let cents = basis_points % 100;
    let mut shown = if cents == 0 {
        whole.to_string()
    } else if cents.is_multiple_of(10) {
        format!("{whole}.{}", cents / 10)
    } else {
        format!("{whole}.{cents:02}")
    };
    if locale == Locale::Fr {
        shown = shown.replace('.', ",");
        format!("{shown}\u{a0}%")
    } else {
        format!("{shown}%")
    }
}

/// Why a shopper is flagged, as staff read it in `locale`.
pub fn flag_reason(locale: Locale, flag: &RiskFlag) -> String {
    let say = |k: K| text(locale, Key::Risk(k)).to_owned();
    let rate = |bp: i64| percent(u32::try_from(bp).unwrap_or_default(), locale);
    let money = |minor: i64| {
        Money::show(
            minor,
            flag.currency.as_deref().unwrap_or_default(),
            locale.lang(),
        )
    };
    let (template, figure, threshold) = match flag.kind {
        RiskFlagKind::Returns => (
            // "1 returns" reads wrong in both languages.
            if flag.figure == 1 {
                K::FlagOneReturn
            } else {
                K::FlagReturns
            },
            flag.figure.to_string(),
            flag.threshold.to_string(),
        ),
        RiskFlagKind::ReturnRate => (K::FlagRate, rate(flag.figure), rate(flag.threshold)),
        RiskFlagKind::ValueReturned => (K::FlagValue, money(flag.figure), money(flag.threshold)),
        RiskFlagKind::NotReceived => (
            K::FlagNotReceived,
            flag.figure.to_string(),
            flag.threshold.to_string(),
        ),
    };
    say(template)
        .replace("{figure}", &figure)
        .replace("{threshold}", &threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_percentages_in_both_languages() {
        assert_eq!(percent(2500, Locale::En), "25%");
        assert_eq!(percent(1250, Locale::En), "12.5%");
        assert_eq!(percent(3333, Locale::Fr), "33,33\u{a0}%");
    }

    #[test]
    fn a_reason_names_the_figure_and_the_threshold() {
        let flag = RiskFlag {
            kind: RiskFlagKind::Returns,
            figure: 3,
            threshold: 2,
            currency: None,
        };
        assert_eq!(
            flag_reason(Locale::En, &flag),
            "3 returns in 12 months (threshold 2)"
        );
        assert_eq!(
            flag_reason(Locale::Fr, &flag),
            "3 retours en 12 mois (seuil 2)"
        );
        let one = RiskFlag {
            figure: 1,
            threshold: 1,
            ..flag
        };
        assert_eq!(
            flag_reason(Locale::En, &one),
            "1 return in 12 months (threshold 1)"
        );
        assert_eq!(
            flag_reason(Locale::Fr, &one),
            "1 retour en 12 mois (seuil 1)"
        );
    }
}
