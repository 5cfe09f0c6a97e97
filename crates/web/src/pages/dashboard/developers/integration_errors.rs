//! Deliveries from Shopify or WooCommerce that could not become an order, newest first: when,
//! which platform, the topic and why (with the field at fault and the platform's order).

use leptos::prelude::*;
use rebound_shared::api::connections::{IntegrationErrorView, ShopPlatform};
use rebound_shared::{ErrorKind, Problem};

use crate::components::alert::ProblemAlert;
use crate::components::format::{date_time, iso};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, W};

#[component]
pub fn IntegrationErrors() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let errors = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.list_integration_errors().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let list = move || match errors.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(page)) if page.errors.is_empty() => view! {
            <div class="empty-inline">
                <p class="empty-inline-title">{i18n.tr(Key::Hook(W::NoErrorsTitle))}</p>
                <p>{i18n.tr(Key::Hook(W::NoErrorsBody))}</p>
            </div>
        }
        .into_any(),
        Some(Ok(page)) => view! { <ErrorTable errors=page.errors /> }.into_any(),
    };
    view! {
        <div class="integration-errors">
            <div class="section-head">
                <h3 class="card-subtitle">{i18n.tr(Key::Hook(W::ErrorsTitle))}</h3>
                <button type="button" class="btn btn-ghost btn-small" on:click=move |_| errors.refetch()>
                    {i18n.tr(Key::Hook(W::Refresh))}
                </button>
            </div>
            <p class="muted">{i18n.tr(Key::Hook(W::ErrorsLead))}</p>
            {list}
        </div>
    }
}

#[component]
fn ErrorTable(errors: Vec<IntegrationErrorView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale();
    let rows = errors
        .into_iter()
        .map(|e| {
            let platform = match e.platform {
                ShopPlatform::Shopify => W::Shopify,
                ShopPlatform::Woocommerce => W::WooCommerce,
            };
            let about = [
                e.field.map(|f| format!("{}: {f}", i18n.t(Key::Hook(W::ErrorField)))),
                e.order_ref.map(|o| format!("{}: {o}", i18n.t(Key::Hook(W::ErrorOrder)))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            view! {
                <tr>
                    <th scope="row"><time datetime=iso(&e.received_at)>{date_time(&e.received_at, locale)}</time></th>
                    <td>{i18n.tr(Key::Hook(platform))}</td>
                    <td><code>{e.topic}</code></td>
                    <td>{e.detail} {(!about.is_empty()).then(|| view! { <br /><span class="muted">{about}</span> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="keys-table">
                <caption class="visually-hidden">{i18n.tr(Key::Hook(W::ErrorsTitle))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColReceived))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColPlatform))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColTopic))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColMessage))}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
