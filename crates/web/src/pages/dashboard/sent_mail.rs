//! `/dashboard/mail`: every mail sent, waiting or failed, newest first, with a detail pane
//! showing the HTML part (sandboxed) and the plain-text part.

use leptos::prelude::*;
use rebound_shared::api::notifications::{MailStatus, SentMailSummary};
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::{date_time, iso};
use crate::components::list_page::{Fetched, ListPage, LoadMore};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key, M, event_key};

fn status_badge(status: MailStatus) -> (M, &'static str) {
    match status {
        MailStatus::Sent => (M::StatusSent, "badge status-sent"),
        MailStatus::Pending => (M::StatusPending, "badge status-pending"),
        MailStatus::Failed => (M::StatusFailed, "badge status-failed"),
    }
}

#[component]
pub fn SentMailPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::Mail(M::SentMailTitle));
    let pages = ListPage::<SentMailSummary>::new();
    let mails = pages.rows;
    let loaded = RwSignal::new(false);
    let problem = pages.failure();
    let selected = RwSignal::new(None::<Uuid>);
    let load = move |more: bool| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        pages.load(
            more,
            move |cursor| async move { api.sent_mail(cursor.as_deref()).await },
            move |page| {
                loaded.set(true);
                Some(Fetched {
                    rows: page.mails,
                    next: page.next_cursor,
                })
            },
        );
    };
    Effect::new(move || {
        if auth.api().is_some() {
            load(false);
        }
    });
    let rows = move || {
        mails
            .get()
            .into_iter()
            .map(|mail| {
                let id = mail.id;
                let created = mail.created_at;
                let sent = mail.sent_at;
                let (label, class) = status_badge(mail.status);
                let attempts = (mail.status != MailStatus::Sent && mail.attempts > 0).then(|| {
                    i18n.t(Key::Mail(M::Attempts))
                        .replace("{n}", &mail.attempts.to_string())
                });
                let error = mail.last_error.clone().filter(|_| mail.status != MailStatus::Sent);
                view! {
                    <tr aria-selected=move || (selected.get() == Some(id)).to_string()>
                        <td>{i18n.tr(Key::Mail(event_key(mail.event)))}</td>
                        <td>{mail.recipient.clone()}</td>
                        <td>
                            <button type="button" class="linkish" on:click=move |_| selected.set(Some(id))>
                                {mail.subject.clone()}
                            </button>
                        </td>
                        <td>
                            <span class=class>{i18n.tr(Key::Mail(label))}</span>
                            {attempts.map(|a| view! { <p class="muted small">{a}</p> })}
                            {error.map(|e| view! { <p class="mail-error">{i18n.tr(Key::Mail(M::LastError))} ": " {e}</p> })}
                        </td>
                        <td><time datetime=iso(&created)>{move || date_time(&created, i18n.locale())}</time></td>
                        <td>{sent.map(|at| view! { <time datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time> })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let table = move || {
        if !loaded.get() {
            return if problem.with(Option::is_none) {
                view! { <Loading /> }.into_any()
            } else {
                ().into_any()
            };
        }
        if mails.with(Vec::is_empty) {
            return view! {
                <EmptyState illustration=Illustration::Messages title=Key::Mail(M::NoMailTitle) body=Key::Mail(M::NoMailBody) />
            }
            .into_any();
        }
        view! {
            <div class="table-scroll">
                <table class="mail-table">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(Key::Mail(M::ColEvent))}</th>
                            <th scope="col">{i18n.tr(Key::Mail(M::ColRecipient))}</th>
                            <th scope="col">{i18n.tr(Key::Mail(M::ColSubject))}</th>
                            <th scope="col">{i18n.tr(Key::Mail(M::ColStatus))}</th>
                            <th scope="col">{i18n.tr(Key::Mail(M::ColCreated))}</th>
                            <th scope="col">{i18n.tr(Key::Mail(M::ColSent))}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::Mail(M::SentMailTitle))}</h1>
            <p class="muted">{i18n.tr(Key::Mail(M::SentMailLead))}</p>
            <div class="mail-layout">
                <section class="card" aria-label=i18n.tr(Key::Mail(M::SentMailTitle))>
                    <ProblemAlert problem=problem />
                    {table}
                    <LoadMore list=pages label=Key::Help(H::LoadMore) on_more=move || load(true) />
                </section>
                <section class="card mail-detail" aria-labelledby="mail-detail-title">
                    {move || match selected.get() {
                        Some(id) => view! { <MailDetail id=id /> }.into_any(),
                        None => view! {
                            <h2 id="mail-detail-title" class="visually-hidden">{i18n.tr(Key::Mail(M::HtmlPart))}</h2>
                            <p class="muted thread-choose">{i18n.tr(Key::Mail(M::ChooseMail))}</p>
                        }
                        .into_any(),
                    }}
                </section>
            </div>
        </div>
    }
}

#[component]
fn MailDetail(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let mail = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.sent_mail_detail(id).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    move || {
        match mail.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => view! {
            <h2 id="mail-detail-title" class="visually-hidden">{i18n.tr(Key::Mail(M::HtmlPart))}</h2>
            <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
        }
        .into_any(),
        Some(Ok(found)) => {
            let (label, class) = status_badge(found.summary.status);
            let subject = found.summary.subject.clone();
            view! {
                <h2 id="mail-detail-title" class="card-title">{subject.clone()}</h2>
                <p class="muted">
                    <span class=class>{i18n.tr(Key::Mail(label))}</span> " "
                    {i18n.tr(Key::Mail(event_key(found.summary.event)))} " → " {found.summary.recipient.clone()}
                </p>
                <p class="preview-label">{i18n.tr(Key::Mail(M::HtmlPart))}</p>
                // No scripts, no same-origin: the mail cannot act on the dashboard.
                <iframe class="mail-frame" sandbox="" title=subject srcdoc=found.body_html.clone()></iframe>
                <p class="preview-label">{i18n.tr(Key::Mail(M::TextPart))}</p>
                <pre class="mail-text">{found.body_text.clone()}</pre>
                {(!found.attachments.is_empty()).then(|| view! {
                    <p class="preview-label">{i18n.tr(Key::Mail(M::MailAttachments))}</p>
                    <ul>{found.attachments.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                })}
            }
            .into_any()
        }
    }
    }
}
