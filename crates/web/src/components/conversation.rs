//! A thread's messages as a conversation: the reader's side on the right, the other side on the
//! left, photos as thumbnails that open large.

use leptos::prelude::*;
use rebound_shared::api::helpdesk::{MessageAuthor, MessageView};

use crate::components::format::{date_time, iso};
use crate::components::lightbox::{Lightbox, Shown};
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key};

#[component]
pub fn Conversation(
    #[prop(into)] messages: Signal<Vec<MessageView>>,
    /// Whose messages are "mine" (drawn on the right).
    mine: MessageAuthor,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown: Shown = RwSignal::new(None);
    let list = move || {
        messages
            .get()
            .into_iter()
            .map(|message| {
                let at = message.created_at;
                let own = message.author == mine;
                let side = match message.author {
                    MessageAuthor::Staff => H::FromStaff,
                    MessageAuthor::Shopper => H::FromShopper,
                };
                let photos = message
                    .attachments
                    .iter()
                    .enumerate()
                    .map(|(i, photo)| {
                        let alt = i18n
                            .t(Key::Help(H::AttachmentN))
                            .replace("{n}", &(i + 1).to_string());
                        let (src, label) = (photo.url.clone(), alt.clone());
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="thumb-button"
                                    on:click=move |_| shown.set(Some((src.clone(), label.clone())))
                                >
                                    <img src=photo.url.clone() alt=alt />
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                let has_photos = !message.attachments.is_empty();
                view! {
                    <li class="msg" class:msg-mine=own class:msg-theirs=!own>
                        <p class="msg-meta">
                            <span class="msg-author">{message.author_name.clone()}</span>
                            <span class="visually-hidden">" (" {i18n.tr(Key::Help(side))} ")"</span>
                            " · "
                            <time datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                        </p>
                        <div class="msg-bubble">
                            <p class="msg-body">{message.body.clone()}</p>
                            {has_photos.then(|| view! { <ul class="thumbs msg-photos">{photos}</ul> })}
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        {move || {
            if messages.with(Vec::is_empty) {
                view! { <p class="muted">{i18n.tr(Key::Help(H::NoMessagesYet))}</p> }.into_any()
            } else {
                view! { <ol class="conversation">{list}</ol> }.into_any()
            }
        }}
        <Lightbox shown=shown />
    }
}
