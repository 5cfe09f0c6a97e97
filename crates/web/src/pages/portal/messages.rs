//! The tracking page's Messages section: the order's conversations with the shop (the order's
//! own thread first, then any about a return or an issue report) and a form to write.

use leptos::prelude::*;
use rebound_shared::api::helpdesk::{MessageAuthor, ThreadSubjectKind, ThreadView};
use rebound_shared::{ErrorKind, Problem};

use crate::components::alert::ProblemAlert;
use crate::components::composer::{Composer, Writer};
use crate::components::conversation::Conversation;
use crate::components::loading::Loading;
use crate::contexts::locale::use_i18n;
use crate::contexts::order_access::shopper_api;
use crate::i18n::{H, Key, subject_key};

#[component]
pub fn PortalMessages(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = shopper_api(&slug);
    let threads = RwSignal::new(Vec::<ThreadView>::new());
    let loaded = {
        let api = api.clone();
        LocalResource::new(move || {
            let api = api.clone();
            async move {
                match api {
                    Some(api) => api.threads().await,
                    None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
                }
            }
        })
    };
    Effect::new(move || {
        if let Some(Ok(mut found)) = loaded.get() {
            // The order's own conversation first; the others in the server's order.
            found.sort_by_key(|t| t.summary.subject.kind != ThreadSubjectKind::Order);
            threads.set(found);
        }
    });
    let on_sent = move |sent: ThreadView| {
        threads.update(
            |list| match list.iter_mut().find(|t| t.summary.id == sent.summary.id) {
                Some(found) => *found = sent,
                None => list.insert(0, sent),
            },
        );
    };
    let conversations = move || {
        let list = threads.get();
        let several = list.len() > 1;
        list.into_iter()
            .map(|thread| {
                let kind = thread.summary.subject.kind;
                let messages = Signal::derive({
                    let id = thread.summary.id;
                    move || {
                        threads.with(|all| {
                            all.iter()
                                .find(|t| t.summary.id == id)
                                .map(|t| t.messages.clone())
                                .unwrap_or_default()
                        })
                    }
                });
                view! {
                    <div class="portal-thread">
                        {several.then(|| view! { <h3 class="portal-thread-title">{i18n.tr(Key::Help(subject_key(kind)))}</h3> })}
                        <Conversation messages=messages mine=MessageAuthor::Shopper />
                    </div>
                }
            })
            .collect_view()
    };
    let body = move || match loaded.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(_)) => {
            if threads.with(Vec::is_empty) {
                view! { <p class="muted">{i18n.tr(Key::Help(H::NoMessagesYet))}</p> }.into_any()
            } else {
                conversations().into_any()
            }
        }
    };
    view! {
        <section class="portal-card portal-messages" aria-labelledby="messages-title">
            <h2 id="messages-title" class="section-heading">{i18n.tr(Key::Help(H::PortalMessagesTitle))}</h2>
            <p class="muted">{i18n.tr(Key::Help(H::PortalMessagesLead))}</p>
            {body}
            {api.map(|api| view! {
                <Composer writer=Writer::Shopper(api) label=Key::Help(H::WriteToShop) on_sent=on_sent />
            })}
        </section>
    }
}
