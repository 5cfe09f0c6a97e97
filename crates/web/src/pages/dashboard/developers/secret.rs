//! An endpoint's signing secret: hidden until asked for, then shown (`whsec_…`) with a copy
//! button; rotating makes a new one while the old one keeps signing for a day.

use leptos::prelude::*;
use rebound_shared::Problem;
use rebound_shared::api::webhooks::WebhookSecretView;
use uuid::Uuid;

use crate::api::{ApiResult, AuthorizedApi};
use crate::components::alert::ProblemAlert;
use crate::components::copy_field::CopyField;
use crate::components::format::{date_time, iso};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, W};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    Reveal,
    Rotate,
}

#[component]
pub fn SecretCard(endpoint: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let secret = RwSignal::new(None::<WebhookSecretView>);
    let problem = RwSignal::new(None::<Problem>);
    let confirming = RwSignal::new(false);
    let ask = Action::new_local(move |(api, what): &(AuthorizedApi, Ask)| {
        let (api, what) = (api.clone(), *what);
        async move {
            match what {
                Ask::Reveal => api.reveal_webhook_secret(endpoint).await,
                Ask::Rotate => api.rotate_webhook_secret(endpoint).await,
            }
        }
    });
    Effect::new(move || {
        let result: Option<ApiResult<WebhookSecretView>> = ask.value().get();
        match result {
            Some(Ok(view)) => secret.set(Some(view)),
            Some(Err(p)) => problem.set(Some(p)),
            None => {}
        }
    });
    let run = move |what: Ask| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        confirming.set(false);
        ask.dispatch((api, what));
    };
    let shown = move || {
        secret.get().map(|s| {
            let until = s.previous_valid_until.map(|at| {
                let text = i18n
                    .t(Key::Hook(W::PreviousValidUntil))
                    .replace("{at}", &date_time(&at, i18n.locale()));
                view! { <p class="muted"><time datetime=iso(&at)>{text}</time></p> }
            });
            view! {
                <CopyField id=String::from("webhook-secret") label=Key::Hook(W::SecretLabel) value=Signal::stored(s.secret) />
                {until}
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="secret-title">
            <h2 id="secret-title" class="card-title">{i18n.tr(Key::Hook(W::SecretTitle))}</h2>
            <p class="card-lead">{i18n.tr(Key::Hook(W::SecretLead))}</p>
            <ProblemAlert problem=problem />
            <div role="status" aria-live="polite">{shown}</div>
            <div class="button-row">
                <Show when=move || secret.with(Option::is_none)>
                    <button type="button" class="btn btn-secondary" disabled=move || ask.pending().get() on:click=move |_| run(Ask::Reveal)>
                        {i18n.tr(Key::Hook(W::RevealSecret))}
                    </button>
                </Show>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="btn btn-ghost" disabled=move || ask.pending().get() on:click=move |_| confirming.set(true)>
                            {i18n.tr(Key::Hook(W::RotateSecret))}
                        </button>
                    }
                >
                    <div class="confirm-inline" role="group" aria-labelledby="rotate-question">
                        <p id="rotate-question">{i18n.tr(Key::Hook(W::ConfirmRotate))}</p>
                        <button type="button" class="btn btn-primary btn-small" on:click=move |_| run(Ask::Rotate)>
                            {i18n.tr(Key::Hook(W::YesRotate))}
                        </button>
                        <button type="button" class="btn btn-ghost btn-small" on:click=move |_| confirming.set(false)>
                            {i18n.tr(Key::Hook(W::Cancel))}
                        </button>
                    </div>
                </Show>
            </div>
        </section>
    }
}
