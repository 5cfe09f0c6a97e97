//! `/dashboard/returns`: the returns queue. Status tabs with their counts, a search, filters
//! (reason, resolution, creation dates, defective only), a page at a time; a row opens the
//! return's whole case with the buttons its status allows; pending returns can be approved
//! together. It opens on "Waiting for review" when anything waits there. Each case also has
//! its own page (`case_page`).

mod actions;
mod case;
mod case_body;
mod case_exchange;
mod case_page;
mod export;
mod filters;
mod overdue;
mod resolve;
mod table;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::return_queue::{BulkApprove, ReturnSummary};
use rebound_shared::domain::{ReturnStatus, Slug};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

use crate::api::ReturnQuery;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::list_page::{
    Fetched, ListPage, ListStatus, LoadMore, Showing, debounced, url_filter,
};
use crate::components::page_title::use_page_title;
use crate::components::toast::{ToastRegion, provide_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R, return_status_key};
use crate::routes::Page;

pub use case_page::ReturnCasePage;
use export::ExportButton;
use filters::{FilterBar, Filters};
use overdue::OverdueExchanges;
use table::ReturnTable;

/// The queue's state shared by its parts.
#[derive(Clone, Copy)]
pub struct Queue {
    rows: RwSignal<Vec<ReturnSummary>>,
    counts: RwSignal<BTreeMap<String, u64>>,
    /// Statuses past the server's count limit: their count reads "10000+".
    capped: RwSignal<Vec<ReturnStatus>>,
    expanded: RwSignal<Option<Uuid>>,
    selected: RwSignal<BTreeSet<Uuid>>,
}

impl Queue {
    /// After an action: the row shows the new status and the tabs count it there.
    fn moved(self, id: Uuid, to: ReturnStatus) {
        // Only a real change notifies: reading a case must not redraw the list it sits in.
        let from = self.rows.with_untracked(|rows| {
            rows.iter()
                .find(|r| r.id == id && r.status != to)
                .map(|r| r.status)
        });
        if let Some(from) = from {
            self.rows.update(|rows| {
                if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                    row.status = to;
                }
            });
            self.counts.update(|c| {
                if let Some(n) = c.get_mut(from.as_str()) {
                    *n = n.saturating_sub(1);
                }
                *c.entry(to.as_str().to_owned()).or_default() += 1;
            });
        }
        if to != ReturnStatus::PendingReview {
            self.selected.update(|s| {
                s.remove(&id);
            });
        }
    }

    /// The row's status as it stands now (rows are keyed by id, so a move keeps the row).
    fn status_of(self, id: Uuid) -> Option<ReturnStatus> {
        self.rows
            .with(|rows| rows.iter().find(|r| r.id == id).map(|r| r.status))
    }
}

pub fn status_class(status: ReturnStatus) -> String {
    format!(
        "status return-status return-status-{}",
        status.as_str().replace('_', "-")
    )
}

#[component]
pub fn ReturnsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // Toasts live per screen (as on settings): "Return updated" after an action.
    let toasts = provide_toasts();
    use_page_title(Key::NavReturns);

    // `?q=R-7KQ2M9` (the order page's links): search for it, and open it when it is the only one.
    let search = url_filter("q");
    let linked = search.with_untracked(|q| !q.trim().is_empty());
    let open_single = StoredValue::new(linked);
    // `?status=` keeps the tab across a reload.
    let tab = url_filter("status");
    let status = Memo::new(move |_| tab.with(|t| ReturnStatus::parse(t)));
    // Without a search or a tab to show, the first answer decides the tab: "Waiting for
    // review" when anything waits there (the desk's to-do list), else every return.
    let choose_tab = StoredValue::new(!linked && status.get_untracked().is_none());
    // The tab was picked for the agent, not by them: a search then looks across every status.
    let tab_was_chosen = StoredValue::new(false);
    let set_status = move |value: Option<ReturnStatus>| {
        tab.set(value.map(|s| s.as_str().to_owned()).unwrap_or_default());
    };
    let typed = RwSignal::new(search.get_untracked());
    let filters = Filters::default();
    let list = ListPage::<ReturnSummary>::new();
    let bulk_problem = RwSignal::new(None::<Problem>);
    let bulk_busy = RwSignal::new(false);
    let queue = Queue {
        rows: list.rows,
        counts: RwSignal::new(BTreeMap::new()),
        capped: RwSignal::new(Vec::new()),
        expanded: RwSignal::new(None),
        selected: RwSignal::new(BTreeSet::new()),
    };

    let load = move |more: bool| {
        let Some(api) = auth.api() else { return };
        let query = move |cursor| {
            let mut query = ReturnQuery {
                status: status.get_untracked(),
                search: search.get_untracked(),
                cursor,
                ..ReturnQuery::default()
            };
            filters.apply(&mut query);
            query
        };
        list.load(
            more,
            move |cursor| async move { api.list_returns(&query(cursor)).await },
            move |page| {
                if choose_tab.get_value() {
                    choose_tab.set_value(false);
                    let waiting = page
                        .counts_per_status
                        .get(ReturnStatus::PendingReview.as_str())
                        .is_some_and(|n| *n > 0);
                    if waiting && status.get_untracked().is_none() {
                        tab_was_chosen.set_value(true);
                        // Loads the tab; this answer (every status) is not shown.
                        set_status(Some(ReturnStatus::PendingReview));
                        return None;
                    }
                }
                if !more {
                    if open_single.get_value() {
                        open_single.set_value(false);
                        if let [only] = page.returns.as_slice() {
                            queue.expanded.set(Some(only.id));
                        }
                    }
                    queue.selected.set(BTreeSet::new());
                }
                queue.counts.set(page.counts_per_status);
                queue.capped.set(page.capped_statuses);
                Some(Fetched {
                    rows: page.returns,
                    next: page.next_cursor,
                })
            },
        );
    };
    Effect::new(move || {
        search.track();
        status.track();
        filters.track();
        load(false);
    });
    let debounce = debounced(typed, search);
    let on_search = move |ev: leptos::ev::Event| {
        if tab_was_chosen.get_value() {
            tab_was_chosen.set_value(false);
            set_status(None);
        }
        debounce(ev);
    };

    let approve_selected = move |_| {
        let Some(api) = auth.api() else { return };
        let ids: Vec<Uuid> = queue.selected.get_untracked().into_iter().collect();
        if ids.is_empty() {
            return;
        }
        bulk_busy.set(true);
        bulk_problem.set(None);
        spawn_local(async move {
            match api.bulk_approve(&BulkApprove { ids }).await {
                Ok(result) => {
                    let mut failed = 0;
                    for outcome in &result.outcomes {
                        if !outcome.approved {
                            failed += 1;
                        }
                        if let Some(to) = outcome.status {
                            queue.moved(outcome.id, to);
                        }
                    }
                    queue.selected.set(BTreeSet::new());
                    let ok = result.outcomes.len() - failed;
                    bulk_problem.set((failed > 0).then(|| {
                        let why: Vec<String> = result
                            .outcomes
                            .iter()
                            .filter_map(|o| o.error.clone())
                            .collect();
                        Problem::new(
                            rebound_shared::ErrorKind::Conflict,
                            i18n.t(Key::Ret(R::QBulkDone))
                                .replace("{ok}", &ok.to_string())
                                .replace("{failed}", &failed.to_string())
                                + ": "
                                + &why.join("; "),
                        )
                    }));
                    toasts.show(Key::Ret(R::QUpdated));
                }
                Err(p) => bulk_problem.set(Some(p)),
            }
            bulk_busy.set(false);
        });
    };

    let total = move || queue.counts.with(|c| c.values().sum::<u64>());
    let chip = move |value: Option<ReturnStatus>| {
        let label = move || match value {
            None => i18n.t(Key::Ret(R::QAll)),
            Some(s) => i18n.t(return_status_key(s)),
        };
        let count = move || {
            let (n, more) = match value {
                None => (total(), queue.capped.with(|c| !c.is_empty())),
                Some(s) => (
                    queue
                        .counts
                        .with(|c| c.get(s.as_str()).copied().unwrap_or(0)),
                    queue.capped.with(|c| c.contains(&s)),
                ),
            };
            if more { format!("{n}+") } else { n.to_string() }
        };
        let id = format!("status-chip-{}", value.map_or("all", ReturnStatus::as_str));
        view! {
            <button
                type="button"
                id=id
                class="chip"
                class:chip-on=move || status.get() == value
                aria-pressed=move || if status.get() == value { "true" } else { "false" }
                on:click=move |_| {
                    choose_tab.set_value(false);
                    tab_was_chosen.set_value(false);
                    set_status(value);
                }
            >
                <span>{label}</span>
                " "
                <span class="chip-count">{count}</span>
            </button>
        }
    };
    let filtered =
        move || search.with(|s| !s.trim().is_empty()) || status.get().is_some() || filters.any();
    let failure = list.failure();
    let selected_count = move || queue.selected.with(BTreeSet::len);
    let showing = list.showing(filtered);
    // The export takes what the queue shows now: the tab, the search and the filters.
    let export_query = Callback::new(move |()| {
        let mut query = ReturnQuery {
            status: status.get_untracked(),
            search: search.get_untracked(),
            ..ReturnQuery::default()
        };
        filters.apply(&mut query);
        query
    });
    // An empty queue points to where returns start: the shop's portal.
    let portal = move || {
        auth.me()
            .and_then(|me| Slug::parse(&me.merchant.slug).ok())
            .map(|slug| Page::Portal(slug).path())
    };

    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::NavReturns)}</h1>
            <OverdueExchanges />
            <div class="card returns-queue">
                <div class="status-chips" role="group" aria-label=i18n.tr(Key::Ret(R::QStatusFilter))>
                    {chip(None)}
                    {ReturnStatus::ALL.into_iter().map(|s| chip(Some(s))).collect_view()}
                </div>
                <div class="filters returns-filters" role="search">
                    <div class="field">
                        <label for="return-search">{i18n.tr(Key::Ret(R::QSearch))}</label>
                        <input
                            id="return-search"
                            type="search"
                            autocomplete="off"
                            placeholder=i18n.tr(Key::Ret(R::QSearchHint))
                            prop:value=move || typed.get()
                            on:input=on_search
                        />
                    </div>
                    <FilterBar filters=filters />
                    <ExportButton query=export_query />
                </div>
                {move || (selected_count() > 0).then(|| view! {
                    <div class="bulk-bar">
                        <button
                            type="button"
                            id="approve-selected"
                            class="btn btn-primary"
                            disabled=move || bulk_busy.get()
                            aria-busy=move || bulk_busy.get().then_some("true")
                            on:click=approve_selected
                        >
                            {move || i18n.t(Key::Ret(R::QApproveSelected)).replace("{count}", &selected_count().to_string())}
                        </button>
                    </div>
                })}
                <ProblemAlert problem=Signal::derive(move || bulk_problem.get()) />
                <ProblemAlert problem=failure />
                <ListStatus list=list shown=Key::Ret(R::QShown) />
                {move || match showing.get() {
                    Showing::Nothing => ().into_any(),
                    Showing::NoMatch => view! {
                        <EmptyState illustration=Illustration::NotFound title=Key::Ret(R::QNoMatchTitle) body=Key::Ret(R::QNoMatchBody) />
                    }
                    .into_any(),
                    Showing::Empty => view! {
                        <EmptyState illustration=Illustration::Returns title=Key::ReturnsEmptyTitle body=Key::ReturnsEmptyBody>
                            {portal().map(|href| view! {
                                <a class="btn btn-secondary" href=href target="_blank" rel="noopener">{i18n.tr(Key::ViewPortal)}</a>
                            })}
                        </EmptyState>
                    }
                    .into_any(),
                    Showing::Placeholder => view! { <ReturnTable queue=queue loading=true /> }.into_any(),
                    Showing::Rows => view! { <ReturnTable queue=queue loading=false /> }.into_any(),
                }}
                <LoadMore list=list label=Key::Ret(R::QLoadMore) on_more=move || load(true) />
            </div>
            <ToastRegion />
        </div>
    }
}
