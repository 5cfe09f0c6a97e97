//! The shopper portal's order screens, in English and French: `Key::Portal(P::…)`. Each
//! language answers every `P` in one exhaustive `match`, so a missing translation fails to build.

/// One sentence or label of the portal's order screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum P {
    LookingUp,
    LookupMiss,
    LookupWait,
    OrderClosed,
    YourOrder,
    PlacedOn,
    Progress,
    StepDone,
    StageOrdered,
    StageDispatched,
    StageInTransit,
    StageOutForDelivery,
    StageDelivered,
    ExceptionTitle,
    ExceptionBody,
    Shipments,
    NotShippedYet,
    LookUpAnother,
    BackToOrder,
    Cancel,
    ChangeAddress,
    ChangeAddressLead,
    AddressLocked,
    AddressTooLate,
    AddressNotTaken,
    AddressChanged,
    AddressLine1,
    AddressLine2,
    City,
    Region,
    PostalCode,
    Country,
    SaveAddress,
    SavingAddress,
    ReportProblem,
    ReportLead,
    IssueType,
    WhatHappened,
    WhatHappenedHint,
    MessageRequired,
    MessageTooLong,
    Photos,
    PhotosHint,
    PhotosMax,
    PhotosStillUploading,
    UploadingPhotos,
    PhotoUploadUnavailable,
    RemovePhoto,
    SendReport,
    SendingReport,
    ReportSentTitle,
    ReportSentBody,
    ReturnsOpenSoonTitle,
    ReturnsOpenSoonBody,
    YouGet,
    GetRefund,
    GetStoreCredit,
    GetReplacement,
    GetExchange,
    WhenAfterInspection,
    WhenKept,
    WhatRefund,
    WhatStoreCredit,
    WhatReplacement,
    WhatExchange,
    WhatAgreed,
    NowPending,
    NowNeedsContact,
    NowApproved,
    NowApprovedNoLabel,
    NowInTransit,
    NowReceived,
    NowRefunded,
    NowStoreCredit,
    NowReplaced,
    NowRejected,
    NowCancelled,
    NowKeepItem,
    NowPendingKeepItem,
    CancelReturn,
    CancelReturnConfirm,
    CancelReturnYes,
    CancelReturnNo,
    CancellingReturn,
    CancelOrder,
    CancelOrderConfirm,
    CancelOrderReason,
    CancelOrderYes,
    KeepOrder,
    CancellingOrder,
    OrderCancelledTitle,
    OrderCancelledBody,
    TimelineRefunded,
    ReturnOtherItems,
    StartAnother,
}

pub fn en(p: P) -> &'static str {
    match p {
        P::LookingUp => "Finding your order…",
        P::LookupMiss => {
            "We couldn't find an order with these details. Check both and try again, exactly as they appear in your confirmation email."
        }
        P::LookupWait => "Too many attempts. Please try again in {seconds} seconds.",
        P::OrderClosed => "For your security, please look your order up again.",
        P::YourOrder => "Your order",
        P::PlacedOn => "Placed on",
        P::Progress => "Delivery progress",
        P::StepDone => "(done)",
        P::StageOrdered => "Ordered",
        P::StageDispatched => "Dispatched",
        P::StageInTransit => "In transit",
        P::StageOutForDelivery => "Out for delivery",
        P::StageDelivered => "Delivered",
        P::ExceptionTitle => "The carrier reported a problem",
        P::ExceptionBody => {
            "Your parcel is delayed. See the latest update below; the carrier usually tries again the next working day."
        }
        P::Shipments => "Shipments",
        P::NotShippedYet => {
            "Your order has not shipped yet. You will see the tracking here as soon as it leaves."
        }
        P::LookUpAnother => "Look up another order",
        P::BackToOrder => "Back to my order",
        P::Cancel => "Cancel",
        P::ChangeAddress => "Change delivery address",
        P::ChangeAddressLead => "You can change it until your order ships.",
        P::AddressLocked => {
            "Your order has already been dispatched, so its address can no longer be changed."
        }
        P::AddressTooLate => {
            "Your order has just been dispatched, so its address can no longer be changed."
        }
        P::AddressNotTaken => {
            "This shop does not take address changes online. Please contact them directly."
        }
        P::AddressChanged => "Your delivery address has been updated.",
        P::AddressLine1 => "Address",
        P::AddressLine2 => "Apartment, suite, etc. (optional)",
        P::City => "City",
        P::Region => "Province, state or region (optional)",
        P::PostalCode => "Postal code",
        P::Country => "Country",
        P::SaveAddress => "Save address",
        P::SavingAddress => "Saving…",
        P::ReportProblem => "Report a problem",
        P::ReportLead => "Tell the shop what went wrong; they will reply by email.",
        P::IssueType => "What is the problem?",
        P::WhatHappened => "What happened?",
        P::WhatHappenedHint => {
            "A few words help the shop sort it out quickly (up to 2000 characters)."
        }
        P::MessageRequired => "Tell us what happened.",
        P::MessageTooLong => "Use at most 2000 characters.",
        P::Photos => "Photos (optional)",
        P::PhotosHint => "Up to 5 photos: JPG, PNG, GIF or WEBP.",
        P::PhotosMax => "You can attach up to 5 photos.",
        P::PhotosStillUploading => "Please wait until the photos have uploaded.",
        P::UploadingPhotos => "Uploading photos… {count} left",
        P::PhotoUploadUnavailable => "Photos can't be uploaded right now.",
        P::RemovePhoto => "Remove photo {name}",
        P::SendReport => "Send report",
        P::SendingReport => "Sending…",
        P::ReportSentTitle => "Thank you, your report has been sent.",
        P::ReportSentBody => "The shop will get back to you by email.",
        P::ReturnsOpenSoonTitle => "Returns open soon",
        P::ReturnsOpenSoonBody => {
            "The shop is getting its returns ready. Come back in a few days, or write to the shop if it cannot wait."
        }
        P::YouGet => "What you get",
        P::GetRefund => "{amount} back to your original payment method",
        P::GetStoreCredit => "{amount} as a store credit code to spend in the shop",
        P::GetReplacement => "A replacement worth {amount}: no money changes hands",
        P::GetExchange => {
            "Another item for the {amount} paid; any difference is shown before you submit"
        }
        P::WhenAfterInspection => "After your parcel is received and inspected by the shop.",
        P::WhenKept => "Once the shop has approved your return.",
        P::WhatRefund => "your refund",
        P::WhatStoreCredit => "your store credit",
        P::WhatReplacement => "your replacement",
        P::WhatExchange => "your exchange",
        P::WhatAgreed => "what you agree with the shop",
        P::NowPending => {
            "The shop is reviewing your return. Once it is approved you send the parcel, and {what} follows after it is received and inspected."
        }
        P::NowNeedsContact => {
            "The shop will contact you about the defect before anything is sent back."
        }
        P::NowApproved => {
            "Approved: send the parcel. {What} follows after the shop has received and inspected it."
        }
        P::NowApprovedNoLabel => {
            "Approved. The shop is preparing your return label and will email it to you; it will also appear here. Keep the items until then."
        }
        P::NowInTransit => {
            "Your parcel is on its way to the shop. {What} follows after it is received and inspected."
        }
        P::NowReceived => "The shop has your parcel and is inspecting it. {What} follows.",
        P::NowRefunded => {
            "Refunded: {amount} back to your original payment method. Your bank may take a few days to show it."
        }
        P::NowStoreCredit => "Settled with a store credit code, shown below.",
        P::NowReplaced => "Settled: your replacement has been sent.",
        P::NowRejected => "The shop declined this return; its reason is below.",
        P::NowCancelled => "This return was cancelled; nothing more happens.",
        P::NowKeepItem => {
            "Approved, and there is nothing to send back: keep the items, or give them to someone who can use them. {What} follows."
        }
        P::NowPendingKeepItem => {
            "The shop is reviewing your return. You will not need to send anything back: once it is approved, {what} follows."
        }
        P::CancelReturn => "Cancel this return",
        P::CancelReturnConfirm => {
            "Cancel return {number}? Its label stops working, and you can start a new return later while the return window is open."
        }
        P::CancelReturnYes => "Yes, cancel it",
        P::CancelReturnNo => "No, keep it",
        P::CancellingReturn => "Cancelling…",
        P::CancelOrder => "Cancel order",
        P::CancelOrderConfirm => {
            "Cancel this order? The shop is told at once and will not ship it; your payment is refunded by the shop."
        }
        P::CancelOrderReason => "Why are you cancelling? (optional)",
        P::CancelOrderYes => "Yes, cancel my order",
        P::KeepOrder => "No, keep my order",
        P::CancellingOrder => "Cancelling…",
        P::OrderCancelledTitle => "This order is cancelled",
        P::OrderCancelledBody => {
            "You cancelled it on {date}. The shop has been told and will not ship it; your payment is refunded by the shop."
        }
        P::TimelineRefunded => "{amount} refunded to your original payment method.",
        P::ReturnOtherItems => "Return other items",
        P::StartAnother => "Start another return",
    }
}

pub fn fr(p: P) -> &'static str {
    match p {
        P::LookingUp => "Recherche de votre commande…",
        P::LookupMiss => {
            "Aucune commande ne correspond à ces informations. Vérifiez-les toutes les deux, telles qu’elles figurent dans votre e-mail de confirmation."
        }
        P::LookupWait => "Trop de tentatives. Réessayez dans {seconds} secondes.",
        P::OrderClosed => "Par sécurité, veuillez rechercher de nouveau votre commande.",
        P::YourOrder => "Votre commande",
        P::PlacedOn => "Passée le",
        P::Progress => "Suivi de la livraison",
        P::StepDone => "(terminé)",
        P::StageOrdered => "Commandée",
        P::StageDispatched => "Expédiée",
        P::StageInTransit => "En transit",
        P::StageOutForDelivery => "En cours de livraison",
        P::StageDelivered => "Livrée",
        P::ExceptionTitle => "Le transporteur a signalé un problème",
        P::ExceptionBody => {
            "Votre colis est retardé. Consultez la dernière mise à jour ci-dessous ; le transporteur repasse généralement le jour ouvré suivant."
        }
        P::Shipments => "Colis",
        P::NotShippedYet => {
            "Votre commande n’est pas encore expédiée. Le suivi s’affichera ici dès son départ."
        }
        P::LookUpAnother => "Rechercher une autre commande",
        P::BackToOrder => "Retour à ma commande",
        P::Cancel => "Annuler",
        P::ChangeAddress => "Modifier l’adresse de livraison",
        P::ChangeAddressLead => "Vous pouvez la modifier jusqu’à l’expédition.",
        P::AddressLocked => {
            "Votre commande est déjà expédiée : son adresse ne peut plus être modifiée."
        }
        P::AddressTooLate => {
            "Votre commande vient d’être expédiée : son adresse ne peut plus être modifiée."
        }
        P::AddressNotTaken => {
            "Cette boutique ne modifie pas les adresses en ligne. Contactez-la directement."
        }
        P::AddressChanged => "Votre adresse de livraison a été mise à jour.",
        P::AddressLine1 => "Adresse",
        P::AddressLine2 => "Appartement, bâtiment, etc. (facultatif)",
        P::City => "Ville",
        P::Region => "Province, État ou région (facultatif)",
        P::PostalCode => "Code postal",
        P::Country => "Pays",
        P::SaveAddress => "Enregistrer l’adresse",
        P::SavingAddress => "Enregistrement…",
        P::ReportProblem => "Signaler un problème",
        P::ReportLead => "Dites à la boutique ce qui ne va pas ; elle vous répondra par e-mail.",
        P::IssueType => "Quel est le problème ?",
        P::WhatHappened => "Que s’est-il passé ?",
        P::WhatHappenedHint => {
            "Quelques mots aident la boutique à régler le problème vite (2000 caractères au plus)."
        }
        P::MessageRequired => "Dites-nous ce qui s’est passé.",
        P::MessageTooLong => "Utilisez au plus 2000 caractères.",
        P::Photos => "Photos (facultatif)",
        P::PhotosHint => "Jusqu’à 5 photos : JPG, PNG, GIF ou WEBP.",
        P::PhotosMax => "Vous pouvez joindre 5 photos au plus.",
        P::PhotosStillUploading => "Patientez jusqu’à la fin de l’envoi des photos.",
        P::UploadingPhotos => "Envoi des photos… encore {count}",
        P::PhotoUploadUnavailable => "Les photos ne peuvent pas être envoyées pour le moment.",
        P::RemovePhoto => "Retirer la photo {name}",
        P::SendReport => "Envoyer le signalement",
        P::SendingReport => "Envoi…",
        P::ReportSentTitle => "Merci, votre signalement a été envoyé.",
        P::ReportSentBody => "La boutique vous répondra par e-mail.",
        P::ReturnsOpenSoonTitle => "Les retours ouvrent bientôt",
        P::ReturnsOpenSoonBody => {
            "La boutique prépare ses retours. Revenez dans quelques jours, ou écrivez à la boutique si cela ne peut pas attendre."
        }
        P::YouGet => "Ce que vous recevez",
        P::GetRefund => "{amount} remboursés sur votre moyen de paiement d’origine",
        P::GetStoreCredit => "{amount} en avoir : un code à utiliser dans la boutique",
        P::GetReplacement => "Un article de remplacement d’une valeur de {amount} : aucun paiement",
        P::GetExchange => {
            "Un autre article pour les {amount} payés ; la différence éventuelle s’affiche avant l’envoi"
        }
        P::WhenAfterInspection => "Une fois votre colis reçu et vérifié par la boutique.",
        P::WhenKept => "Une fois votre retour accepté par la boutique.",
        P::WhatRefund => "votre remboursement",
        P::WhatStoreCredit => "votre avoir",
        P::WhatReplacement => "votre remplacement",
        P::WhatExchange => "votre échange",
        P::WhatAgreed => "ce que vous convenez avec la boutique",
        P::NowPending => {
            "La boutique examine votre retour. Une fois accepté, vous envoyez le colis, et {what} suit dès qu’il est reçu et vérifié."
        }
        P::NowNeedsContact => "La boutique vous contactera au sujet du défaut avant tout renvoi.",
        P::NowApproved => {
            "Accepté : envoyez le colis. {What} suit dès que la boutique l’a reçu et vérifié."
        }
        P::NowApprovedNoLabel => {
            "Accepté. La boutique prépare votre étiquette de retour et vous l’enverra par e-mail ; elle apparaîtra aussi ici. Gardez les articles d’ici là."
        }
        P::NowInTransit => {
            "Votre colis est en route vers la boutique. {What} suit dès qu’il est reçu et vérifié."
        }
        P::NowReceived => "La boutique a reçu votre colis et le vérifie. {What} suit.",
        P::NowRefunded => {
            "Remboursé : {amount} sur votre moyen de paiement d’origine. Votre banque peut mettre quelques jours à l’afficher."
        }
        P::NowStoreCredit => "Réglé par un avoir, dont le code figure ci-dessous.",
        P::NowReplaced => "Réglé : votre article de remplacement est parti.",
        P::NowRejected => "La boutique a refusé ce retour ; son motif figure ci-dessous.",
        P::NowCancelled => "Ce retour a été annulé ; il ne se passe plus rien.",
        P::NowKeepItem => {
            "Accepté, et vous n’avez rien à renvoyer : gardez les articles, ou donnez-les à quelqu’un qui en aura l’usage. {What} suit."
        }
        P::NowPendingKeepItem => {
            "La boutique examine votre retour. Vous n’aurez rien à renvoyer : une fois accepté, {what} suit."
        }
        P::CancelReturn => "Annuler ce retour",
        P::CancelReturnConfirm => {
            "Annuler le retour {number} ? Son étiquette ne fonctionnera plus, et vous pourrez faire un nouveau retour plus tard tant que le délai de retour court."
        }
        P::CancelReturnYes => "Oui, l’annuler",
        P::CancelReturnNo => "Non, le garder",
        P::CancellingReturn => "Annulation…",
        P::CancelOrder => "Annuler la commande",
        P::CancelOrderConfirm => {
            "Annuler cette commande ? La boutique est prévenue tout de suite et ne l’expédiera pas ; elle vous rembourse le paiement."
        }
        P::CancelOrderReason => "Pourquoi annulez-vous ? (facultatif)",
        P::CancelOrderYes => "Oui, annuler ma commande",
        P::KeepOrder => "Non, garder ma commande",
        P::CancellingOrder => "Annulation…",
        P::OrderCancelledTitle => "Cette commande est annulée",
        P::OrderCancelledBody => {
            "Vous l’avez annulée le {date}. La boutique est prévenue et ne l’expédiera pas ; elle vous rembourse le paiement."
        }
        P::TimelineRefunded => "{amount} remboursés sur votre moyen de paiement d’origine.",
        P::ReturnOtherItems => "Retourner d’autres articles",
        P::StartAnother => "Faire un autre retour",
    }
}
