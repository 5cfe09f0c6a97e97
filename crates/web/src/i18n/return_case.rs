//! A return's case in the dashboard beyond the queue itself: the filters over the queue, the
//! inspection, refund, store credit and replacement forms, and how the outcome reads
//! afterwards, in English and French: `Key::Case(C::…)`. Each language answers every `C` in one
//! exhaustive `match`, so a missing translation fails to build.

use rebound_shared::api::return_queue::{Disposition, ItemCondition};

use super::Key;

/// One sentence or label of a return's case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum C {
    Reason,
    AnyReason,
    Resolution,
    AnyResolution,
    From,
    To,
    ClearFilters,
    Inspect,
    Refund,
    StoreCredit,
    Replace,
    ShipExchange,
    // The catalogue page
    CatalogueNav,
    CatalogueTitle,
    CatalogueLead,
    CatalogueSearch,
    CatalogueFind,
    CatalogueEmptyTitle,
    CatalogueEmptyBody,
    CatalogueProduct,
    CatalogueSku,
    CataloguePrice,
    CatalogueOnHand,
    CatalogueReserved,
    CatalogueAvailable,
    CatalogueSoldOut,
    CatalogueImportTitle,
    CatalogueImportHint,
    CatalogueImportFile,
    CatalogueImportCurrency,
    CatalogueImportSend,
    CatalogueImporting,
    CatalogueImported,
    CatalogueRejected,
    CatalogueLine,
    Exchange,
    ExchangeFrom,
    ExchangeTo,
    ExchangeRequested,
    ExchangeReserved,
    ExchangeReleased,
    ExchangeShipped,
    ExchangeEven,
    ExchangeRefund,
    ExchangeCredit,
    ExchangeDue,
    ExchangePayLink,
    ExchangeInstant,
    OverdueTitle,
    OverdueLead,
    OverdueShipped,
    OverdueShippedOne,
    OverdueMore,
    InspectTitle,
    InspectLead,
    ConditionOf,
    CondOk,
    CondDamaged,
    Note,
    SaveInspection,
    RefundTitle,
    RefundLead,
    FeeDeducted,
    RefundLine,
    PaidFor,
    Amount,
    RefundReason,
    ConfirmRefund,
    AtMostPaid,
    AmountDigits,
    AmountDecimals,
    AmountNoDecimals,
    AmountTooLarge,
    ChooseLine,
    CreditTitle,
    CreditLead,
    ConfirmCredit,
    ReplaceTitle,
    ReplaceLead,
    VariantSent,
    ShopperAsked,
    Carrier,
    CarrierHint,
    TrackingNumber,
    ConfirmReplace,
    Outcome,
    ShopperWants,
    NothingYet,
    DispRestock,
    DispKeep,
    DispDiscard,
    Refunded,
    AttachedItem,
    CreditIssued,
    CreditBalance,
    ReplacementSent,
    Messages,
    Undo,
    Approved,
    Received,
    Undone,
    Sending,
    ByName,
    OpenCase,
    CaseTitle,
    AllReturns,
    CaseNotFound,
    NoLabelTitle,
    NoLabelNoAddress,
    ApproveAnyway,
    AddAddress,
    DuplicateReason,
}

pub fn en(c: C) -> &'static str {
    match c {
        C::Reason => "Reason",
        C::AnyReason => "Any reason",
        C::Resolution => "Resolution",
        C::AnyResolution => "Any resolution",
        C::From => "Created from",
        C::To => "Created until",
        C::ClearFilters => "Clear filters",
        C::Inspect => "Inspect items",
        C::Refund => "Refund",
        C::StoreCredit => "Issue store credit",
        C::Replace => "Send replacement",
        C::ShipExchange => "Ship the exchange",
        C::CatalogueNav => "Catalogue",
        C::CatalogueTitle => "Catalogue",
        C::CatalogueLead => {
            "Your products and their variants, with the stock exchanges can promise."
        }
        C::CatalogueSearch => "SKU or product name",
        C::CatalogueFind => "Search",
        C::CatalogueEmptyTitle => "No products yet",
        C::CatalogueEmptyBody => {
            "Products arrive from your shop (Shopify, WooCommerce), through the API or from a CSV file below."
        }
        C::CatalogueProduct => "Product",
        C::CatalogueSku => "SKU",
        C::CataloguePrice => "Price",
        C::CatalogueOnHand => "On hand",
        C::CatalogueReserved => "Reserved",
        C::CatalogueAvailable => "Available",
        C::CatalogueSoldOut => "Out of stock",
        C::CatalogueImportTitle => "Import products from a CSV file",
        C::CatalogueImportHint => {
            "A file in Shopify's product export layout (Products → Export). Variants are \
             matched by SKU: importing the same file again changes nothing."
        }
        C::CatalogueImportFile => "Product file (CSV)",
        C::CatalogueImportCurrency => "Currency of the prices",
        C::CatalogueImportSend => "Import products",
        C::CatalogueImporting => "Importing…",
        C::CatalogueImported => {
            "Imported: {created} new, {updated} updated, {unchanged} unchanged."
        }
        C::CatalogueRejected => "Rows set aside",
        C::CatalogueLine => "Line",
        C::Exchange => "Exchange",
        C::ExchangeFrom => "Returned",
        C::ExchangeTo => "Sent instead",
        C::ExchangeRequested => "waiting for approval",
        C::ExchangeReserved => "reserved",
        C::ExchangeReleased => "released to stock",
        C::ExchangeShipped => "shipped",
        C::ExchangeEven => "Same value: nothing to pay either way.",
        C::ExchangeRefund => "The shop refunds {amount} when it ships.",
        C::ExchangeCredit => "The shop credits {amount} when it ships.",
        C::ExchangeDue => "The shopper owes {amount}:",
        C::ExchangePayLink => "payment link",
        C::ExchangeInstant => "Instant exchange: shipped at approval.",
        C::OverdueTitle => "Instant exchanges waiting for their parcel",
        C::OverdueLead => {
            "The new items were sent at approval and the returned ones have not arrived after {days} days."
        }
        C::OverdueShipped => "sent {days} days ago",
        C::OverdueShippedOne => "sent 1 day ago",
        C::OverdueMore => "The oldest 100 are listed.",
        C::InspectTitle => "Inspect each item",
        C::InspectLead => {
            "OK items go back to stock. Damaged items follow your damaged-item policy (Settings → Returns), and what it said is recorded."
        }
        C::ConditionOf => "Condition of {title}",
        C::CondOk => "OK",
        C::CondDamaged => "Damaged",
        C::Note => "Note (optional)",
        C::SaveInspection => "Save inspection",
        C::RefundTitle => "Refund",
        C::RefundLead => {
            "Each line can give back at most what was paid for it. Items attached to a refunded line, such as a care plan, are refunded and ended with it."
        }
        C::FeeDeducted => {
            "Return fee \u{2212}{amount} deducted, as the shop's return policy charges it."
        }
        C::RefundLine => "Refund this line",
        C::PaidFor => "Paid {amount}",
        C::Amount => "Amount",
        C::RefundReason => "Reason for the refund",
        C::ConfirmRefund => "Refund {amount}",
        C::AtMostPaid => "At most {amount}: what was paid for these units",
        C::AmountDigits => "Use digits, such as {example}",
        C::AmountDecimals => "Use at most {n} decimals in {currency}",
        C::AmountNoDecimals => "{currency} amounts have no decimals",
        C::AmountTooLarge => "This amount is too large",
        C::ChooseLine => "Choose at least one line to refund",
        C::CreditTitle => "Store credit",
        C::CreditLead => {
            "The shopper gets a code to spend at your shop, shown on their order page. It defaults to what the returned items were sold for ({amount})."
        }
        C::ConfirmCredit => "Issue {amount} of store credit",
        C::ReplaceTitle => "Send a replacement",
        C::ReplaceLead => {
            "A new shipment is added to the order, and the shopper follows it on their tracking page."
        }
        C::VariantSent => "Size or colour sent",
        C::ShopperAsked => "The shopper asked for: {variant}",
        C::Carrier => "Carrier (optional)",
        C::CarrierHint => "Leave empty to use the carrier of the first parcel.",
        C::TrackingNumber => "Tracking number (optional)",
        C::ConfirmReplace => "Create the replacement shipment",
        C::Outcome => "Outcome",
        C::ShopperWants => "The shopper wants: {resolution}",
        C::NothingYet => "Nothing settled yet.",
        C::DispRestock => "back to stock",
        C::DispKeep => "kept",
        C::DispDiscard => "discarded",
        C::Refunded => "Refunded",
        C::AttachedItem => "attached item",
        C::CreditIssued => "Store credit {code}",
        C::CreditBalance => "{balance} left of {amount}",
        C::ReplacementSent => "Replacement sent",
        C::Messages => "Messages about this return",
        C::Undo => "Undo",
        C::Approved => "Return approved",
        C::Received => "Marked as received",
        C::Undone => "Undone: nothing was changed",
        C::Sending => "Saving in a few seconds: undo in the message below",
        C::ByName => "by {name}",
        C::OpenCase => "Open the case page",
        C::CaseTitle => "Return {number}",
        C::AllReturns => "All returns",
        C::CaseNotFound => "No return has the number {number}.",
        C::NoLabelTitle => "No label can be issued yet",
        C::NoLabelNoAddress => {
            "Add a return address in Settings first: it is where the label sends the parcel. If you approve now, the shopper is told a label will follow."
        }
        C::ApproveAnyway => "Approve without a label",
        C::AddAddress => "Add a return address",
        C::DuplicateReason => "Your shop already has a reason with this name",
    }
}

pub fn fr(c: C) -> &'static str {
    match c {
        C::Reason => "Motif",
        C::AnyReason => "Tous les motifs",
        C::Resolution => "Solution",
        C::AnyResolution => "Toutes les solutions",
        C::From => "Créés à partir du",
        C::To => "Créés jusqu’au",
        C::ClearFilters => "Effacer les filtres",
        C::Inspect => "Inspecter les articles",
        C::Refund => "Rembourser",
        C::StoreCredit => "Émettre un avoir",
        C::Replace => "Envoyer un remplacement",
        C::ShipExchange => "Expédier l’échange",
        C::CatalogueNav => "Catalogue",
        C::CatalogueTitle => "Catalogue",
        C::CatalogueLead => {
            "Vos produits et leurs variantes, avec le stock que les échanges peuvent promettre."
        }
        C::CatalogueSearch => "Référence ou nom du produit",
        C::CatalogueFind => "Rechercher",
        C::CatalogueEmptyTitle => "Aucun produit pour l’instant",
        C::CatalogueEmptyBody => {
            "Les produits arrivent de votre boutique (Shopify, WooCommerce), par l’API ou d’un fichier CSV ci-dessous."
        }
        C::CatalogueProduct => "Produit",
        C::CatalogueSku => "Référence",
        C::CataloguePrice => "Prix",
        C::CatalogueOnHand => "En stock",
        C::CatalogueReserved => "Réservé",
        C::CatalogueAvailable => "Disponible",
        C::CatalogueSoldOut => "Épuisé",
        C::CatalogueImportTitle => "Importer des produits depuis un fichier CSV",
        C::CatalogueImportHint => {
            "Un fichier au format d’export des produits de Shopify (Produits → Exporter). Les \
             variantes sont reconnues par leur référence : importer deux fois le même fichier \
             ne change rien."
        }
        C::CatalogueImportFile => "Fichier de produits (CSV)",
        C::CatalogueImportCurrency => "Devise des prix",
        C::CatalogueImportSend => "Importer les produits",
        C::CatalogueImporting => "Import en cours…",
        C::CatalogueImported => {
            "Importé : {created} nouveaux, {updated} mis à jour, {unchanged} inchangés."
        }
        C::CatalogueRejected => "Lignes écartées",
        C::CatalogueLine => "Ligne",
        C::Exchange => "Échange",
        C::ExchangeFrom => "Retourné",
        C::ExchangeTo => "Envoyé à la place",
        C::ExchangeRequested => "en attente d’approbation",
        C::ExchangeReserved => "réservé",
        C::ExchangeReleased => "remis en stock",
        C::ExchangeShipped => "expédié",
        C::ExchangeEven => "Même valeur : rien à payer de part et d’autre.",
        C::ExchangeRefund => "La boutique rembourse {amount} à l’expédition.",
        C::ExchangeCredit => "La boutique crédite {amount} en avoir à l’expédition.",
        C::ExchangeDue => "Le client doit {amount} :",
        C::ExchangePayLink => "lien de paiement",
        C::ExchangeInstant => "Échange instantané : expédié dès l’approbation.",
        C::OverdueTitle => "Échanges instantanés en attente du colis",
        C::OverdueLead => {
            "Les nouveaux articles sont partis dès l’approbation et les articles retournés ne sont pas arrivés au bout de {days} jours."
        }
        C::OverdueShipped => "envoyé il y a {days} jours",
        C::OverdueShippedOne => "envoyé il y a 1 jour",
        C::OverdueMore => "Les 100 plus anciens sont affichés.",
        C::InspectTitle => "Inspecter chaque article",
        C::InspectLead => {
            "Les articles en bon état retournent en stock. Les articles abîmés suivent votre règle pour les articles endommagés (Paramètres → Retours), et ce qu’elle prévoyait est consigné."
        }
        C::ConditionOf => "État de {title}",
        C::CondOk => "Bon état",
        C::CondDamaged => "Abîmé",
        C::Note => "Note (facultative)",
        C::SaveInspection => "Enregistrer l’inspection",
        C::RefundTitle => "Remboursement",
        C::RefundLead => {
            "Chaque ligne rembourse au plus ce qui a été payé. Les articles rattachés à une ligne remboursée, comme une garantie, sont remboursés et résiliés avec elle."
        }
        C::FeeDeducted => {
            "Frais de retour de \u{2212}{amount} déduits, selon la politique de retour de la boutique."
        }
        C::RefundLine => "Rembourser cette ligne",
        C::PaidFor => "Payé {amount}",
        C::Amount => "Montant",
        C::RefundReason => "Motif du remboursement",
        C::ConfirmRefund => "Rembourser {amount}",
        C::AtMostPaid => "Au plus {amount} : ce qui a été payé pour ces unités",
        C::AmountDigits => "Saisissez des chiffres, par exemple {example}",
        C::AmountDecimals => "Au plus {n} décimales en {currency}",
        C::AmountNoDecimals => "Les montants en {currency} n’ont pas de décimales",
        C::AmountTooLarge => "Ce montant est trop élevé",
        C::ChooseLine => "Choisissez au moins une ligne à rembourser",
        C::CreditTitle => "Avoir",
        C::CreditLead => {
            "Le client reçoit un code à utiliser dans votre boutique, affiché sur la page de sa commande. Par défaut, le montant est le prix de vente des articles retournés ({amount})."
        }
        C::ConfirmCredit => "Émettre un avoir de {amount}",
        C::ReplaceTitle => "Envoyer un remplacement",
        C::ReplaceLead => {
            "Un nouvel envoi est ajouté à la commande, et le client le suit sur sa page de suivi."
        }
        C::VariantSent => "Taille ou couleur envoyée",
        C::ShopperAsked => "Le client a demandé : {variant}",
        C::Carrier => "Transporteur (facultatif)",
        C::CarrierHint => "Laissez vide pour utiliser le transporteur du premier colis.",
        C::TrackingNumber => "Numéro de suivi (facultatif)",
        C::ConfirmReplace => "Créer l’envoi de remplacement",
        C::Outcome => "Résultat",
        C::ShopperWants => "Le client souhaite : {resolution}",
        C::NothingYet => "Rien n’est encore réglé.",
        C::DispRestock => "remis en stock",
        C::DispKeep => "conservé",
        C::DispDiscard => "détruit",
        C::Refunded => "Remboursé",
        C::AttachedItem => "article rattaché",
        C::CreditIssued => "Avoir {code}",
        C::CreditBalance => "{balance} restant sur {amount}",
        C::ReplacementSent => "Remplacement envoyé",
        C::Messages => "Messages sur ce retour",
        C::Undo => "Annuler",
        C::Approved => "Retour accepté",
        C::Received => "Marqué comme reçu",
        C::Undone => "Annulé : rien n’a été modifié",
        C::Sending => {
            "Enregistrement dans quelques secondes : annulez depuis le message ci-dessous"
        }
        C::ByName => "par {name}",
        C::OpenCase => "Ouvrir la fiche du retour",
        C::CaseTitle => "Retour {number}",
        C::AllReturns => "Tous les retours",
        C::CaseNotFound => "Aucun retour ne porte le numéro {number}.",
        C::NoLabelTitle => "Aucune étiquette ne peut encore être émise",
        C::NoLabelNoAddress => {
            "Ajoutez d’abord une adresse de retour dans les paramètres : c’est là que l’étiquette envoie le colis. Si vous acceptez maintenant, le client est prévenu qu’une étiquette suivra."
        }
        C::ApproveAnyway => "Accepter sans étiquette",
        C::AddAddress => "Ajouter une adresse de retour",
        C::DuplicateReason => "Votre boutique a déjà un motif portant ce nom",
    }
}

pub fn condition_key(condition: ItemCondition) -> Key {
    Key::Case(match condition {
        ItemCondition::Ok => C::CondOk,
        ItemCondition::Damaged => C::CondDamaged,
    })
}

pub fn disposition_key(disposition: Disposition) -> Key {
    Key::Case(match disposition {
        Disposition::Restock => C::DispRestock,
        Disposition::Keep => C::DispKeep,
        Disposition::Discard => C::DispDiscard,
    })
}
