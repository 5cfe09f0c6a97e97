//! The Developers page (API keys, the webhooks and connections cards' titles, verifying a webhook)
//! and the queue's CSV export, in English and French: `Key::Dev(D::…)`. Each language answers
//! every `D` in one exhaustive `match`, so a missing translation fails to build.

/// One sentence or label of the Developers page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum D {
    Nav,
    Title,
    Lead,
    ApiReference,
    KeysTitle,
    KeysLead,
    KeysOwnersOnly,
    KeyName,
    KeyNameHint,
    Scopes,
    ScopesHint,
    ScopeRequired,
    ScopeOrdersRead,
    ScopeOrdersWrite,
    ScopeReturnsRead,
    ScopeReturnsWrite,
    ScopeWebhooksManage,
    ScopeSettingsRead,
    CreateKey,
    CreatingKey,
    SecretTitle,
    SecretBody,
    SecretLabel,
    Copy,
    Copied,
    Done,
    NoKeysTitle,
    NoKeysBody,
    KeysCaption,
    ColName,
    ColPrefix,
    ColScopes,
    ColCreated,
    ColLastUsed,
    ColActions,
    NeverUsed,
    Revoke,
    Revoking,
    RevokeKey,
    Revoked,
    WebhooksTitle,
    WebhooksLead,
    ConnectionsTitle,
    ConnectionsLead,
    VerifyTitle,
    VerifyLead,
    VerifySteps,
    ExportCsv,
    ExportingCsv,
}

pub fn en(d: D) -> &'static str {
    match d {
        D::Nav => "Developers",
        D::Title => "Developers",
        D::Lead => {
            "Connect your shop's systems to Rebound: API keys for the REST API, webhooks for events, and orders from your shop platform."
        }
        D::ApiReference => "API reference",
        D::KeysTitle => "API keys",
        D::KeysLead => {
            "A key acts for your shop with only the scopes you give it. Send it as Authorization: Bearer <key>. Each key may make 600 requests a minute unless your server says otherwise."
        }
        D::KeysOwnersOnly => "Only the shop's owner can see and create API keys.",
        D::KeyName => "Key name",
        D::KeyNameHint => "What it is for, such as \"Warehouse sync\".",
        D::Scopes => "Scopes",
        D::ScopesHint => "What the key may do. Reads and writes are separate.",
        D::ScopeRequired => "Choose at least one scope.",
        D::ScopeOrdersRead => "Read orders",
        D::ScopeOrdersWrite => "Push orders, shipments and tracking",
        D::ScopeReturnsRead => "Read and export returns",
        D::ScopeReturnsWrite => "Create and handle returns",
        D::ScopeWebhooksManage => "Manage webhook endpoints",
        D::ScopeSettingsRead => "Read settings",
        D::CreateKey => "Create key",
        D::CreatingKey => "Creating…",
        D::SecretTitle => "Your new API key",
        D::SecretBody => "Copy it now and keep it somewhere safe: it will not be shown again.",
        D::SecretLabel => "Secret key",
        D::Copy => "Copy",
        D::Copied => "Copied",
        D::Done => "I have copied it",
        D::NoKeysTitle => "No API keys yet",
        D::NoKeysBody => "Create one to let another system read or change your shop's data.",
        D::KeysCaption => "Active API keys",
        D::ColName => "Name",
        D::ColPrefix => "Starts with",
        D::ColScopes => "Scopes",
        D::ColCreated => "Created",
        D::ColLastUsed => "Last used",
        D::ColActions => "Actions",
        D::NeverUsed => "Never",
        D::Revoke => "Revoke",
        D::Revoking => "Revoking…",
        D::RevokeKey => "Revoke the key {name}",
        D::Revoked => "The key was revoked: it no longer works.",
        D::WebhooksTitle => "Webhooks",
        D::WebhooksLead => {
            "Send return and order events to your systems as they happen, signed so they can check they came from Rebound."
        }
        D::ConnectionsTitle => "Shop connections",
        D::ConnectionsLead => "Receive orders and shipments from Shopify and WooCommerce.",
        D::VerifyTitle => "Verify a webhook",
        D::VerifyLead => {
            "Rebound signs each delivery the Standard Webhooks way, so any Standard Webhooks library can check it. By hand:"
        }
        D::VerifySteps => {
            "Take the webhook-id and webhook-timestamp headers and the raw body; compute HMAC-SHA256 of \"{id}.{timestamp}.{body}\" with the endpoint's secret (the part after whsec_, base64-decoded); compare its base64 with each \"v1,…\" signature in webhook-signature, in constant time; refuse timestamps more than five minutes from now."
        }
        D::ExportCsv => "Download CSV",
        D::ExportingCsv => "Preparing CSV…",
    }
}

pub fn fr(d: D) -> &'static str {
    match d {
        D::Nav => "Développeurs",
        D::Title => "Développeurs",
        D::Lead => {
            "Reliez les systèmes de votre boutique à Rebound : clés d'API pour l'API REST, webhooks pour les événements, et commandes de votre plateforme de boutique."
        }
        D::ApiReference => "Référence de l'API",
        D::KeysTitle => "Clés d'API",
        D::KeysLead => {
            "Une clé agit pour votre boutique avec les seules permissions que vous lui donnez. Envoyez-la en Authorization: Bearer <clé>. Chaque clé peut faire 600 requêtes par minute, sauf réglage contraire du serveur."
        }
        D::KeysOwnersOnly => {
            "Seul le propriétaire de la boutique peut voir et créer des clés d'API."
        }
        D::KeyName => "Nom de la clé",
        D::KeyNameHint => "Son usage, par exemple « Synchronisation entrepôt ».",
        D::Scopes => "Permissions",
        D::ScopesHint => "Ce que la clé peut faire. Lecture et écriture sont distinctes.",
        D::ScopeRequired => "Choisissez au moins une permission.",
        D::ScopeOrdersRead => "Lire les commandes",
        D::ScopeOrdersWrite => "Envoyer commandes, expéditions et suivi",
        D::ScopeReturnsRead => "Lire et exporter les retours",
        D::ScopeReturnsWrite => "Créer et traiter les retours",
        D::ScopeWebhooksManage => "Gérer les points de terminaison webhook",
        D::ScopeSettingsRead => "Lire les paramètres",
        D::CreateKey => "Créer la clé",
        D::CreatingKey => "Création…",
        D::SecretTitle => "Votre nouvelle clé d'API",
        D::SecretBody => {
            "Copiez-la maintenant et gardez-la en lieu sûr : elle ne sera plus affichée."
        }
        D::SecretLabel => "Clé secrète",
        D::Copy => "Copier",
        D::Copied => "Copiée",
        D::Done => "Je l'ai copiée",
        D::NoKeysTitle => "Aucune clé d'API",
        D::NoKeysBody => {
            "Créez-en une pour qu'un autre système puisse lire ou modifier les données de votre boutique."
        }
        D::KeysCaption => "Clés d'API actives",
        D::ColName => "Nom",
        D::ColPrefix => "Commence par",
        D::ColScopes => "Permissions",
        D::ColCreated => "Créée le",
        D::ColLastUsed => "Dernière utilisation",
        D::ColActions => "Actions",
        D::NeverUsed => "Jamais",
        D::Revoke => "Révoquer",
        D::Revoking => "Révocation…",
        D::RevokeKey => "Révoquer la clé {name}",
        D::Revoked => "La clé a été révoquée : elle ne fonctionne plus.",
        D::WebhooksTitle => "Webhooks",
        D::WebhooksLead => {
            "Envoyez les événements des retours et des commandes à vos systèmes dès qu'ils se produisent, signés pour qu'ils vérifient qu'ils viennent de Rebound."
        }
        D::ConnectionsTitle => "Connexions de boutique",
        D::ConnectionsLead => "Recevez les commandes et les expéditions de Shopify et WooCommerce.",
        D::VerifyTitle => "Vérifier un webhook",
        D::VerifyLead => {
            "Rebound signe chaque envoi selon Standard Webhooks : toute bibliothèque Standard Webhooks sait le vérifier. À la main :"
        }
        D::VerifySteps => {
            "Prenez les en-têtes webhook-id et webhook-timestamp et le corps brut ; calculez le HMAC-SHA256 de « {id}.{timestamp}.{body} » avec le secret du point de terminaison (la partie après whsec_, décodée en base64) ; comparez son base64 à chaque signature « v1,… » de webhook-signature, en temps constant ; refusez un horodatage à plus de cinq minutes de maintenant."
        }
        D::ExportCsv => "Télécharger le CSV",
        D::ExportingCsv => "Préparation du CSV…",
    }
}

/// The label of an API key scope.
pub fn scope_key(scope: rebound_shared::api::api_keys::ApiScope) -> D {
    use rebound_shared::api::api_keys::ApiScope;
    match scope {
        ApiScope::OrdersRead => D::ScopeOrdersRead,
        ApiScope::OrdersWrite => D::ScopeOrdersWrite,
        ApiScope::ReturnsRead => D::ScopeReturnsRead,
        ApiScope::ReturnsWrite => D::ScopeReturnsWrite,
        ApiScope::WebhooksManage => D::ScopeWebhooksManage,
        ApiScope::SettingsRead => D::ScopeSettingsRead,
    }
}
