//! The sites allowed to show the portal in a frame (`/settings/embedding`, sent to browsers as
//! CSP `frame-ancestors`): a list to add to and remove from, each address checked by the same
//! `FrameOrigin` rule the server applies before it is sent.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::onboarding::EmbeddingSettings;
use rebound_shared::domain::{FRAME_ORIGINS_MAX, FrameOrigin, FrameOriginError};

use super::controls::after_save;
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, FieldErrorText, FieldMessage, SubmitButton, focus, show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, S};

/// The JSON field the server names in its errors.
const FIELD: &str = "frame_ancestors";

/// One address being edited; `key` keeps a row's input when another row goes.
#[derive(Debug, Clone, Copy)]
struct Row {
    key: u32,
    value: RwSignal<String>,
    error: ErrorSlot,
}

fn error_key(e: FrameOriginError) -> Key {
    match e {
        FrameOriginError::Scheme => Key::Set(S::FrameScheme),
        FrameOriginError::Host => Key::Set(S::FrameHost),
        FrameOriginError::Port => Key::Set(S::FramePort),
    }
}

fn input_id(key: u32) -> String {
    format!("frame-origin-{key}")
}

#[component]
pub fn FramingCard(#[prop(into)] readonly: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let saved = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.embedding().await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="card" aria-labelledby="framing-title">
            <div class="card-header">
                <h2 id="framing-title" class="card-title">{i18n.tr(Key::Set(S::FramingTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::FramingLead))}</p>
            </div>
            {move || match saved.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(None)) => ().into_any(),
                Some(Ok(Some(settings))) => view! { <FramingForm settings=settings readonly=readonly /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn FramingForm(settings: EmbeddingSettings, readonly: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let next_key = StoredValue::new(0_u32);
    let new_row = move |text: String| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row {
            key,
            value: RwSignal::new(text),
            error: RwSignal::new(None),
        }
    };
    let rows = RwSignal::new(
        settings
            .frame_ancestors
            .into_iter()
            .map(new_row)
            .collect::<Vec<Row>>(),
    );
    // What the server says about the list as a whole (too many, or an address it refused).
    let list_error: ErrorSlot = RwSignal::new(None);
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);

    let add = move |_| {
        let row = new_row(String::new());
        rows.update(|r| r.push(row));
        list_error.set(None);
        request_animation_frame(move || focus(&input_id(row.key)));
    };
    let remove = move |key: u32| {
        rows.update(|r| r.retain(|row| row.key != key));
        list_error.set(None);
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        list_error.set(None);
        let current = rows.get_untracked();
        let mut origins = Vec::new();
        let mut first_bad = None;
        for row in &current {
            let text = row.value.get_untracked().trim().to_owned();
            if text.is_empty() {
                continue;
            }
            match FrameOrigin::parse(&text) {
                Ok(_) => origins.push(text),
                Err(e) => {
                    row.error.set(Some(FieldMessage::Key(error_key(e))));
                    first_bad.get_or_insert(row.key);
                }
            }
        }
        if let Some(key) = first_bad {
            focus(&input_id(key));
            return;
        }
        let Some(api) = auth.api() else { return };
        let body = EmbeddingSettings {
            frame_ancestors: origins,
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.save_embedding(&body).await;
            pending.set(false);
            // The server names the list as a whole: its error goes under the list, focus to
            // the first address.
            if let Err(p) = &result
                && show_server_errors(&p.errors, &[(FIELD, list_error)])
                && let Some(first) = rows.with_untracked(|r| r.first().map(|row| row.key))
            {
                focus(&input_id(first));
            }
            // The server's list: normalised (lower case, no trailing `/`), duplicates dropped.
            if let Some(stored) = after_save(result, &[], problem, toasts) {
                rows.set(stored.frame_ancestors.into_iter().map(new_row).collect());
            }
        });
    };

    let full = move || rows.with(|r| r.len() >= FRAME_ORIGINS_MAX);
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <fieldset class="plain" disabled=move || readonly.get()>
                <ProblemAlert problem=problem />
                <div class="frame-origins" id=FIELD>
                    {move || rows.with(Vec::is_empty).then(|| view! {
                        <p class="muted">{i18n.tr(Key::Set(S::FramingNone))}</p>
                    })}
                    <For each=move || rows.get() key=|row| row.key let:row>
                        {
                            let id = input_id(row.key);
                            let error_id = format!("{id}-error");
                            let n = move || {
                                rows.with(|r| r.iter().position(|x| x.key == row.key).map_or(0, |p| p + 1))
                                    .to_string()
                            };
                            view! {
                                <div class="field frame-origin" class:field-invalid=move || row.error.with(Option::is_some)>
                                    <label for=id.clone()>{move || i18n.t(Key::Set(S::FrameOriginLabel)).replace("{n}", &n())}</label>
                                    <div class="inline-row">
                                        <input
                                            id=id.clone()
                                            type="url"
                                            inputmode="url"
                                            autocomplete="off"
                                            spellcheck="false"
                                            placeholder="https://shop.example"
                                            aria-invalid=move || row.error.with(Option::is_some).then_some("true")
                                            aria-describedby=error_id.clone()
                                            prop:value=move || row.value.get()
                                            on:input=move |ev| {
                                                row.value.set(event_target_value(&ev));
                                                row.error.set(None);
                                            }
                                        />
                                        <button
                                            type="button"
                                            class="btn btn-secondary remove-frame-origin"
                                            on:click=move |_| remove(row.key)
                                        >
                                            {move || i18n.t(Key::Set(S::RemoveFrameOrigin)).replace("{n}", &n())}
                                        </button>
                                    </div>
                                    <FieldErrorText id=error_id error=row.error />
                                </div>
                            }
                        }
                    </For>
                    <FieldErrorText id=format!("{FIELD}-error") error=list_error />
                </div>
                <div class="form-actions">
                    <button type="button" id="add-frame-origin" class="btn btn-secondary" disabled=full on:click=add>
                        {i18n.tr(Key::Set(S::AddFrameOrigin))}
                    </button>
                    <SubmitButton label=Key::Set(S::Save) busy_label=Key::Set(S::Saving) pending=pending />
                </div>
            </fieldset>
        </form>
    }
}
