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
    }
}
