//! The return journey (portal wizard, returns on the order page, the EU withdrawal function)
//! and the dashboard's returns queue, in English and French: `Key::Ret(R::…)`. Each language
//! answers every `R` in one exhaustive `match`, so a missing translation fails to build.

use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::{NotReturnable, ReturnStatus};

use super::Key;

/// One sentence or label of the return screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum R {
    StartReturn,
    Steps,
    StepOf,
    StepItems,
    StepReasons,
    StepDetails,
    StepPhotos,
    StepResolution,
    StepSummary,
    Next,
    Back,
    Submit,
    Submitting,
    NothingToReturn,
    ItemsLead,
    WindowEnds,
    Quantity,
    OfLeft,
    ReasonsLead,
    ChooseReasonOption,
    DefectiveSuffix,
    ReasonClosed,
    ReasonNotYet,
    ReasonRefused,
    DetailsLead,
    DefectComment,
    DefectPhotos,
    ResolutionQuestion,
    VariantWanted,
    VariantHint,
    MethodQuestion,
    LabelHint,
    QrHint,
    SummaryLead,
    Fee,
    KeepLine,
    KeepAll,
    NoCommonChoice,
    Resolution,
    Method,
    ResRefund,
    ResStoreCredit,
    ResReplacement,
    ResExchange,
    ExchangeFor,
    NoOtherVariants,
    OutOfStock,
    ShopCatalogue,
    ShopSearch,
    ShopNoMatch,
    ChooseExchange,
    CostsMore,
    DiffEven,
    DiffRefund,
    DiffCredit,
    DiffPay,
    DiffRefused,
    ResPending,
    MethodLabel,
    MethodQr,
    ChooseItem,
    AtLeastOne,
    TooMany,
    WhyWindowClosed,
    WhyNotDelivered,
    WhyAllReturned,
    WhyNotReturnable,
    ChooseReason,
    ReasonRetired,
    DescribeDefect,
    CommentTooLong,
    AddPhoto,
    SayVariant,
    NotOffered,
    ReturnNumber,
    OutcomeContactTitle,
    OutcomeContactBody,
    OutcomeApprovedTitle,
    OutcomeApprovedBody,
    OutcomeKeepItemBody,
    DefectDecidedLater,
    OutcomePendingTitle,
    OutcomePendingBody,
    OutcomeRefundedTitle,
    OutcomeCreditedTitle,
    OutcomeReplacedTitle,
    OutcomeInTransitTitle,
    OutcomeReceivedTitle,
    OutcomeRejectedTitle,
    OutcomeCancelledTitle,
    OutcomeOtherBody,
    DownloadLabel,
    YourReturns,
    StartedOn,
    History,
    CannotReturn,
    WithdrawHere,
    WithdrawUntil,
    WithdrawAnytime,
    WithdrawTitle,
    WithdrawStepStatement,
    WithdrawStepConfirm,
    WithdrawStepReceipt,
    WithdrawLead,
    WithdrawName,
    WithdrawEmail,
    WithdrawScope,
    WithdrawAll,
    WithdrawSome,
    ChooseWithdrawItems,
    EnterName,
    WithdrawStatement,
    WithdrawReceiptTo,
    ConfirmWithdrawal,
    Confirming,
    WithdrawDoneTitle,
    WithdrawReceivedAt,
    WithdrawDoneBody,
    WithdrawNotOffered,
    StPendingReview,
    StNeedsContact,
    StApproved,
    StRejected,
    StInTransit,
    StReceived,
    StInspected,
    StResolved,
    StCancelled,
    ShowQr,
    StoreCreditCode,
    Balance,
    RejectedBecause,
    QSearch,
    QSearchHint,
    QDefectiveOnly,
    QStatusFilter,
    QAll,
    QColReturn,
    QColOrder,
    QColCustomer,
    QColStatus,
    QColCreated,
    QColItems,
    QColResolution,
    QSelect,
    QSelectReturn,
    QLoadMore,
    QShown,
    QNoMatchTitle,
    QNoMatchBody,
    QDefective,
    QWithdrawal,
    QShowCase,
    QApproveSelected,
    QBulkDone,
    QUpdated,
    QItems,
    QNoReason,
    QComment,
    QPhotoN,
    QOrder,
    QTimeline,
    QSubmitted,
    QByShopper,
    QByStaff,
    QBySystem,
    QLabel,
    QNoLabel,
    QKeepItem,
    QShippingSaved,
    KeepPhoto,
    KeepPhotoLead,
    QLabelPdf,
    QLabelQr,
    QTracking,
    QActions,
    QNoActions,
    QApprove,
    QReject,
    QRejectReason,
    QConfirmReject,
    QCancel,
    QSayWhy,
    QMarkReceived,
    QEstimate,
    QIssueLabel,
    QEstimateTitle,
    QService,
    QPrice,
    QTransit,
    QBuyLabel,
    QWorking,
    QTotal,
}

pub fn en(r: R) -> &'static str {
    match r {
        R::StartReturn => "Start a return",
        R::Steps => "Return steps",
        R::StepOf => "(step {n} of {total})",
        R::StepItems => "Items",
        R::StepReasons => "Reasons",
        R::StepDetails => "Defect details",
        R::StepPhotos => "Photos",
        R::StepResolution => "Resolution",
        R::StepSummary => "Summary",
        R::Next => "Next",
        R::Back => "Back",
        R::Submit => "Submit return",
        R::Submitting => "Sending…",
        R::NothingToReturn => "Nothing on this order can be returned right now",
        R::ItemsLead => "Choose the items you are sending back and how many of each.",
        R::WindowEnds => "Returns are open until",
        R::Quantity => "Quantity",
        R::OfLeft => "of {left}",
        R::ReasonsLead => "Tell the shop why each item is coming back.",
        R::ChooseReasonOption => "Choose a reason…",
        R::DefectiveSuffix => " (defective)",
        R::ReasonClosed => " — not accepted: the return window for this reason has closed",
        R::ReasonNotYet => " — accepted once the item has been delivered",
        R::ReasonRefused => " — not accepted for this item",
        R::DetailsLead => {
            "For a defective item the shop needs a description and at least one photo of the defect."
        }
        R::DefectComment => "Describe the defect",
        R::DefectPhotos => "Photos of the defect (at least one)",
        R::ResolutionQuestion => "What would you like instead?",
        R::VariantWanted => "Size or colour wanted",
        R::VariantHint => "For example: Forest / L",
        R::MethodQuestion => "How will you send it back?",
        R::LabelHint => "Print a prepaid label and drop the parcel at the carrier.",
        R::QrHint => "Show a QR code at a drop-off point; no printer needed.",
        R::SummaryLead => "Check your return before sending it.",
        R::Fee => "Return fee",
        R::KeepLine => "You can keep this item.",
        R::KeepAll => "You can keep the items: there is no parcel to send.",
        R::NoCommonChoice => {
            "The shop offers no choice here that suits all these items together: return them separately."
        }
        R::Resolution => "Resolution",
        R::Method => "Return method",
        R::ResRefund => "Refund",
        R::ResStoreCredit => "Store credit",
        R::ResReplacement => "Replacement",
        R::ResExchange => "Exchange for another size or colour",
        R::ExchangeFor => "Exchange for",
        R::NoOtherVariants => "No other size or colour of this item is available.",
        R::OutOfStock => "out of stock",
        R::ShopCatalogue => "Or another product of the shop (name or reference)",
        R::ShopSearch => "Search",
        R::ShopNoMatch => "Nothing in stock matches this search.",
        R::ChooseExchange => "Choose what you would like instead.",
        R::CostsMore => {
            "This exchange costs more and the shop does not take payments for exchanges: choose an item of the same price or less."
        }
        R::DiffEven => "Same price: nothing to pay, nothing back.",
        R::DiffRefund => "The new item costs less: {amount} back to your original payment method.",
        R::DiffCredit => "The new item costs less: {amount} in store credit.",
        R::DiffPay => {
            "The new item costs more: {amount} to pay through the shop's payment link once you submit."
        }
        R::DiffRefused => {
            "The new item costs {amount} more, and this shop does not take payments for exchanges: choose an item of the same price or less."
        }
        R::ResPending => "To be decided with the shop",
        R::MethodLabel => "Prepaid label",
        R::MethodQr => "QR code drop-off",
        R::ChooseItem => "Choose at least one item to return.",
        R::AtLeastOne => "Return at least one unit.",
        R::TooMany => "That is more than is left to return.",
        R::WhyWindowClosed => "The return window for this order has closed.",
        R::WhyNotDelivered => "Items can be returned once they have been delivered.",
        R::WhyAllReturned => "Every unit of this item is already being returned.",
        R::WhyNotReturnable => "This item cannot be returned.",
        R::ChooseReason => "Choose a reason.",
        R::ReasonRetired => "This reason is no longer offered; choose another.",
        R::DescribeDefect => "Describe the defect.",
        R::CommentTooLong => "Use at most 2000 characters.",
        R::AddPhoto => "Add at least one photo of the defect.",
        R::SayVariant => "Say which size or colour you want instead.",
        R::NotOffered => "The shop does not offer this.",
        R::ReturnNumber => "Your return number is {number}.",
        R::OutcomeContactTitle => "Thank you, the shop will contact you",
        R::OutcomeContactBody => {
            "A defective item needs a look from customer service first: we will contact you by email about the next steps. No need to send anything yet."
        }
        R::OutcomeApprovedTitle => "Your return is approved",
        R::OutcomeApprovedBody => {
            "Pack the items and send them with the label below; we also emailed it to you."
        }
        R::OutcomeKeepItemBody => {
            "There is nothing to send back: keep the items, or give them to someone who can use them."
        }
        R::DefectDecidedLater => {
            "The shop looks at the defect first, then gets in touch to agree with you on a refund, store credit or a replacement, and on whether the item needs to come back."
        }
        R::OutcomePendingTitle => "Your return is waiting for the shop’s review",
        R::OutcomePendingBody => {
            "The shop checks each return. Once it is approved, your label appears on your order page and in your inbox."
        }
        R::OutcomeRefundedTitle => "Your return is refunded",
        R::OutcomeCreditedTitle => "Your store credit is issued",
        R::OutcomeReplacedTitle => "Your replacement is on its way",
        R::OutcomeInTransitTitle => "Your parcel is on its way to the shop",
        R::OutcomeReceivedTitle => "The shop has received your parcel",
        R::OutcomeRejectedTitle => "The shop did not accept your return",
        R::OutcomeCancelledTitle => "Your return is cancelled",
        R::OutcomeOtherBody => "Follow it from your order page.",
        R::DownloadLabel => "Download the return label (PDF)",
        R::YourReturns => "Your returns",
        R::StartedOn => "Started on",
        R::History => "History",
        R::CannotReturn => "Returns",
        R::WithdrawHere => "Withdraw from contract here",
        R::WithdrawUntil => {
            "You may withdraw from this purchase until {date}, without giving a reason."
        }
        R::WithdrawAnytime => {
            "You may withdraw from this purchase without giving a reason; the period runs 14 days from delivery."
        }
        R::WithdrawTitle => "Withdraw from the contract",
        R::WithdrawStepStatement => "Your statement",
        R::WithdrawStepConfirm => "Confirm",
        R::WithdrawStepReceipt => "Receipt",
        R::WithdrawLead => {
            "Tell us who you are and which items you withdraw from. You will confirm on the next screen."
        }
        R::WithdrawName => "Your name",
        R::WithdrawEmail => "Email for the receipt",
        R::WithdrawScope => "What do you withdraw from?",
        R::WithdrawAll => "The whole order",
        R::WithdrawSome => "Some items",
        R::ChooseWithdrawItems => "Choose at least one item.",
        R::EnterName => "Enter your name.",
        R::WithdrawStatement => {
            "I, {name}, hereby withdraw from my contract for the following items of order {number}:"
        }
        R::WithdrawReceiptTo => "The receipt will be sent to {email}.",
        R::ConfirmWithdrawal => "Confirm withdrawal",
        R::Confirming => "Confirming…",
        R::WithdrawDoneTitle => "Your withdrawal has been received",
        R::WithdrawReceivedAt => "Received on {date}.",
        R::WithdrawDoneBody => {
            "We emailed this receipt to you. The shop will tell you how to send the items back; you will be refunded within 14 days."
        }
        R::WithdrawNotOffered => "Withdrawal is not available for this order.",
        R::StPendingReview => "Waiting for review",
        R::StNeedsContact => "Shop will contact you",
        R::StApproved => "Approved",
        R::StRejected => "Rejected",
        R::StInTransit => "On its way back",
        R::StReceived => "Received",
        R::StInspected => "Inspected",
        R::StResolved => "Resolved",
        R::StCancelled => "Cancelled",
        R::ShowQr => "Show the drop-off QR code",
        R::StoreCreditCode => "Store credit code: {code}",
        R::Balance => "Balance: {amount}",
        R::RejectedBecause => "Reason given by the shop:",
        R::QSearch => "Search returns",
        R::QSearchHint => "Return number, order number or email",
        R::QDefectiveOnly => "Defective only",
        R::QStatusFilter => "Filter by status",
        R::QAll => "All",
        R::QColReturn => "Return",
        R::QColOrder => "Order",
        R::QColCustomer => "Customer",
        R::QColStatus => "Status",
        R::QColCreated => "Created",
        R::QColItems => "Items",
        R::QColResolution => "Resolution",
        R::QSelect => "Select",
        R::QSelectReturn => "Select return {number}",
        R::QLoadMore => "Load more",
        R::QShown => "{count} returns shown",
        R::QNoMatchTitle => "No return matches",
        R::QNoMatchBody => "Try another search, status or filter.",
        R::QDefective => "Defective",
        R::QWithdrawal => "Withdrawal",
        R::QShowCase => "Show return {number}",
        R::QApproveSelected => "Approve selected ({count})",
        R::QBulkDone => "{ok} approved, {failed} not approved",
        R::QUpdated => "Return updated",
        R::QItems => "Items",
        R::QNoReason => "No reason needed (withdrawal)",
        R::QComment => "Comment:",
        R::QPhotoN => "Photo {n}",
        R::QOrder => "Order",
        R::QTimeline => "Timeline",
        R::QSubmitted => "Submitted",
        R::QByShopper => "by the shopper",
        R::QByStaff => "by staff",
        R::QBySystem => "by Rebound",
        R::QLabel => "Label",
        R::QNoLabel => "No label yet.",
        R::QKeepItem => "The shopper keeps the items (return policy): no label, no parcel.",
        R::QShippingSaved => "Shipping saved",
        R::KeepPhoto => "A photo of the item (the shop asks to see it before you keep it)",
        R::KeepPhotoLead => {
            "The shop lets you keep these items once it has seen them: add a photo of each."
        }
        R::QLabelPdf => "Label (PDF)",
        R::QLabelQr => "Drop-off QR code",
        R::QTracking => "Tracking number",
        R::QActions => "Actions",
        R::QNoActions => "Nothing to do on this return now.",
        R::QApprove => "Approve",
        R::QReject => "Reject",
        R::QRejectReason => "Why is it refused? The shopper sees this.",
        R::QConfirmReject => "Reject return",
        R::QCancel => "Cancel",
        R::QSayWhy => "Say why the return is refused.",
        R::QMarkReceived => "Mark received",
        R::QEstimate => "Estimate shipping",
        R::QIssueLabel => "Issue label",
        R::QEstimateTitle => "Shipping estimate: {carrier}, {weight} g",
        R::QService => "Service",
        R::QPrice => "Price",
        R::QTransit => "{days} days",
        R::QBuyLabel => "Buy this label",
        R::QWorking => "Working…",
        R::QTotal => "Value returned",
    }
}

pub fn fr(r: R) -> &'static str {
    match r {
        R::StartReturn => "Faire un retour",
        R::Steps => "Étapes du retour",
        R::StepOf => "(étape {n} sur {total})",
        R::StepItems => "Articles",
        R::StepReasons => "Motifs",
        R::StepDetails => "Détails du défaut",
        R::StepPhotos => "Photos",
        R::StepResolution => "Solution",
        R::StepSummary => "Récapitulatif",
        R::Next => "Suivant",
        // "Retour" would read as the return itself inside "Faire un retour".
        R::Back => "Précédent",
        R::Submit => "Envoyer le retour",
        R::Submitting => "Envoi…",
        R::NothingToReturn => {
            "Aucun article de cette commande ne peut être retourné pour le moment"
        }
        R::ItemsLead => "Choisissez les articles à renvoyer et leur quantité.",
        R::WindowEnds => "Les retours sont possibles jusqu’au",
        R::Quantity => "Quantité",
        R::OfLeft => "sur {left}",
        R::ReasonsLead => "Dites à la boutique pourquoi chaque article est renvoyé.",
        R::ChooseReasonOption => "Choisissez un motif…",
        R::DefectiveSuffix => " (défectueux)",
        R::ReasonClosed => " — non accepté : le délai de retour pour ce motif est dépassé",
        R::ReasonNotYet => " — accepté une fois l’article livré",
        R::ReasonRefused => " — non accepté pour cet article",
        R::DetailsLead => {
            "Pour un article défectueux, la boutique a besoin d’une description et d’au moins une photo du défaut."
        }
        R::DefectComment => "Décrivez le défaut",
        R::DefectPhotos => "Photos du défaut (au moins une)",
        R::ResolutionQuestion => "Que souhaitez-vous en échange ?",
        R::VariantWanted => "Taille ou couleur souhaitée",
        R::VariantHint => "Par exemple : Forêt / L",
        R::MethodQuestion => "Comment allez-vous le renvoyer ?",
        R::LabelHint => "Imprimez une étiquette prépayée et déposez le colis chez le transporteur.",
        R::QrHint => "Présentez un code QR dans un point de dépôt ; pas besoin d’imprimante.",
        R::SummaryLead => "Vérifiez votre retour avant de l’envoyer.",
        R::Fee => "Frais de retour",
        R::KeepLine => "Vous pouvez garder cet article.",
        R::KeepAll => "Vous pouvez garder les articles : aucun colis à envoyer.",
        R::NoCommonChoice => {
            "La boutique ne propose ici aucun choix valable pour tous ces articles ensemble : retournez-les séparément."
        }
        R::Resolution => "Solution",
        R::Method => "Mode de retour",
        R::ResRefund => "Remboursement",
        R::ResStoreCredit => "Avoir en boutique",
        R::ResReplacement => "Échange",
        R::ResExchange => "Échange contre une autre taille ou couleur",
        R::ExchangeFor => "Échanger contre",
        R::NoOtherVariants => "Aucune autre taille ni couleur de cet article n’est disponible.",
        R::OutOfStock => "épuisé",
        R::ShopCatalogue => "Ou un autre produit de la boutique (nom ou référence)",
        R::ShopSearch => "Rechercher",
        R::ShopNoMatch => "Aucun article en stock ne correspond à cette recherche.",
        R::ChooseExchange => "Choisissez ce que vous souhaitez à la place.",
        R::CostsMore => {
            "Cet échange coûte plus cher et la boutique n’encaisse pas de paiement pour les échanges : choisissez un article au même prix ou moins cher."
        }
        R::DiffEven => "Même prix : rien à payer, rien à rembourser.",
        R::DiffRefund => {
            "Le nouvel article coûte moins cher : {amount} remboursés sur votre moyen de paiement."
        }
        R::DiffCredit => "Le nouvel article coûte moins cher : {amount} en avoir.",
        R::DiffPay => {
            "Le nouvel article coûte plus cher : {amount} à payer via le lien de paiement de la boutique après l’envoi."
        }
        R::DiffRefused => {
            "Le nouvel article coûte {amount} de plus et la boutique n’encaisse pas de paiement pour les échanges : choisissez un article au même prix ou moins cher."
        }
        R::ResPending => "À décider avec la boutique",
        R::MethodLabel => "Étiquette prépayée",
        R::MethodQr => "Dépôt avec code QR",
        R::ChooseItem => "Choisissez au moins un article à retourner.",
        R::AtLeastOne => "Retournez au moins une unité.",
        R::TooMany => "C’est plus que ce qu’il reste à retourner.",
        R::WhyWindowClosed => "Le délai de retour de cette commande est dépassé.",
        R::WhyNotDelivered => "Les articles peuvent être retournés une fois livrés.",
        R::WhyAllReturned => "Toutes les unités de cet article sont déjà en retour.",
        R::WhyNotReturnable => "Cet article ne peut pas être retourné.",
        R::ChooseReason => "Choisissez un motif.",
        R::ReasonRetired => "Ce motif n’est plus proposé ; choisissez-en un autre.",
        R::DescribeDefect => "Décrivez le défaut.",
        R::CommentTooLong => "Utilisez au plus 2000 caractères.",
        R::AddPhoto => "Ajoutez au moins une photo du défaut.",
        R::SayVariant => "Indiquez la taille ou la couleur souhaitée.",
        R::NotOffered => "La boutique ne propose pas cette option.",
        R::ReturnNumber => "Votre numéro de retour est {number}.",
        R::OutcomeContactTitle => "Merci, la boutique va vous contacter",
        R::OutcomeContactBody => {
            "Un article défectueux doit d’abord être examiné par le service client : nous vous contacterons par e-mail pour la suite. N’envoyez rien pour l’instant."
        }
        R::OutcomeApprovedTitle => "Votre retour est accepté",
        R::OutcomeApprovedBody => {
            "Emballez les articles et envoyez-les avec l’étiquette ci-dessous ; nous vous l’avons aussi envoyée par e-mail."
        }
        R::OutcomeKeepItemBody => {
            "Vous n’avez rien à renvoyer : gardez les articles, ou donnez-les à quelqu’un qui en aura l’usage."
        }
        R::DefectDecidedLater => {
            "La boutique examine d’abord le défaut, puis vous contacte pour convenir d’un remboursement, d’un avoir ou d’un échange, et de l’éventuel renvoi de l’article."
        }
        R::OutcomePendingTitle => "Votre retour attend la validation de la boutique",
        R::OutcomePendingBody => {
            "La boutique vérifie chaque retour. Une fois accepté, votre étiquette apparaît sur la page de votre commande et dans votre boîte mail."
        }
        R::OutcomeRefundedTitle => "Votre retour est remboursé",
        R::OutcomeCreditedTitle => "Votre avoir est émis",
        R::OutcomeReplacedTitle => "Votre article de remplacement est en route",
        R::OutcomeInTransitTitle => "Votre colis est en route vers la boutique",
        R::OutcomeReceivedTitle => "La boutique a reçu votre colis",
        R::OutcomeRejectedTitle => "La boutique n’a pas accepté votre retour",
        R::OutcomeCancelledTitle => "Votre retour est annulé",
        R::OutcomeOtherBody => "Suivez-le depuis la page de votre commande.",
        R::DownloadLabel => "Télécharger l’étiquette de retour (PDF)",
        R::YourReturns => "Vos retours",
        R::StartedOn => "Commencé le",
        R::History => "Historique",
        R::CannotReturn => "Retours",
        R::WithdrawHere => "Se rétracter du contrat ici",
        R::WithdrawUntil => {
            "Vous pouvez vous rétracter de cet achat jusqu’au {date}, sans donner de motif."
        }
        R::WithdrawAnytime => {
            "Vous pouvez vous rétracter de cet achat sans donner de motif ; le délai court 14 jours à partir de la livraison."
        }
        R::WithdrawTitle => "Se rétracter du contrat",
        R::WithdrawStepStatement => "Votre déclaration",
        R::WithdrawStepConfirm => "Confirmation",
        R::WithdrawStepReceipt => "Accusé de réception",
        R::WithdrawLead => {
            "Indiquez qui vous êtes et de quels articles vous vous rétractez. Vous confirmerez à l’écran suivant."
        }
        R::WithdrawName => "Votre nom",
        R::WithdrawEmail => "E-mail pour l’accusé de réception",
        R::WithdrawScope => "De quoi vous rétractez-vous ?",
        R::WithdrawAll => "Toute la commande",
        R::WithdrawSome => "Certains articles",
        R::ChooseWithdrawItems => "Choisissez au moins un article.",
        R::EnterName => "Saisissez votre nom.",
        R::WithdrawStatement => {
            "Je soussigné(e), {name}, me rétracte par la présente du contrat portant sur les articles suivants de la commande {number} :"
        }
        R::WithdrawReceiptTo => "L’accusé de réception sera envoyé à {email}.",
        R::ConfirmWithdrawal => "Confirmer la rétractation",
        R::Confirming => "Confirmation…",
        R::WithdrawDoneTitle => "Votre rétractation a bien été reçue",
        R::WithdrawReceivedAt => "Reçue le {date}.",
        R::WithdrawDoneBody => {
            "Nous vous avons envoyé cet accusé de réception par e-mail. La boutique vous indiquera comment renvoyer les articles ; vous serez remboursé(e) sous 14 jours."
        }
        R::WithdrawNotOffered => "La rétractation n’est pas disponible pour cette commande.",
        R::StPendingReview => "En attente de validation",
        R::StNeedsContact => "La boutique va vous contacter",
        R::StApproved => "Accepté",
        R::StRejected => "Refusé",
        R::StInTransit => "En route vers la boutique",
        R::StReceived => "Reçu",
        R::StInspected => "Vérifié",
        R::StResolved => "Terminé",
        R::StCancelled => "Annulé",
        R::ShowQr => "Afficher le code QR de dépôt",
        R::StoreCreditCode => "Code d’avoir : {code}",
        R::Balance => "Solde : {amount}",
        R::RejectedBecause => "Motif donné par la boutique :",
        R::QSearch => "Rechercher des retours",
        R::QSearchHint => "Numéro de retour, de commande ou e-mail",
        R::QDefectiveOnly => "Défectueux seulement",
        R::QStatusFilter => "Filtrer par statut",
        R::QAll => "Tous",
        R::QColReturn => "Retour",
        R::QColOrder => "Commande",
        R::QColCustomer => "Client",
        R::QColStatus => "Statut",
        R::QColCreated => "Créé le",
        R::QColItems => "Articles",
        R::QColResolution => "Solution",
        R::QSelect => "Sélectionner",
        R::QSelectReturn => "Sélectionner le retour {number}",
        R::QLoadMore => "Charger plus",
        R::QShown => "{count} retours affichés",
        R::QNoMatchTitle => "Aucun retour ne correspond",
        R::QNoMatchBody => "Essayez une autre recherche, un autre statut ou filtre.",
        R::QDefective => "Défectueux",
        R::QWithdrawal => "Rétractation",
        R::QShowCase => "Afficher le retour {number}",
        R::QApproveSelected => "Accepter la sélection ({count})",
        R::QBulkDone => "{ok} accepté(s), {failed} non accepté(s)",
        R::QUpdated => "Retour mis à jour",
        R::QItems => "Articles",
        R::QNoReason => "Aucun motif requis (rétractation)",
        R::QComment => "Commentaire :",
        R::QPhotoN => "Photo {n}",
        R::QOrder => "Commande",
        R::QTimeline => "Historique",
        R::QSubmitted => "Envoyé",
        R::QByShopper => "par le client",
        R::QByStaff => "par l’équipe",
        R::QBySystem => "par Rebound",
        R::QLabel => "Étiquette",
        R::QNoLabel => "Pas encore d’étiquette.",
        R::QKeepItem => {
            "Le client garde les articles (politique de retour) : ni étiquette, ni colis."
        }
        R::QShippingSaved => "Frais de port économisés",
        R::KeepPhoto => {
            "Une photo de l’article (la boutique souhaite le voir avant que vous le gardiez)"
        }
        R::KeepPhotoLead => {
            "La boutique vous laisse garder ces articles après les avoir vus : ajoutez une photo de chacun."
        }
        R::QLabelPdf => "Étiquette (PDF)",
        R::QLabelQr => "Code QR de dépôt",
        R::QTracking => "Numéro de suivi",
        R::QActions => "Actions",
        R::QNoActions => "Rien à faire sur ce retour pour le moment.",
        R::QApprove => "Accepter",
        R::QReject => "Refuser",
        R::QRejectReason => "Pourquoi est-il refusé ? Le client le verra.",
        R::QConfirmReject => "Refuser le retour",
        R::QCancel => "Annuler",
        R::QSayWhy => "Indiquez pourquoi le retour est refusé.",
        R::QMarkReceived => "Marquer comme reçu",
        R::QEstimate => "Estimer l’envoi",
        R::QIssueLabel => "Émettre l’étiquette",
        R::QEstimateTitle => "Estimation d’envoi : {carrier}, {weight} g",
        R::QService => "Service",
        R::QPrice => "Prix",
        R::QTransit => "{days} jours",
        R::QBuyLabel => "Acheter cette étiquette",
        R::QWorking => "En cours…",
        R::QTotal => "Valeur retournée",
    }
}

pub fn not_returnable_key(why: NotReturnable) -> Key {
    Key::Ret(match why {
        NotReturnable::NotDelivered => R::WhyNotDelivered,
        NotReturnable::WindowClosed => R::WhyWindowClosed,
        NotReturnable::NotReturnable => R::WhyNotReturnable,
        NotReturnable::AllReturned => R::WhyAllReturned,
    })
}

pub fn resolution_key(resolution: Resolution) -> Key {
    Key::Ret(match resolution {
        Resolution::Refund => R::ResRefund,
        Resolution::StoreCredit => R::ResStoreCredit,
        Resolution::Replacement => R::ResReplacement,
        Resolution::Exchange => R::ResExchange,
    })
}

/// The resolution a return asks for, or "to be decided" while a defective return leaves it to
/// the shop.
pub fn chosen_resolution_key(resolution: Option<Resolution>) -> Key {
    match resolution {
        Some(resolution) => resolution_key(resolution),
        None => Key::Ret(R::ResPending),
    }
}

pub fn method_key(method: ReturnMethod) -> Key {
    Key::Ret(match method {
        ReturnMethod::PrepaidLabel => R::MethodLabel,
        ReturnMethod::QrDropOff => R::MethodQr,
    })
}

pub fn return_status_key(status: ReturnStatus) -> Key {
    Key::Ret(match status {
        ReturnStatus::PendingReview => R::StPendingReview,
        ReturnStatus::NeedsContact => R::StNeedsContact,
        ReturnStatus::Approved => R::StApproved,
        ReturnStatus::Rejected => R::StRejected,
        ReturnStatus::InTransit => R::StInTransit,
        ReturnStatus::Received => R::StReceived,
        ReturnStatus::Inspected => R::StInspected,
        ReturnStatus::Resolved => R::StResolved,
        ReturnStatus::Cancelled => R::StCancelled,
    })
}
