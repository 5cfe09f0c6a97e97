//! The Helpdesk tab: the shop's canned replies (managers and owners edit them; agents read
//! them) and the signed-in staff member's own signature.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::helpdesk::{CannedReply, CannedReplyInput, REPLY_PLACEHOLDERS, Signature};
use rebound_shared::limits;
use uuid::Uuid;

use crate::components::alert::ProblemAlert;
use crate::components::composer::insert_at_caret;
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, SubmitButton, focus_first_error,
    show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key, S};

#[component]
pub fn HelpdeskTab(#[prop(into)] readonly: Signal<bool>) -> impl IntoView {
    view! {
        <CannedReplies readonly=readonly />
        <SignatureCard />
    }
}

#[component]
fn CannedReplies(readonly: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let replies = RwSignal::new(None::<Result<Vec<CannedReply>, Problem>>);
    Effect::new(move || {
        let Some(api) = auth.api() else { return };
        spawn_local(async move { replies.set(Some(api.canned_replies().await)) });
    });
    // The reply being edited; `None` with the form shown adds a new one.
    let editing = RwSignal::new(None::<Uuid>);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let title_error: ErrorSlot = RwSignal::new(None);
    let body_error: ErrorSlot = RwSignal::new(None);
    let slots = [("title", title_error), ("body", body_error)];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);

    let start_edit = move |reply: &CannedReply| {
        editing.set(Some(reply.id));
        title.set(reply.title.clone());
        body.set(reply.body.clone());
        title_error.set(None);
        body_error.set(None);
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("title"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        });
    };
    let clear = move || {
        editing.set(None);
        title.set(String::new());
        body.set(String::new());
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let input = CannedReplyInput {
            title: title.get_untracked().trim().to_owned(),
            body: body.get_untracked().trim().to_owned(),
        };
        title_error.set(
            input
                .title
                .is_empty()
                .then_some(FieldMessage::Key(Key::Required)),
        );
        body_error.set(
            input
                .body
                .is_empty()
                .then_some(FieldMessage::Key(Key::Required)),
        );
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let id = editing.get_untracked();
        pending.set(true);
        spawn_local(async move {
            let result = match id {
                Some(id) => api.update_canned_reply(id, &input).await,
                None => api.create_canned_reply(&input).await,
            };
            pending.set(false);
            match result {
                Ok(saved) => {
                    replies.update(|r| {
                        if let Some(Ok(list)) = r {
                            match list.iter_mut().find(|x| x.id == saved.id) {
                                Some(found) => *found = saved,
                                None => list.push(saved),
                            }
                            list.sort_by(|a, b| {
                                a.title.to_lowercase().cmp(&b.title.to_lowercase())
                            });
                        }
                    });
                    clear();
                    toasts.show(Key::Set(S::Saved));
                }
                Err(p) => {
                    if show_server_errors(&p.errors, &slots) {
                        focus_first_error(&slots);
                    }
                    problem.set(Some(p));
                }
            }
        });
    };
    let delete = move |id: Uuid| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        spawn_local(async move {
            match api.delete_canned_reply(id).await {
                Ok(()) => {
                    replies.update(|r| {
                        if let Some(Ok(list)) = r {
                            list.retain(|x| x.id != id);
                        }
                    });
                    if editing.get_untracked() == Some(id) {
                        clear();
                    }
                    toasts.show(Key::Help(H::Deleted));
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let list = move || {
        match replies.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(all)) if all.is_empty() => {
            view! { <p class="muted">{i18n.tr(Key::Help(H::CannedEmpty))}</p> }.into_any()
        }
        Some(Ok(all)) => view! {
            <ul class="canned-list">
                {all
                    .into_iter()
                    .map(|reply| {
                        let id = reply.id;
                        let edit_label = format!("{} — {}", i18n.t(Key::Set(S::Edit)), reply.title);
                        let delete_label = format!("{} — {}", i18n.t(Key::Set(S::Delete)), reply.title);
                        let for_edit = reply.clone();
                        view! {
                            <li class="canned-item">
                                <div>
                                    <p><strong>{reply.title.clone()}</strong></p>
                                    <p class="muted">{reply.body.clone()}</p>
                                </div>
                                <div class="form-actions" hidden=move || readonly.get()>
                                    <button type="button" class="btn btn-secondary btn-small" aria-label=edit_label on:click=move |_| start_edit(&for_edit)>
                                        {i18n.tr(Key::Set(S::Edit))}
                                    </button>
                                    <button type="button" class="btn btn-ghost btn-small" aria-label=delete_label on:click=move |_| delete(id)>
                                        {i18n.tr(Key::Set(S::Delete))}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    let chips = REPLY_PLACEHOLDERS
        .into_iter()
        .map(|name| {
            let token = format!("{{{{{name}}}}}");
            let shown = token.clone();
            view! {
                <li>
                    <button type="button" class="placeholder-chip" on:click=move |_| insert_at_caret("body", body, &token)>
                        {shown}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="canned-title">
            <div class="card-header">
                <h2 id="canned-title" class="card-title">{i18n.tr(Key::Help(H::CannedTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Help(H::CannedLead))}</p>
            </div>
            <ProblemAlert problem=problem />
            {list}
            <form class="form" novalidate on:submit=on_submit hidden=move || readonly.get()>
                <h3 class="composer-title">
                    {move || i18n.t(Key::Help(if editing.get().is_some() { H::EditCanned } else { H::AddCanned }))}
                </h3>
                <Field id="title" label=Key::Help(H::CannedTitleField) value=title error=title_error required=true max_length=limits::CANNED_TITLE />
                <div class="field" class:field-invalid=move || body_error.with(Option::is_some)>
                    <label for="body">{i18n.tr(Key::Help(H::CannedBodyField))}</label>
                    <textarea
                        id="body"
                        name="body"
                        rows="5"
                        maxlength=limits::MESSAGE_BODY
                        required=true
                        aria-invalid=move || body_error.with(Option::is_some).then_some("true")
                        aria-describedby="body-error"
                        prop:value=move || body.get()
                        on:input=move |ev| {
                            body.set(event_target_value(&ev));
                            body_error.set(None);
                        }
                    ></textarea>
                    <FieldErrorText id="body-error".to_owned() error=body_error />
                </div>
                <div class="field">
                    <p class="field-label" id="canned-chips">{i18n.tr(Key::Help(H::Placeholders))}</p>
                    <ul class="placeholder-chips" aria-labelledby="canned-chips">{chips}</ul>
                </div>
                <div class="form-actions">
                    <SubmitButton label=Key::Set(S::Save) busy_label=Key::Set(S::Saving) pending=pending />
                    {move || editing.get().is_some().then(|| view! {
                        <button type="button" class="btn btn-ghost" on:click=move |_| clear()>{i18n.tr(Key::Set(S::Cancel))}</button>
                    })}
                </div>
            </form>
        </section>
    }
}

#[component]
fn SignatureCard() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let signature = RwSignal::new(String::new());
    let error: ErrorSlot = RwSignal::new(None);
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    Effect::new(move || {
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            match api.signature().await {
                Ok(s) => signature.set(s.signature),
                Err(p) => problem.set(Some(p)),
            }
            loaded.set(true);
        });
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let body = Signature {
            signature: signature.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.set_signature(&body).await;
            pending.set(false);
            match result {
                Ok(saved) => {
                    signature.set(saved.signature);
                    toasts.show(Key::Set(S::Saved));
                }
                Err(p) => {
                    show_server_errors(&p.errors, &[("signature", error)]);
                    problem.set(Some(p));
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="signature-title">
            <div class="card-header">
                <h2 id="signature-title" class="card-title">{i18n.tr(Key::Help(H::SignatureTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Help(H::SignatureLead))}</p>
            </div>
            <ProblemAlert problem=problem />
            <form class="form" novalidate on:submit=on_submit>
                <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                    <label for="signature">{i18n.tr(Key::Help(H::SignatureField))}</label>
                    <textarea
                        id="signature"
                        name="signature"
                        rows="3"
                        maxlength=limits::SIGNATURE
                        disabled=move || !loaded.get()
                        aria-describedby="signature-error"
                        prop:value=move || signature.get()
                        on:input=move |ev| {
                            signature.set(event_target_value(&ev));
                            error.set(None);
                        }
                    ></textarea>
                    <FieldErrorText id="signature-error".to_owned() error=error />
                </div>
                <div class="form-actions">
                    <SubmitButton label=Key::Set(S::Save) busy_label=Key::Set(S::Saving) pending=pending />
                </div>
            </form>
        </section>
    }
}
