//! `/dashboard/returns`: the returns queue. Status tabs with their counts, a search, a
//! "defective only" filter, a page at a time; a row opens the return's whole case with the
//! buttons its status allows; pending returns can be approved together.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::carrier::{IssueLabel, ShippingEstimate};
use rebound_shared::api::return_queue::{BulkApprove, RejectReturn, ReturnDetail, ReturnSummary};
use rebound_shared::api::returns::{ReturnActor, ReturnItemView};
use rebound_shared::domain::{ReturnAction, ReturnStatus, Slug};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;
use uuid::Uuid;

use crate::api::ReturnQuery;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::{date_time, iso, money, short_date};
use crate::components::lightbox::{Lightbox, Shown};
use crate::components::loading::{Loading, Skeleton};
use crate::components::page_title::use_page_title;
use crate::components::toast::{ToastRegion, provide_toasts, use_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, R, resolution_key, return_status_key};
use crate::routes::Page;

/// How long typing must pause before the queue is searched again.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The table's columns, for the detail row's `colspan`.
const COLUMNS: &str = "8";

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    LoadingMore,
    Ready,
    Failed(Problem),
}

/// The queue's state shared by its parts.
#[derive(Clone, Copy)]
struct Queue {
    rows: RwSignal<Vec<ReturnSummary>>,
    counts: RwSignal<BTreeMap<String, u64>>,
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

    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let status = RwSignal::new(None::<ReturnStatus>);
    let defective = RwSignal::new(false);
    let next = RwSignal::new(None::<String>);
    let phase = RwSignal::new(Phase::Loading);
    let bulk_problem = RwSignal::new(None::<Problem>);
    let bulk_busy = RwSignal::new(false);
    let queue = Queue {
        rows: RwSignal::new(Vec::new()),
        counts: RwSignal::new(BTreeMap::new()),
        expanded: RwSignal::new(None),
        selected: RwSignal::new(BTreeSet::new()),
    };
    // Answers to an older search arrive late sometimes; only the newest one is shown.
    let generation = StoredValue::new(0_u64);
    let pending_search = StoredValue::new(None::<TimeoutHandle>);

    let load = move |cursor: Option<String>| {
        let Some(api) = auth.api() else { return };
        let more = cursor.is_some();
        if !more {
            generation.update_value(|g| *g += 1);
        }
        let asked = generation.get_value();
        phase.set(if more {
            Phase::LoadingMore
        } else {
            Phase::Loading
        });
        let query = ReturnQuery {
            status: status.get_untracked(),
            search: search.get_untracked(),
            defective_only: defective.get_untracked(),
            cursor,
        };
        spawn_local(async move {
            let answer = api.list_returns(&query).await;
            if generation.get_value() != asked {
                return;
            }
            match answer {
                Ok(page) => {
                    if more {
                        queue.rows.update(|r| r.extend(page.returns));
                    } else {
                        queue.rows.set(page.returns);
                        queue.selected.set(BTreeSet::new());
                    }
                    queue.counts.set(page.counts_per_status);
                    next.set(page.next_cursor);
                    phase.set(Phase::Ready);
                }
                Err(p) => phase.set(Phase::Failed(p)),
            }
        });
    };
    Effect::new(move || {
        search.track();
        status.track();
        defective.track();
        load(None);
    });
    let on_search = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        if let Some(handle) = pending_search.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || search.set(value), DEBOUNCE).ok();
        pending_search.set_value(handle);
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
        let count = move || match value {
            None => total(),
            Some(s) => queue
                .counts
                .with(|c| c.get(s.as_str()).copied().unwrap_or(0)),
        };
        let id = format!("status-chip-{}", value.map_or("all", ReturnStatus::as_str));
        view! {
            <button
                type="button"
                id=id
                class="chip"
                class:chip-on=move || status.get() == value
                aria-pressed=move || if status.get() == value { "true" } else { "false" }
                on:click=move |_| status.set(value)
            >
                <span>{label}</span>
                " "
                <span class="chip-count">{count}</span>
            </button>
        }
    };
    let filtered =
        move || search.with(|s| !s.trim().is_empty()) || status.get().is_some() || defective.get();
    let failure = Signal::derive(move || match phase.get() {
        Phase::Failed(p) => Some(p),
        _ => None,
    });
    let selected_count = move || queue.selected.with(BTreeSet::len);
    // The table is drawn again only when the list turns empty or not, never per row change.
    let no_rows = Memo::new(move |_| queue.rows.with(Vec::is_empty));
    // An empty queue points to where returns start: the shop's portal.
    let portal = move || {
        auth.me()
            .and_then(|me| Slug::parse(&me.merchant.slug).ok())
            .map(|slug| Page::Portal(slug).path())
    };

    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::NavReturns)}</h1>
            <div class="card returns-queue">
                <div class="status-chips" role="group" aria-label=i18n.tr(Key::Ret(R::QStatusFilter))>
                    {chip(None)}
                    {ReturnStatus::ALL.into_iter().map(|s| chip(Some(s))).collect_view()}
                </div>
                <div class="filters" role="search">
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
                    <label class="toggle-field" for="defective-only">
                        <input
                            id="defective-only"
                            type="checkbox"
                            prop:checked=move || defective.get()
                            on:change=move |ev| defective.set(event_target_checked(&ev))
                        />
                        <span>{i18n.tr(Key::Ret(R::QDefectiveOnly))}</span>
                    </label>
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
                <p class="visually-hidden" role="status" aria-live="polite">
                    {move || match phase.get() {
                        Phase::Loading | Phase::LoadingMore => i18n.t(Key::Loading).to_owned(),
                        Phase::Ready => i18n.t(Key::Ret(R::QShown)).replace("{count}", &queue.rows.with(Vec::len).to_string()),
                        Phase::Failed(_) => String::new(),
                    }}
                </p>
                {move || {
                    let loading = phase.get() == Phase::Loading;
                    if !loading && no_rows.get() && failure.get().is_none() {
                        return if filtered() {
                            view! { <EmptyState illustration=Illustration::NotFound title=Key::Ret(R::QNoMatchTitle) body=Key::Ret(R::QNoMatchBody) /> }.into_any()
                        } else {
                            view! {
                                <EmptyState illustration=Illustration::Returns title=Key::ReturnsEmptyTitle body=Key::ReturnsEmptyBody>
                                    {portal().map(|href| view! {
                                        <a class="btn btn-secondary" href=href target="_blank" rel="noopener">{i18n.tr(Key::ViewPortal)}</a>
                                    })}
                                </EmptyState>
                            }
                            .into_any()
                        };
                    }
                    view! { <ReturnTable queue=queue loading=loading /> }.into_any()
                }}
                {move || next.with(Option::is_some).then(|| {
                    let busy = move || phase.get() == Phase::LoadingMore;
                    view! {
                        <div class="load-more">
                            <button
                                type="button"
                                class="btn btn-secondary"
                                disabled=busy
                                aria-busy=move || busy().then_some("true")
                                on:click=move |_| load(next.get_untracked())
                            >
                                {move || busy().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                                {move || i18n.t(if busy() { Key::Loading } else { Key::Ret(R::QLoadMore) })}
                            </button>
                        </div>
                    }
                })}
            </div>
            <ToastRegion />
        </div>
    }
}

#[component]
fn ReturnTable(queue: Queue, loading: bool) -> impl IntoView {
    let i18n = use_i18n();
    let skeleton = move || {
        (0..6)
            .map(|_| {
                view! {
                    <tr aria-hidden="true">
                        <td></td>
                        <td><Skeleton width="5rem" /></td>
                        <td><Skeleton width="5rem" /></td>
                        <td><Skeleton width="8rem" /></td>
                        <td><Skeleton width="6rem" /></td>
                        <td><Skeleton width="5rem" /></td>
                        <td><Skeleton width="2rem" /></td>
                        <td><Skeleton width="5rem" /></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="table returns-table" aria-busy=move || loading.then_some("true")>
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{i18n.tr(Key::Ret(R::QSelect))}</span></th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColReturn))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColOrder))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColCustomer))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColStatus))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColCreated))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColItems))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColResolution))}</th>
                    </tr>
                </thead>
                {if loading {
                    view! { <tbody>{skeleton()}</tbody> }.into_any()
                } else {
                    view! {
                        <For
                            each=move || queue.rows.get()
                            key=|r| (r.id, r.status)
                            children=move |row| view! { <ReturnRow row=row queue=queue /> }
                        />
                    }
                    .into_any()
                }}
            </table>
        </div>
    }
}

/// One return: its row, and its case below it once opened. Each return is its own `<tbody>`
/// so the two rows stay together.
#[component]
fn ReturnRow(row: ReturnSummary, queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.id;
    let open = move || queue.expanded.get() == Some(id);
    let toggle = move |_| {
        queue
            .expanded
            .update(|e| *e = if *e == Some(id) { None } else { Some(id) });
    };
    let created = row.created_at;
    let number = row.number.clone();
    let check = (row.status == ReturnStatus::PendingReview).then(|| {
        let label = i18n
            .t(Key::Ret(R::QSelectReturn))
            .replace("{number}", &number);
        view! {
            <input
                type="checkbox"
                class="return-select"
                data-number=number.clone()
                aria-label=label
                prop:checked=move || queue.selected.with(|s| s.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    queue.selected.update(|s| {
                        if on {
                            s.insert(id);
                        } else {
                            s.remove(&id);
                        }
                    });
                }
            />
        }
    });
    let show_label = i18n
        .t(Key::Ret(R::QShowCase))
        .replace("{number}", &row.number);
    let case_id = format!("return-case-{id}");
    view! {
        <tbody class="return-group" data-number=row.number.clone() data-status=row.status.as_str()>
            <tr class="return-row" class:return-row-open=open>
                <td>{check}</td>
                <td>
                    <button
                        type="button"
                        class="link-button return-number"
                        aria-expanded=move || if open() { "true" } else { "false" }
                        aria-controls=case_id.clone()
                        aria-label=show_label
                        on:click=toggle
                    >
                        {row.number.clone()}
                    </button>
                    {row.defective.then(|| view! { <span class="badge badge-defect">{i18n.tr(Key::Ret(R::QDefective))}</span> })}
                    {row.withdrawal.then(|| view! { <span class="badge badge-muted">{i18n.tr(Key::Ret(R::QWithdrawal))}</span> })}
                </td>
                <td><a href=Page::Order(row.order_number.clone()).path()>{row.order_number.clone()}</a></td>
                <td>
                    <span class="return-customer">{row.customer_name.clone()}</span>
                    <span class="muted cell-email">{row.email.clone()}</span>
                </td>
                <td><span class=status_class(row.status)>{i18n.tr(return_status_key(row.status))}</span></td>
                <td><time datetime=iso(&created)>{move || short_date(&created, i18n.locale())}</time></td>
                <td class="cell-number">{row.item_count}</td>
                <td>{i18n.tr(resolution_key(row.resolution))}</td>
            </tr>
            {move || open().then(|| view! {
                <tr class="return-case-row">
                    <td colspan=COLUMNS id=case_id.clone()>
                        <ReturnCase id=id queue=queue />
                    </td>
                </tr>
            })}
        </tbody>
    }
}

/// A return's whole case and the buttons its status allows.
#[component]
fn ReturnCase(id: Uuid, queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let case = RwSignal::new(None::<Result<ReturnDetail, Problem>>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let estimate = RwSignal::new(None::<ShippingEstimate>);

    let reload = move || {
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            let answer = api.return_detail(id).await;
            if let Ok(found) = &answer {
                queue.moved(id, found.ret.status);
            }
            case.set(Some(answer));
        });
    };
    reload();

    // Runs one action; on success the case is read again and the row follows it.
    let act = move |run: ActionCall| {
        let Some(api) = auth.api() else { return };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let done = match run {
                ActionCall::Plain(path) => api.return_action(id, path).await.map(|_| ()),
                ActionCall::Reject(body) => api.reject_return(id, &body).await.map(|_| ()),
                ActionCall::Label(body) => api.issue_return_label(id, &body).await.map(|_| ()),
                ActionCall::Estimate => match api.return_estimate(id).await {
                    Ok(found) => {
                        estimate.set(Some(found));
                        busy.set(false);
                        return;
                    }
                    Err(p) => Err(p),
                },
            };
            busy.set(false);
            match done {
                Ok(()) => {
                    rejecting.set(false);
                    reason.set(String::new());
                    estimate.set(None);
                    toasts.show(Key::Ret(R::QUpdated));
                    reload();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };

    view! {
        <div class="return-case">
            {move || match case.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(found)) => {
                    let allowed = found.ret.allowed_actions.clone();
                    view! {
                        <CaseBody case=found />
                        <section class="return-actions" aria-label=i18n.tr(Key::Ret(R::QActions))>
                            <ProblemAlert problem=Signal::derive(move || problem.get()) />
                            <ActionButtons allowed=allowed busy=busy rejecting=rejecting act=act />
                            {move || rejecting.get().then(|| {
                                let field = format!("reject-reason-{id}");
                                view! {
                                    <form
                                        class="reject-form"
                                        on:submit=move |ev| {
                                            ev.prevent_default();
                                            let text = reason.get_untracked();
                                            if text.trim().is_empty() {
                                                problem.set(Some(Problem::new(
                                                    rebound_shared::ErrorKind::Validation,
                                                    i18n.t(Key::Ret(R::QSayWhy)),
                                                )));
                                                return;
                                            }
                                            act(ActionCall::Reject(RejectReturn { reason: text.trim().to_owned() }));
                                        }
                                    >
                                        <div class="field">
                                            <label for=field.clone()>{i18n.tr(Key::Ret(R::QRejectReason))}</label>
                                            <textarea
                                                id=field
                                                class="reject-reason"
                                                rows="3"
                                                maxlength="1000"
                                                prop:value=move || reason.get()
                                                on:input=move |ev| reason.set(event_target_value(&ev))
                                            ></textarea>
                                        </div>
                                        <div class="form-actions">
                                            <button type="submit" class="btn btn-reject confirm-reject" disabled=move || busy.get()>
                                                {i18n.tr(Key::Ret(R::QConfirmReject))}
                                            </button>
                                            <button type="button" class="btn btn-secondary" on:click=move |_| rejecting.set(false)>
                                                {i18n.tr(Key::Ret(R::QCancel))}
                                            </button>
                                        </div>
                                    </form>
                                }
                            })}
                            {move || estimate.get().map(|e| {
                                let can_label = found_allows_label(case);
                                view! { <EstimateTable estimate=e can_label=can_label busy=busy act=act /> }
                            })}
                        </section>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

fn found_allows_label(case: RwSignal<Option<Result<ReturnDetail, Problem>>>) -> bool {
    case.with_untracked(
        |c| matches!(c, Some(Ok(d)) if d.ret.allowed_actions.contains(&ReturnAction::IssueLabel)),
    )
}

/// What an action button asks the API.
#[derive(Debug, Clone)]
enum ActionCall {
    /// `approve` or `receive`: no body.
    Plain(&'static str),
    Reject(RejectReturn),
    Label(IssueLabel),
    Estimate,
}

#[component]
fn ActionButtons(
    allowed: Vec<ReturnAction>,
    busy: RwSignal<bool>,
    rejecting: RwSignal<bool>,
    act: impl Fn(ActionCall) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let has = |a| allowed.contains(&a);
    if allowed.is_empty() {
        return view! { <p class="muted">{i18n.tr(Key::Ret(R::QNoActions))}</p> }.into_any();
    }
    let button = move |class: &'static str, key: R, on: ActionCall| {
        view! {
            <button
                type="button"
                class=format!("btn {class}")
                disabled=move || busy.get()
                on:click=move |_| act(on.clone())
            >
                {i18n.tr(Key::Ret(key))}
            </button>
        }
    };
    view! {
        <div class="form-actions">
            {has(ReturnAction::Approve).then(|| button("btn-primary action-approve", R::QApprove, ActionCall::Plain("approve")))}
            {has(ReturnAction::Reject).then(|| view! {
                <button
                    type="button"
                    class="btn btn-secondary action-reject"
                    disabled=move || busy.get()
                    aria-expanded=move || if rejecting.get() { "true" } else { "false" }
                    on:click=move |_| rejecting.update(|r| *r = !*r)
                >
                    {i18n.tr(Key::Ret(R::QReject))}
                </button>
            })}
            {has(ReturnAction::MarkReceived).then(|| button("btn-primary action-receive", R::QMarkReceived, ActionCall::Plain("receive")))}
            {has(ReturnAction::IssueLabel).then(|| button("btn-secondary action-label", R::QIssueLabel, ActionCall::Estimate))}
            {(has(ReturnAction::IssueLabel) || has(ReturnAction::Approve)).then(|| button("btn-secondary action-estimate", R::QEstimate, ActionCall::Estimate))}
            {move || busy.get().then(|| view! { <span class="muted" role="status">{i18n.tr(Key::Ret(R::QWorking))}</span> })}
        </div>
    }
    .into_any()
}

/// The carrier's price for each service; with a label allowed, each can be bought.
#[component]
fn EstimateTable(
    estimate: ShippingEstimate,
    can_label: bool,
    busy: RwSignal<bool>,
    act: impl Fn(ActionCall) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n
        .t(Key::Ret(R::QEstimateTitle))
        .replace("{carrier}", &estimate.carrier)
        .replace("{weight}", &estimate.weight_grams.to_string());
    let rows = estimate
        .quotes
        .into_iter()
        .map(|q| {
            let service = q.service.clone();
            let price = move || money(q.price_minor, &q.currency, i18n.locale());
            view! {
                <tr data-service=q.service.clone()>
                    <td>{q.service_name.clone()}</td>
                    <td class="cell-number">{price}</td>
                    <td>{i18n.t(Key::Ret(R::QTransit)).replace("{days}", &q.transit_days.to_string())}</td>
                    <td>
                        {can_label.then(|| view! {
                            <button
                                type="button"
                                class="btn btn-secondary btn-small buy-label"
                                disabled=move || busy.get()
                                on:click=move |_| act(ActionCall::Label(IssueLabel { service: service.clone(), reissue: false }))
                            >
                                {i18n.tr(Key::Ret(R::QBuyLabel))}
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="return-estimate">
            <h4>{title}</h4>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Ret(R::QService))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QPrice))}</th>
                        <th scope="col"></th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Items, the order, the timeline and the label of a return.
#[component]
fn CaseBody(case: ReturnDetail) -> impl IntoView {
    let i18n = use_i18n();
    let shown: Shown = RwSignal::new(None);
    let ret = case.ret;
    let order = case.order;
    let placed = order.placed_at;
    let currency = order.currency.clone();
    let total = case.total_value_minor;
    let items = ret
        .items
        .into_iter()
        .map(|item| view! { <CaseItem item=item shown=shown /> })
        .collect_view();
    let history = ret
        .history
        .into_iter()
        .map(|event| {
            let at = event.at;
            let actor = match event.actor {
                ReturnActor::Shopper => R::QByShopper,
                ReturnActor::Staff => R::QByStaff,
                ReturnActor::System => R::QBySystem,
            };
            let step = match event.from {
                None => view! { <span>{i18n.tr(Key::Ret(R::QSubmitted))}</span> }.into_any(),
                Some(_) => view! { <span class=status_class(event.to)>{i18n.tr(return_status_key(event.to))}</span> }.into_any(),
            };
            view! {
                <li>
                    {step}
                    " "
                    <span class="muted">{i18n.tr(Key::Ret(actor))}</span>
                    " · "
                    <time datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                    {event.note.map(|n| view! { <p class="timeline-note">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    let label = match (case.label, ret.label_url) {
        (Some(l), _) => view! {
            <p>{l.carrier.clone()} " · " {l.service_name.clone()}</p>
            <p>{i18n.tr(Key::Ret(R::QTracking))} ": " <code>{l.tracking_number.clone()}</code></p>
            <p class="label-links">
                <a class="btn btn-secondary btn-small staff-label-link" href=l.pdf_url.clone() target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::QLabelPdf))}</a>
                " "
                <a class="btn btn-secondary btn-small" href=l.qr_url.clone() target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::QLabelQr))}</a>
            </p>
        }
        .into_any(),
        (None, Some(url)) => view! {
            <p class="label-links">
                <a class="btn btn-secondary btn-small staff-label-link" href=url target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::QLabelPdf))}</a>
            </p>
        }
        .into_any(),
        (None, None) => view! { <p class="muted">{i18n.tr(Key::Ret(R::QNoLabel))}</p> }.into_any(),
    };
    view! {
        <div class="return-case-grid">
            <section class="return-case-items">
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QItems))}</h3>
                <ul class="return-case-list">{items}</ul>
                {ret.rejection_reason.map(|r| view! { <p><strong>{i18n.tr(Key::Ret(R::RejectedBecause))}</strong> " " {r}</p> })}
            </section>
            <section>
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QOrder))}</h3>
                <p><a href=Page::Order(order.number.clone()).path()>{order.number.clone()}</a></p>
                <p>{order.customer_name.clone()}</p>
                <p><a href=format!("mailto:{}", order.email)>{order.email.clone()}</a></p>
                <p class="muted"><time datetime=iso(&placed)>{move || date_time(&placed, i18n.locale())}</time></p>
                <p>{i18n.tr(Key::Ret(R::QTotal))} ": " {move || money(total, &currency, i18n.locale())}</p>
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QLabel))}</h3>
                {label}
            </section>
            <section>
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QTimeline))}</h3>
                <ol class="return-timeline">{history}</ol>
            </section>
        </div>
        <Lightbox shown=shown />
    }
}

#[component]
fn CaseItem(item: ReturnItemView, shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let reason = item.reason.clone();
    let reason_text = move || match &reason {
        Some(r) if i18n.locale() == Locale::Fr => r.label_fr.clone(),
        Some(r) => r.label_en.clone(),
        None => i18n.t(Key::Ret(R::QNoReason)).to_owned(),
    };
    let photos = item
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            let alt = i18n
                .t(Key::Ret(R::QPhotoN))
                .replace("{n}", &(i + 1).to_string());
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
        <li class="return-case-item">
            <p>
                <strong>{item.title.clone()}</strong>
                " × " {item.quantity}
                " " <span class="muted">{item.sku.clone()}</span>
            </p>
            <p>
                {reason_text}
                {item.defective.then(|| view! { " " <span class="badge badge-defect">{i18n.tr(Key::Ret(R::QDefective))}</span> })}
            </p>
            {item.comment.clone().map(|c| view! { <p><span class="muted">{i18n.tr(Key::Ret(R::QComment))}</span> " " {c}</p> })}
            {(!item.photos.is_empty()).then(|| view! { <ul class="thumbs">{photos}</ul> })}
        </li>
    }
}
