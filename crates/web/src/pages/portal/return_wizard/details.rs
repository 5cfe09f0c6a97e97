//! Step three, for defective items: a comment and photos; and for an item the shop lets the
//! shopper keep once it has seen it: a photo.

use leptos::prelude::*;
use rebound_shared::limits;

use crate::components::field::FieldErrorText;
use crate::components::photo_picker::{PhotoPicker, Uploader};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, R};

use super::form::{Wizard, reason_label};

#[component]
pub(super) fn DetailsStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let api = leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("slug"))
        .and_then(|slug| crate::contexts::order_access::shopper_api(&slug));
    view! {
        <p class="muted">{i18n.tr(Key::Ret(if wizard.any_defective() { R::DetailsLead } else { R::KeepPhotoLead }))}</p>
        {wizard
            .chosen()
            .into_iter()
            .filter(|line| wizard.wants_photos(line))
            .map(|line| {
                let defective = wizard.is_defective(&line);
                let item = wizard.options.with_value(|o| o.items[line.index].clone());
                let comment_id = format!("comment-{}", line.index);
                let comment_error_id = format!("{comment_id}-error");
                let reason = wizard.reason_of(&line);
                view! {
                    <fieldset class="return-defect">
                        <legend>
                            {item.title.clone()}
                            {reason.map(|r| view! { <span class="muted">" · " {move || reason_label(&r, i18n.locale())}</span> })}
                        </legend>
                        {defective.then(|| view! {
                        <div class="field" class:field-invalid=move || line.comment_error.with(Option::is_some)>
                            <label for=comment_id.clone()>{i18n.tr(Key::Ret(R::DefectComment))}</label>
                            <textarea
                                id=comment_id.clone()
                                rows="4"
                                maxlength=limits::RETURN_COMMENT
                                required=true
                                aria-invalid=move || line.comment_error.with(Option::is_some).then_some("true")
                                aria-describedby=comment_error_id.clone()
                                prop:value=move || line.comment.get()
                                on:input=move |ev| {
                                    line.comment.set(event_target_value(&ev));
                                    line.comment_error.set(None);
                                }
                            ></textarea>
                            <FieldErrorText id=comment_error_id error=line.comment_error />
                        </div>
                        })}
                        <PhotoPicker
                            id=format!("photos-{}", line.index)
                            label=if defective { Key::Ret(R::DefectPhotos) } else { Key::Ret(R::KeepPhoto) }
                            hint=Key::Portal(P::PhotosHint)
                            uploader=Uploader::Shopper(api.clone())
                            photos=line.photos
                            error=line.photos_error
                        />
                    </fieldset>
                }
            })
            .collect_view()}
    }
}
