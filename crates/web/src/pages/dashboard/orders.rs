//! `/dashboard/orders`: every order, newest first, searchable by number, email or tracking
//! number and filterable by status, a page at a time ("Load more").

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rebound_shared::api::orders::OrderSummary;
use rebound_shared::domain::OrderStatus;

use crate::api::OrderQuery;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::{iso, short_date};
use crate::components::list_page::{
    Fetched, ListPage, ListStatus, LoadMore, Showing, debounced, url_filter,
};
use crate::components::loading::Skeleton;
use crate::components::order_parts::StatusBadge;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O, status_key};
use crate::pages::dashboard::order_fulfilment::BulkFulfilment;
use crate::routes::Page;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::NavOrders);

    let search = url_filter("q");
    let typed = RwSignal::new(search.get_untracked());
    let status = url_filter("status");
    let list = ListPage::<OrderSummary>::new();
    // The order numbers checked for a bulk "Mark shipped" / "Mark delivered".
    let selected = RwSignal::new(Vec::<String>::new());

    let load = move |more: bool| {
        let Some(api) = auth.api() else { return };
        let query = move |cursor| OrderQuery {
            search: search.get_untracked(),
            status: OrderStatus::parse(&status.get_untracked()),
            cursor,
        };
        list.load(
            more,
            move |cursor| async move { api.list_orders(&query(cursor)).await },
            |page| {
                Some(Fetched {
                    rows: page.orders,
                    next: page.next_cursor,
                })
            },
        );
    };
    Effect::new(move || {
        search.track();
        status.track();
        load(false);
    });
    let on_search = debounced(typed, search);

    let status_options = move || {
        std::iter::once((String::new(), i18n.t(Key::Ord(O::AllStatuses))))
            .chain(
                OrderStatus::ALL
                    .into_iter()
                    .map(|s| (s.as_str().to_owned(), i18n.t(status_key(s)))),
            )
            .map(|(value, label)| {
                let selected = status.with_untracked(|s| *s == value);
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let filtered = move || search.with(|s| !s.trim().is_empty()) || status.with(|s| !s.is_empty());
    let failure = list.failure();
    let showing = list.showing(filtered);

    view! {
        <div class="page">
            <div class="page-head">
                <h1 class="page-title">{i18n.tr(Key::NavOrders)}</h1>
                <a class="btn btn-secondary" href=Page::OrderImport.path()>
                    <svg viewBox="0 0 24 24" class="btn-icon" aria-hidden="true">
                        <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
                    </svg>
                    <span>{i18n.tr(Key::Ord(O::ImportCsv))}</span>
                </a>
            </div>
            <div class="card">
                <div class="filters" role="search">
                    <div class="field">
                        <label for="order-search">{i18n.tr(Key::Ord(O::Search))}</label>
                        <input
                            id="order-search"
                            type="search"
                            autocomplete="off"
                            placeholder=i18n.tr(Key::Ord(O::SearchHint))
                            aria-describedby="order-search-hint"
                            prop:value=move || typed.get()
                            on:input=on_search
                        />
                        <p class="visually-hidden" id="order-search-hint">{i18n.tr(Key::Ord(O::SearchHint))}</p>
                    </div>
                    <div class="field">
                        <label for="order-status">{i18n.tr(Key::Ord(O::Status))}</label>
                        <select id="order-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            {status_options}
                        </select>
                    </div>
                </div>
                <ProblemAlert problem=failure />
                <BulkFulfilment selected=selected on_done=move |()| load(false) />
                <ListStatus list=list shown=Key::Ord(O::OrdersShown) />
                {move || match showing.get() {
                    Showing::NoMatch => view! {
                        <EmptyState illustration=Illustration::NotFound title=Key::Ord(O::NoMatchTitle) body=Key::Ord(O::NoMatchBody) />
                    }
                    .into_any(),
                    Showing::Empty => view! {
                        <EmptyState illustration=Illustration::Orders title=Key::OrdersEmptyTitle body=Key::OrdersEmptyBody />
                    }
                    .into_any(),
                    Showing::Placeholder => view! { <OrderTable rows=list.rows loading=true selected=selected /> }.into_any(),
                    Showing::Rows | Showing::Nothing => {
                        view! { <OrderTable rows=list.rows loading=false selected=selected /> }.into_any()
                    }
                }}
                <LoadMore list=list label=Key::Ord(O::LoadMore) on_more=move || load(true) />
            </div>
        </div>
    }
}

#[component]
fn OrderTable(
    rows: RwSignal<Vec<OrderSummary>>,
    loading: bool,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let body = move || {
        if loading {
            return (0..6)
                .map(|_| {
                    view! {
                        <tr aria-hidden="true">
                            <td></td>
                            <td><Skeleton width="5rem" /></td>
                            <td><Skeleton width="8rem" /></td>
                            <td><Skeleton width="10rem" /></td>
                            <td><Skeleton width="6rem" /></td>
                            <td><Skeleton width="6rem" /></td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any();
        }
        rows.get()
            .into_iter()
            .map(|order| {
                let href = Page::Order(order.number.clone()).path();
                let open = {
                    let (navigate, href) = (navigate.clone(), href.clone());
                    move |ev: leptos::ev::MouseEvent| {
                        // The link itself already navigates; a click elsewhere in the row too,
                        // except on the row's checkbox.
                        let on_link = ev
                            .target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                            .is_some_and(|e| e.closest("a, input, label").ok().flatten().is_some());
                        if !on_link {
                            navigate(&href, Default::default());
                        }
                    }
                };
                let placed = order.placed_at;
                let number = order.number.clone();
                let check_id = format!("select-{}", order.id);
                let label = i18n.t(Key::Ord(O::SelectOrder)).replace("{number}", &order.number);
                let checked = {
                    let number = number.clone();
                    move || selected.with(|s| s.contains(&number))
                };
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| {
                        s.retain(|n| *n != number);
                        if on {
                            s.push(number.clone());
                        }
                    });
                };
                view! {
                    <tr class="row-link" on:click=open>
                        <td class="cell-select">
                            <input id=check_id.clone() type="checkbox" aria-label=label prop:checked=checked on:change=toggle />
                        </td>
                        <td><a href=href class="order-number">{order.number}</a></td>
                        <td>{order.customer_name}</td>
                        <td class="cell-email">{order.email}</td>
                        <td><StatusBadge status=order.status /></td>
                        <td><time datetime=iso(&placed)>{move || short_date(&placed, i18n.locale())}</time></td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap">
            <table class="table orders-table" aria-busy=move || loading.then_some("true")>
                <thead>
                    <tr>
                        <th scope="col" class="cell-select">
                            <input
                                type="checkbox"
                                aria-label=move || i18n.t(Key::Ord(O::SelectAll))
                                prop:checked=move || {
                                    let shown = rows.with(Vec::len);
                                    shown > 0 && selected.with(Vec::len) >= shown
                                        && rows.with(|r| selected.with(|s| r.iter().all(|o| s.contains(&o.number))))
                                }
                                on:change=move |ev| {
                                    if event_target_checked(&ev) {
                                        selected.set(rows.with(|r| r.iter().map(|o| o.number.clone()).collect()));
                                    } else {
                                        selected.set(Vec::new());
                                    }
                                }
                            />
                        </th>
                        <th scope="col">{i18n.tr(Key::Ord(O::ColNumber))}</th>
                        <th scope="col">{i18n.tr(Key::Ord(O::ColCustomer))}</th>
                        <th scope="col">{i18n.tr(Key::Ord(O::ColEmail))}</th>
                        <th scope="col">{i18n.tr(Key::Ord(O::Status))}</th>
                        <th scope="col">{i18n.tr(Key::Ord(O::ColPlaced))}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
