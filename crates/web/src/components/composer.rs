//! Writing a message: the text, photos uploaded as soon as they are chosen, and for staff a
//! canned-reply picker. Used by the dashboard's threads and the portal's Messages section.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::helpdesk::{PostMessage, ThreadSubject, ThreadView};
use rebound_shared::limits;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{ApiResult, AuthorizedApi, ShopperApi};
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, FieldErrorText, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::photo_picker::{
    self, Photo, PhotoPicker, Uploader, still_uploading, uploaded_ids,
};
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key, P};

/// Who writes, and where the photos go.
#[derive(Debug, Clone, PartialEq)]
pub enum Writer {
    /// Staff, about order `number` (photos are stored under it), in `subject`'s thread.
    Staff {
        api: AuthorizedApi,
        number: String,
        subject: ThreadSubject,
    },
    /// The shopper, about the looked-up order (its own thread).
    Shopper(ShopperApi),
}

impl Writer {
    fn uploader(&self) -> Uploader {
        match self {
            Writer::Staff { api, number, .. } => Uploader::Staff {
                api: api.clone(),
                number: number.clone(),
            },
            Writer::Shopper(api) => Uploader::Shopper(Some(api.clone())),
        }
    }

    async fn post(&self, body: &PostMessage) -> ApiResult<ThreadView> {
        match self {
            Writer::Staff { api, .. } => api.post_message(body).await,
            Writer::Shopper(api) => api.post_message(body).await,
        }
    }

    fn subject(&self) -> Option<ThreadSubject> {
        match self {
            Writer::Staff { subject, .. } => Some(*subject),
            Writer::Shopper(_) => None,
        }
    }

    fn is_staff(&self) -> bool {
        matches!(self, Writer::Staff { .. })
    }
}

/// A fresh id for one draft: sent again on a retry, it lets the server find the first message
/// instead of posting a second one.
fn request_id() -> String {
    let now = js_sys::Date::now() as u64;
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{now:x}-{a:08x}{b:08x}")
}

/// Inserts `text` at the caret of the text field `id` (or at the end), keeping `value` in step
/// and putting the caret after the insertion.
pub fn insert_at_caret(id: &str, value: RwSignal<String>, text: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    let current = value.get_untracked();
    // The browser counts the caret in UTF-16 units; find the matching byte offsets.
    let caret = |name: &str| {
        element
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &JsValue::from_str(name)).ok())
            .and_then(|v| v.as_f64())
            .map(|units| utf16_to_byte(&current, units as usize))
    };
    let end = current.len();
    let (start, stop) = match (caret("selectionStart"), caret("selectionEnd")) {
        (Some(s), Some(e)) if s <= e => (s, e),
        _ => (end, end),
    };
    let updated = format!("{}{text}{}", &current[..start], &current[stop..]);
    let after = current[..start].encode_utf16().count() + text.encode_utf16().count();
    value.set(updated);
    if let Some(element) = element {
        request_animation_frame(move || {
            let at = JsValue::from_f64(after as f64);
            let _ = js_sys::Reflect::set(&element, &"selectionStart".into(), &at);
            let _ = js_sys::Reflect::set(&element, &"selectionEnd".into(), &at);
            if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = html.focus();
            }
        });
    }
}

fn utf16_to_byte(s: &str, units: usize) -> usize {
    let mut seen = 0;
    for (byte, c) in s.char_indices() {
        if seen >= units {
            return byte;
        }
        seen += c.len_utf16();
    }
    s.len()
}

#[component]
pub fn Composer(
    writer: Writer,
    /// Called with the thread as the server answers after a message went out.
    #[prop(into)]
    on_sent: Callback<ThreadView>,
    /// The heading over the form.
    label: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = writer.is_staff();
    let body = RwSignal::new(String::new());
    let body_error: ErrorSlot = RwSignal::new(None);
    let photos_error: ErrorSlot = RwSignal::new(None);
    let subject_error: ErrorSlot = RwSignal::new(None);
    let slots = [
        ("body", body_error),
        ("photo_ids", photos_error),
        ("subject", subject_error),
    ];
    let photos = RwSignal::new(Vec::<Photo>::new());
    let draft_id = StoredValue::new(request_id());
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let writer = StoredValue::new(writer);

    let canned = LocalResource::new(move || {
        let api = writer.with_value(|w| match w {
            Writer::Staff { api, .. } => Some(api.clone()),
            Writer::Shopper(_) => None,
        });
        async move {
            match api {
                Some(api) => api.canned_replies().await,
                None => Ok(Vec::new()),
            }
        }
    });
    let on_canned = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        // Back to the prompt, so the same reply can be inserted again.
        if let Some(target) = ev.target() {
            let _ = js_sys::Reflect::set(&target, &"value".into(), &"".into());
        }
        let reply = canned
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|r| r.id.to_string() == chosen));
        if let Some(reply) = reply {
            body_error.set(None);
            insert_at_caret("body", body, &reply.body);
        }
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        problem.set(None);
        let text = body.get_untracked().trim().to_owned();
        body_error.set(if text.is_empty() {
            Some(FieldMessage::Key(Key::Portal(P::MessageRequired)))
        } else if text.chars().count() > limits::MESSAGE_BODY as usize {
            Some(FieldMessage::Key(Key::Portal(P::MessageTooLong)))
        } else {
            None
        });
        if photos.with_untracked(|p| still_uploading(p)) > 0 {
            photos_error.set(Some(FieldMessage::Key(Key::Portal(
                P::PhotosStillUploading,
            ))));
        }
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let photo_ids = photos.with_untracked(|p| uploaded_ids(p));
        let message = PostMessage {
            subject: writer.with_value(Writer::subject),
            body: text,
            photo_ids,
            client_request_id: Some(draft_id.get_value()),
        };
        let writer = writer.get_value();
        pending.set(true);
        spawn_local(async move {
            let result = writer.post(&message).await;
            pending.set(false);
            match result {
                Ok(thread) => {
                    body.set(String::new());
                    photo_picker::clear(photos);
                    draft_id.set_value(request_id());
                    on_sent.run(thread);
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

    let hint = if staff {
        H::StaffMessageHint
    } else {
        H::ShopperMessageHint
    };
    let picker = move || {
        staff.then(|| match canned.get() {
            Some(Ok(replies)) if !replies.is_empty() => view! {
                <div class="field canned-picker">
                    <label for="canned-reply">{i18n.tr(Key::Help(H::CannedReply))}</label>
                    <select id="canned-reply" on:change=on_canned>
                        <option value="">{i18n.tr(Key::Help(H::CannedPick))}</option>
                        {replies
                            .into_iter()
                            .map(|r| view! { <option value=r.id.to_string()>{r.title}</option> })
                            .collect_view()}
                    </select>
                </div>
            }
            .into_any(),
            Some(Ok(_)) => {
                view! { <p class="field-hint">{i18n.tr(Key::Help(H::CannedNone))}</p> }.into_any()
            }
            _ => ().into_any(),
        })
    };

    view! {
        <form class="form composer" novalidate on:submit=on_submit aria-labelledby="composer-title">
            <h3 id="composer-title" class="composer-title">{i18n.tr(label)}</h3>
            <ProblemAlert problem=problem />
            <FieldErrorText id="subject-error".to_owned() error=subject_error />
            {picker}
            <div class="field" class:field-invalid=move || body_error.with(Option::is_some)>
                <label for="body">{i18n.tr(Key::Help(H::YourMessage))}</label>
                <p class="field-hint" id="body-hint">{i18n.tr(Key::Help(hint))}</p>
                <textarea
                    id="body"
                    name="body"
                    rows="5"
                    maxlength=limits::MESSAGE_BODY
                    required=true
                    aria-invalid=move || body_error.with(Option::is_some).then_some("true")
                    aria-describedby="body-hint body-error"
                    prop:value=move || body.get()
                    on:input=move |ev| {
                        body.set(event_target_value(&ev));
                        body_error.set(None);
                    }
                ></textarea>
                <FieldErrorText id="body-error".to_owned() error=body_error />
            </div>
            <PhotoPicker
                id="photo_ids".to_owned()
                label=Key::Help(H::AttachPhotos)
                hint=Key::Portal(P::PhotosHint)
                uploader=writer.with_value(Writer::uploader)
                photos=photos
                error=photos_error
            />
            <div class="form-actions">
                <SubmitButton label=Key::Help(H::Send) busy_label=Key::Help(H::Sending) pending=pending brand=!staff />
            </div>
        </form>
    }
}
