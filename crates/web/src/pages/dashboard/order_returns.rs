//! The order page's Returns section: the order's returns with their status, each opening in the
//! returns queue.

use leptos::prelude::*;
use rebound_shared::api::return_queue::ReturnSummary;
use rebound_shared::domain::Money;
use rebound_shared::{ErrorKind, Problem};

use crate::api::ReturnQuery;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::{iso, short_date};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O, R, chosen_resolution_key, return_status_key};
use crate::pages::dashboard::returns::status_class;
use crate::routes::Page;

/// Where a return opens: the queue, searched for its number (the case opens by itself).
pub fn return_href(number: &str) -> String {
    format!("{}?q={number}", Page::Returns.path())
}

#[component]
pub fn OrderReturns(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let returns = LocalResource::new(move || {
        let api = auth.api();
        // The queue's search matches an order number exactly.
        let query = ReturnQuery {
            search: number.clone(),
            ..ReturnQuery::default()
        };
        async move {
            match api {
                Some(api) => api.list_returns(&query).await.map(|page| page.returns),
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let row = move |r: ReturnSummary| {
        let created = r.created_at;
        let value = move || Money::show(r.total_value_minor, &r.currency, i18n.locale().lang());
        view! {
            <tr>
                <td>
                    <a class="return-number" href=return_href(&r.number)>{r.number.clone()}</a>
                    {r.defective.then(|| view! { " " <span class="badge badge-defect">{i18n.tr(Key::Ret(R::QDefective))}</span> })}
                </td>
                <td><span class=status_class(r.status)>{i18n.tr(return_status_key(r.status))}</span></td>
                <td><time datetime=iso(&created)>{move || short_date(&created, i18n.locale())}</time></td>
                <td class="cell-number">{r.item_count}</td>
                <td>{i18n.tr(chosen_resolution_key(r.resolution))}</td>
                <td class="cell-number">{value}</td>
            </tr>
        }
    };
    let body = move || {
        match returns.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <EmptyState illustration=Illustration::Returns title=Key::Ord(O::NoReturnsTitle) body=Key::Ord(O::NoReturnsBody) />
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <div class="table-wrap">
                <table class="table order-returns">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(Key::Ret(R::QColReturn))}</th>
                            <th scope="col">{i18n.tr(Key::Ret(R::QColStatus))}</th>
                            <th scope="col">{i18n.tr(Key::Ret(R::QColCreated))}</th>
                            <th scope="col">{i18n.tr(Key::Ret(R::QColItems))}</th>
                            <th scope="col">{i18n.tr(Key::Ret(R::QColResolution))}</th>
                            <th scope="col">{i18n.tr(Key::Ret(R::QTotal))}</th>
                        </tr>
                    </thead>
                    <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <section class="card" aria-labelledby="returns-title">
            <h2 id="returns-title" class="card-title">{i18n.tr(Key::NavReturns)}</h2>
            {body}
        </section>
    }
}
