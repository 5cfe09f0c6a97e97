//! An endpoint's delivery log, newest first: event, status, attempts, the answer's status code,
//! duration and first bytes, the next attempt, when it was written, and Resend; with "Send test
//! event". While a delivery waits for its attempt the log reads itself again every few seconds.

use std::time::Duration;

use leptos::prelude::*;
use rebound_shared::api::webhooks::{DeliveryStatus, WebhookDeliveryView};
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use crate::components::alert::{Notice, ProblemAlert};
use crate::components::format::{date_time, iso};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, W, delivery_status_key};

/// How often a log with a pending delivery is read again.
const REFRESH: Duration = Duration::from_secs(2);

#[component]
pub fn DeliveryLog(endpoint: Uuid, enabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let deliveries = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.list_webhook_deliveries(endpoint, None).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let problem = RwSignal::new(None::<Problem>);
    let notice = RwSignal::new(None::<Key>);
    let sending = RwSignal::new(false);
    // Read again shortly while something is still on its way.
    Effect::new(move || {
        let waiting = deliveries.with(|d| {
            d.as_ref().is_some_and(|page| {
                page.as_ref().is_ok_and(|p| {
                    p.deliveries
                        .iter()
                        .any(|d| d.status == DeliveryStatus::Pending)
                })
            })
        });
        if waiting
            && let Ok(handle) = set_timeout_with_handle(move || deliveries.refetch(), REFRESH)
        {
            on_cleanup(move || handle.clear());
        }
    });
    let send_test = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        notice.set(None);
        sending.set(true);
        leptos::task::spawn_local(async move {
            match api.send_webhook_test(endpoint).await {
                Ok(_) => {
                    notice.set(Some(Key::Hook(W::TestQueued)));
                    deliveries.refetch();
                }
                Err(p) => problem.set(Some(p)),
            }
            sending.set(false);
        });
    };
    let resend = Callback::new(move |delivery: Uuid| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        notice.set(None);
        leptos::task::spawn_local(async move {
            match api.resend_webhook_delivery(endpoint, delivery).await {
                Ok(_) => {
                    notice.set(Some(Key::Hook(W::Resent)));
                    deliveries.refetch();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    });
    let log = move || match deliveries.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(page)) if page.deliveries.is_empty() => view! {
            <div class="empty-inline">
                <p class="empty-inline-title">{i18n.tr(Key::Hook(W::NoDeliveriesTitle))}</p>
                <p>{i18n.tr(Key::Hook(W::NoDeliveriesBody))}</p>
            </div>
        }
        .into_any(),
        Some(Ok(page)) => {
            view! { <DeliveryTable deliveries=page.deliveries resend=resend enabled=enabled /> }
                .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="deliveries-title">
            <div class="card-header">
                <h2 id="deliveries-title" class="card-title">{i18n.tr(Key::Hook(W::DeliveriesTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Hook(W::DeliveriesLead))}</p>
            </div>
            <div class="button-row">
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || !enabled || sending.get()
                    aria-busy=move || sending.get().then_some("true")
                    on:click=send_test
                >
                    {move || i18n.t(Key::Hook(if sending.get() { W::SendingTest } else { W::SendTest }))}
                </button>
                <button type="button" class="btn btn-ghost" on:click=move |_| deliveries.refetch()>
                    {i18n.tr(Key::Hook(W::Refresh))}
                </button>
            </div>
            {(!enabled).then(|| view! { <p class="muted">{i18n.tr(Key::Hook(W::OffNoTest))}</p> })}
            <ProblemAlert problem=problem />
            <Notice message=notice />
            {log}
        </section>
    }
}

#[component]
fn DeliveryTable(
    deliveries: Vec<WebhookDeliveryView>,
    resend: Callback<Uuid>,
    enabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale();
    let rows = deliveries
        .into_iter()
        .map(|d| {
            let id = d.id;
            let status_class = match d.status {
                DeliveryStatus::Delivered => "badge",
                DeliveryStatus::Pending => "badge badge-muted",
                DeliveryStatus::Failed => "badge badge-off",
            };
            let code = d
                .response_status
                .map_or_else(|| "—".to_owned(), |c| c.to_string());
            let duration = d
                .duration_ms
                .map_or_else(|| "—".to_owned(), |ms| format!("{ms} ms"));
            // The answer's first bytes, or why there was none.
            let answer = d
                .response_excerpt
                .clone()
                .or_else(|| d.error.clone())
                .unwrap_or_default();
            let short: String = answer.chars().take(80).collect();
            let next = d.next_attempt_at.map_or_else(
                || view! { <span>"—"</span> }.into_any(),
                |at| view! { <time datetime=iso(&at)>{date_time(&at, locale)}</time> }.into_any(),
            );
            let event = d.event.as_str();
            let label = move || i18n.t(Key::Hook(W::ResendDelivery)).replace("{event}", event);
            view! {
                <tr>
                    <th scope="row"><code>{event}</code></th>
                    <td><span class=status_class>{i18n.tr(delivery_status_key(d.status))}</span></td>
                    <td class="num">{d.attempts}</td>
                    <td class="num">{code}</td>
                    <td class="num">{duration}</td>
                    <td><code class="excerpt" title=answer>{short}</code></td>
                    <td>{next}</td>
                    <td><time datetime=iso(&d.created_at)>{date_time(&d.created_at, locale)}</time></td>
                    <td>
                        <button type="button" class="btn btn-secondary btn-small" aria-label=label disabled=!enabled on:click=move |_| resend.run(id)>
                            {i18n.tr(Key::Hook(W::Resend))}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="keys-table deliveries-table">
                <caption class="visually-hidden">{i18n.tr(Key::Hook(W::DeliveriesTitle))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColEvent))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::State))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColAttempts))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColStatusCode))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColDuration))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColResponse))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColNextAttempt))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColCreated))}</th>
                        <th scope="col">{i18n.tr(Key::Hook(W::ColActions))}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
