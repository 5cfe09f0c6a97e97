//! Français.

use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::SkipToContent => "Aller au contenu",
        Key::Loading => "Chargement…",
        Key::Language => "Langue",
        Key::TryAgain => "Réessayer",
        Key::ErrorReference => "Référence",
        Key::Required => "Ce champ est obligatoire.",
        Key::PasswordHint => "Au moins 10 caractères. Une courte phrase se retient facilement.",

        Key::ErrValidation => "Certains champs sont à corriger.",
        Key::ErrBadRequest => "La demande n’a pas pu être lue. Rechargez la page.",
        Key::ErrUnauthorized => "Connectez-vous pour continuer.",
        Key::ErrForbidden => "Votre rôle ne permet pas cette action.",
        Key::ErrNotFound => "Nous n’avons pas trouvé ce que vous cherchez.",
        Key::ErrConflict => "Cet élément existe déjà.",
        Key::ErrRateLimited => "Trop de tentatives. Patientez une minute puis réessayez.",
        Key::ErrPayloadTooLarge => "Ce fichier est trop volumineux.",
        Key::ErrUnsupportedMediaType => "Ce type de fichier n’est pas accepté.",
        Key::ErrUnavailable => {
            "Rebound est injoignable pour le moment. Vérifiez votre connexion et réessayez."
        }
        Key::ErrInternal => "Une erreur s’est produite de notre côté. Réessayez.",

        Key::RuleEmail => "Saisissez une adresse e-mail valide, par exemple nom@exemple.com.",
        Key::RuleTooShort => "Utilisez au moins 10 caractères.",
        Key::RuleTooLong => "Utilisez au plus 128 caractères.",
        Key::RuleSlugLength => "Utilisez de 3 à 40 caractères.",
        Key::RuleSlugCharacters => {
            "Utilisez des minuscules, des chiffres et des tirets simples, pas aux extrémités."
        }
        Key::RuleSlugReserved => "Cette adresse est réservée. Choisissez-en une autre.",
        Key::RuleNameLength => "Utilisez de 1 à 100 caractères.",
        Key::RuleTaken => "Déjà utilisé.",

        Key::SignInTitle => "Connexion à votre tableau de bord",
        Key::SignInLead => {
            "Gérez les retours, les commandes et les messages des clients au même endroit."
        }
        Key::Email => "Adresse e-mail",
        Key::Password => "Mot de passe",
        Key::SignIn => "Se connecter",
        Key::SigningIn => "Connexion…",
        Key::WrongCredentials => "E-mail ou mot de passe incorrect",
        Key::SessionEnded => "Votre session a pris fin. Reconnectez-vous.",
        Key::NewToRebound => "Nouveau sur Rebound ?",
        Key::CreateYourShop => "Créer votre boutique",
        Key::HaveAccount => "Vous avez déjà un compte ?",

        Key::RegisterTitle => "Créez votre boutique",
        Key::RegisterLead => {
            "Mettez en place votre portail de retours à vos couleurs en une minute. Vous serez propriétaire du compte."
        }
        Key::CompanyName => "Nom de l’entreprise",
        Key::PortalAddress => "Adresse du portail",
        Key::PortalAddressHint => "Minuscules, chiffres et tirets. Vos clients se rendront sur :",
        Key::YourName => "Votre nom",
        Key::CreateShop => "Créer la boutique",
        Key::CreatingShop => "Création de votre boutique…",

        Key::MainNavigation => "Navigation principale",
        Key::NavReturns => "Retours",
        Key::NavOrders => "Commandes",
        Key::NavMessages => "Messages",
        Key::NavAnalytics => "Statistiques",
        Key::NavSettings => "Paramètres",
        Key::SignOut => "Se déconnecter",
        Key::SignedInAs => "Connecté en tant que",
        Key::RoleOwner => "Propriétaire",
        Key::RoleManager => "Responsable",
        Key::RoleAgent => "Agent",
        Key::ViewPortal => "Ouvrir votre portail",

        Key::ReturnsEmptyTitle => "Aucun retour pour l’instant",
        Key::ReturnsEmptyBody => {
            "Quand un client demande un retour depuis votre portail, il arrive ici pour être traité."
        }
        Key::OrdersEmptyTitle => "Aucune commande à afficher",
        Key::OrdersEmptyBody => {
            "Les commandes envoyées par votre boutique via l’API ou un import CSV s’afficheront ici."
        }
        Key::MessagesEmptyTitle => "Aucun message pour l’instant",
        Key::MessagesEmptyBody => {
            "Les échanges avec vos clients au sujet de leurs retours et problèmes s’afficheront ici."
        }

        Key::StaffTitle => "Équipe",
        Key::StaffLead => "Les personnes qui peuvent se connecter à ce tableau de bord.",
        Key::StaffYou => "vous",
        Key::InviteTitle => "Inviter un collègue",
        Key::InviteLead => "Il recevra un lien pour choisir son nom et son mot de passe.",
        Key::InviteRole => "Rôle",
        Key::SendInvitation => "Créer l’invitation",
        Key::SendingInvitation => "Création de l’invitation…",
        Key::InvitationCreated => {
            "Invitation créée. Envoyez ce lien à votre collègue : il ne sert qu’une fois, pendant une durée limitée."
        }
        Key::InvitationLink => "Lien d’invitation",
        Key::CopyLink => "Copier le lien",
        Key::LinkCopied => "Lien copié",
        Key::EmailHasAccount => "Cette adresse e-mail a déjà un compte.",

        Key::AcceptTitle => "Rejoignez votre équipe sur Rebound",
        Key::AcceptLead => "Choisissez votre nom et un mot de passe pour créer votre compte.",
        Key::AcceptSubmit => "Créer mon compte",
        Key::Accepting => "Création de votre compte…",
        Key::InvitationInvalid => {
            "Ce lien d’invitation n’est plus valable. Demandez-en un nouveau au propriétaire de la boutique."
        }

        Key::PortalHeroTitle => "Suivre ma commande ou faire un retour",
        Key::PortalHeroLead => {
            "Voyez où en est votre colis, modifiez l’adresse de livraison, signalez un problème ou renvoyez des articles."
        }
        Key::LookupTitle => "Retrouver ma commande",
        Key::LookupOrder => "Numéro de commande ou de suivi",
        Key::LookupOrderHint => "Il figure dans l’e-mail de confirmation de votre commande.",
        Key::LookupContact => "E-mail ou code postal",
        Key::LookupContactHint => "Celui utilisé lors de votre commande.",
        Key::LookupSubmit => "Trouver ma commande",
        Key::LookupOrderRequired => "Saisissez votre numéro de commande ou de suivi.",
        Key::LookupContactRequired => "Saisissez votre e-mail ou votre code postal.",
        Key::PortalClosedTitle => "Ce portail n’est pas encore ouvert",
        Key::PortalClosedBody => {
            "La boutique est en train de le préparer. Revenez plus tard ou contactez directement la boutique."
        }
        Key::PoweredBy => "Propulsé par Rebound",
        Key::PortalSupport => "Une question sur une commande ? Écrivez à",

        Key::NotFoundTitle => "Page introuvable",
        Key::NotFoundBody => "La page que vous cherchez n’existe pas ou a été déplacée.",
        Key::ShopNotFoundBody => {
            "Aucune boutique à cette adresse. Vérifiez le lien que la boutique vous a donné."
        }
        Key::GoHome => "Retour à l’accueil",
        // Each area answers its own keys, dispatched in mod.rs (an entry links only its areas).
        Key::Set(_)
        | Key::Portal(_)
        | Key::Ret(_)
        | Key::Case(_)
        | Key::Timeline(_)
        | Key::Ord(_)
        | Key::Imp(_)
        | Key::Onb(_)
        | Key::Dev(_)
        | Key::Hook(_)
        | Key::Pol(_)
        | Key::Risk(_)
        | Key::Stats(_)
        | Key::Sec(_)
        | Key::Help(_)
        | Key::Mail(_) => "",
    }
}
