//! `/{slug}/order/issue`: report a problem with the order: what kind, what happened and up to
//! five photos, each uploaded as soon as it is chosen (so sending the report is quick).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::api::orders::ReportIssue;
use rebound_shared::api::settings::IssueType;
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};

use crate::api::ShopperApi;
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, FieldErrorText, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::photo_picker::{
    Photo, PhotoPicker, Uploader, still_uploading, uploaded_ids,
};
use crate::components::select::SelectField;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, issue_type_key};
use crate::pages::portal::opened::{use_opened_order, use_portal_config};
use crate::routes::Page;

fn issue_value(kind: IssueType) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[component]
pub fn IssuePage() -> impl IntoView {
    let opened = use_opened_order();
    let order = opened.order;
    let (slug, api) = (opened.slug.clone(), opened.api.clone());
    move || {
        match order.get() {
        None => view! { <div class="portal-card"><Loading /></div> }.into_any(),
        Some(Err(p)) => view! {
            <div class="portal-card"><ProblemAlert problem=Signal::derive(move || Some(p.clone())) /></div>
        }
        .into_any(),
        Some(Ok(found)) => view! { <IssueForm number=found.number slug=slug.clone() api=api.clone() /> }.into_any(),
    }
    }
}

#[component]
fn IssueForm(number: String, slug: String, api: Option<ShopperApi>) -> impl IntoView {
    let i18n = use_i18n();
    let types = use_portal_config()
        .map(|c| c.aftercare.issue_types)
        .unwrap_or_default();
    let kind = RwSignal::new(types.first().map(|t| issue_value(*t)).unwrap_or_default());
    let message = RwSignal::new(String::new());
    let kind_error: ErrorSlot = RwSignal::new(None);
    let message_error: ErrorSlot = RwSignal::new(None);
    let photos_error: ErrorSlot = RwSignal::new(None);
    let slots = [
        ("issue_type", kind_error),
        ("message", message_error),
        ("photo_ids", photos_error),
    ];
    let photos = RwSignal::new(Vec::<Photo>::new());
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(false);
    let picker_api = api.clone();
    let send = Action::new_local(move |body: &ReportIssue| {
        let (api, body) = (api.clone(), body.clone());
        async move {
            match api {
                Some(api) => api.report_issue(&body).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
            }
        }
    });
    Effect::new(move || match send.value().get() {
        Some(Ok(_)) => sent.set(true),
        Some(Err(p)) => {
            if show_server_errors(&p.errors, &slots) {
                focus_first_error(&slots);
            }
            problem.set(Some(p));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let text = message.get_untracked().trim().to_owned();
        message_error.set(if text.is_empty() {
            Some(FieldMessage::Key(Key::Portal(P::MessageRequired)))
        } else if text.chars().count() > limits::ISSUE_MESSAGE as usize {
            Some(FieldMessage::Key(Key::Portal(P::MessageTooLong)))
        } else {
            None
        });
        let issue_type =
            serde_json::from_value::<IssueType>(serde_json::Value::String(kind.get_untracked()));
        kind_error.set(
            issue_type
                .is_err()
                .then_some(FieldMessage::Key(Key::Required)),
        );
        if photos.with_untracked(|p| still_uploading(p)) > 0 {
            photos_error.set(Some(FieldMessage::Key(Key::Portal(
                P::PhotosStillUploading,
            ))));
        }
        let (Ok(issue_type), true) = (
            issue_type,
            slots.iter().all(|(_, s)| s.with_untracked(Option::is_none)),
        ) else {
            focus_first_error(&slots);
            return;
        };
        let photo_ids = photos.with_untracked(|p| uploaded_ids(p));
        send.dispatch(ReportIssue {
            issue_type,
            message: text,
            photo_ids,
        });
    };

    let type_options = Signal::derive({
        let types = types.clone();
        move || {
            types
                .iter()
                .map(|t| (issue_value(*t), i18n.t(issue_type_key(*t)).to_owned()))
                .collect::<Vec<_>>()
        }
    });
    let order_page = Page::PortalOrder(slug).path();

    view! {
        <section class="portal-card narrow" aria-labelledby="issue-title">
            <div>
                <p class="portal-eyebrow">{number}</p>
                <h1 id="issue-title" class="section-heading">{i18n.tr(Key::Portal(P::ReportProblem))}</h1>
            </div>
            {move || if sent.get() {
                view! {
                    <div class="alert alert-success" role="status">
                        <p class="alert-title">{i18n.tr(Key::Portal(P::ReportSentTitle))}</p>
                        <p>{i18n.tr(Key::Portal(P::ReportSentBody))}</p>
                    </div>
                    <a class="btn btn-brand" href=order_page.clone()>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                }.into_any()
            } else {
                view! {
                    <p class="muted">{i18n.tr(Key::Portal(P::ReportLead))}</p>
                    <ProblemAlert problem=problem />
                    <form class="form" novalidate on:submit=on_submit>
                        <SelectField
                            id="issue_type"
                            label=Signal::derive(move || i18n.t(Key::Portal(P::IssueType)).to_owned())
                            value=kind
                            error=kind_error
                            options=type_options
                            required=true
                        />
                        <div class="field" class:field-invalid=move || message_error.with(Option::is_some)>
                            <label for="message">{i18n.tr(Key::Portal(P::WhatHappened))}</label>
                            <p class="field-hint" id="message-hint">{i18n.tr(Key::Portal(P::WhatHappenedHint))}</p>
                            <textarea
                                id="message"
                                name="message"
                                rows="5"
                                maxlength=limits::ISSUE_MESSAGE
                                required=true
                                aria-invalid=move || message_error.with(Option::is_some).then_some("true")
                                aria-describedby="message-hint message-error"
                                prop:value=move || message.get()
                                on:input=move |ev| {
                                    message.set(event_target_value(&ev));
                                    message_error.set(None);
                                }
                            ></textarea>
                            <FieldErrorText id="message-error".to_owned() error=message_error />
                        </div>
                        <PhotoPicker
                            id="photo_ids".to_owned()
                            label=Key::Portal(P::Photos)
                            hint=Key::Portal(P::PhotosHint)
                            uploader=Uploader::Shopper(picker_api.clone())
                            photos=photos
                            error=photos_error
                        />
                        <div class="form-actions">
                            <SubmitButton label=Key::Portal(P::SendReport) busy_label=Key::Portal(P::SendingReport) pending=send.pending() brand=true />
                            <a class="btn btn-ghost" href=order_page.clone()>{i18n.tr(Key::Portal(P::Cancel))}</a>
                        </div>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
