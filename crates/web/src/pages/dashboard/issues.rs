//! `/dashboard/issues`: the issue-reports queue (problems shoppers reported on their orders),
//! open or closed, newest first, with Load more; each report closes or reopens in place and
//! the nav's badge follows.

use leptos::prelude::*;
use rebound_shared::api::orders::{IssueReportView, IssueStatus};
use rebound_shared::{ErrorKind, Permission, Problem};
use uuid::Uuid;

use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::date_time;
use crate::components::list_page::{Fetched, ListPage, LoadMore, url_filter};
use crate::components::loading::Loading;
use crate::components::open_issues::use_open_issues;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, N, issue_type_key};
use crate::routes::Page;

#[component]
pub fn IssuesPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let open_issues = use_open_issues();
    use_page_title(Key::Onb(N::IssuesTitle));
    // `?status=closed` opens the closed tab; the open one needs nothing in the address.
    let tab = url_filter("status");
    let status = Memo::new(move |_| {
        if tab.with(|t| t == "closed") {
            IssueStatus::Closed
        } else {
            IssueStatus::Open
        }
    });
    let list = ListPage::<IssueReportView>::new();
    let issues = list.rows;
    // An action's refusal (closing, assigning); a failed read shows through the list.
    let problem = RwSignal::new(None::<Problem>);
    // Who a report can be handed to: the whole team when the role may see it, else oneself.
    let team = LocalResource::new(move || {
        let api = auth.api();
        let me = auth.me().map(|m| m.staff);
        let whole = auth.can(Permission::ViewStaff);
        async move {
            let listed = match (api, whole) {
                (Some(api), true) => api.list_staff().await.ok(),
                _ => None,
            };
            listed
                .unwrap_or_else(|| me.into_iter().collect())
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect::<Vec<(Uuid, String)>>()
        }
    });
    let assign = move |id: Uuid, value: String| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let assignee = Uuid::parse_str(&value).ok();
        leptos::task::spawn_local(async move {
            match api.assign_issue(id, assignee).await {
                Ok(updated) => issues.update(|all| {
                    if let Some(row) = all.iter_mut().find(|i| i.id == id) {
                        *row = updated;
                    }
                }),
                Err(p) => problem.set(Some(p)),
            }
        });
    };

    // Reads one page of the current tab; `more` appends it after the rows shown.
    let load = move |more: bool| {
        let Some(api) = auth.api_untracked() else {
            problem.set(Some(Problem::new(ErrorKind::Unauthorized, "signed out")));
            return;
        };
        let wanted = status.get_untracked();
        list.load(
            more,
            move |cursor| async move { api.issue_reports(wanted, cursor.as_deref()).await },
            move |page| {
                open_issues.0.set(page.open_count);
                Some(Fetched {
                    rows: page.issues,
                    next: page.next_cursor,
                })
            },
        );
    };
    Effect::new(move || {
        let _ = status.get();
        problem.set(None);
        load(false);
    });

    let toggle = move |issue: IssueReportView| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let target = match issue.status {
            IssueStatus::Open => IssueStatus::Closed,
            IssueStatus::Closed => IssueStatus::Open,
        };
        leptos::task::spawn_local(async move {
            match api.set_issue_status(issue.id, target).await {
                Ok(_) => {
                    // It now belongs to the other tab.
                    issues.update(|all| all.retain(|i| i.id != issue.id));
                    open_issues.0.update(|n| {
                        *n = match target {
                            IssueStatus::Closed => n.saturating_sub(1),
                            IssueStatus::Open => *n + 1,
                        }
                    });
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };

    let chip = move |s: IssueStatus, label: N| {
        view! {
            <button
                type="button"
                class="chip"
                class:chip-on=move || status.get() == s
                aria-pressed=move || (status.get() == s).to_string()
                on:click=move |_| tab.set(if s == IssueStatus::Closed { "closed".to_owned() } else { String::new() })
            >
                {i18n.tr(Key::Onb(label))}
            </button>
        }
    };

    let failure = list.failure();
    let rows = move || {
        let rows = issues.get();
        if rows.is_empty() {
            if list.loading() {
                return view! { <Loading /> }.into_any();
            }
            if failure.with(Option::is_some) {
                return ().into_any();
            }
            return view! {
                <EmptyState
                    illustration=Illustration::Messages
                    title=Key::Onb(N::IssuesEmptyTitle)
                    body=Key::Onb(N::IssuesEmptyBody)
                />
            }
            .into_any();
        }
        view! {
            <ul class="issue-list">
                {rows
                    .into_iter()
                    .map(|issue| {
                        let order = Page::Order(issue.order_number.clone()).path();
                        let order_label = i18n
                            .t(Key::Onb(N::OrderLink))
                            .replace("{number}", &issue.order_number);
                        let when = date_time(&issue.created_at, i18n.locale());
                        let action = match issue.status {
                            IssueStatus::Open => N::CloseIssue,
                            IssueStatus::Closed => N::ReopenIssue,
                        };
                        let this = issue.clone();
                        let select_id = format!("assignee-{}", issue.id);
                        let current = issue.assignee_id;
                        let id = issue.id;
                        let options = move || {
                            team.get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(staff_id, name)| view! {
                                    <option value=staff_id.to_string() selected=current == Some(staff_id)>{name}</option>
                                })
                                .collect_view()
                        };
                        view! {
                            <li class="card issue-row">
                                <div class="issue-head">
                                    <span class="issue-type">{i18n.tr(issue_type_key(issue.issue_type))}</span>
                                    <a href=order>{order_label.clone()}</a>
                                    <time class="muted" datetime=crate::components::format::iso(&issue.created_at)>{when}</time>
                                </div>
                                <p class="issue-message">{issue.message.clone()}</p>
                                <div class="form-actions issue-actions">
                                    <label for=select_id.clone()>{i18n.tr(Key::Onb(N::Assignee))}</label>
                                    <select
                                        id=select_id
                                        class="select-small"
                                        on:change=move |ev| assign(id, event_target_value(&ev))
                                    >
                                        <option value="" selected=current.is_none()>{i18n.tr(Key::Onb(N::Unassigned))}</option>
                                        {options}
                                    </select>
                                    <button
                                        type="button"
                                        class="btn btn-secondary btn-small"
                                        on:click=move |_| toggle(this.clone())
                                    >
                                        {i18n.tr(Key::Onb(action))}
                                        <span class="visually-hidden">": " {order_label}</span>
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <div class="page-header">
            <h1 class="page-title">{i18n.tr(Key::Onb(N::IssuesTitle))}</h1>
            <p class="page-lead">{i18n.tr(Key::Onb(N::IssuesLead))}</p>
        </div>
        <div class="status-chips" role="group" aria-label=i18n.tr(Key::Onb(N::IssuesTitle))>
            {chip(IssueStatus::Open, N::ShowOpen)}
            {chip(IssueStatus::Closed, N::ShowClosed)}
        </div>
        <ProblemAlert problem=problem />
        <ProblemAlert problem=failure />
        {rows}
        <LoadMore list=list label=Key::Onb(N::LoadMore) on_more=move || load(true) />
    }
}
