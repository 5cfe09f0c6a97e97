//! `/dashboard/developers/webhooks/{id}`: one webhook endpoint: change it or delete it (after a
//! confirmation), its signing secret, and its delivery log with the test event.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use rebound_shared::api::webhooks::WebhookEndpointView;
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use super::deliveries::DeliveryLog;
use super::endpoint_form::EndpointForm;
use super::secret::SecretCard;
use super::webhooks::EndpointState;
use crate::components::alert::{Notice, ProblemAlert};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key, W};
use crate::routes::Page;

#[component]
pub fn WebhookEndpointPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let params = use_params_map();
    use_page_title(Key::Hook(W::EndpointTitle));
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|raw| Uuid::parse_str(&raw).ok())));
    let endpoint = LocalResource::new(move || {
        let (api, id) = (auth.api(), id.get());
        async move {
            match (api, id) {
                (Some(api), Some(id)) => api.webhook_endpoint(id).await,
                (None, _) => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
                (_, None) => Err(Problem::new(ErrorKind::NotFound, "no such endpoint")),
            }
        }
    });
    view! {
        <div class="page developers">
            <p><a href=Page::Developers.path() class="back-link">"← " {i18n.tr(Key::Dev(D::Title))}</a></p>
            {move || match endpoint.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! {
                    <h1 class="page-title">{i18n.tr(Key::Hook(W::EndpointTitle))}</h1>
                    <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                }
                .into_any(),
                Some(Ok(found)) => view! { <EndpointDetail endpoint=found on_change=move || endpoint.refetch() /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn EndpointDetail(
    endpoint: WebhookEndpointView,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let notice = RwSignal::new(None::<Key>);
    let id = endpoint.id;
    let on_saved = move |_: WebhookEndpointView| {
        notice.set(Some(Key::Hook(W::Saved)));
        on_change.run(());
    };
    view! {
        <h1 class="page-title endpoint-title">
            {i18n.tr(Key::Hook(W::EndpointTitle))} " "
            <code class="endpoint-url">{endpoint.url.clone()}</code>
        </h1>
        <p class="endpoint-state">
            <EndpointState enabled=endpoint.enabled reason=endpoint.disabled_reason.clone() />
            {endpoint.disabled_reason.is_some().then(|| view! {
                " " <span class="muted">{i18n.tr(Key::Hook(W::TurnOnAgain))}</span>
            })}
        </p>
        <Notice message=notice />
        <DeliveryLog endpoint=id enabled=endpoint.enabled />
        <SecretCard endpoint=id />
        <section class="card" aria-labelledby="endpoint-settings-title">
            <h2 id="endpoint-settings-title" class="card-title">{i18n.tr(Key::Hook(W::SettingsTitle))}</h2>
            <EndpointForm existing=Some(endpoint) on_saved=on_saved />
            <DeleteEndpoint id=id />
        </section>
    }
}

/// Delete, behind a question: the endpoint and its delivery log go for good.
#[component]
fn DeleteEndpoint(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let delete = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.delete_webhook_endpoint(id).await {
                Ok(()) => navigate(&Page::Developers.path(), Default::default()),
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <div class="danger-zone">
            <ProblemAlert problem=problem />
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="btn btn-secondary" on:click=move |_| confirming.set(true)>
                        {i18n.tr(Key::Hook(W::Delete))}
                    </button>
                }
            >
                <div class="confirm-inline" role="group" aria-labelledby="delete-question">
                    <p id="delete-question">{i18n.tr(Key::Hook(W::ConfirmDelete))}</p>
                    <button type="button" class="btn btn-danger btn-small" on:click=delete.clone()>
                        {i18n.tr(Key::Hook(W::YesDelete))}
                    </button>
                    <button type="button" class="btn btn-ghost btn-small" on:click=move |_| confirming.set(false)>
                        {i18n.tr(Key::Hook(W::Cancel))}
                    </button>
                </div>
            </Show>
        </div>
    }
}
