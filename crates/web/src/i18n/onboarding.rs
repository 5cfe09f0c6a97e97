//! The first-run checklist, the password reset screens and the issue-reports queue, in English
//! and French: `Key::Onb(N::…)`. Each language answers every `N` in one exhaustive `match`.

/// One sentence or label of the onboarding and staff screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum N {
    // The checklist
    Title,
    Lead,
    Progress,
    StepReturnAddress,
    StepReturnAddressHint,
    StepReturnPolicy,
    StepReturnPolicyHint,
    StepBranding,
    StepBrandingHint,
    StepOrders,
    StepOrdersHint,
    StepShare,
    StepShareHint,
    StepDone,
    StepToDo,
    Open,
    Dismiss,
    PortalLink,
    CopySnippet,
    SnippetCopied,
    ClosedTitle,
    ClosedNoAddress,
    ClosedPortalDisabled,
    AddAddress,
    OpenSettings,
    // Forgot password / reset
    ForgotLink,
    ForgotTitle,
    ForgotLead,
    SendLink,
    SendingLink,
    ForgotSent,
    BackToSignIn,
    ResetTitle,
    ResetLead,
    NewPassword,
    SavePassword,
    SavingPassword,
    PasswordChanged,
    ResetInvalid,
    AskAgain,
    // Issue reports
    NavIssues,
    IssuesTitle,
    IssuesLead,
    ShowOpen,
    ShowClosed,
    CloseIssue,
    ReopenIssue,
    Assignee,
    Unassigned,
    IssuesEmptyTitle,
    IssuesEmptyBody,
    OpenCount,
    LoadMore,
    OrderLink,
    // Staff management
    MemberRole,
    RemoveMember,
    ConfirmRemove,
    YesRemove,
    Cancel,
    RoleChanged,
    MemberRemoved,
    PendingTitle,
    PendingEmpty,
    Revoke,
    Revoked,
    Expires,
}

pub fn en(n: N) -> &'static str {
    match n {
        N::Title => "Get your returns portal ready",
        N::Lead => "A few steps before shoppers can return items on their own.",
        N::Progress => "{done} of {total} done",
        N::StepReturnAddress => "Add a return address",
        N::StepReturnAddressHint => "Where parcels come back to. Return labels need it.",
        N::StepReturnPolicy => "Set your return policy",
        N::StepReturnPolicyHint => "How many days shoppers have, and how returns are approved.",
        N::StepBranding => "Brand your portal",
        N::StepBrandingHint => "Your logo and colours, so shoppers recognise your shop.",
        N::StepOrders => "Bring your orders in",
        N::StepOrdersHint => {
            "Import a CSV export from your shop; shoppers look orders up by number."
        }
        N::StepShare => "Share your portal",
        N::StepShareHint => {
            "Copy the link for your site and mails, or paste the embed snippet on your site."
        }
        N::StepDone => "Done",
        N::StepToDo => "To do",
        N::Open => "Open",
        N::Dismiss => "Hide checklist",
        N::PortalLink => "Your portal's address",
        N::CopySnippet => "Copy embed snippet",
        N::SnippetCopied => "Snippet copied",
        N::ClosedTitle => "Returns are not open to shoppers yet",
        N::ClosedNoAddress => {
            "Shoppers see \"returns open soon\" until you add a return address: without one, no return label can be made."
        }
        N::ClosedPortalDisabled => {
            "Your portal is switched off, so shoppers cannot start returns. Switch it on in Settings, Returns."
        }
        N::AddAddress => "Add a return address",
        N::OpenSettings => "Open settings",
        N::ForgotLink => "Forgot password?",
        N::ForgotTitle => "Reset your password",
        N::ForgotLead => {
            "Enter the email you sign in with. We'll send a link to choose a new password."
        }
        N::SendLink => "Send reset link",
        N::SendingLink => "Sending…",
        N::ForgotSent => {
            "If an account uses this address, a link to reset its password is on its way. It works for one hour."
        }
        N::BackToSignIn => "Back to sign in",
        N::ResetTitle => "Choose a new password",
        N::ResetLead => "Your other sessions end when you save it.",
        N::NewPassword => "New password",
        N::SavePassword => "Save password",
        N::SavingPassword => "Saving…",
        N::PasswordChanged => "Your password is changed. Sign in with it.",
        N::ResetInvalid => "This link has expired or was already used.",
        N::AskAgain => "Ask for a new link",
        N::NavIssues => "Issues",
        N::IssuesTitle => "Issue reports",
        N::IssuesLead => {
            "Problems shoppers reported on their orders: missing or damaged items, wrong items."
        }
        N::ShowOpen => "Open",
        N::ShowClosed => "Closed",
        N::CloseIssue => "Close",
        N::ReopenIssue => "Reopen",
        N::Assignee => "Assignee",
        N::Unassigned => "Unassigned",
        N::IssuesEmptyTitle => "No issue reports here",
        N::IssuesEmptyBody => "When a shopper reports a problem with an order, it appears here.",
        N::OpenCount => "{count} open issue reports",
        N::LoadMore => "Load more",
        N::OrderLink => "Order {number}",
        N::MemberRole => "Role of {name}",
        N::RemoveMember => "Remove",
        N::ConfirmRemove => "Remove {name}? They are signed out at once and can no longer sign in.",
        N::YesRemove => "Yes, remove",
        N::Cancel => "Cancel",
        N::RoleChanged => "Role changed",
        N::MemberRemoved => "Removed",
        N::PendingTitle => "Pending invitations",
        N::PendingEmpty => "No invitation is waiting to be accepted.",
        N::Revoke => "Revoke",
        N::Revoked => "Invitation revoked",
        N::Expires => "expires {date}",
    }
}

pub fn fr(n: N) -> &'static str {
    match n {
        N::Title => "Préparez votre portail de retours",
        N::Lead => "Quelques étapes avant que vos clients puissent retourner leurs articles seuls.",
        N::Progress => "{done} sur {total} terminées",
        N::StepReturnAddress => "Ajouter une adresse de retour",
        N::StepReturnAddressHint => {
            "Là où les colis reviennent. Les étiquettes de retour en ont besoin."
        }
        N::StepReturnPolicy => "Définir votre politique de retour",
        N::StepReturnPolicyHint => {
            "Le délai accordé aux clients et la façon d'approuver les retours."
        }
        N::StepBranding => "Personnaliser votre portail",
        N::StepBrandingHint => {
            "Votre logo et vos couleurs, pour que vos clients reconnaissent votre boutique."
        }
        N::StepOrders => "Importer vos commandes",
        N::StepOrdersHint => {
            "Importez un export CSV de votre boutique ; les clients retrouvent leur commande par son numéro."
        }
        N::StepShare => "Partager votre portail",
        N::StepShareHint => {
            "Copiez le lien pour votre site et vos courriels, ou collez le code d'intégration sur votre site."
        }
        N::StepDone => "Terminé",
        N::StepToDo => "À faire",
        N::Open => "Ouvrir",
        N::Dismiss => "Masquer la liste",
        N::PortalLink => "L'adresse de votre portail",
        N::CopySnippet => "Copier le code d'intégration",
        N::SnippetCopied => "Code copié",
        N::ClosedTitle => "Les retours ne sont pas encore ouverts aux clients",
        N::ClosedNoAddress => {
            "Les clients voient « retours bientôt disponibles » tant que vous n'avez pas ajouté d'adresse de retour : sans elle, aucune étiquette de retour ne peut être créée."
        }
        N::ClosedPortalDisabled => {
            "Votre portail est désactivé : les clients ne peuvent pas faire de retour. Activez-le dans Paramètres, Retours."
        }
        N::AddAddress => "Ajouter une adresse de retour",
        N::OpenSettings => "Ouvrir les paramètres",
        N::ForgotLink => "Mot de passe oublié ?",
        N::ForgotTitle => "Réinitialiser votre mot de passe",
        N::ForgotLead => {
            "Saisissez le courriel avec lequel vous vous connectez. Nous vous enverrons un lien pour choisir un nouveau mot de passe."
        }
        N::SendLink => "Envoyer le lien",
        N::SendingLink => "Envoi…",
        N::ForgotSent => {
            "Si un compte utilise cette adresse, un lien pour réinitialiser son mot de passe est en route. Il est valable une heure."
        }
        N::BackToSignIn => "Retour à la connexion",
        N::ResetTitle => "Choisissez un nouveau mot de passe",
        N::ResetLead => "Vos autres sessions se ferment à l'enregistrement.",
        N::NewPassword => "Nouveau mot de passe",
        N::SavePassword => "Enregistrer le mot de passe",
        N::SavingPassword => "Enregistrement…",
        N::PasswordChanged => "Votre mot de passe est changé. Connectez-vous avec lui.",
        N::ResetInvalid => "Ce lien a expiré ou a déjà servi.",
        N::AskAgain => "Demander un nouveau lien",
        N::NavIssues => "Signalements",
        N::IssuesTitle => "Problèmes signalés",
        N::IssuesLead => {
            "Les problèmes signalés par les clients sur leurs commandes : articles manquants, abîmés ou erronés."
        }
        N::ShowOpen => "Ouverts",
        N::ShowClosed => "Fermés",
        N::CloseIssue => "Fermer",
        N::ReopenIssue => "Rouvrir",
        N::Assignee => "Responsable",
        N::Unassigned => "Non attribué",
        N::IssuesEmptyTitle => "Aucun signalement ici",
        N::IssuesEmptyBody => {
            "Quand un client signale un problème sur une commande, il apparaît ici."
        }
        N::OpenCount => "{count} signalements ouverts",
        N::LoadMore => "Afficher plus",
        N::OrderLink => "Commande {number}",
        N::MemberRole => "Rôle de {name}",
        N::RemoveMember => "Retirer",
        N::ConfirmRemove => {
            "Retirer {name} ? Sa session se ferme aussitôt et il ne pourra plus se connecter."
        }
        N::YesRemove => "Oui, retirer",
        N::Cancel => "Annuler",
        N::RoleChanged => "Rôle modifié",
        N::MemberRemoved => "Retiré",
        N::PendingTitle => "Invitations en attente",
        N::PendingEmpty => "Aucune invitation n'attend d'être acceptée.",
        N::Revoke => "Révoquer",
        N::Revoked => "Invitation révoquée",
        N::Expires => "expire le {date}",
    }
}
