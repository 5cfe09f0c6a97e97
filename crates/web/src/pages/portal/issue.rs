//! `/{slug}/order/issue`: report a problem with the order: what kind, what happened and up to
//! five photos, each uploaded as soon as it is chosen (so sending the report is quick).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::orders::{PhotoView, ReportIssue};
use rebound_shared::api::settings::IssueType;
use rebound_shared::{ErrorKind, Problem};
use wasm_bindgen::JsCast;

use crate::api::ShopperApi;
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, FieldErrorText, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::select::SelectField;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, error_kind_key, issue_type_key};
use crate::pages::portal::opened::{use_opened_order, use_portal_config};
use crate::routes::Page;

const MAX_PHOTOS: usize = 5;
const MAX_MESSAGE: usize = 2000;

#[derive(Debug, Clone, PartialEq)]
enum Upload {
    Sending,
    Done(PhotoView),
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
struct Photo {
    key: u64,
    name: String,
    /// A local object URL, so the thumbnail shows before the upload ends.
    preview: String,
    state: Upload,
}

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
    let next_key = StoredValue::new(0_u64);
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(false);
    let uploading =
        move || photos.with(|p| p.iter().filter(|p| p.state == Upload::Sending).count());

    let upload_api = api.clone();
    let on_files = move |ev: leptos::ev::Event| {
        photos_error.set(None);
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let room = MAX_PHOTOS.saturating_sub(photos.with_untracked(Vec::len));
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if chosen.len() > room {
            photos_error.set(Some(FieldMessage::Key(Key::Portal(P::PhotosMax))));
        }
        // The same file may be chosen again after a removal.
        input.set_value("");
        for file in chosen.into_iter().take(room) {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
            photos.update(|p| {
                p.push(Photo {
                    key,
                    name: file.name(),
                    preview,
                    state: Upload::Sending,
                })
            });
            let api = upload_api.clone();
            spawn_local(async move {
                let state = match api {
                    Some(api) => match api.upload_photo(&file).await {
                        Ok(view) => Upload::Done(view),
                        Err(p) => Upload::Failed(p),
                    },
                    None => Upload::Failed(Problem::new(ErrorKind::Unauthorized, "no open order")),
                };
                photos.update(|p| {
                    if let Some(photo) = p.iter_mut().find(|p| p.key == key) {
                        photo.state = state;
                    }
                });
            });
        }
    };
    let remove = move |key: u64| {
        photos.update(|p| {
            if let Some(at) = p.iter().position(|p| p.key == key) {
                let gone = p.remove(at);
                let _ = web_sys::Url::revoke_object_url(&gone.preview);
            }
        });
    };

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
        } else if text.chars().count() > MAX_MESSAGE {
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
        if uploading() > 0 {
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
        let photo_ids = photos.with_untracked(|p| {
            p.iter()
                .filter_map(|p| match &p.state {
                    Upload::Done(view) => Some(view.id),
                    _ => None,
                })
                .collect()
        });
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
    let thumbnails = move || {
        photos
            .get()
            .into_iter()
            .map(|photo| {
                let key = photo.key;
                let src = match &photo.state {
                    Upload::Done(view) => view.url.clone(),
                    _ => photo.preview.clone(),
                };
                let status = match &photo.state {
                    Upload::Sending => view! { <span class="thumb-status"><span class="spinner" aria-hidden="true"></span></span> }.into_any(),
                    Upload::Done(_) => ().into_any(),
                    Upload::Failed(p) => {
                        let reason = match p.kind {
                            ErrorKind::NotFound => i18n.t(Key::Portal(P::PhotoUploadUnavailable)),
                            kind => i18n.t(error_kind_key(kind)),
                        };
                        view! { <span class="thumb-error">{reason}</span> }.into_any()
                    }
                };
                let label = i18n.t(Key::Portal(P::RemovePhoto)).replace("{name}", &photo.name);
                view! {
                    <li class="thumb" class:thumb-failed=matches!(photo.state, Upload::Failed(_))>
                        <img src=src alt=photo.name.clone() />
                        {status}
                        <button type="button" class="thumb-remove" aria-label=label on:click=move |_| remove(key)>
                            <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" /></svg>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let progress = move || {
        let sending = uploading();
        (sending > 0).then(|| {
            i18n.t(Key::Portal(P::UploadingPhotos))
                .replace("{count}", &sending.to_string())
        })
    };
    let full = move || photos.with(|p| p.len() >= MAX_PHOTOS);

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
                                maxlength=MAX_MESSAGE
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
                        <div class="field">
                            <label for="photo_ids">{i18n.tr(Key::Portal(P::Photos))}</label>
                            <p class="field-hint" id="photos-hint">{i18n.tr(Key::Portal(P::PhotosHint))}</p>
                            <ul class="thumbs">{thumbnails}</ul>
                            <input
                                id="photo_ids"
                                type="file"
                                multiple=true
                                accept="image/png,image/jpeg,image/gif,image/webp"
                                aria-describedby="photos-hint photo_ids-error"
                                disabled=full
                                on:change=on_files.clone()
                            />
                            <p class="upload-progress" role="status" aria-live="polite">{progress}</p>
                            <FieldErrorText id="photo_ids-error".to_owned() error=photos_error />
                        </div>
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
