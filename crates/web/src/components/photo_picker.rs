//! Photos chosen from the device, each uploaded as soon as it is chosen (so submitting is
//! quick), with thumbnails, progress and a remove button: the issue report, the return wizard
//! and the message composer all attach photos by id through it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::orders::PhotoView;
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::api::{ApiResult, AuthorizedApi, ShopperApi};
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, error_kind_key};

pub const MAX_PHOTOS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub enum Upload {
    Sending,
    Done(PhotoView),
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    key: u64,
    pub name: String,
    /// A local object URL, so the thumbnail shows before the upload ends.
    preview: String,
    pub state: Upload,
}

/// Where the photos go.
#[derive(Debug, Clone, PartialEq)]
pub enum Uploader {
    /// The shopper's open order (none when the order is not open any more).
    Shopper(Option<ShopperApi>),
    /// Staff attaching to a message about order `number` (photos are stored under it).
    Staff { api: AuthorizedApi, number: String },
}

impl Uploader {
    async fn upload(&self, file: &web_sys::File) -> ApiResult<PhotoView> {
        match self {
            Uploader::Shopper(Some(api)) => api.upload_photo(file).await,
            Uploader::Shopper(None) => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
            Uploader::Staff { api, number } => api.upload_message_photo(number, file).await,
        }
    }
}

/// Empties the picker once its photos went out with the form, freeing their previews.
pub fn clear(photos: RwSignal<Vec<Photo>>) {
    photos.update(|p| {
        for photo in p.drain(..) {
            let _ = web_sys::Url::revoke_object_url(&photo.preview);
        }
    });
}

/// The ids of the photos that finished uploading.
pub fn uploaded_ids(photos: &[Photo]) -> Vec<Uuid> {
    photos
        .iter()
        .filter_map(|p| match &p.state {
            Upload::Done(view) => Some(view.id),
            _ => None,
        })
        .collect()
}

/// How many are still on their way.
pub fn still_uploading(photos: &[Photo]) -> usize {
    photos.iter().filter(|p| p.state == Upload::Sending).count()
}

#[component]
pub fn PhotoPicker(
    /// The file input's id (server errors and focus find it by this).
    id: String,
    label: Key,
    hint: Key,
    uploader: Uploader,
    photos: RwSignal<Vec<Photo>>,
    error: ErrorSlot,
) -> impl IntoView {
    let i18n = use_i18n();
    let next_key = StoredValue::new(0_u64);
    let on_files = move |ev: leptos::ev::Event| {
        error.set(None);
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
            error.set(Some(FieldMessage::Key(Key::Portal(P::PhotosMax))));
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
            let uploader = uploader.clone();
            spawn_local(async move {
                let state = match uploader.upload(&file).await {
                    Ok(view) => Upload::Done(view),
                    Err(p) => Upload::Failed(p),
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
        let sending = photos.with(|p| still_uploading(p));
        (sending > 0).then(|| {
            i18n.t(Key::Portal(P::UploadingPhotos))
                .replace("{count}", &sending.to_string())
        })
    };
    let full = move || photos.with(|p| p.len() >= MAX_PHOTOS);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{i18n.tr(label)}</label>
            <p class="field-hint" id=hint_id.clone()>{i18n.tr(hint)}</p>
            <ul class="thumbs">{thumbnails}</ul>
            <input
                id=id.clone()
                type="file"
                multiple=true
                accept="image/png,image/jpeg,image/gif,image/webp"
                aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                disabled=full
                on:change=on_files
            />
            <p class="upload-progress" role="status" aria-live="polite">{progress}</p>
            <FieldErrorText id=error_id error=error />
        </div>
    }
}
