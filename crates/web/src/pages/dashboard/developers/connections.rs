//! The Developers page's shop connections card: Shopify (shop domain and webhook secret) and
//! WooCommerce (site URL and secret), each with the URL to paste into the platform, the last
//! event received, save and disconnect; then the deliveries that could not become an order.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::api::connections::{
    SaveShopifyConnection, SaveWooCommerceConnection, ShopConnectionView, ShopPlatform,
    validate_shopify_domain, validate_site_url, validate_webhook_secret,
};
use rebound_shared::{ErrorKind, Problem};

use super::integration_errors::IntegrationErrors;
use crate::components::alert::{Notice, ProblemAlert};
use crate::components::copy_field::CopyField;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error};
use crate::components::format::{date_time, iso};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key, W};

#[component]
pub fn ConnectionsCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="connections-title">
            <div class="card-header">
                <h2 id="connections-title" class="card-title">{i18n.tr(Key::Dev(D::ConnectionsTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Dev(D::ConnectionsLead))}</p>
            </div>
            <div class="connection-grid">
                <Connection platform=ShopPlatform::Shopify />
                <Connection platform=ShopPlatform::Woocommerce />
            </div>
            <IntegrationErrors />
        </section>
    }
}

/// What differs between the two platforms' forms.
struct Shape {
    prefix: &'static str,
    name: W,
    shop_label: W,
    shop_hint: W,
    secret_hint: W,
    paste_label: W,
    rule: fn(&str) -> Result<(), validator::ValidationError>,
    /// The JSON field the server names when the shop is refused.
    shop_field: &'static str,
}

fn shape(platform: ShopPlatform) -> Shape {
    match platform {
        ShopPlatform::Shopify => Shape {
            prefix: "shopify",
            name: W::Shopify,
            shop_label: W::ShopDomain,
            shop_hint: W::ShopDomainHint,
            secret_hint: W::ShopifySecretHint,
            paste_label: W::PasteShopify,
            rule: validate_shopify_domain,
            shop_field: "shop_domain",
        },
        ShopPlatform::Woocommerce => Shape {
            prefix: "woocommerce",
            name: W::WooCommerce,
            shop_label: W::SiteUrl,
            shop_hint: W::SiteUrlHint,
            secret_hint: W::WooSecretHint,
            paste_label: W::PasteWoo,
            rule: validate_site_url,
            shop_field: "site_url",
        },
    }
}

#[component]
fn Connection(platform: ShopPlatform) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let s = shape(platform);
    let title_id = format!("{}-title", s.prefix);
    let labelled_by = title_id.clone();
    let connection = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.shop_connection(platform).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let notice = RwSignal::new(None::<Key>);
    let body = move || {
        match connection.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(found)) => view! {
            <ConnectionForm platform=platform existing=found notice=notice on_change=move || connection.refetch() />
        }
        .into_any(),
    }
    };
    view! {
        <section class="connection" aria-labelledby=labelled_by>
            <h3 id=title_id class="card-subtitle">{i18n.tr(Key::Hook(s.name))}</h3>
            <Notice message=notice />
            {body}
        </section>
    }
}

#[component]
fn ConnectionForm(
    platform: ShopPlatform,
    existing: Option<ShopConnectionView>,
    notice: RwSignal<Option<Key>>,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let s = shape(platform);
    let shop_id: &'static str = if s.prefix == "shopify" {
        "shopify-shop"
    } else {
        "woocommerce-shop"
    };
    let secret_id: &'static str = if s.prefix == "shopify" {
        "shopify-secret"
    } else {
        "woocommerce-secret"
    };
    let connected = existing.is_some();
    let shop = RwSignal::new(
        existing
            .as_ref()
            .map(|c| c.shop.clone())
            .unwrap_or_default(),
    );
    let secret = RwSignal::new(String::new());
    let shop_error: ErrorSlot = RwSignal::new(None);
    let secret_error: ErrorSlot = RwSignal::new(None);
    let slots = [(shop_id, shop_error), (secret_id, secret_error)];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let (rule, shop_field) = (s.rule, s.shop_field);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        notice.set(None);
        let typed = shop.get_untracked().trim().to_owned();
        let key = secret.get_untracked().trim().to_owned();
        shop_error.set(FieldMessage::check(shop_field, &typed, rule));
        // Empty keeps the secret set; a first connection needs one.
        secret_error.set(if key.is_empty() {
            (!connected).then_some(FieldMessage::Key(Key::Required))
        } else {
            FieldMessage::check("webhook_secret", &key, validate_webhook_secret)
        });
        if slots.iter().any(|(_, e)| e.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let webhook_secret = (!key.is_empty()).then_some(key);
        pending.set(true);
        leptos::task::spawn_local(async move {
            let saved = match platform {
                ShopPlatform::Shopify => {
                    let body = SaveShopifyConnection {
                        shop_domain: typed,
                        webhook_secret,
                    };
                    api.save_shopify(&body).await
                }
                ShopPlatform::Woocommerce => {
                    let body = SaveWooCommerceConnection {
                        site_url: typed,
                        webhook_secret,
                    };
                    api.save_woocommerce(&body).await
                }
            };
            pending.set(false);
            match saved {
                Ok(_) => {
                    secret.set(String::new());
                    notice.set(Some(Key::Hook(W::ConnectionSaved)));
                    on_change.run(());
                }
                Err(p) => {
                    if let Some(e) = p.field(shop_field) {
                        shop_error.set(Some(FieldMessage::from_server(e)));
                    }
                    if let Some(e) = p.field("webhook_secret") {
                        secret_error.set(Some(FieldMessage::from_server(e)));
                    }
                    focus_first_error(&slots);
                    problem.set(Some(p));
                }
            }
        });
    };

    let status = existing.map(|c| view! { <ConnectionStatus platform=platform connection=c notice=notice on_change=on_change /> });
    view! {
        {status}
        {(!connected).then(|| view! { <p class="muted">{i18n.tr(Key::Hook(W::NotConnected))}</p> })}
        <ProblemAlert problem=problem />
        <form class="form" novalidate on:submit=on_submit>
            <Field id=shop_id label=Key::Hook(s.shop_label) hint=Key::Hook(s.shop_hint) value=shop error=shop_error autocomplete="off" literal=true required=true />
            <Field
                id=secret_id
                input_type="password"
                label=Key::Hook(W::WebhookSecret)
                hint=Key::Hook(if connected { W::SecretKeepHint } else { s.secret_hint })
                value=secret
                error=secret_error
                autocomplete="off"
                literal=true
                required=!connected
            />
            <SubmitButton
                label=Key::Hook(if connected { W::SaveConnection } else { W::Connect })
                busy_label=Key::Hook(W::Saving)
                pending=pending
            />
        </form>
    }
}

/// A connected platform: the URL to paste, the secret's last characters, the last event, and
/// Disconnect behind a question.
#[component]
fn ConnectionStatus(
    platform: ShopPlatform,
    connection: ShopConnectionView,
    notice: RwSignal<Option<Key>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let s = shape(platform);
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let secret = match &connection.secret_hint {
        Some(hint) if connection.secret_set => {
            let hint = hint.clone();
            view! { <p>{move || i18n.t(Key::Hook(W::SecretEndsWith)).replace("{hint}", &hint)}</p> }
                .into_any()
        }
        _ => view! { <p class="field-error">{i18n.tr(Key::Hook(W::NoSecret))}</p> }.into_any(),
    };
    let last = match connection.last_event {
        Some(event) => {
            let text = i18n
                .t(Key::Hook(W::LastEvent))
                .replace("{topic}", &event.topic)
                .replace("{outcome}", event.outcome.as_str())
                .replace("{at}", &date_time(&event.received_at, i18n.locale()));
            view! { <p><time datetime=iso(&event.received_at)>{text}</time></p> }.into_any()
        }
        None => view! { <p class="muted">{i18n.tr(Key::Hook(W::NoEventYet))}</p> }.into_any(),
    };
    let disconnect = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api.disconnect_shop(platform).await {
                Ok(()) => {
                    notice.set(Some(Key::Hook(W::Disconnected)));
                    on_change.run(());
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let question_id = format!("{}-disconnect-question", s.prefix);
    let question_ref = question_id.clone();
    view! {
        <div class="connection-status">
            <CopyField id=format!("{}-webhook-url", s.prefix) label=Key::Hook(s.paste_label) value=Signal::stored(connection.webhook_url) />
            {secret}
            {last}
            <ProblemAlert problem=problem />
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="btn btn-ghost btn-small" on:click=move |_| confirming.set(true)>
                        {i18n.tr(Key::Hook(W::Disconnect))}
                    </button>
                }
            >
                <div class="confirm-inline" role="group" aria-labelledby=question_ref.clone()>
                    <p id=question_id.clone()>{i18n.tr(Key::Hook(W::ConfirmDisconnect))}</p>
                    <button type="button" class="btn btn-danger btn-small" on:click=disconnect>
                        {i18n.tr(Key::Hook(W::YesDisconnect))}
                    </button>
                    <button type="button" class="btn btn-ghost btn-small" on:click=move |_| confirming.set(false)>
                        {i18n.tr(Key::Hook(W::Cancel))}
                    </button>
                </div>
            </Show>
        </div>
    }
}
