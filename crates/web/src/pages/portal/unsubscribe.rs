//! `/{slug}/unsubscribe?email=..&signature=..`: the link at the bottom of an optional mail.
//! Nothing happens until the shopper confirms (mail scanners follow links).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use rebound_shared::api::notifications::Unsubscribe;
use rebound_shared::{ErrorKind, Problem};

use crate::api;
use crate::components::alert::ProblemAlert;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key};

#[derive(Debug, Clone, PartialEq)]
enum State {
    Asking,
    Done,
    Invalid,
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let (email, signature) = use_query_map().with_untracked(|q| {
        (
            q.get("email").unwrap_or_default(),
            q.get("signature").unwrap_or_default(),
        )
    });
    let complete = email.contains('@') && signature.len() >= 16;
    let state = RwSignal::new(if complete {
        State::Asking
    } else {
        State::Invalid
    });
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let confirm = {
        let (email, signature) = (email.clone(), signature.clone());
        move |_| {
            let body = Unsubscribe {
                email: email.clone(),
                signature: signature.clone(),
            };
            let slug = slug.clone();
            problem.set(None);
            pending.set(true);
            spawn_local(async move {
                let result = api::unsubscribe(&slug, &body).await;
                pending.set(false);
                match result {
                    Ok(()) => state.set(State::Done),
                    // A forged, altered or cut link: the same answer for all.
                    Err(p)
                        if matches!(
                            p.kind,
                            ErrorKind::Validation
                                | ErrorKind::NotFound
                                | ErrorKind::Forbidden
                                | ErrorKind::BadRequest
                        ) =>
                    {
                        state.set(State::Invalid)
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        }
    };
    let lead = move || i18n.t(Key::Help(H::UnsubLead)).replace("{email}", &email);
    view! {
        <section class="portal-card narrow" aria-labelledby="unsub-title">
            <h1 id="unsub-title" class="section-heading">{i18n.tr(Key::Help(H::UnsubTitle))}</h1>
            {move || match state.get() {
                State::Asking => view! {
                    <p>{lead.clone()}</p>
                    <ProblemAlert problem=problem />
                    <div class="form-actions">
                        <button
                            type="button"
                            class="btn btn-brand"
                            disabled=move || pending.get()
                            aria-busy=move || pending.get().then_some("true")
                            on:click=confirm.clone()
                        >
                            {move || pending.get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
                            <span>{move || i18n.t(Key::Help(if pending.get() { H::UnsubSending } else { H::UnsubConfirm }))}</span>
                        </button>
                    </div>
                }
                .into_any(),
                State::Done => view! {
                    <div class="alert alert-success" role="status">
                        <p class="alert-title">{i18n.tr(Key::Help(H::UnsubDoneTitle))}</p>
                        <p>{i18n.tr(Key::Help(H::UnsubDoneBody))}</p>
                    </div>
                }
                .into_any(),
                State::Invalid => view! {
                    <div class="alert alert-error" role="alert">
                        <p class="alert-title">{i18n.tr(Key::Help(H::UnsubInvalid))}</p>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
