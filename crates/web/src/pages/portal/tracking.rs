//! `/{slug}/order`: the looked-up order: where it stands on the way to the shopper, each parcel
//! with its timeline, the items and the delivery address, and what the shopper can do next.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rebound_shared::api::orders::OrderView;
use rebound_shared::api::portal::PortalConfig;
use rebound_shared::domain::{OrderStatus, TrackingEventKind};

use crate::components::alert::{Notice, ProblemAlert};
use crate::components::format::{iso, short_date};
use crate::components::loading::Loading;
use crate::components::order_parts::{AddressBlock, ItemList, ShipmentCard, StatusBadge};
use crate::contexts::locale::use_i18n;
use crate::contexts::order_access::forget;
use crate::i18n::{Key, O, P};
use crate::pages::portal::cancel_order::CancelOrderBox;
use crate::pages::portal::opened::{
    address_editable, order_cancellable, use_opened_order, use_portal_config,
};
use crate::routes::Page;

/// The five stages a parcel goes through, as the progress bar shows them.
const STAGES: [P; 5] = [
    P::StageOrdered,
    P::StageDispatched,
    P::StageInTransit,
    P::StageOutForDelivery,
    P::StageDelivered,
];

/// How far the order got (an index in `STAGES`), and whether the carrier reported a problem.
fn progress(order: &OrderView) -> (usize, bool) {
    let reached = |kind: TrackingEventKind| {
        order
            .shipments
            .iter()
            .any(|s| s.events.iter().any(|e| e.kind == kind))
    };
    let moving = || {
        if reached(TrackingEventKind::InTransit) {
            2
        } else {
            1
        }
    };
    match order.status {
        OrderStatus::Unfulfilled => (0, false),
        OrderStatus::InTransit => (moving(), false),
        OrderStatus::OutForDelivery => (3, false),
        OrderStatus::Delivered => (4, false),
        OrderStatus::Exception => {
            let stage = if reached(TrackingEventKind::OutForDelivery) {
                3
            } else if order.shipments.is_empty() {
                0
            } else {
                moving()
            };
            (stage, true)
        }
    }
}

#[component]
pub fn TrackingPage() -> impl IntoView {
    let i18n = use_i18n();
    let opened = use_opened_order();
    let order = opened.order;
    let slug = opened.slug.clone();
    move || match order.get() {
        None => view! { <div class="portal-card"><Loading /></div> }.into_any(),
        Some(Err(p)) => view! {
            <div class="portal-card">
                <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                <button type="button" class="btn btn-secondary" on:click=move |_| order.refetch()>
                    {i18n.tr(Key::TryAgain)}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(found)) => {
            let refresh = Callback::new(move |()| order.refetch());
            view! { <OrderTracking order=found slug=slug.clone() refresh /> }.into_any()
        }
    }
}

#[component]
fn OrderTracking(order: OrderView, slug: String, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let config = use_portal_config();
    let (stage, exception) = progress(&order);
    let can_edit = address_editable(&order, config.as_ref());
    let can_cancel = order_cancellable(&order, config.as_ref());
    let cancelled_at = order.cancelled_at;
    let can_report = config
        .as_ref()
        .is_some_and(|c| !c.aftercare.issue_types.is_empty());
    let tracking_shown = config
        .as_ref()
        .is_none_or(|c: &PortalConfig| c.aftercare.tracking_enabled);
    let changed = use_query_map().with_untracked(|q| q.get("address").is_some());
    let notice = RwSignal::new(changed.then_some(Key::Portal(P::AddressChanged)));
    let placed = order.placed_at;
    let count = order.shipments.len();
    let shipments = if order.shipments.is_empty() {
        view! { <p class="muted not-shipped">{i18n.tr(Key::Portal(P::NotShippedYet))}</p> }
            .into_any()
    } else {
        order
            .shipments
            .clone()
            .into_iter()
            .enumerate()
            .map(|(index, shipment)| view! { <ShipmentCard shipment=shipment index=index count=count /> })
            .collect_view()
            .into_any()
    };
    let look_up_another = {
        let slug = slug.clone();
        move |_| {
            forget(&slug);
            navigate(&Page::PortalHome(slug.clone()).path(), Default::default());
        }
    };
    let address_href = Page::PortalAddress(slug.clone()).path();
    let issue_href = Page::PortalIssue(slug.clone()).path();
    view! {
        <article class="tracking" aria-labelledby="order-title">
            <header class="tracking-head">
                <div>
                    <p class="portal-eyebrow">{i18n.tr(Key::Portal(P::YourOrder))}</p>
                    <h1 id="order-title" class="tracking-title">{order.number.clone()}</h1>
                    <p class="tracking-placed">
                        {i18n.tr(Key::Portal(P::PlacedOn))} " "
                        <time datetime=iso(&placed)>{move || short_date(&placed, i18n.locale())}</time>
                    </p>
                </div>
                <StatusBadge status=order.status />
            </header>
            <Notice message=notice />
            {cancelled_at.map(|at| view! {
                <div class="alert alert-info" role="status" id="order-cancelled">
                    <div>
                        <p class="alert-title">{i18n.tr(Key::Portal(P::OrderCancelledTitle))}</p>
                        <p>{move || i18n.t(Key::Portal(P::OrderCancelledBody)).replace("{date}", &short_date(&at, i18n.locale()))}</p>
                    </div>
                </div>
            })}
            <crate::pages::portal::returns_panel::ReturnsPanel slug=slug.clone() />
            <section class="portal-card" aria-labelledby="progress-title">
                <h2 id="progress-title" class="visually-hidden">{i18n.tr(Key::Portal(P::Progress))}</h2>
                <ol class="progress-steps" class:progress-exception=exception>
                    {STAGES
                        .into_iter()
                        .enumerate()
                        .map(|(i, key)| {
                            // Delivered is the end of the road: that stage is done, not pending.
                            let finished = stage == STAGES.len() - 1 && !exception;
                            let state = if i < stage || (finished && i == stage) {
                                "step-done"
                            } else if i == stage {
                                "step-current"
                            } else {
                                "step-todo"
                            };
                            view! {
                                <li class=format!("progress-step {state}") aria-current=(i == stage).then_some("step")>
                                    <span class="step-dot" aria-hidden="true"></span>
                                    <span class="step-label">{i18n.tr(Key::Portal(key))}</span>
                                    {(i < stage || (finished && i == stage)).then(|| view! { <span class="visually-hidden">" " {i18n.tr(Key::Portal(P::StepDone))}</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                {exception.then(|| view! {
                    <div class="alert alert-error" role="status">
                        <svg class="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
                            <circle cx="10" cy="10" r="8.5" />
                            <path d="M10 5.5v5.5M10 14v.1" />
                        </svg>
                        <div>
                            <p class="alert-title">{i18n.tr(Key::Portal(P::ExceptionTitle))}</p>
                            <p class="alert-detail">{i18n.tr(Key::Portal(P::ExceptionBody))}</p>
                        </div>
                    </div>
                })}
                <div class="tracking-actions">
                    {can_edit.then(|| view! {
                        <a class="btn btn-secondary" href=address_href.clone()>{i18n.tr(Key::Portal(P::ChangeAddress))}</a>
                    })}
                    {can_report.then(|| view! {
                        <a class="btn btn-secondary" href=issue_href.clone()>{i18n.tr(Key::Portal(P::ReportProblem))}</a>
                    })}
                    {can_cancel.then(|| view! { <CancelOrderBox slug=slug.clone() cancelled=refresh /> })}
                </div>
            </section>
            {tracking_shown.then(|| view! {
                <section class="portal-card" aria-labelledby="shipments-title">
                    <h2 id="shipments-title" class="section-heading">{i18n.tr(Key::Portal(P::Shipments))}</h2>
                    {shipments}
                </section>
            })}
            <div class="tracking-columns">
                <section class="portal-card" aria-labelledby="items-title">
                    <h2 id="items-title" class="section-heading">{i18n.tr(Key::Ord(O::Items))}</h2>
                    <ItemList items=order.items.clone() />
                </section>
                <section class="portal-card" aria-labelledby="address-title">
                    <h2 id="address-title" class="section-heading">{i18n.tr(Key::Ord(O::ShippingAddress))}</h2>
                    <p class="address-name">{order.customer_name.clone()}</p>
                    <AddressBlock address=order.shipping_address.clone() />
                    {(!can_edit && config.as_ref().is_some_and(|c| c.aftercare.address_edits_enabled)).then(|| view! {
                        <p class="muted">{i18n.tr(Key::Portal(P::AddressLocked))}</p>
                    })}
                </section>
            </div>
            <super::messages::PortalMessages slug=slug.clone() />
            <p class="tracking-footer">
                <button type="button" class="btn btn-ghost" on:click=look_up_another>
                    {i18n.tr(Key::Portal(P::LookUpAnother))}
                </button>
            </p>
        </article>
    }
}
