//! The Notifications tab: every mail Rebound sends for the shop, optional ones with an on/off
//! switch, and per event and language a template editor with placeholder chips and a live
//! preview rendered with the server's own code (`rebound_shared::mail::render`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::notifications::{
    LocalisedTemplate, MailEvent, MailEventSettings, MailTemplate,
};
use rebound_shared::api::settings::BrandingView;
use rebound_shared::domain::{Lang, Money};
use rebound_shared::limits;
use rebound_shared::mail::{MailBranding, render, unknown_placeholders};
use rebound_shared::{ErrorKind, Problem};
use std::collections::BTreeMap;

use crate::components::alert::ProblemAlert;
use crate::components::composer::insert_at_caret;
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, focus_first_error, show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, M, S, event_key};

/// What the preview fills the placeholders with.
fn sample_values(shop: &str, slug: &str) -> BTreeMap<String, String> {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let portal = format!("{origin}/{slug}");
    [
        ("shop_name", shop.to_owned()),
        ("customer_name", "Jamie Rivera".to_owned()),
        ("customer_email", "jamie@example.com".to_owned()),
        ("order_number", "#1042".to_owned()),
        ("portal_url", portal.clone()),
        ("return_number", "R-1042-1".to_owned()),
        (
            "items",
            "1 × Merino crew sweater (M)\n2 × Wool socks".to_owned(),
        ),
        ("carrier", "Canada Post".to_owned()),
        ("tracking_number", "7316 4210 0098".to_owned()),
        ("tracking_url", format!("{portal}/order?track=1")),
        ("survey_url", format!("{portal}/survey/sample")),
        ("label_url", format!("{portal}/label/R-1042-1.pdf")),
        ("qr_url", format!("{portal}/qr/R-1042-1.png")),
        ("reason", "The item was worn.".to_owned()),
        ("amount", Money::show(8900, "CAD", Lang::En)),
        ("credit_code", "CREDIT-8F2K".to_owned()),
        ("received_at", "12 March 2026".to_owned()),
        (
            "message",
            "Could you check the size before shipping?".to_owned(),
        ),
        ("thread_url", format!("{portal}/order")),
        (
            "old_address",
            "12 Elm Street, Toronto ON M5V 2T6".to_owned(),
        ),
        (
            "new_address",
            "48 King Street W, Toronto ON M5H 1J8".to_owned(),
        ),
        ("issue_type", "Damaged in transit".to_owned()),
        ("staff_name", "Alex Morgan".to_owned()),
        ("week", "2026-W48 (Nov 23 – Nov 29)".to_owned()),
        (
            "figures",
            "Orders with a return requested: 12 (week before: 9)\nReturn rate (orders delivered): 4.8 % (week before: 4.1 %)".to_owned(),
        ),
        ("analytics_url", format!("{origin}/dashboard/analytics")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

#[component]
pub fn NotificationsTab(
    branding: BrandingView,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let events = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.mail_settings().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let open = RwSignal::new(None::<MailEvent>);
    let branding = StoredValue::new(branding);
    let list = move || {
        match events.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(all)) => view! {
            <ul class="mail-events">
                {all
                    .into_iter()
                    .map(|settings| {
                        view! { <EventRow settings=settings open=open readonly=readonly branding=branding.get_value() /> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <section class="card" aria-labelledby="mail-title">
            <div class="card-header">
                <h2 id="mail-title" class="card-title">{i18n.tr(Key::Mail(M::NotificationsTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Mail(M::NotificationsLead))}</p>
            </div>
            {list}
        </section>
    }
}

#[component]
fn EventRow(
    settings: MailEventSettings,
    open: RwSignal<Option<MailEvent>>,
    readonly: Signal<bool>,
    branding: BrandingView,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let event = settings.event;
    let enabled = RwSignal::new(settings.enabled || settings.transactional);
    let problem = RwSignal::new(None::<Problem>);
    let locked = settings.transactional;
    let toggle_id = format!("mail-on-{}", event.key());
    let on_toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let Some(api) = auth.api_untracked() else {
            return;
        };
        enabled.set(on);
        problem.set(None);
        spawn_local(async move {
            match api.set_mail_event(event, on).await {
                Ok(()) => toasts.show(Key::Mail(if on { M::TurnedOn } else { M::TurnedOff })),
                Err(p) => {
                    enabled.set(!on);
                    problem.set(Some(p));
                }
            }
        });
    };
    let is_open = move || open.get() == Some(event);
    let editor_id = format!("mail-editor-{}", event.key());
    let templates = settings.templates.clone();
    let placeholders = settings.placeholders.clone();
    view! {
        <li class="mail-event">
            <div class="mail-event-head">
                <div>
                    <p class="mail-event-name">{i18n.tr(Key::Mail(event_key(event)))}</p>
                    <div class="mail-event-tags">
                        <span class="badge badge-muted">
                            {i18n.tr(Key::Mail(if settings.to_shop { M::ToShop } else { M::ToCustomer }))}
                        </span>
                        {locked.then(|| view! { <span class="badge">{i18n.tr(Key::Mail(M::AlwaysSent))}</span> })}
                        {settings
                            .templates
                            .iter()
                            .filter(|t| t.customised)
                            .map(|t| view! {
                                <span class="badge badge-muted">{i18n.tr(Key::Mail(M::Customised))} " (" {t.locale.to_uppercase()} ")"</span>
                            })
                            .collect_view()}
                    </div>
                </div>
                <div class="check">
                    <input
                        type="checkbox"
                        id=toggle_id.clone()
                        prop:checked=move || enabled.get()
                        disabled=move || locked || readonly.get()
                        aria-describedby=locked.then(|| format!("{toggle_id}-locked"))
                        on:change=on_toggle
                    />
                    <label for=toggle_id.clone()>{i18n.tr(Key::Mail(M::SendThis))}</label>
                </div>
                <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    aria-expanded=move || is_open().to_string()
                    aria-controls=editor_id.clone()
                    on:click=move |_| open.set(if is_open() { None } else { Some(event) })
                >
                    {move || i18n.t(Key::Mail(if is_open() { M::CloseEditor } else { M::EditWording }))}
                </button>
            </div>
            {locked.then(|| view! { <p class="visually-hidden" id=format!("{toggle_id}-locked")>{i18n.tr(Key::Mail(M::AlwaysSent))}</p> })}
            <ProblemAlert problem=problem />
            <div id=editor_id>
                {move || is_open().then(|| view! {
                    <TemplateEditor
                        event=event
                        templates=templates.clone()
                        placeholders=placeholders.clone()
                        readonly=readonly
                        branding=branding.clone()
                    />
                })}
            </div>
        </li>
    }
}

#[component]
fn TemplateEditor(
    event: MailEvent,
    templates: Vec<LocalisedTemplate>,
    placeholders: Vec<String>,
    readonly: Signal<bool>,
    branding: BrandingView,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let templates = RwSignal::new(templates);
    let language = RwSignal::new(i18n.locale().tag().to_owned());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let subject_error: ErrorSlot = RwSignal::new(None);
    let body_error: ErrorSlot = RwSignal::new(None);
    let slots = [("subject", subject_error), ("body", body_error)];
    let problem = RwSignal::new(None::<Problem>);
    let saving = RwSignal::new(false);
    let resetting = RwSignal::new(false);
    // Where a chip inserts its placeholder: the field last used.
    let target = RwSignal::new("body");
    // Switching language loads that language's wording into the fields.
    Effect::new(move || {
        let tag = language.get();
        let found = templates.with_untracked(|all| all.iter().find(|t| t.locale == tag).cloned());
        if let Some(t) = found {
            subject.set(t.subject);
            body.set(t.body);
        }
        subject_error.set(None);
        body_error.set(None);
    });
    let customised = move || {
        templates
            .with(|all| language.with(|tag| all.iter().any(|t| &t.locale == tag && t.customised)))
    };
    let brand = MailBranding {
        shop_name: branding.settings.company_name.clone(),
        primary_colour: branding.settings.primary_colour.clone(),
        logo_url: branding.logo_url.clone(),
        unsubscribe_url: (!event.transactional()).then(|| {
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            format!("{origin}/{}/unsubscribe", branding.settings.slug)
        }),
    };
    let samples = sample_values(&branding.settings.company_name, &branding.settings.slug);
    let preview = Memo::new(move |_| {
        let template = MailTemplate {
            subject: subject.get(),
            body: body.get(),
        };
        render(&template, &samples, &brand)
    });
    // Flags an unknown placeholder as it is typed, before the server would.
    let unknown = move |text: &str| {
        let names = unknown_placeholders(event, text);
        (!names.is_empty()).then(|| {
            FieldMessage::Text(
                i18n.t(Key::Mail(M::UnknownPlaceholder)).replace(
                    "{names}",
                    &names
                        .iter()
                        .map(|n| format!("{{{{{n}}}}}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            )
        })
    };
    let store = move |saved: LocalisedTemplate| {
        templates.update(
            |all| match all.iter_mut().find(|t| t.locale == saved.locale) {
                Some(t) => *t = saved.clone(),
                None => all.push(saved.clone()),
            },
        );
        if language.get_untracked() == saved.locale {
            subject.set(saved.subject);
            body.set(saved.body);
        }
    };
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        subject_error.set(unknown(&subject.get_untracked()));
        body_error.set(unknown(&body.get_untracked()));
        if subject.with_untracked(|s| s.trim().is_empty()) {
            subject_error.set(Some(FieldMessage::Key(Key::Required)));
        }
        if body.with_untracked(|s| s.trim().is_empty()) {
            body_error.set(Some(FieldMessage::Key(Key::Required)));
        }
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let tag = language.get_untracked();
        let template = MailTemplate {
            subject: subject.get_untracked(),
            body: body.get_untracked(),
        };
        saving.set(true);
        spawn_local(async move {
            let result = api.save_mail_template(event, &tag, &template).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    store(saved);
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
    let on_reset = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        let tag = language.get_untracked();
        resetting.set(true);
        spawn_local(async move {
            let result = api.reset_mail_template(event, &tag).await;
            resetting.set(false);
            match result {
                Ok(saved) => {
                    subject_error.set(None);
                    body_error.set(None);
                    store(saved);
                    toasts.show(Key::Mail(M::WasReset));
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let chips = placeholders
        .into_iter()
        .map(|name| {
            let token = format!("{{{{{name}}}}}");
            let shown = token.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="placeholder-chip"
                        disabled=move || readonly.get()
                        on:click=move |_| {
                            let (id, value) = if target.get_untracked() == "subject" { ("subject", subject) } else { ("body", body) };
                            insert_at_caret(id, value, &token);
                        }
                    >
                        {shown}
                    </button>
                </li>
            }
        })
        .collect_view();
    let languages = Locale::ALL
        .into_iter()
        .map(|l| {
            let tag = l.tag().to_owned();
            let selected = {
                let tag = tag.clone();
                move || language.get() == tag
            };
            let label = l.native_name();
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    aria-selected=move || selected().to_string()
                    on:click=move |_| language.set(tag.clone())
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let frame_title = move || i18n.t(Key::Mail(M::PreviewFrame));
    view! {
        <div class="mail-editor">
            <form class="form" novalidate on:submit=on_save>
                <div class="tabs" role="tablist" aria-label=i18n.tr(Key::Language)>{languages}</div>
                <fieldset class="plain" disabled=move || readonly.get()>
                    <ProblemAlert problem=problem />
                    <div on:focusin=move |_| target.set("subject")>
                        <Field id="subject" label=Key::Mail(M::Subject) value=subject error=subject_error required=true max_length=limits::MAIL_SUBJECT />
                    </div>
                    <div class="field" class:field-invalid=move || body_error.with(Option::is_some)>
                        <label for="body">{i18n.tr(Key::Mail(M::Body))}</label>
                        <p class="field-hint" id="body-hint">{i18n.tr(Key::Mail(M::BodyHint))}</p>
                        <textarea
                            id="body"
                            maxlength=limits::MAIL_BODY
                            name="body"
                            rows="12"
                            required=true
                            aria-invalid=move || body_error.with(Option::is_some).then_some("true")
                            aria-describedby="body-hint body-error"
                            prop:value=move || body.get()
                            on:focus=move |_| target.set("body")
                            on:input=move |ev| {
                                body.set(event_target_value(&ev));
                                body_error.set(None);
                            }
                        ></textarea>
                        <FieldErrorText id="body-error".to_owned() error=body_error />
                    </div>
                    <div class="field">
                        <p class="field-label" id="chips-label">{i18n.tr(Key::Mail(M::Placeholders))}</p>
                        <ul class="placeholder-chips" aria-labelledby="chips-label">{chips}</ul>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || saving.get() aria-busy=move || saving.get().then_some("true")>
                            {move || i18n.t(Key::Set(if saving.get() { S::Saving } else { S::Save }))}
                        </button>
                        <button
                            type="button"
                            class="btn btn-secondary"
                            disabled=move || resetting.get() || !customised()
                            on:click=on_reset
                        >
                            {move || i18n.t(Key::Mail(if resetting.get() { M::Resetting } else { M::ResetDefault }))}
                        </button>
                    </div>
                </fieldset>
            </form>
            <div class="mail-preview">
                <p class="preview-label">{i18n.tr(Key::Mail(M::Preview))}</p>
                <p class="mail-preview-subject"><strong>{i18n.tr(Key::Mail(M::Subject))} ": "</strong> <span class="preview-subject">{move || preview.with(|p| p.subject.clone())}</span></p>
                // No scripts, no same-origin: the merchant's text cannot act on the dashboard.
                <iframe class="mail-frame" sandbox="" title=frame_title srcdoc=move || preview.with(|p| p.html.clone())></iframe>
                <p class="preview-label">{i18n.tr(Key::Mail(M::TextPart))}</p>
                <pre class="mail-text preview-text">{move || preview.with(|p| p.text.clone())}</pre>
            </div>
        </div>
    }
}
