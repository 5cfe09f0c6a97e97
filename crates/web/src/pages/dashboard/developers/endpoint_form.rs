//! The form that adds a webhook endpoint or changes one: its https URL, a description, the
//! events it is sent and on/off. The server's verdict on a field shows under that field.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::Problem;
use rebound_shared::api::webhooks::{
    DESCRIPTION_MAX, WebhookEndpointInput, WebhookEndpointView, WebhookEvent,
};
use rebound_shared::domain::{URL_MAX, validate_http_url};

use crate::api::{ApiResult, AuthorizedApi};
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, SubmitButton, focus_first_error,
    show_server_errors,
};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, W, webhook_event_key};

/// The first event checkbox's id: where focus goes when no event is ticked.
const FIRST_EVENT: &str = "event-order-created";

fn event_id(event: WebhookEvent) -> String {
    format!("event-{}", event.as_str().replace(['.', '_'], "-"))
}

/// Adds an endpoint when `existing` is `None`, else changes that one; `on_saved` gets what the
/// server answered.
#[component]
pub fn EndpointForm(
    existing: Option<WebhookEndpointView>,
    #[prop(into)] on_saved: Callback<WebhookEndpointView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let id = existing.as_ref().map(|e| e.id);
    let url = RwSignal::new(existing.as_ref().map(|e| e.url.clone()).unwrap_or_default());
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.description.clone())
            .unwrap_or_default(),
    );
    let events = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.events.clone())
            .unwrap_or_default(),
    );
    let enabled = RwSignal::new(existing.as_ref().is_none_or(|e| e.enabled));
    let url_error: ErrorSlot = RwSignal::new(None);
    let description_error: ErrorSlot = RwSignal::new(None);
    let events_error: ErrorSlot = RwSignal::new(None);
    let slots = [
        ("url", url_error),
        ("description", description_error),
        (FIRST_EVENT, events_error),
    ];
    let problem = RwSignal::new(None::<Problem>);

    let save = Action::new_local(move |(api, body): &(AuthorizedApi, WebhookEndpointInput)| {
        let (api, body) = (api.clone(), body.clone());
        async move {
            match id {
                Some(id) => api.update_webhook_endpoint(id, &body).await,
                None => api.create_webhook_endpoint(&body).await,
            }
        }
    });
    Effect::new(move || {
        let result: Option<ApiResult<WebhookEndpointView>> = save.value().get();
        match result {
            Some(Ok(saved)) => {
                if id.is_none() {
                    url.set(String::new());
                    description.set(String::new());
                    events.set(Vec::new());
                    enabled.set(true);
                }
                on_saved.run(saved);
            }
            Some(Err(p)) => {
                show_server_errors(
                    &p.errors,
                    &[("url", url_error), ("description", description_error)],
                );
                if let Some(error) = p.field("events") {
                    events_error.set(Some(FieldMessage::from_server(error)));
                }
                focus_first_error(&slots);
                problem.set(Some(p));
            }
            None => {}
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let typed = url.get_untracked().trim().to_owned();
        url_error.set(if typed.is_empty() {
            Some(FieldMessage::Key(Key::Required))
        } else {
            FieldMessage::check("url", &typed, validate_http_url)
        });
        let length = description.with_untracked(|d| d.trim().chars().count()) as u64;
        description_error
            .set((length > DESCRIPTION_MAX).then_some(FieldMessage::Key(Key::RuleTooLong)));
        events_error.set(
            events
                .with_untracked(Vec::is_empty)
                .then_some(FieldMessage::Key(Key::Hook(W::EventRequired))),
        );
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api() else { return };
        // Sent in the list's order, whatever order they were ticked in.
        let chosen = events.get_untracked();
        let ordered = WebhookEvent::ALL
            .into_iter()
            .filter(|e| chosen.contains(e))
            .collect();
        save.dispatch((
            api,
            WebhookEndpointInput {
                url: typed,
                description: description.get_untracked().trim().to_owned(),
                events: ordered,
                enabled: enabled.get_untracked(),
            },
        ));
    };

    let checkbox = move |event: WebhookEvent| {
        let input_id = event_id(event);
        let label_for = input_id.clone();
        view! {
            <label class="toggle-field" for=label_for>
                <input
                    id=input_id
                    type="checkbox"
                    name="events"
                    value=event.as_str()
                    aria-describedby="events-error"
                    prop:checked=move || events.with(|s| s.contains(&event))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        events.update(|s| {
                            s.retain(|x| *x != event);
                            if on {
                                s.push(event);
                            }
                        });
                        events_error.set(None);
                    }
                />
                <span>{i18n.tr(webhook_event_key(event))} " " <code>{event.as_str()}</code></span>
            </label>
        }
    };
    let (label, busy) = if id.is_some() {
        (Key::Hook(W::SaveEndpoint), Key::Hook(W::Saving))
    } else {
        (Key::Hook(W::AddEndpoint), Key::Hook(W::Adding))
    };

    view! {
        <ProblemAlert problem=problem />
        <form class="form endpoint-form" novalidate on:submit=on_submit>
            <Field
                id="url"
                input_type="url"
                label=Key::Hook(W::Url)
                hint=Key::Hook(W::UrlHint)
                value=url
                error=url_error
                max_length=URL_MAX as u64
                autocomplete="off"
                literal=true
                required=true
            />
            <Field
                id="description"
                label=Key::Hook(W::Description)
                hint=Key::Hook(W::DescriptionHint)
                value=description
                error=description_error
                max_length=DESCRIPTION_MAX
                autocomplete="off"
            />
            <fieldset class="field event-choice" aria-describedby="events-hint">
                <legend>{i18n.tr(Key::Hook(W::Events))}</legend>
                <p class="field-hint" id="events-hint">{i18n.tr(Key::Hook(W::EventsHint))}</p>
                <div class="event-grid">{WebhookEvent::ALL.into_iter().map(checkbox).collect_view()}</div>
                <FieldErrorText id={String::from("events-error")} error=events_error />
            </fieldset>
            <label class="toggle-field" for="enabled">
                <input
                    id="enabled"
                    type="checkbox"
                    prop:checked=move || enabled.get()
                    on:change=move |ev| enabled.set(event_target_checked(&ev))
                />
                <span>{i18n.tr(Key::Hook(W::Enabled))}</span>
            </label>
            <SubmitButton label=label busy_label=busy pending=save.pending() />
        </form>
    }
}
