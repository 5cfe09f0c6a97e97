//! The settings screens' sentences, in English and French: `Key::Set(S::…)`. Each language
//! answers every `S` in one exhaustive `match`, so a missing translation fails to build.

/// One sentence or label of the settings screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum S {
    TabReturns,
    TabBranding,
    TabAftercare,
    TabStaff,
    TabAudit,
    ReadOnlyNote,
    RuleDays,
    Saved,
    Save,
    Saving,
    Remove,
    BrandingTitle,
    BrandingLead,
    PrimaryColour,
    AccentColour,
    BackgroundColour,
    ColourPicker,
    ContrastLow,
    BackgroundImage,
    BackgroundNone,
    BackgroundUploaded,
    OpenInNewTab,
    Images,
    ImagesHint,
    Logo,
    Favicon,
    BackgroundUpload,
    Preview,
    ResolutionRefund,
    ResolutionStoreCredit,
    ResolutionReplacement,
    MethodPrepaidLabel,
    MethodQrDropOff,
    RuleDeadlineCoversWindow,
    ReturnsTitle,
    ReturnsLead,
    PortalEnabled,
    Exchanges,
    ExchangesHint,
    ExchangesEnabled,
    ExchangesOtherProducts,
    ExchangesCheaper,
    ExchangesCheaperRefund,
    ExchangesCheaperCredit,
    ExchangesDearer,
    ExchangesDearerLink,
    ExchangesDearerRefuse,
    ExchangesPaymentLink,
    ExchangesPaymentLinkHint,
    ExchangesInstant,
    ExchangesInstantMax,
    ExchangesNotFlagged,
    ExchangesOverdueDays,
    ExchangesBonus,
    ExchangesBonusNone,
    ExchangesBonusPercent,
    ExchangesBonusFlat,
    ExchangesBonusValue,
    ExchangesBonusCap,
    ApprovalMode,
    ApprovalManual,
    ApprovalAutomatic,
    DamagedPolicy,
    DamagedKeep,
    DamagedDiscard,
    Resolutions,
    ReturnMethods,
    ReturnWindowDays,
    RefundDeadlineDays,
    NonReturnable,
    NonReturnableHint,
    RuleKind,
    RuleSku,
    RuleTag,
    RuleValue,
    AddRule,
    Defective,
    Retired,
    MoveUp,
    MoveDown,
    Edit,
    Restore,
    Retire,
    ReasonsTitle,
    ReasonsLead,
    EditReason,
    AddReason,
    LabelEn,
    LabelFr,
    DefectiveHint,
    Cancel,
    AddressesTitle,
    AddressesLead,
    NoAddresses,
    DefaultBadge,
    Delete,
    RulePostalCode,
    EditAddress,
    AddAddress,
    AddressName,
    AddressLine1,
    AddressLine2,
    City,
    Region,
    PostalCode,
    Country,
    MakeDefault,
    AftercareTitle,
    AftercareLead,
    TrackingEnabled,
    AddressEditsEnabled,
    OrderCancellationEnabled,
    IssueTypes,
    SurveyEnabled,
    SurveyDelayDays,
    SupportEmail,
    SupportEmailHint,
    ServiceEmail,
    ServiceEmailHint,
    EmbedButtonText,
    EmbedTitle,
    EmbedLead,
    EmbedButton,
    EmbedIframe,
    Copy,
    Copied,
    FramingTitle,
    FramingLead,
    FramingNone,
    FrameOriginLabel,
    AddFrameOrigin,
    RemoveFrameOrigin,
    FrameScheme,
    FrameHost,
    FramePort,
    FrameTooMany,
    AuditLead,
    AuditEmpty,
    AuditWhen,
    AuditWho,
    AuditArea,
    AuditField,
    AuditChange,
}

pub fn en(s: S) -> &'static str {
    match s {
        S::TabReturns => "Returns",
        S::TabBranding => "Branding",
        S::TabAftercare => "Aftercare",
        S::TabStaff => "Staff",
        S::TabAudit => "Audit log",
        S::ReadOnlyNote => {
            "Your role can read these settings but not change them. Ask an owner or a manager."
        }
        S::RuleDays => "Use {min} to {max} days.",
        S::Saved => "Changes saved",
        S::Save => "Save changes",
        S::Saving => "Saving…",
        S::Remove => "Remove",
        S::BrandingTitle => "Branding",
        S::BrandingLead => "How your returns portal looks to shoppers.",
        S::PrimaryColour => "Primary colour",
        S::AccentColour => "Accent colour",
        S::BackgroundColour => "Background colour",
        S::ColourPicker => "colour picker",
        S::ContrastLow => {
            "Contrast {ratio}:1 — below WCAG AA 4.5:1. Shoppers may struggle to read headings and links."
        }
        S::BackgroundImage => "Background image",
        S::BackgroundNone => "None",
        S::BackgroundUploaded => "My uploaded image",
        S::OpenInNewTab => "Open the portal in a new tab",
        S::Images => "Images",
        S::ImagesHint => {
            "JPG, JPEG, PNG, GIF or WEBP, checked by content; metadata is removed. Each file is saved as soon as you choose it."
        }
        S::Logo => "Logo",
        S::Favicon => "Favicon (browser tab icon)",
        S::BackgroundUpload => "Background image file",
        S::Preview => "Live preview",
        S::ResolutionRefund => "Refund",
        S::ResolutionStoreCredit => "Store credit",
        S::ResolutionReplacement => "Replacement",
        S::MethodPrepaidLabel => "Prepaid shipping label",
        S::MethodQrDropOff => "QR code drop-off",
        S::RuleDeadlineCoversWindow => "The refund deadline must be at least the return window.",
        S::ReturnsTitle => "Return policy",
        S::ReturnsLead => "What shoppers may send back, and how.",
        S::PortalEnabled => "Returns portal is open to shoppers",
        S::Exchanges => "Exchanges",
        S::ExchangesHint => {
            "Shoppers may swap an item for another size or colour from your catalogue instead of a refund."
        }
        S::ExchangesEnabled => "Offer exchanges",
        S::ExchangesOtherProducts => "Allow another product (shop the catalogue)",
        S::ExchangesCheaper => "When the new item costs less",
        S::ExchangesCheaperRefund => "Refund the difference",
        S::ExchangesCheaperCredit => "Give the difference as store credit",
        S::ExchangesDearer => "When the new item costs more",
        S::ExchangesDearerLink => "The shopper pays through a payment link",
        S::ExchangesDearerRefuse => "Refuse the exchange",
        S::ExchangesPaymentLink => "Payment link",
        S::ExchangesPaymentLinkHint => {
            "Your checkout's address with {amount}, and optionally {currency} and {return}."
        }
        S::ExchangesInstant => "Instant exchanges: ship the new item at approval",
        S::ExchangesInstantMax => "Only for orders up to (amount)",
        S::ExchangesNotFlagged => "Not for shoppers flagged by the risk thresholds",
        S::ExchangesOverdueDays => {
            "List an instant exchange on the Returns page when its parcel has not arrived after (days)"
        }
        S::ExchangesBonus => "Bonus for choosing store credit",
        S::ExchangesBonusNone => "No bonus",
        S::ExchangesBonusPercent => "A percentage",
        S::ExchangesBonusFlat => "A fixed amount",
        S::ExchangesBonusValue => "Bonus (percent or amount)",
        S::ExchangesBonusCap => "Bonus cap (amount, optional)",
        S::ApprovalMode => "Approval",
        S::ApprovalManual => "Manual: staff review each return",
        S::ApprovalAutomatic => "Automatic: approve and issue the label at once",
        S::DamagedPolicy => "Damaged items",
        S::DamagedKeep => "Shopper keeps them",
        S::DamagedDiscard => "Shopper discards them",
        S::Resolutions => "Resolutions offered",
        S::ReturnMethods => "Return methods",
        S::ReturnWindowDays => "Return window (days after delivery)",
        S::RefundDeadlineDays => "Refund deadline (days after purchase)",
        S::NonReturnable => "Products that cannot be returned",
        S::NonReturnableHint => "Match a product by its SKU or by one of its tags.",
        S::RuleKind => "Match by",
        S::RuleSku => "SKU",
        S::RuleTag => "Tag",
        S::RuleValue => "Value",
        S::AddRule => "Add a product rule",
        S::Defective => "Defective",
        S::Retired => "Retired",
        S::MoveUp => "Move up",
        S::MoveDown => "Move down",
        S::Edit => "Edit",
        S::Restore => "Restore",
        S::Retire => "Retire",
        S::ReasonsTitle => "Return reasons",
        S::ReasonsLead => {
            "Shoppers pick one of these, in this order. Retired reasons stay in past returns."
        }
        S::EditReason => "Edit the reason",
        S::AddReason => "Add a reason",
        S::LabelEn => "Label in English",
        S::LabelFr => "Label in French",
        S::DefectiveHint => "Defective: ask the shopper for a comment and a photo",
        S::Cancel => "Cancel",
        S::AddressesTitle => "Return addresses",
        S::AddressesLead => {
            "Where returned parcels are sent. The default one is printed on labels."
        }
        S::NoAddresses => "No return address yet. Add one so labels can be issued.",
        S::DefaultBadge => "Default",
        S::Delete => "Delete",
        S::RulePostalCode => "This postal code does not match the country.",
        S::EditAddress => "Edit the address",
        S::AddAddress => "Add an address",
        S::AddressName => "Name (warehouse or contact)",
        S::AddressLine1 => "Address line 1",
        S::AddressLine2 => "Address line 2 (optional)",
        S::City => "City",
        S::Region => "Province, state or region (optional)",
        S::PostalCode => "Postal code",
        S::Country => "Country",
        S::MakeDefault => "Use as the default return address",
        S::AftercareTitle => "Aftercare",
        S::AftercareLead => {
            "What shoppers can do after they order: follow the parcel, fix the address, report a problem."
        }
        S::TrackingEnabled => "Shoppers can track their parcels",
        S::AddressEditsEnabled => "Shoppers can change the address until the first item ships",
        S::OrderCancellationEnabled => {
            "Shoppers can cancel the order until the first item ships (you are emailed)"
        }
        S::IssueTypes => "Problems shoppers can report",
        S::SurveyEnabled => "Send a satisfaction survey after delivery",
        S::SurveyDelayDays => "Days after delivery to send the survey",
        S::SupportEmail => "Support email (shown on the portal)",
        S::SupportEmailHint => "Leave empty to hide it.",
        S::ServiceEmail => "Customer-service email",
        S::ServiceEmailHint => "Where defective-item cases are sent.",
        S::EmbedButtonText => "Track my order / Start a return",
        S::EmbedTitle => "Add the portal to your site",
        S::EmbedLead => "Paste one of these snippets into your store’s pages.",
        S::EmbedButton => "Link button",
        S::EmbedIframe => "Embedded widget (iframe)",
        S::Copy => "Copy",
        S::Copied => "Copied to the clipboard",
        S::FramingTitle => "Sites that may show the portal in a frame",
        S::FramingLead => {
            "For the embedded widget: list your store’s addresses, such as https://shop.example or https://*.shop.example. Other sites cannot frame the portal."
        }
        S::FramingNone => "No site yet: only this server’s own pages can frame the portal.",
        S::FrameOriginLabel => "Site {n}",
        S::AddFrameOrigin => "Add a site",
        S::RemoveFrameOrigin => "Remove site {n}",
        S::FrameScheme => "Start with https:// (or http:// for a local shop).",
        S::FrameHost => "Use a domain such as https://shop.example, without a path.",
        S::FramePort => "Use a port number from 1 to 65535.",
        S::FrameTooMany => "List at most 10 sites.",
        S::AuditLead => "Every settings change, newest first.",
        S::AuditEmpty => "No changes recorded yet.",
        S::AuditWhen => "When",
        S::AuditWho => "Who",
        S::AuditArea => "Area",
        S::AuditField => "Field",
        S::AuditChange => "Change",
    }
}

pub fn fr(s: S) -> &'static str {
    match s {
        S::TabReturns => "Retours",
        S::TabBranding => "Image de marque",
        S::TabAftercare => "Après-vente",
        S::TabStaff => "Équipe",
        S::TabAudit => "Journal des modifications",
        S::ReadOnlyNote => {
            "Votre rôle permet de consulter ces réglages, pas de les modifier. Demandez à un propriétaire ou à un responsable."
        }
        S::RuleDays => "Indiquez entre {min} et {max} jours.",
        S::Saved => "Modifications enregistrées",
        S::Save => "Enregistrer",
        S::Saving => "Enregistrement…",
        S::Remove => "Retirer",
        S::BrandingTitle => "Image de marque",
        S::BrandingLead => "L’apparence de votre portail de retours pour vos clients.",
        S::PrimaryColour => "Couleur principale",
        S::AccentColour => "Couleur d’accent",
        S::BackgroundColour => "Couleur de fond",
        S::ColourPicker => "sélecteur de couleur",
        S::ContrastLow => {
            "Contraste {ratio}:1 — sous le seuil WCAG AA de 4,5:1. Vos clients risquent de mal lire titres et liens."
        }
        S::BackgroundImage => "Image de fond",
        S::BackgroundNone => "Aucune",
        S::BackgroundUploaded => "Mon image importée",
        S::OpenInNewTab => "Ouvrir le portail dans un nouvel onglet",
        S::Images => "Images",
        S::ImagesHint => {
            "JPG, JPEG, PNG, GIF ou WEBP, vérifiés par leur contenu ; les métadonnées sont retirées. Chaque fichier est enregistré dès que vous le choisissez."
        }
        S::Logo => "Logo",
        S::Favicon => "Favicon (icône de l’onglet)",
        S::BackgroundUpload => "Fichier d’image de fond",
        S::Preview => "Aperçu en direct",
        S::ResolutionRefund => "Remboursement",
        S::ResolutionStoreCredit => "Avoir",
        S::ResolutionReplacement => "Échange",
        S::MethodPrepaidLabel => "Étiquette de retour prépayée",
        S::MethodQrDropOff => "Dépôt avec QR code",
        S::RuleDeadlineCoversWindow => {
            "Le délai de remboursement doit couvrir au moins la période de retour."
        }
        S::ReturnsTitle => "Politique de retour",
        S::ReturnsLead => "Ce que vos clients peuvent renvoyer, et comment.",
        S::PortalEnabled => "Le portail de retours est ouvert aux clients",
        S::Exchanges => "Échanges",
        S::ExchangesHint => {
            "Les clients peuvent échanger un article contre une autre taille ou couleur de votre catalogue au lieu d’un remboursement."
        }
        S::ExchangesEnabled => "Proposer les échanges",
        S::ExchangesOtherProducts => "Autoriser un autre produit (parcourir le catalogue)",
        S::ExchangesCheaper => "Quand le nouvel article coûte moins cher",
        S::ExchangesCheaperRefund => "Rembourser la différence",
        S::ExchangesCheaperCredit => "Donner la différence en avoir",
        S::ExchangesDearer => "Quand le nouvel article coûte plus cher",
        S::ExchangesDearerLink => "Le client paie via un lien de paiement",
        S::ExchangesDearerRefuse => "Refuser l’échange",
        S::ExchangesPaymentLink => "Lien de paiement",
        S::ExchangesPaymentLinkHint => {
            "L’adresse de votre paiement avec {amount}, et si besoin {currency} et {return}."
        }
        S::ExchangesInstant => {
            "Échanges instantanés : expédier le nouvel article dès l’approbation"
        }
        S::ExchangesInstantMax => "Seulement pour les commandes jusqu’à (montant)",
        S::ExchangesNotFlagged => "Pas pour les clients signalés par les seuils de risque",
        S::ExchangesOverdueDays => {
            "Signaler un échange instantané sur la page Retours quand son colis n’est pas arrivé au bout de (jours)"
        }
        S::ExchangesBonus => "Bonus pour le choix d’un avoir",
        S::ExchangesBonusNone => "Aucun bonus",
        S::ExchangesBonusPercent => "Un pourcentage",
        S::ExchangesBonusFlat => "Un montant fixe",
        S::ExchangesBonusValue => "Bonus (pourcentage ou montant)",
        S::ExchangesBonusCap => "Plafond du bonus (montant, facultatif)",
        S::ApprovalMode => "Validation",
        S::ApprovalManual => "Manuelle : l’équipe examine chaque retour",
        S::ApprovalAutomatic => "Automatique : validation et étiquette immédiates",
        S::DamagedPolicy => "Articles endommagés",
        S::DamagedKeep => "Le client les garde",
        S::DamagedDiscard => "Le client les jette",
        S::Resolutions => "Solutions proposées",
        S::ReturnMethods => "Modes de retour",
        S::ReturnWindowDays => "Délai de retour (jours après livraison)",
        S::RefundDeadlineDays => "Délai de remboursement (jours après achat)",
        S::NonReturnable => "Produits non retournables",
        S::NonReturnableHint => {
            "Identifiez un produit par sa référence (SKU) ou par l’une de ses étiquettes."
        }
        S::RuleKind => "Critère",
        S::RuleSku => "Référence (SKU)",
        S::RuleTag => "Étiquette",
        S::RuleValue => "Valeur",
        S::AddRule => "Ajouter une règle",
        S::Defective => "Défectueux",
        S::Retired => "Retiré",
        S::MoveUp => "Monter",
        S::MoveDown => "Descendre",
        S::Edit => "Modifier",
        S::Restore => "Rétablir",
        S::Retire => "Retirer",
        S::ReasonsTitle => "Motifs de retour",
        S::ReasonsLead => {
            "Vos clients choisissent l’un de ces motifs, dans cet ordre. Les motifs retirés restent dans les retours passés."
        }
        S::EditReason => "Modifier le motif",
        S::AddReason => "Ajouter un motif",
        S::LabelEn => "Libellé en anglais",
        S::LabelFr => "Libellé en français",
        S::DefectiveHint => "Défectueux : demander un commentaire et une photo",
        S::Cancel => "Annuler",
        S::AddressesTitle => "Adresses de retour",
        S::AddressesLead => {
            "Où les colis retournés sont envoyés. L’adresse par défaut figure sur les étiquettes."
        }
        S::NoAddresses => {
            "Aucune adresse de retour. Ajoutez-en une pour pouvoir émettre des étiquettes."
        }
        S::DefaultBadge => "Par défaut",
        S::Delete => "Supprimer",
        S::RulePostalCode => "Ce code postal ne correspond pas au pays.",
        S::EditAddress => "Modifier l’adresse",
        S::AddAddress => "Ajouter une adresse",
        S::AddressName => "Nom (entrepôt ou contact)",
        S::AddressLine1 => "Adresse, ligne 1",
        S::AddressLine2 => "Adresse, ligne 2 (facultatif)",
        S::City => "Ville",
        S::Region => "Province, État ou région (facultatif)",
        S::PostalCode => "Code postal",
        S::Country => "Pays",
        S::MakeDefault => "Utiliser comme adresse de retour par défaut",
        S::AftercareTitle => "Après-vente",
        S::AftercareLead => {
            "Ce que vos clients peuvent faire après la commande : suivre le colis, corriger l’adresse, signaler un problème."
        }
        S::TrackingEnabled => "Les clients peuvent suivre leurs colis",
        S::OrderCancellationEnabled => {
            "Les clients peuvent annuler la commande jusqu’à l’expédition du premier article (vous êtes prévenu par e-mail)"
        }
        S::AddressEditsEnabled => {
            "Les clients peuvent modifier l’adresse jusqu’à l’expédition du premier article"
        }
        S::IssueTypes => "Problèmes que les clients peuvent signaler",
        S::SurveyEnabled => "Envoyer une enquête de satisfaction après la livraison",
        S::SurveyDelayDays => "Jours après la livraison avant l’envoi de l’enquête",
        S::SupportEmail => "E-mail d’assistance (affiché sur le portail)",
        S::SupportEmailHint => "Laissez vide pour le masquer.",
        S::ServiceEmail => "E-mail du service client",
        S::ServiceEmailHint => "Où sont envoyés les dossiers d’articles défectueux.",
        S::EmbedButtonText => "Suivre ma commande / Faire un retour",
        S::EmbedTitle => "Ajouter le portail à votre site",
        S::EmbedLead => "Collez l’un de ces extraits dans les pages de votre boutique.",
        S::EmbedButton => "Bouton lien",
        S::EmbedIframe => "Widget intégré (iframe)",
        S::Copy => "Copier",
        S::Copied => "Copié dans le presse-papiers",
        S::FramingTitle => "Sites autorisés à afficher le portail dans un cadre",
        S::FramingLead => {
            "Pour le widget intégré : indiquez les adresses de votre boutique, comme https://boutique.example ou https://*.boutique.example. Les autres sites ne peuvent pas encadrer le portail."
        }
        S::FramingNone => {
            "Aucun site pour l’instant : seules les pages de ce serveur peuvent encadrer le portail."
        }
        S::FrameOriginLabel => "Site {n}",
        S::AddFrameOrigin => "Ajouter un site",
        S::RemoveFrameOrigin => "Retirer le site {n}",
        S::FrameScheme => "Commencez par https:// (ou http:// pour une boutique locale).",
        S::FrameHost => "Utilisez un domaine comme https://boutique.example, sans chemin.",
        S::FramePort => "Utilisez un numéro de port de 1 à 65535.",
        S::FrameTooMany => "Indiquez au plus 10 sites.",
        S::AuditLead => "Chaque modification des réglages, la plus récente en premier.",
        S::AuditEmpty => "Aucune modification enregistrée pour l’instant.",
        S::AuditWhen => "Quand",
        S::AuditWho => "Qui",
        S::AuditArea => "Rubrique",
        S::AuditField => "Champ",
        S::AuditChange => "Modification",
    }
}
