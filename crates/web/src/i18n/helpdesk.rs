//! The helpdesk screens (inbox, threads, canned replies, the portal's messages, survey and
//! unsubscribe pages, survey results), in English and French: `Key::Help(H::…)`. Each
//! language answers every `H` in one exhaustive `match`, so a missing translation fails to build.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum H {
    UnreadOnly,
    LoadMore,
    NoUnread,
    UnreadBadge,
    UnreadNav,
    SubjectOrder,
    SubjectReturn,
    SubjectIssue,
    Inbox,
    ChooseThread,
    BackToInbox,
    Conversation,
    FromShopper,
    FromStaff,
    AttachmentN,
    NoMessagesYet,
    Reply,
    WriteToCustomer,
    YourMessage,
    StaffMessageHint,
    ShopperMessageHint,
    CannedReply,
    CannedPick,
    CannedNone,
    Send,
    Sending,
    AttachPhotos,
    PortalMessagesTitle,
    PortalMessagesLead,
    TabHelpdesk,
    CannedTitle,
    CannedLead,
    CannedEmpty,
    CannedTitleField,
    CannedBodyField,
    AddCanned,
    EditCanned,
    Placeholders,
    SignatureTitle,
    SignatureLead,
    SignatureField,
    Deleted,
    SurveyTitle,
    SurveyLead,
    Rating,
    StarsN,
    Comment,
    SendAnswer,
    UpdateAnswer,
    SendingAnswer,
    ThanksTitle,
    ThanksBody,
    EarlierAnswer,
    ChangeAnswer,
    SurveyInvalid,
    RatingRequired,
    UnsubTitle,
    UnsubLead,
    UnsubConfirm,
    UnsubSending,
    UnsubDoneTitle,
    UnsubDoneBody,
    UnsubInvalid,
    SurveyResults,
    SurveyResultsLead,
    Answers,
    Average,
    Distribution,
    BarLabel,
    LatestComments,
    NoAnswersTitle,
    NoAnswersBody,
    NoComments,
    WriteToShop,
}

pub fn en(k: H) -> &'static str {
    match k {
        H::UnreadOnly => "Unread only",
        H::LoadMore => "Load more",
        H::NoUnread => "No unread conversations. Everything is answered.",
        H::UnreadBadge => "{count} unread",
        H::UnreadNav => "{count} unread messages",
        H::SubjectOrder => "Order",
        H::SubjectReturn => "Return",
        H::SubjectIssue => "Issue report",
        H::Inbox => "Inbox",
        H::ChooseThread => "Choose a conversation to read it.",
        H::BackToInbox => "Back to the inbox",
        H::Conversation => "Conversation",
        H::FromShopper => "Customer",
        H::FromStaff => "Shop",
        H::AttachmentN => "Attachment {n}",
        H::NoMessagesYet => "No messages yet.",
        H::Reply => "Reply",
        H::WriteToCustomer => "Write to the customer",
        H::YourMessage => "Your message",
        H::StaffMessageHint => {
            "Placeholders such as {{customer_name}} or {{order_number}} are filled in by the server when you send; your signature is added at the end."
        }
        H::ShopperMessageHint => "The shop replies here and by email.",
        H::CannedReply => "Canned reply",
        H::CannedPick => "Insert a canned reply…",
        H::CannedNone => "No canned replies yet: add some in Settings → Helpdesk.",
        H::Send => "Send",
        H::Sending => "Sending…",
        H::AttachPhotos => "Photos (up to 5)",
        H::PortalMessagesTitle => "Messages",
        H::PortalMessagesLead => {
            "A question about this order? Write to the shop here; replies also arrive by email."
        }
        H::TabHelpdesk => "Helpdesk",
        H::CannedTitle => "Canned replies",
        H::CannedLead => {
            "Ready-made answers staff insert in a message. Placeholders are filled when the message is sent."
        }
        H::CannedEmpty => "No canned replies yet.",
        H::CannedTitleField => "Title",
        H::CannedBodyField => "Text",
        H::AddCanned => "Add a canned reply",
        H::EditCanned => "Edit the canned reply",
        H::Placeholders => "Insert a placeholder",
        H::SignatureTitle => "Your signature",
        H::SignatureLead => "Added under every message you send. Leave empty for none.",
        H::SignatureField => "Signature",
        H::Deleted => "Deleted",
        H::SurveyTitle => "How did we do?",
        H::SurveyLead => "Order {number}: tell the shop how it went.",
        H::Rating => "Your rating",
        H::StarsN => "{n} out of 5 stars",
        H::Comment => "Anything to add? (optional)",
        H::SendAnswer => "Send my answer",
        H::UpdateAnswer => "Update my answer",
        H::SendingAnswer => "Sending…",
        H::ThanksTitle => "Thank you!",
        H::ThanksBody => {
            "Your answer helps the shop do better. You can change it with the same link."
        }
        H::EarlierAnswer => "You already answered; change it below if you like.",
        H::ChangeAnswer => "Change my answer",
        H::SurveyInvalid => "This survey link is not valid. Check that you copied it in full.",
        H::RatingRequired => "Choose 1 to 5 stars.",
        H::UnsubTitle => "Unsubscribe",
        H::UnsubLead => {
            "Stop optional emails (order confirmations, shipping updates, surveys) from this shop to {email}? Emails about your returns, refunds and messages still arrive."
        }
        H::UnsubConfirm => "Unsubscribe",
        H::UnsubSending => "Unsubscribing…",
        H::UnsubDoneTitle => "You’re unsubscribed",
        H::UnsubDoneBody => "This shop will no longer send you optional emails.",
        H::UnsubInvalid => {
            "This unsubscribe link is invalid or incomplete. Use the link from the email as it is."
        }
        H::SurveyResults => "Customer satisfaction",
        H::SurveyResultsLead => "Answers to the follow-up survey sent after delivery.",
        H::Answers => "Answers",
        H::Average => "Average rating",
        H::Distribution => "Ratings from 1 to 5 stars",
        H::BarLabel => "{n} stars: {count}",
        H::LatestComments => "Latest comments",
        H::NoAnswersTitle => "No survey answers yet",
        H::NoAnswersBody => {
            "Turn the survey on in Settings → Aftercare; answers appear here days after delivery."
        }
        H::NoComments => "No comments yet.",
        H::WriteToShop => "Write to the shop",
    }
}
pub fn fr(k: H) -> &'static str {
    match k {
        H::UnreadOnly => "Non lus seulement",
        H::LoadMore => "Afficher plus",
        H::NoUnread => "Aucune conversation non lue. Tout a reçu une réponse.",
        H::UnreadBadge => "{count} non lu(s)",
        H::UnreadNav => "{count} messages non lus",
        H::SubjectOrder => "Commande",
        H::SubjectReturn => "Retour",
        H::SubjectIssue => "Signalement",
        H::Inbox => "Boîte de réception",
        H::ChooseThread => "Choisissez une conversation pour la lire.",
        H::BackToInbox => "Retour à la boîte de réception",
        H::Conversation => "Conversation",
        H::FromShopper => "Client",
        H::FromStaff => "Boutique",
        H::AttachmentN => "Pièce jointe {n}",
        H::NoMessagesYet => "Aucun message pour l’instant.",
        H::Reply => "Répondre",
        H::WriteToCustomer => "Écrire au client",
        H::YourMessage => "Votre message",
        H::StaffMessageHint => {
            "Les champs comme {{customer_name}} ou {{order_number}} sont remplis par le serveur à l’envoi ; votre signature est ajoutée à la fin."
        }
        H::ShopperMessageHint => "La boutique vous répond ici et par e-mail.",
        H::CannedReply => "Réponse type",
        H::CannedPick => "Insérer une réponse type…",
        H::CannedNone => "Aucune réponse type : ajoutez-en dans Réglages → Service client.",
        H::Send => "Envoyer",
        H::Sending => "Envoi…",
        H::AttachPhotos => "Photos (5 au maximum)",
        H::PortalMessagesTitle => "Messages",
        H::PortalMessagesLead => {
            "Une question sur cette commande ? Écrivez à la boutique ici ; les réponses arrivent aussi par e-mail."
        }
        H::TabHelpdesk => "Service client",
        H::CannedTitle => "Réponses types",
        H::CannedLead => {
            "Des réponses toutes faites que l’équipe insère dans un message. Les champs sont remplis à l’envoi."
        }
        H::CannedEmpty => "Aucune réponse type pour l’instant.",
        H::CannedTitleField => "Titre",
        H::CannedBodyField => "Texte",
        H::AddCanned => "Ajouter une réponse type",
        H::EditCanned => "Modifier la réponse type",
        H::Placeholders => "Insérer un champ",
        H::SignatureTitle => "Votre signature",
        H::SignatureLead => {
            "Ajoutée sous chaque message que vous envoyez. Laissez vide pour aucune."
        }
        H::SignatureField => "Signature",
        H::Deleted => "Supprimé",
        H::SurveyTitle => "Comment s’est passée votre commande ?",
        H::SurveyLead => "Commande {number} : dites à la boutique comment cela s’est passé.",
        H::Rating => "Votre note",
        H::StarsN => "{n} étoile(s) sur 5",
        H::Comment => "Un commentaire ? (facultatif)",
        H::SendAnswer => "Envoyer ma réponse",
        H::UpdateAnswer => "Modifier ma réponse",
        H::SendingAnswer => "Envoi…",
        H::ThanksTitle => "Merci !",
        H::ThanksBody => {
            "Votre réponse aide la boutique à s’améliorer. Vous pouvez la modifier avec le même lien."
        }
        H::EarlierAnswer => {
            "Vous avez déjà répondu ; vous pouvez modifier votre réponse ci-dessous."
        }
        H::ChangeAnswer => "Modifier ma réponse",
        H::SurveyInvalid => {
            "Ce lien d’enquête n’est pas valide. Vérifiez qu’il a été copié en entier."
        }
        H::RatingRequired => "Choisissez de 1 à 5 étoiles.",
        H::UnsubTitle => "Se désabonner",
        H::UnsubLead => {
            "Ne plus recevoir les e-mails facultatifs (confirmations, suivi d’expédition, enquêtes) de cette boutique à {email} ? Les e-mails sur vos retours, remboursements et messages continueront d’arriver."
        }
        H::UnsubConfirm => "Me désabonner",
        H::UnsubSending => "Désabonnement…",
        H::UnsubDoneTitle => "Vous êtes désabonné",
        H::UnsubDoneBody => "Cette boutique ne vous enverra plus d’e-mails facultatifs.",
        H::UnsubInvalid => {
            "Ce lien de désabonnement est invalide ou incomplet. Utilisez le lien de l’e-mail tel quel."
        }
        H::SurveyResults => "Satisfaction client",
        H::SurveyResultsLead => "Réponses à l’enquête envoyée après la livraison.",
        H::Answers => "Réponses",
        H::Average => "Note moyenne",
        H::Distribution => "Notes de 1 à 5 étoiles",
        H::BarLabel => "{n} étoiles : {count}",
        H::LatestComments => "Derniers commentaires",
        H::NoAnswersTitle => "Aucune réponse à l’enquête pour l’instant",
        H::NoAnswersBody => {
            "Activez l’enquête dans Réglages → Après-vente ; les réponses apparaissent ici quelques jours après la livraison."
        }
        H::NoComments => "Aucun commentaire pour l’instant.",
        H::WriteToShop => "Écrire à la boutique",
    }
}

/// What a thread is about, as a label.
pub fn subject_key(kind: rebound_shared::api::helpdesk::ThreadSubjectKind) -> H {
    use rebound_shared::api::helpdesk::ThreadSubjectKind as K;
    match kind {
        K::Order => H::SubjectOrder,
        K::Return => H::SubjectReturn,
        K::Issue => H::SubjectIssue,
    }
}
