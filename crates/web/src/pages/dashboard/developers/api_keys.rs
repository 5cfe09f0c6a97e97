//! The Developers page's API keys card: create with scopes, the secret shown once with a copy
//! button, revoke, last used.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::api::api_keys::{ApiKeyView, ApiScope, CreateApiKey, CreatedApiKey};
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use crate::api::{ApiResult, AuthorizedApi};
use crate::components::alert::{Notice, ProblemAlert};
use crate::components::copy_field::CopyField;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, SubmitButton, focus_first_error,
};
use crate::components::format::{date_time, iso};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key, scope_key};

#[component]
pub fn ApiKeysCard() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let keys = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.list_api_keys().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let refetch = Callback::new(move |()| keys.refetch());
    let notice = RwSignal::new(None::<Key>);
    let list = move || {
        match keys.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! {
            <EmptyState illustration=Illustration::Closed title=Key::Dev(D::NoKeysTitle) body=Key::Dev(D::NoKeysBody) />
        }
        .into_any(),
        Some(Ok(list)) => view! { <KeyTable keys=list on_revoked=refetch notice=notice /> }.into_any(),
    }
    };
    view! {
        <section class="card" aria-labelledby="keys-title">
            <div class="card-header">
                <h2 id="keys-title" class="card-title">{i18n.tr(Key::Dev(D::KeysTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Dev(D::KeysLead))}</p>
            </div>
            <Notice message=notice />
            {list}
            <CreateKeyForm on_created=refetch />
        </section>
    }
}

#[component]
fn KeyTable(
    keys: Vec<ApiKeyView>,
    on_revoked: Callback<()>,
    notice: RwSignal<Option<Key>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let problem = RwSignal::new(None::<Problem>);
    let revoking = RwSignal::new(None::<Uuid>);
    let revoke = Action::new_local(|(api, id): &(AuthorizedApi, Uuid)| {
        let (api, id) = (api.clone(), *id);
        async move { api.revoke_api_key(id).await }
    });
    Effect::new(move || {
        let result: Option<ApiResult<()>> = revoke.value().get();
        match result {
            Some(Ok(())) => {
                revoking.set(None);
                notice.set(Some(Key::Dev(D::Revoked)));
                on_revoked.run(());
            }
            Some(Err(p)) => {
                revoking.set(None);
                problem.set(Some(p));
            }
            None => {}
        }
    });
    let rows = keys
        .into_iter()
        .map(|key| {
            let id = key.id;
            let scopes = key
                .scopes
                .iter()
                .map(|s| view! { <li><code>{s.as_str()}</code></li> })
                .collect_view();
            let created = date_time(&key.created_at, i18n.locale());
            let created_iso = iso(&key.created_at);
            let last_used = match key.last_used_at {
                Some(at) => {
                    let text = date_time(&at, i18n.locale());
                    view! { <time datetime=iso(&at)>{text}</time> }.into_any()
                }
                None => view! { <span class="muted">{i18n.tr(Key::Dev(D::NeverUsed))}</span> }.into_any(),
            };
            let name = key.name.clone();
            let label = move || i18n.t(Key::Dev(D::RevokeKey)).replace("{name}", &name);
            view! {
                <tr>
                    <th scope="row">{key.name.clone()}</th>
                    <td><code>{format!("{}…", key.prefix)}</code></td>
                    <td><ul class="scope-list">{scopes}</ul></td>
                    <td><time datetime=created_iso>{created}</time></td>
                    <td>{last_used}</td>
                    <td>
                        <button
                            type="button"
                            class="btn btn-secondary btn-small"
                            aria-label=label
                            disabled=move || revoking.get().is_some()
                            aria-busy=move || (revoking.get() == Some(id)).then_some("true")
                            on:click=move |_| {
                                let Some(api) = auth.api_untracked() else { return };
                                problem.set(None);
                                notice.set(None);
                                revoking.set(Some(id));
                                revoke.dispatch((api, id));
                            }
                        >
                            {move || i18n.t(if revoking.get() == Some(id) { Key::Dev(D::Revoking) } else { Key::Dev(D::Revoke) })}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ProblemAlert problem=problem />
        <div class="table-scroll">
            <table class="keys-table">
                <caption class="visually-hidden">{i18n.tr(Key::Dev(D::KeysCaption))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColName))}</th>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColPrefix))}</th>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColScopes))}</th>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColCreated))}</th>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColLastUsed))}</th>
                        <th scope="col">{i18n.tr(Key::Dev(D::ColActions))}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn CreateKeyForm(on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let name = RwSignal::new(String::new());
    let name_error: ErrorSlot = RwSignal::new(None);
    let scopes = RwSignal::new(Vec::<ApiScope>::new());
    let scopes_error: ErrorSlot = RwSignal::new(None);
    let slots = [("name", name_error), ("scope-orders-read", scopes_error)];
    let problem = RwSignal::new(None::<Problem>);
    let created = RwSignal::new(None::<CreatedApiKey>);

    let create = Action::new_local(|(api, body): &(AuthorizedApi, CreateApiKey)| {
        let (api, body) = (api.clone(), body.clone());
        async move { api.create_api_key(&body).await }
    });
    Effect::new(move || {
        let result: Option<ApiResult<CreatedApiKey>> = create.value().get();
        match result {
            Some(Ok(key)) => {
                name.set(String::new());
                scopes.set(Vec::new());
                created.set(Some(key));
                on_created.run(());
            }
            Some(Err(p)) => {
                if let Some(error) = p.field("name") {
                    name_error.set(Some(FieldMessage::from_server(error)));
                }
                if let Some(error) = p.field("scopes") {
                    scopes_error.set(Some(FieldMessage::from_server(error)));
                }
                problem.set(Some(p));
            }
            None => {}
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        created.set(None);
        let typed = name.get_untracked();
        let length = typed.trim().chars().count() as u64;
        name_error.set(if length == 0 {
            Some(FieldMessage::Key(Key::Required))
        } else if length > limits::API_KEY_NAME {
            Some(FieldMessage::Key(Key::RuleNameLength))
        } else {
            None
        });
        scopes_error.set(
            scopes
                .with_untracked(Vec::is_empty)
                .then_some(FieldMessage::Key(Key::Dev(D::ScopeRequired))),
        );
        if name_error.with_untracked(Option::is_some)
            || scopes_error.with_untracked(Option::is_some)
        {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api() else { return };
        create.dispatch((
            api,
            CreateApiKey {
                name: typed.trim().to_owned(),
                scopes: scopes.get_untracked(),
            },
        ));
    };

    let checkbox = move |scope: ApiScope| {
        let id = format!("scope-{}", scope.as_str().replace(':', "-"));
        let label_for = id.clone();
        view! {
            <label class="toggle-field" for=label_for>
                <input
                    id=id
                    type="checkbox"
                    name="scopes"
                    value=scope.as_str()
                    aria-describedby="scopes-error"
                    prop:checked=move || scopes.with(|s| s.contains(&scope))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        scopes.update(|s| {
                            s.retain(|x| *x != scope);
                            if on {
                                s.push(scope);
                            }
                        });
                        scopes_error.set(None);
                    }
                />
                <span>{i18n.tr(Key::Dev(scope_key(scope)))} " " <code>{scope.as_str()}</code></span>
            </label>
        }
    };

    view! {
        <div class="create-key">
            <ProblemAlert problem=problem />
            <form class="form" novalidate on:submit=on_submit>
                <Field
                    id="name"
                    max_length=limits::API_KEY_NAME
                    label=Key::Dev(D::KeyName)
                    hint=Key::Dev(D::KeyNameHint)
                    value=name
                    error=name_error
                    autocomplete="off"
                    required=true
                />
                <fieldset class="field scopes" aria-describedby="scopes-hint">
                    <legend>{i18n.tr(Key::Dev(D::Scopes))}</legend>
                    <p class="field-hint" id="scopes-hint">{i18n.tr(Key::Dev(D::ScopesHint))}</p>
                    {ApiScope::ALL.into_iter().map(checkbox).collect_view()}
                    <FieldErrorText id={String::from("scopes-error")} error=scopes_error />
                </fieldset>
                <SubmitButton label=Key::Dev(D::CreateKey) busy_label=Key::Dev(D::CreatingKey) pending=create.pending() />
            </form>
            <div role="status" aria-live="polite">
                {move || created.get().map(|key| view! { <NewSecret secret=key.secret created=created /> })}
            </div>
        </div>
    }
}

/// The new key's secret: shown this once, with a copy button, until dismissed.
#[component]
fn NewSecret(secret: String, created: RwSignal<Option<CreatedApiKey>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert-success new-secret">
            <p class="alert-title">{i18n.tr(Key::Dev(D::SecretTitle))}</p>
            <p>{i18n.tr(Key::Dev(D::SecretBody))}</p>
            <CopyField id=String::from("new_secret") label=Key::Dev(D::SecretLabel) value=Signal::derive(move || secret.clone()) />
            <button type="button" class="btn btn-primary btn-small" on:click=move |_| created.set(None)>
                {i18n.tr(Key::Dev(D::Done))}
            </button>
        </div>
    }
}
