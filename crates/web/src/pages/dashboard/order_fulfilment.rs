//! "Mark shipped" / "Mark delivered" for shops without a carrier feed: the buttons of one
//! order's page and the bulk action of the orders list, each with its progress and result.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::fulfilment::{
    FulfilmentOutcome, FulfilmentRefusal, FulfilmentResults, FulfilmentStage, MAX_BULK_ORDERS,
    MarkFulfilment, MarkFulfilments,
};
use rebound_shared::domain::OrderStatus;

use crate::components::alert::ProblemAlert;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O};

/// The order page's card: the moves the order can still make (it only goes forward).
#[component]
pub fn FulfilmentActions(
    number: String,
    status: OrderStatus,
    /// Called with what was done once the server has recorded it.
    #[prop(into)]
    on_marked: Callback<FulfilmentStage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let busy = RwSignal::new(None::<FulfilmentStage>);
    let problem = RwSignal::new(None::<Problem>);
    let mark = move |stage: FulfilmentStage| {
        let Some(api) = auth.api() else { return };
        let number = number.clone();
        busy.set(Some(stage));
        problem.set(None);
        spawn_local(async move {
            let body = MarkFulfilment {
                status: stage,
                at: None,
            };
            match api.mark_fulfilment(&number, &body).await {
                Ok(_) => on_marked.run(stage),
                Err(p) => problem.set(Some(p)),
            }
            busy.set(None);
        });
    };
    let can_ship = status == OrderStatus::Unfulfilled;
    let can_deliver = status != OrderStatus::Delivered;
    let button = move |stage: FulfilmentStage, label: O, primary: bool| {
        let mark = mark.clone();
        let class = if primary {
            "btn btn-primary"
        } else {
            "btn btn-secondary"
        };
        view! {
            <button
                type="button"
                class=class
                disabled=move || busy.get().is_some()
                aria-busy=move || (busy.get() == Some(stage)).then_some("true")
                on:click=move |_| mark(stage)
            >
                {move || (busy.get() == Some(stage)).then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                {move || i18n.t(if busy.get() == Some(stage) { Key::Ord(O::Marking) } else { Key::Ord(label) })}
            </button>
        }
    };
    (can_deliver).then(|| {
        view! {
            <section class="card" aria-labelledby="fulfilment-title">
                <h2 id="fulfilment-title" class="card-title">{i18n.tr(Key::Ord(O::FulfilmentActions))}</h2>
                <p class="muted">{i18n.tr(Key::Ord(O::MarkHint))}</p>
                <ProblemAlert problem=Signal::derive(move || problem.get()) />
                <div class="form-actions">
                    {can_ship.then(|| button(FulfilmentStage::Shipped, O::MarkShipped, false))}
                    {button(FulfilmentStage::Delivered, O::MarkDelivered, true)}
                </div>
            </section>
        }
    })
}

/// The orders list's bar for the checked orders: mark them shipped or delivered, then say
/// what each did.
#[component]
pub fn BulkFulfilment(
    selected: RwSignal<Vec<String>>,
    /// Called after a bulk mark, to reload the list.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let results = RwSignal::new(None::<FulfilmentResults>);
    let mark = move |stage: FulfilmentStage| {
        let Some(api) = auth.api() else { return };
        let numbers: Vec<String> = selected
            .get_untracked()
            .into_iter()
            .take(MAX_BULK_ORDERS)
            .collect();
        if numbers.is_empty() {
            return;
        }
        busy.set(true);
        problem.set(None);
        results.set(None);
        spawn_local(async move {
            let body = MarkFulfilments {
                numbers,
                status: stage,
                at: None,
            };
            match api.mark_fulfilments(&body).await {
                Ok(found) => {
                    // Refused orders stay checked so they can be looked at; the rest clear.
                    let refused: Vec<String> = found
                        .results
                        .iter()
                        .filter(|r| r.outcome == FulfilmentOutcome::Refused)
                        .map(|r| r.number.clone())
                        .collect();
                    selected.set(refused);
                    results.set(Some(found));
                    on_done.run(());
                }
                Err(p) => problem.set(Some(p)),
            }
            busy.set(false);
        });
    };
    let summary = move || {
        results.get().map(|found| {
            let count = |o: FulfilmentOutcome| {
                found
                    .results
                    .iter()
                    .filter(|r| r.outcome == o)
                    .count()
                    .to_string()
            };
            let line = i18n
                .t(Key::Ord(O::BulkDone))
                .replace("{marked}", &count(FulfilmentOutcome::Marked))
                .replace("{unchanged}", &count(FulfilmentOutcome::Unchanged))
                .replace("{refused}", &count(FulfilmentOutcome::Refused));
            let refusals = found
                .results
                .iter()
                .filter_map(|r| {
                    let key = match r.code? {
                        FulfilmentRefusal::NotFound => O::RefusedNotFound,
                        FulfilmentRefusal::AlreadyDelivered => O::RefusedDelivered,
                        FulfilmentRefusal::BeforePlaced => O::RefusedBeforePlaced,
                    };
                    Some(i18n.t(Key::Ord(key)).replace("{number}", &r.number))
                })
                .map(|text| view! { <li>{text}</li> })
                .collect_view();
            view! {
                <div class="alert alert-success bulk-result">
                    <p class="alert-title">{line}</p>
                    <ul>{refusals}</ul>
                </div>
            }
        })
    };
    view! {
        <div class="bulk-bar" role="region" aria-label=move || i18n.t(Key::Ord(O::BulkActions))>
            <p class="bulk-count" aria-live="polite">
                {move || i18n.t(Key::Ord(O::Selected)).replace("{count}", &selected.with(Vec::len).to_string())}
            </p>
            {move || selected.with(|s| !s.is_empty()).then(|| {
                view! {
                    <button type="button" class="btn btn-secondary" disabled=move || busy.get() on:click=move |_| mark(FulfilmentStage::Shipped)>
                        {i18n.tr(Key::Ord(O::MarkShipped))}
                    </button>
                    <button type="button" class="btn btn-primary" disabled=move || busy.get() aria-busy=move || busy.get().then_some("true") on:click=move |_| mark(FulfilmentStage::Delivered)>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {move || i18n.t(if busy.get() { Key::Ord(O::Marking) } else { Key::Ord(O::MarkDelivered) })}
                    </button>
                    <button type="button" class="btn btn-ghost" on:click=move |_| selected.set(Vec::new())>
                        {i18n.tr(Key::Ord(O::ClearSelection))}
                    </button>
                }
            })}
        </div>
        <ProblemAlert problem=Signal::derive(move || problem.get()) />
        <div role="status" aria-live="polite">{summary}</div>
    }
}
