//! The Developers page's webhooks card: the shop's endpoints (URL, description, how many
//! events, on or off and why) each linking to its own page, and the form that adds one.

use leptos::prelude::*;
use rebound_shared::api::webhooks::WebhookEndpointView;
use rebound_shared::{ErrorKind, Problem};

use super::endpoint_form::EndpointForm;
use crate::components::alert::{Notice, ProblemAlert};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key, W};
use crate::routes::Page;

#[component]
pub fn WebhooksCard() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let endpoints = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.list_webhook_endpoints().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let notice = RwSignal::new(None::<Key>);
    let on_saved = move |_: WebhookEndpointView| {
        notice.set(Some(Key::Hook(W::Added)));
        endpoints.refetch();
    };
    let list = move || match endpoints.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! {
            <div class="empty-inline">
                <p class="empty-inline-title">{i18n.tr(Key::Hook(W::NoEndpointsTitle))}</p>
                <p>{i18n.tr(Key::Hook(W::NoEndpointsBody))}</p>
            </div>
        }
        .into_any(),
        Some(Ok(list)) => view! { <EndpointTable endpoints=list /> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="webhooks-title">
            <div class="card-header">
                <h2 id="webhooks-title" class="card-title">{i18n.tr(Key::Dev(D::WebhooksTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Dev(D::WebhooksLead))}</p>
            </div>
            {list}
            <div class="add-endpoint">
                <h3 class="card-subtitle">{i18n.tr(Key::Hook(W::AddTitle))}</h3>
                <Notice message=notice />
                <EndpointForm on_saved=on_saved existing=None />
            </div>
        </section>
    }
}

/// On, off, or turned off by Rebound (and why), as a badge.
#[component]
pub fn EndpointState(enabled: bool, reason: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let (class, key) = match (enabled, reason.as_deref()) {
        (true, _) => ("badge", W::StateOn),
        (false, Some("gone")) => ("badge badge-off", W::StateGone),
        (false, Some(_)) => ("badge badge-off", W::StateFailing),
        (false, None) => ("badge badge-muted", W::StateOff),
    };
    view! { <span class=class>{i18n.tr(Key::Hook(key))}</span> }
}

#[component]
fn EndpointTable(endpoints: Vec<WebhookEndpointView>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = endpoints
        .into_iter()
        .map(|e| {
            let count = e.events.len();
            let events = move || i18n.t(Key::Hook(W::EventCount)).replace("{n}", &count.to_string());
            let href = Page::WebhookEndpoint(e.id).path();
            let url = e.url.clone();
            let manage = move || i18n.t(Key::Hook(W::ManageEndpoint)).replace("{url}", &url);
            view! {
                <tr>
                    <th scope="row"><code class="endpoint-url">{e.url.clone()}</code></th>
                    <td>{if e.description.is_empty() { "—".to_owned() } else { e.description.clone() }}</td>
                    <td>{events}</td>
                    <td><EndpointState enabled=e.enabled reason=e.disabled_reason.clone() /></td>
                    <td><a class="btn btn-secondary btn-small" href=href aria-label=manage>{i18n.tr(Key::Hook(W::Manage))}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="keys-table">
                <caption class="visually-hidden">{i18n.tr(Key::Hook(W::EndpointsCaption))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Hook(W::Url))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::Description))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::Events))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::State))}</th>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColActions))}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
