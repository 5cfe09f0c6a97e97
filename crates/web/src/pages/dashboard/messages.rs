//! `/dashboard/messages`: the shop's inbox (latest activity first, unread counts, "Unread
//! only", more on demand) beside the open thread (`?thread=<id>`) with its composer. The order
//! page and a return's case show the same thread for their subject (`SubjectMessages`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rebound_shared::api::helpdesk::{
    MessageAuthor, MessageView, ThreadSubject, ThreadSummary, ThreadView,
};
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use crate::api::AuthorizedApi;
use crate::components::alert::ProblemAlert;
use crate::components::composer::{Composer, Writer};
use crate::components::conversation::Conversation;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::{date_time, iso};
use crate::components::list_page::{Fetched, ListPage, LoadMore};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::components::unread::use_unread;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key, O, subject_key};
use crate::routes::Page;

fn thread_href(id: Uuid) -> String {
    format!("{}?thread={id}", Page::Messages.path())
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let unread = use_unread();
    use_page_title(Key::NavMessages);
    let query = use_query_map();
    let selected =
        Memo::new(move |_| query.with(|q| q.get("thread").and_then(|t| Uuid::parse_str(&t).ok())));
    let unread_only = RwSignal::new(false);
    let inbox_pages = ListPage::<ThreadSummary>::new();
    let threads = inbox_pages.rows;
    // The first page came: from then on a new read keeps the old list until it answers.
    let loaded = RwSignal::new(false);
    let problem = inbox_pages.failure();

    // `more`: continue from the cursor; otherwise start again from the top.
    let load = move |more: bool| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let only = unread_only.get_untracked();
        inbox_pages.load(
            more,
            move |cursor| async move { api.threads(only, cursor.as_deref()).await },
            move |page| {
                unread.0.set(u64::try_from(page.total_unread).unwrap_or(0));
                loaded.set(true);
                Some(Fetched {
                    rows: page.threads,
                    next: page.next_cursor,
                })
            },
        );
    };
    Effect::new(move || {
        let _ = unread_only.get();
        load(false);
    });
    // Opening a thread reads it: the list and the badge follow.
    let on_read = move |thread: ThreadView| {
        let mut dropped = 0;
        threads.update(|list| {
            if let Some(found) = list.iter_mut().find(|t| t.id == thread.summary.id) {
                dropped = u64::try_from(found.unread).unwrap_or(0);
                *found = ThreadSummary {
                    unread: 0,
                    ..thread.summary.clone()
                };
            }
        });
        unread.0.update(|n| *n = n.saturating_sub(dropped));
    };

    let list = move || {
        threads
            .get()
            .into_iter()
            .map(|t| {
                let at = t.last_message_at;
                let has_unread = t.unread > 0;
                let current = move || selected.get() == Some(t.id);
                let badge = (t.unread > 0).then(|| {
                    let label = i18n
                        .t(Key::Help(H::UnreadBadge))
                        .replace("{count}", &t.unread.to_string());
                    view! {
                        <span class="unread-badge" aria-hidden="true">{t.unread}</span>
                        <span class="visually-hidden">{label}</span>
                    }
                });
                view! {
                    <li>
                        <a
                            class="inbox-item"
                            class:inbox-unread=has_unread
                            href=thread_href(t.id)
                            aria-current=move || current().then_some("page")
                        >
                            <span class="inbox-line">
                                <span class="inbox-customer">{t.customer_name.clone()}</span>
                                <time class="inbox-time" datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                            </span>
                            <span class="inbox-line">
                                <span class="inbox-subject">
                                    {i18n.tr(Key::Help(subject_key(t.subject.kind)))} " · " {t.order_number.clone()}
                                </span>
                                {badge}
                            </span>
                            <span class="inbox-preview">{t.preview.clone()}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let inbox = move || {
        if !loaded.get() {
            return if problem.with(Option::is_none) {
                view! { <Loading /> }.into_any()
            } else {
                ().into_any()
            };
        }
        if threads.with(Vec::is_empty) {
            return if unread_only.get() {
                view! { <p class="muted inbox-empty">{i18n.tr(Key::Help(H::NoUnread))}</p> }
                    .into_any()
            } else {
                view! {
                    <EmptyState
                        illustration=Illustration::Messages
                        title=Key::MessagesEmptyTitle
                        body=Key::MessagesEmptyBody
                    />
                }
                .into_any()
            };
        }
        view! { <ul class="inbox-items">{list}</ul> }.into_any()
    };

    view! {
        <div class="page messages-page">
            <h1 class="page-title">{i18n.tr(Key::NavMessages)}</h1>
            <div class="inbox-layout" class:inbox-open=move || selected.get().is_some()>
                <section class="card inbox-list" aria-labelledby="inbox-title">
                    <div class="inbox-head">
                        <h2 id="inbox-title" class="card-title">{i18n.tr(Key::Help(H::Inbox))}</h2>
                        <div class="check">
                            <input
                                type="checkbox"
                                id="unread-only"
                                prop:checked=move || unread_only.get()
                                on:change=move |ev| unread_only.set(event_target_checked(&ev))
                            />
                            <label for="unread-only">{i18n.tr(Key::Help(H::UnreadOnly))}</label>
                        </div>
                    </div>
                    <ProblemAlert problem=problem />
                    {inbox}
                    <LoadMore list=inbox_pages label=Key::Help(H::LoadMore) on_more=move || load(true) />
                </section>
                <section class="card thread-pane" aria-labelledby="thread-title">
                    {move || match selected.get() {
                        Some(id) => view! { <ThreadPane id=id on_read=on_read /> }.into_any(),
                        None => view! {
                            <h2 id="thread-title" class="visually-hidden">{i18n.tr(Key::Help(H::Conversation))}</h2>
                            <p class="muted thread-choose">{i18n.tr(Key::Help(H::ChooseThread))}</p>
                        }
                        .into_any(),
                    }}
                </section>
            </div>
        </div>
    }
}

/// One thread: what it is about, its messages and the reply form.
#[component]
fn ThreadPane(id: Uuid, #[prop(into)] on_read: Callback<ThreadView>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let thread = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.thread(id).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    Effect::new(move || {
        if let Some(Ok(found)) = thread.get() {
            on_read.run(found);
        }
    });
    move || match thread.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => view! {
            <h2 id="thread-title" class="visually-hidden">{i18n.tr(Key::Help(H::Conversation))}</h2>
            <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
        }
        .into_any(),
        Some(Ok(found)) => {
            let Some(api) = auth.api_untracked() else {
                return ().into_any();
            };
            view! { <ThreadBody thread=found api=api on_sent=on_read /> }.into_any()
        }
    }
}

#[component]
fn ThreadBody(
    thread: ThreadView,
    api: AuthorizedApi,
    #[prop(into)] on_sent: Callback<ThreadView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = thread.summary.clone();
    let messages = RwSignal::new(thread.messages);
    let writer = Writer::Staff {
        api,
        number: summary.order_number.clone(),
        subject: summary.subject,
    };
    view! {
        <p class="thread-back"><a href=Page::Messages.path() class="back-link">"← " {i18n.tr(Key::Help(H::BackToInbox))}</a></p>
        <header class="thread-head">
            <h2 id="thread-title" class="card-title">{summary.customer_name.clone()}</h2>
            <p class="muted">
                <span class="badge">{i18n.tr(Key::Help(subject_key(summary.subject.kind)))}</span>
                " "
                <a href=Page::Order(summary.order_number.clone()).path()>{summary.order_number.clone()}</a>
            </p>
        </header>
        <Conversation messages=messages mine=MessageAuthor::Staff />
        <Composer
            writer=writer
            label=Key::Help(H::Reply)
            on_sent=move |t: ThreadView| {
                messages.set(t.messages.clone());
                on_sent.run(t);
            }
        />
    }
}

/// Where a subject's thread is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadLookup {
    /// The case already says (a return's detail carries its thread id, or none yet).
    Known(Option<Uuid>),
    /// Look through the inbox for the subject's thread (the order page).
    SearchInbox,
}

/// A subject's Messages section: its thread, or a composer to start it. `number` is the order's
/// number (message photos are stored under the order).
#[component]
pub fn SubjectMessages(
    subject: ThreadSubject,
    number: String,
    lookup: ThreadLookup,
    title: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let thread = LocalResource::new(move || {
        let api = auth.api();
        async move {
            let Some(api) = api else {
                return Err(Problem::new(ErrorKind::Unauthorized, "signed out"));
            };
            match lookup {
                ThreadLookup::Known(None) => Ok(None),
                ThreadLookup::Known(Some(id)) => api.thread(id).await.map(Some),
                ThreadLookup::SearchInbox => find_thread(&api, subject).await,
            }
        }
    });
    let messages = RwSignal::new(Vec::<MessageView>::new());
    let thread_id = RwSignal::new(None::<Uuid>);
    Effect::new(move || {
        if let Some(Ok(found)) = thread.get() {
            thread_id.set(found.as_ref().map(|t| t.summary.id));
            messages.set(found.map(|t| t.messages).unwrap_or_default());
        }
    });
    let body = move || match thread.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(_)) => {
            let Some(api) = auth.api_untracked() else {
                return ().into_any();
            };
            let writer = Writer::Staff {
                api,
                number: number.clone(),
                subject,
            };
            view! {
                {move || thread_id.get().map(|id| view! {
                    <p><a href=thread_href(id)>{i18n.tr(Key::Help(H::Inbox))} " →"</a></p>
                })}
                {move || if messages.with(Vec::is_empty) {
                    view! { <EmptyState illustration=Illustration::Messages title=Key::Ord(O::NoMessagesTitle) body=Key::Ord(O::NoMessagesBody) /> }.into_any()
                } else {
                    view! { <Conversation messages=messages mine=MessageAuthor::Staff /> }.into_any()
                }}
                <Composer
                    writer=writer
                    label=Key::Help(H::WriteToCustomer)
                    on_sent=move |t: ThreadView| {
                        thread_id.set(Some(t.summary.id));
                        messages.set(t.messages);
                    }
                />
            }
            .into_any()
        }
    };
    let heading = format!("messages-title-{}", subject.id);
    let labelled_by = heading.clone();
    view! {
        <section class="card subject-messages" aria-labelledby=labelled_by>
            <h2 id=heading class="card-title">{i18n.tr(title)}</h2>
            {body}
        </section>
    }
}

/// Pages through the inbox for the subject's own thread; `None` when nobody wrote yet.
async fn find_thread(
    api: &AuthorizedApi,
    subject: ThreadSubject,
) -> Result<Option<ThreadView>, Problem> {
    let mut cursor: Option<String> = None;
    // A bound so a huge inbox cannot keep the page busy; older threads are in the inbox.
    for _ in 0..20 {
        let page = api.threads(false, cursor.as_deref()).await?;
        let found = page.threads.iter().find(|t| t.subject == subject);
        if let Some(found) = found {
            return api.thread(found.id).await.map(Some);
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(None)
}
