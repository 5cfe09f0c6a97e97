//! The Developers page's webhook endpoints (list, form, secret, delivery log) and shop
//! connections (Shopify, WooCommerce, integration errors), in English and French:
//! `Key::Hook(W::…)`. Each language answers every `W` in one exhaustive `match`.

use rebound_shared::api::webhooks::{DeliveryStatus, WebhookEvent};

use super::Key;

/// One sentence or label of the webhook and connection screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum W {
    ManagersOnly,
    NoEndpointsTitle,
    NoEndpointsBody,
    EndpointsCaption,
    AddTitle,
    Added,
    Url,
    UrlHint,
    Description,
    DescriptionHint,
    Events,
    EventsHint,
    EventRequired,
    EventCount,
    Enabled,
    AddEndpoint,
    Adding,
    SaveEndpoint,
    Saving,
    Saved,
    State,
    StateOn,
    StateOff,
    StateGone,
    StateFailing,
    TurnOnAgain,
    Manage,
    ManageEndpoint,
    EndpointTitle,
    SettingsTitle,
    Delete,
    ConfirmDelete,
    YesDelete,
    Cancel,
    SecretTitle,
    SecretLead,
    SecretLabel,
    RevealSecret,
    RotateSecret,
    ConfirmRotate,
    YesRotate,
    PreviousValidUntil,
    DeliveriesTitle,
    DeliveriesLead,
    SendTest,
    SendingTest,
    TestQueued,
    OffNoTest,
    Refresh,
    NoDeliveriesTitle,
    NoDeliveriesBody,
    ColEvent,
    ColAttempts,
    ColStatusCode,
    ColDuration,
    ColResponse,
    ColNextAttempt,
    ColCreated,
    ColActions,
    Resend,
    ResendDelivery,
    Resent,
    Pending,
    Delivered,
    Failed,
    EvOrderCreated,
    EvOrderUpdated,
    EvShipmentUpdated,
    EvReturnCreated,
    EvReturnApproved,
    EvReturnRejected,
    EvReturnLabelIssued,
    EvReturnReceived,
    EvReturnInspected,
    EvReturnRefunded,
    EvReturnStoreCreditIssued,
    EvReturnReplacementShipped,
    EvReturnWithdrawalConfirmed,
    EvReturnCancelled,
    EvOrderCancelled,
    EvIssueReported,
    EvMessageCreated,
    EvTest,
    Shopify,
    WooCommerce,
    ShopDomain,
    ShopDomainHint,
    SiteUrl,
    SiteUrlHint,
    WebhookSecret,
    ShopifySecretHint,
    WooSecretHint,
    SecretKeepHint,
    Connect,
    SaveConnection,
    ConnectionSaved,
    NotConnected,
    PasteShopify,
    PasteWoo,
    SecretEndsWith,
    NoSecret,
    LastEvent,
    NoEventYet,
    Disconnect,
    ConfirmDisconnect,
    YesDisconnect,
    Disconnected,
    ErrorsTitle,
    ErrorsLead,
    NoErrorsTitle,
    NoErrorsBody,
    ColReceived,
    ColPlatform,
    ColTopic,
    ColMessage,
    ErrorField,
    ErrorOrder,
    RuleUrl,
    RulePrivateAddress,
    RuleShopDomain,
    RuleSiteUrl,
    RuleWebhookSecret,
}

pub fn en(w: W) -> &'static str {
    match w {
        W::ManagersOnly => "Only the shop's owner and managers can see and change this.",
        W::NoEndpointsTitle => "No webhook endpoints yet",
        W::NoEndpointsBody => {
            "Add one below to have Rebound call your system when something happens."
        }
        W::EndpointsCaption => "Webhook endpoints",
        W::AddTitle => "Add an endpoint",
        W::Added => {
            "The endpoint was added. Open it to see its signing secret and send a test event."
        }
        W::Url => "Endpoint URL",
        W::UrlHint => "An https address of your system that accepts POST requests.",
        W::Description => "Description",
        W::DescriptionHint => "Optional: what receives it, such as \"ERP sync\".",
        W::Events => "Events",
        W::EventsHint => "What this endpoint is told about.",
        W::EventRequired => "Choose at least one event.",
        W::EventCount => "{n} events",
        W::Enabled => "On: send events to this endpoint",
        W::AddEndpoint => "Add endpoint",
        W::Adding => "Adding…",
        W::SaveEndpoint => "Save changes",
        W::Saving => "Saving…",
        W::Saved => "The endpoint was saved.",
        W::State => "Status",
        W::StateOn => "On",
        W::StateOff => "Off",
        W::StateGone => "Disabled by Rebound: the receiver answered 410 Gone",
        W::StateFailing => "Disabled by Rebound: every delivery failed for three days",
        W::TurnOnAgain => "Fix the receiver, then turn the endpoint on again below.",
        W::Manage => "Manage",
        W::ManageEndpoint => "Manage {url}",
        W::EndpointTitle => "Webhook endpoint",
        W::SettingsTitle => "Endpoint settings",
        W::Delete => "Delete endpoint",
        W::ConfirmDelete => "Delete this endpoint and its delivery log? This cannot be undone.",
        W::YesDelete => "Yes, delete it",
        W::Cancel => "Cancel",
        W::SecretTitle => "Signing secret",
        W::SecretLead => "Your receiver uses it to check that a delivery came from Rebound.",
        W::SecretLabel => "Secret",
        W::RevealSecret => "Reveal secret",
        W::RotateSecret => "Rotate secret",
        W::ConfirmRotate => {
            "Make a new secret? The current one keeps signing deliveries for 24 hours, so you can switch without losing any."
        }
        W::YesRotate => "Yes, rotate it",
        W::PreviousValidUntil => "The previous secret also signs deliveries until {at}.",
        W::DeliveriesTitle => "Delivery log",
        W::DeliveriesLead => {
            "Each event sent to this endpoint, newest first, with your receiver's latest answer."
        }
        W::SendTest => "Send test event",
        W::SendingTest => "Sending…",
        W::TestQueued => "A webhook.test event is on its way; it shows below within seconds.",
        W::OffNoTest => "The endpoint is off: turn it on to send or resend events.",
        W::Refresh => "Refresh",
        W::NoDeliveriesTitle => "Nothing sent yet",
        W::NoDeliveriesBody => "Send a test event to check your receiver.",
        W::ColEvent => "Event",
        W::ColAttempts => "Attempts",
        W::ColStatusCode => "Status code",
        W::ColDuration => "Duration",
        W::ColResponse => "Response",
        W::ColNextAttempt => "Next attempt",
        W::ColCreated => "Created",
        W::ColActions => "Actions",
        W::Resend => "Resend",
        W::ResendDelivery => "Resend {event}",
        W::Resent => "The delivery is sent again.",
        W::Pending => "Pending",
        W::Delivered => "Delivered",
        W::Failed => "Failed",
        W::EvOrderCreated => "Order created",
        W::EvOrderUpdated => "Order updated",
        W::EvShipmentUpdated => "Shipment updated",
        W::EvReturnCreated => "Return submitted",
        W::EvReturnApproved => "Return approved",
        W::EvReturnRejected => "Return rejected",
        W::EvReturnLabelIssued => "Return label issued",
        W::EvReturnReceived => "Return received",
        W::EvReturnInspected => "Return inspected",
        W::EvReturnRefunded => "Return refunded",
        W::EvReturnStoreCreditIssued => "Store credit issued",
        W::EvReturnReplacementShipped => "Replacement shipped",
        W::EvReturnWithdrawalConfirmed => "Withdrawal confirmed",
        W::EvReturnCancelled => "Return cancelled by the shopper",
        W::EvOrderCancelled => "Order cancelled by the shopper",
        W::EvIssueReported => "Issue reported",
        W::EvMessageCreated => "Message written",
        W::EvTest => "Test event",
        W::Shopify => "Shopify",
        W::WooCommerce => "WooCommerce",
        W::ShopDomain => "Shop domain",
        W::ShopDomainHint => "As Shopify's admin shows it, such as maple-co.myshopify.com.",
        W::SiteUrl => "Store URL",
        W::SiteUrlHint => "Your WooCommerce site's address, such as https://shop.example.",
        W::WebhookSecret => "Webhook secret",
        W::ShopifySecretHint => {
            "The key Shopify signs webhooks with (Settings > Notifications > Webhooks)."
        }
        W::WooSecretHint => "The secret you type in WooCommerce > Settings > Advanced > Webhooks.",
        W::SecretKeepHint => "Leave empty to keep the secret already set.",
        W::Connect => "Connect",
        W::SaveConnection => "Save connection",
        W::ConnectionSaved => "The connection was saved.",
        W::NotConnected => "Not connected.",
        W::PasteShopify => "Delivery URL to paste into Shopify",
        W::PasteWoo => "Delivery URL to paste into WooCommerce",
        W::SecretEndsWith => "A secret is set, ending in {hint}.",
        W::NoSecret => "No secret set: deliveries are refused until one is.",
        W::LastEvent => "Last event: {topic} ({outcome}), {at}",
        W::NoEventYet => "No event received yet.",
        W::Disconnect => "Disconnect",
        W::ConfirmDisconnect => {
            "Disconnect? Its URL stops answering at once; the orders it brought stay."
        }
        W::YesDisconnect => "Yes, disconnect",
        W::Disconnected => "Disconnected.",
        W::ErrorsTitle => "Integration errors",
        W::ErrorsLead => {
            "Deliveries from your shop platform that could not become an order, newest first."
        }
        W::NoErrorsTitle => "No integration errors",
        W::NoErrorsBody => {
            "Every delivery received so far became an order or was ignored on purpose."
        }
        W::ColReceived => "Received",
        W::ColPlatform => "Platform",
        W::ColTopic => "Topic",
        W::ColMessage => "Message",
        W::ErrorField => "Field",
        W::ErrorOrder => "Order",
        W::RuleUrl => "Use a full https address, such as https://hooks.example.com/rebound.",
        W::RulePrivateAddress => {
            "This address is inside a private network: use one your server can reach from the internet."
        }
        W::RuleShopDomain => "Use the shop's myshopify.com domain, such as maple-co.myshopify.com.",
        W::RuleSiteUrl => "Use the site's address, such as https://shop.example.",
        W::RuleWebhookSecret => "Use 8 to 200 visible characters, without spaces.",
    }
}

pub fn fr(w: W) -> &'static str {
    match w {
        W::ManagersOnly => {
            "Seuls le propriétaire et les responsables de la boutique peuvent voir et modifier ceci."
        }
        W::NoEndpointsTitle => "Aucun point de terminaison webhook",
        W::NoEndpointsBody => {
            "Ajoutez-en un ci-dessous pour que Rebound appelle votre système quand quelque chose se produit."
        }
        W::EndpointsCaption => "Points de terminaison webhook",
        W::AddTitle => "Ajouter un point de terminaison",
        W::Added => {
            "Le point de terminaison a été ajouté. Ouvrez-le pour voir son secret de signature et envoyer un événement de test."
        }
        W::Url => "URL du point de terminaison",
        W::UrlHint => "Une adresse https de votre système qui accepte les requêtes POST.",
        W::Description => "Description",
        W::DescriptionHint => "Facultatif : ce qui la reçoit, par exemple « Synchronisation ERP ».",
        W::Events => "Événements",
        W::EventsHint => "Ce dont ce point de terminaison est informé.",
        W::EventRequired => "Choisissez au moins un événement.",
        W::EventCount => "{n} événements",
        W::Enabled => "Actif : envoyer les événements à ce point de terminaison",
        W::AddEndpoint => "Ajouter",
        W::Adding => "Ajout…",
        W::SaveEndpoint => "Enregistrer",
        W::Saving => "Enregistrement…",
        W::Saved => "Le point de terminaison a été enregistré.",
        W::State => "État",
        W::StateOn => "Actif",
        W::StateOff => "Inactif",
        W::StateGone => "Désactivé par Rebound : le destinataire a répondu 410 Gone",
        W::StateFailing => "Désactivé par Rebound : tous les envois ont échoué pendant trois jours",
        W::TurnOnAgain => {
            "Réparez le destinataire, puis réactivez le point de terminaison ci-dessous."
        }
        W::Manage => "Gérer",
        W::ManageEndpoint => "Gérer {url}",
        W::EndpointTitle => "Point de terminaison webhook",
        W::SettingsTitle => "Réglages du point de terminaison",
        W::Delete => "Supprimer le point de terminaison",
        W::ConfirmDelete => {
            "Supprimer ce point de terminaison et son journal d'envois ? C'est définitif."
        }
        W::YesDelete => "Oui, le supprimer",
        W::Cancel => "Annuler",
        W::SecretTitle => "Secret de signature",
        W::SecretLead => "Votre destinataire s'en sert pour vérifier qu'un envoi vient de Rebound.",
        W::SecretLabel => "Secret",
        W::RevealSecret => "Afficher le secret",
        W::RotateSecret => "Renouveler le secret",
        W::ConfirmRotate => {
            "Créer un nouveau secret ? L'actuel signe encore les envois pendant 24 heures, pour changer sans rien perdre."
        }
        W::YesRotate => "Oui, le renouveler",
        W::PreviousValidUntil => "L'ancien secret signe aussi les envois jusqu'au {at}.",
        W::DeliveriesTitle => "Journal des envois",
        W::DeliveriesLead => {
            "Chaque événement envoyé à ce point de terminaison, du plus récent au plus ancien, avec la dernière réponse de votre destinataire."
        }
        W::SendTest => "Envoyer un événement de test",
        W::SendingTest => "Envoi…",
        W::TestQueued => {
            "Un événement webhook.test est en route ; il apparaît ci-dessous en quelques secondes."
        }
        W::OffNoTest => {
            "Le point de terminaison est inactif : activez-le pour envoyer ou renvoyer des événements."
        }
        W::Refresh => "Actualiser",
        W::NoDeliveriesTitle => "Rien n'a encore été envoyé",
        W::NoDeliveriesBody => "Envoyez un événement de test pour vérifier votre destinataire.",
        W::ColEvent => "Événement",
        W::ColAttempts => "Tentatives",
        W::ColStatusCode => "Code de statut",
        W::ColDuration => "Durée",
        W::ColResponse => "Réponse",
        W::ColNextAttempt => "Prochaine tentative",
        W::ColCreated => "Créé le",
        W::ColActions => "Actions",
        W::Resend => "Renvoyer",
        W::ResendDelivery => "Renvoyer {event}",
        W::Resent => "L'envoi repart.",
        W::Pending => "En attente",
        W::Delivered => "Livré",
        W::Failed => "Échec",
        W::EvOrderCreated => "Commande créée",
        W::EvOrderUpdated => "Commande modifiée",
        W::EvShipmentUpdated => "Expédition modifiée",
        W::EvReturnCreated => "Retour déposé",
        W::EvReturnApproved => "Retour accepté",
        W::EvReturnRejected => "Retour refusé",
        W::EvReturnLabelIssued => "Étiquette de retour émise",
        W::EvReturnReceived => "Retour reçu",
        W::EvReturnInspected => "Retour inspecté",
        W::EvReturnRefunded => "Retour remboursé",
        W::EvReturnStoreCreditIssued => "Avoir émis",
        W::EvReturnReplacementShipped => "Remplacement expédié",
        W::EvReturnWithdrawalConfirmed => "Rétractation confirmée",
        W::EvReturnCancelled => "Retour annulé par le client",
        W::EvOrderCancelled => "Commande annulée par le client",
        W::EvIssueReported => "Problème signalé",
        W::EvMessageCreated => "Message écrit",
        W::EvTest => "Événement de test",
        W::Shopify => "Shopify",
        W::WooCommerce => "WooCommerce",
        W::ShopDomain => "Domaine de la boutique",
        W::ShopDomainHint => {
            "Tel que l'administration Shopify l'affiche, par exemple maple-co.myshopify.com."
        }
        W::SiteUrl => "URL de la boutique",
        W::SiteUrlHint => "L'adresse de votre site WooCommerce, par exemple https://shop.example.",
        W::WebhookSecret => "Secret des webhooks",
        W::ShopifySecretHint => {
            "La clé avec laquelle Shopify signe les webhooks (Paramètres > Notifications > Webhooks)."
        }
        W::WooSecretHint => "Le secret saisi dans WooCommerce > Réglages > Avancé > Webhooks.",
        W::SecretKeepHint => "Laissez vide pour garder le secret déjà enregistré.",
        W::Connect => "Connecter",
        W::SaveConnection => "Enregistrer la connexion",
        W::ConnectionSaved => "La connexion a été enregistrée.",
        W::NotConnected => "Non connecté.",
        W::PasteShopify => "URL de livraison à coller dans Shopify",
        W::PasteWoo => "URL de livraison à coller dans WooCommerce",
        W::SecretEndsWith => "Un secret est enregistré, il se termine par {hint}.",
        W::NoSecret => "Aucun secret : les envois sont refusés tant qu'il n'y en a pas.",
        W::LastEvent => "Dernier événement : {topic} ({outcome}), le {at}",
        W::NoEventYet => "Aucun événement reçu pour l'instant.",
        W::Disconnect => "Déconnecter",
        W::ConfirmDisconnect => {
            "Déconnecter ? Son URL cesse de répondre aussitôt ; les commandes reçues restent."
        }
        W::YesDisconnect => "Oui, déconnecter",
        W::Disconnected => "Déconnecté.",
        W::ErrorsTitle => "Erreurs d'intégration",
        W::ErrorsLead => {
            "Les envois de votre plateforme qui n'ont pas pu devenir une commande, du plus récent au plus ancien."
        }
        W::NoErrorsTitle => "Aucune erreur d'intégration",
        W::NoErrorsBody => {
            "Chaque envoi reçu jusqu'ici est devenu une commande ou a été ignoré à dessein."
        }
        W::ColReceived => "Reçu le",
        W::ColPlatform => "Plateforme",
        W::ColTopic => "Sujet",
        W::ColMessage => "Message",
        W::ErrorField => "Champ",
        W::ErrorOrder => "Commande",
        W::RuleUrl => {
            "Saisissez une adresse https complète, par exemple https://hooks.example.com/rebound."
        }
        W::RulePrivateAddress => {
            "Cette adresse est dans un réseau privé : choisissez-en une joignable depuis Internet."
        }
        W::RuleShopDomain => {
            "Saisissez le domaine myshopify.com de la boutique, par exemple maple-co.myshopify.com."
        }
        W::RuleSiteUrl => "Saisissez l'adresse du site, par exemple https://shop.example.",
        W::RuleWebhookSecret => "Utilisez de 8 à 200 caractères visibles, sans espace.",
    }
}

/// The label of a webhook event.
pub fn webhook_event_key(event: WebhookEvent) -> Key {
    use WebhookEvent as E;
    Key::Hook(match event {
        E::OrderCreated => W::EvOrderCreated,
        E::OrderUpdated => W::EvOrderUpdated,
        E::ShipmentUpdated => W::EvShipmentUpdated,
        E::ReturnCreated => W::EvReturnCreated,
        E::ReturnApproved => W::EvReturnApproved,
        E::ReturnRejected => W::EvReturnRejected,
        E::ReturnLabelIssued => W::EvReturnLabelIssued,
        E::ReturnReceived => W::EvReturnReceived,
        E::ReturnInspected => W::EvReturnInspected,
        E::ReturnRefunded => W::EvReturnRefunded,
        E::ReturnStoreCreditIssued => W::EvReturnStoreCreditIssued,
        E::ReturnReplacementShipped => W::EvReturnReplacementShipped,
        E::ReturnWithdrawalConfirmed => W::EvReturnWithdrawalConfirmed,
        E::ReturnCancelled => W::EvReturnCancelled,
        E::OrderCancelled => W::EvOrderCancelled,
        E::IssueReported => W::EvIssueReported,
        E::MessageCreated => W::EvMessageCreated,
        E::Test => W::EvTest,
    })
}

pub fn delivery_status_key(status: DeliveryStatus) -> Key {
    Key::Hook(match status {
        DeliveryStatus::Pending => W::Pending,
        DeliveryStatus::Delivered => W::Delivered,
        DeliveryStatus::Failed => W::Failed,
    })
}
