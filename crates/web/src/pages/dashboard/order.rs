//! `/dashboard/orders/{number}`: one order for staff: the customer, the address, the items with
//! what is attached to them, each shipment's timeline, the issues the shopper reported, and the
//! order's returns and messages.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rebound_shared::api::helpdesk::{ThreadSubject, ThreadSubjectKind};
use rebound_shared::api::orders::{IssueReportView, OrderView};
use rebound_shared::{ErrorKind, Problem};

use crate::components::alert::ProblemAlert;
use crate::components::format::{date_time, iso};
use crate::components::lightbox::{Lightbox, Shown};
use crate::components::loading::Loading;
use crate::components::order_parts::{AddressBlock, ItemList, ShipmentCard, StatusBadge};
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O, issue_type_key};
use crate::pages::dashboard::messages::{SubjectMessages, ThreadLookup};
use crate::pages::dashboard::order_fulfilment::FulfilmentActions;
use crate::pages::dashboard::order_returns::OrderReturns;
use crate::pages::dashboard::order_start_return::StartReturn;
use crate::routes::Page;
use rebound_shared::Permission;
use rebound_shared::api::fulfilment::FulfilmentStage;

#[component]
pub fn OrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let params = use_params_map();
    use_page_title(Key::Ord(O::OrderTitle));
    let number = Memo::new(move |_| params.with(|p| p.get("number").unwrap_or_default()));
    let order = LocalResource::new(move || {
        let (api, number) = (auth.api(), number.get());
        async move {
            match api {
                Some(api) => api.order(&number).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    // Kept here, outside the order shown, so it stays while the order reloads after a mark.
    let marked = RwSignal::new(None::<FulfilmentStage>);
    let on_marked = move |stage: FulfilmentStage| {
        marked.set(Some(stage));
        order.refetch();
    };
    view! {
        <div class="page">
            <p><a href=Page::Orders.path() class="back-link">"← " {i18n.tr(Key::Ord(O::AllOrders))}</a></p>
            <div role="status" aria-live="polite">
                {move || marked.get().map(|stage| view! {
                    <div class="alert alert-success"><p class="alert-title">{i18n.tr(Key::Ord(match stage {
                        FulfilmentStage::Shipped => O::MarkedShipped,
                        FulfilmentStage::Delivered => O::MarkedDelivered,
                    }))}</p></div>
                })}
            </div>
            {move || match order.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! {
                    <h1 class="page-title">{number.get()}</h1>
                    <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                }
                .into_any(),
                Some(Ok(found)) => view! { <OrderDetail order=found on_marked=on_marked /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn OrderDetail(
    order: OrderView,
    #[prop(into)] on_marked: Callback<FulfilmentStage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let placed = order.placed_at;
    let count = order.shipments.len();
    let shipments = if order.shipments.is_empty() {
        view! { <p class="muted">{i18n.tr(Key::Ord(O::NoShipments))}</p> }.into_any()
    } else {
        order
            .shipments
            .clone()
            .into_iter()
            .enumerate()
            .map(|(index, s)| view! { <ShipmentCard shipment=s index=index count=count /> })
            .collect_view()
            .into_any()
    };
    let auth = use_auth();
    // Bumped when staff start a return here, so the order's returns read again.
    let returns_version = Trigger::new();
    let mailto = format!("mailto:{}", order.email);
    let cancelled_at = order.cancelled_at;
    view! {
        <header class="order-head">
            <h1 class="page-title">{i18n.tr(Key::Ord(O::OrderTitle))} " " {order.number.clone()}</h1>
            <StatusBadge status=order.status />
            <p class="muted">
                {i18n.tr(Key::Ord(O::ColPlaced))} " "
                <time datetime=iso(&placed)>{move || date_time(&placed, i18n.locale())}</time>
            </p>
            {cancelled_at.map(|at| view! {
                <p class="status status-exception order-cancelled" role="status">
                    {move || i18n.t(Key::Ord(O::CancelledOn)).replace("{date}", &date_time(&at, i18n.locale()))}
                </p>
            })}
        </header>
        <div class="order-layout">
            <div class="order-main">
                <section class="card" aria-labelledby="items-title">
                    <h2 id="items-title" class="card-title">{i18n.tr(Key::Ord(O::Items))}</h2>
                    <ItemList items=order.items.clone() currency=order.currency.clone() />
                </section>
                <section class="card" aria-labelledby="shipments-title">
                    <h2 id="shipments-title" class="card-title">{i18n.tr(Key::Ord(O::Shipments))}</h2>
                    {shipments}
                </section>
                <IssueReports number=order.number.clone() />
                {
                    let number = order.number.clone();
                    move || {
                        returns_version.track();
                        view! { <OrderReturns number=number.clone() /> }
                    }
                }
                {
                    // Reactive: the caller's role may arrive after the order (a fresh sign-in),
                    // and the form must appear then rather than never.
                    let number = order.number.clone();
                    move || (cancelled_at.is_none() && auth.can(Permission::HandleReturns)).then(|| view! {
                        <StartReturn number=number.clone() on_created=move |()| returns_version.notify() />
                    })
                }
                <SubjectMessages
                    subject=ThreadSubject { kind: ThreadSubjectKind::Order, id: order.id }
                    number=order.number.clone()
                    lookup=ThreadLookup::SearchInbox
                    title=Key::NavMessages
                />
            </div>
            <aside class="order-side">
                <FulfilmentActions number=order.number.clone() status=order.status on_marked=on_marked />
                <section class="card" aria-labelledby="customer-title">
                    <h2 id="customer-title" class="card-title">{i18n.tr(Key::Ord(O::Customer))}</h2>
                    <p class="address-name">{order.customer_name.clone()}</p>
                    <p><a href=mailto>{order.email.clone()}</a></p>
                    {order.phone.clone().map(|phone| view! { <p>{phone}</p> })}
                </section>
                <section class="card" aria-labelledby="address-title">
                    <h2 id="address-title" class="card-title">{i18n.tr(Key::Ord(O::ShippingAddress))}</h2>
                    <AddressBlock address=order.shipping_address.clone() />
                </section>
            </aside>
        </div>
    }
}

/// The shopper's reports about this order, photos opening large.
#[component]
fn IssueReports(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let shown: Shown = RwSignal::new(None);
    let reports = LocalResource::new(move || {
        let (api, number) = (auth.api(), number.clone());
        async move {
            let all = match api {
                Some(api) => api.issues().await?,
                None => return Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            };
            Ok::<_, Problem>(
                all.into_iter()
                    .filter(|r| r.order_number == number)
                    .collect::<Vec<IssueReportView>>(),
            )
        }
    });
    let list = move |found: Vec<IssueReportView>| {
        found
            .into_iter()
            .map(|report| {
                let at = report.created_at;
                let photos = report
                    .photos
                    .iter()
                    .enumerate()
                    .map(|(i, photo)| {
                        let alt = i18n.t(Key::Ord(O::PhotoN)).replace("{n}", &(i + 1).to_string());
                        let (src, label) = (photo.url.clone(), alt.clone());
                        view! {
                            <li>
                                <button type="button" class="thumb-button" on:click=move |_| shown.set(Some((src.clone(), label.clone())))>
                                    <img src=photo.url.clone() alt=alt />
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="issue-report">
                        <div class="issue-head">
                            <span class="badge">{i18n.tr(issue_type_key(report.issue_type))}</span>
                            <time class="muted" datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                        </div>
                        <p class="issue-message">{report.message}</p>
                        {(!report.photos.is_empty()).then(|| view! { <ul class="thumbs">{photos}</ul> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="issues-title">
            <h2 id="issues-title" class="card-title">{i18n.tr(Key::Ord(O::Issues))}</h2>
            {move || match reports.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(found)) if found.is_empty() => view! { <p class="muted">{i18n.tr(Key::Ord(O::NoIssues))}</p> }.into_any(),
                Some(Ok(found)) => view! { <ul class="issue-list">{list(found)}</ul> }.into_any(),
            }}
            <Lightbox shown=shown />
        </section>
    }
}
