//! `/dashboard/developers`: API keys, webhook endpoints, shop connections and how a receiver
//! verifies a webhook; each card in its own module, an endpoint's own page in `endpoint`.

mod api_keys;
mod connections;
mod deliveries;
mod endpoint;
mod endpoint_form;
mod integration_errors;
mod secret;
mod webhooks;

pub use endpoint::WebhookEndpointPage;

use leptos::prelude::*;
use rebound_shared::Permission;

use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key, W};
use api_keys::ApiKeysCard;
use connections::ConnectionsCard;
use webhooks::WebhooksCard;

#[component]
pub fn DevelopersPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::Dev(D::Title));
    view! {
        <div class="page developers">
            <h1 class="page-title">{i18n.tr(Key::Dev(D::Title))}</h1>
            <p class="page-lead">
                {i18n.tr(Key::Dev(D::Lead))} " "
                <a href="/api/docs/" rel="external">{i18n.tr(Key::Dev(D::ApiReference))}</a>
            </p>
            {move || {
                if auth.can(Permission::ManageApiKeys) {
                    view! { <ApiKeysCard /> }.into_any()
                } else {
                    view! { <ClosedCard id="keys-title" title=Key::Dev(D::KeysTitle) body=Key::Dev(D::KeysOwnersOnly) /> }.into_any()
                }
            }}
            {move || {
                if auth.can(Permission::ManageWebhooks) {
                    view! { <WebhooksCard /> }.into_any()
                } else {
                    view! { <ClosedCard id="webhooks-title" title=Key::Dev(D::WebhooksTitle) body=Key::Hook(W::ManagersOnly) /> }.into_any()
                }
            }}
            {move || {
                if auth.can(Permission::ManageSettings) {
                    view! { <ConnectionsCard /> }.into_any()
                } else {
                    view! { <ClosedCard id="connections-title" title=Key::Dev(D::ConnectionsTitle) body=Key::Hook(W::ManagersOnly) /> }.into_any()
                }
            }}
            <VerifyWebhookNote />
        </div>
    }
}

/// A card the signed-in role may not open: its title and who can.
#[component]
fn ClosedCard(id: &'static str, title: Key, body: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby=id>
            <h2 id=id class="card-title">{i18n.tr(title)}</h2>
            <p class="card-lead">{i18n.tr(body)}</p>
        </section>
    }
}

/// How a receiver checks a delivery, with a short example in Python's standard library.
#[component]
fn VerifyWebhookNote() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="verify-title">
            <h2 id="verify-title" class="card-title">{i18n.tr(Key::Dev(D::VerifyTitle))}</h2>
            <p class="card-lead">{i18n.tr(Key::Dev(D::VerifyLead))}</p>
            <p>{i18n.tr(Key::Dev(D::VerifySteps))}</p>
            <pre class="code-sample" tabindex="0"><code>{VERIFY_EXAMPLE}</code></pre>
        </section>
    }
}

const VERIFY_EXAMPLE: &str = r#"import base64, hashlib, hmac, time

def verify(secret: str, headers: dict, body: bytes) -> bool:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    msg_id, ts = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(ts)) > 300:
        return False
    signed = f"{msg_id}.{ts}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(expected, sig.split(",", 1)[1])
        for sig in headers["webhook-signature"].split()
        if sig.startswith("v1,")
    )"#;
