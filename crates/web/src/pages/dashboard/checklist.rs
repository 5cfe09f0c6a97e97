//! The first-run checklist on the dashboard's home: each step as the server reads it from the
//! shop's data, a link to the screen where it is done, the portal link and the embed snippet to
//! copy (copying marks "share" done on the server), and why returns are not open yet.

use leptos::prelude::*;
use rebound_shared::Permission;
use rebound_shared::api::onboarding::{Onboarding, OnboardingEvent, OnboardingStepKey};
use rebound_shared::api::portal::ReturnsClosed;
use rebound_shared::domain::HexColour;

use crate::contexts::auth::{Auth, use_auth};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, N};

fn step_keys(step: OnboardingStepKey) -> (N, N) {
    match step {
        OnboardingStepKey::ReturnAddress => (N::StepReturnAddress, N::StepReturnAddressHint),
        OnboardingStepKey::ReturnPolicy => (N::StepReturnPolicy, N::StepReturnPolicyHint),
        OnboardingStepKey::Branding => (N::StepBranding, N::StepBrandingHint),
        OnboardingStepKey::Orders => (N::StepOrders, N::StepOrdersHint),
        OnboardingStepKey::SharePortal => (N::StepShare, N::StepShareHint),
    }
}

/// The link button a shop pastes on its site, in the shop's primary colour with a text colour
/// that reads on it.
pub fn button_snippet(url: &str, colour: &str, label: &str) -> String {
    let text = HexColour::parse(colour)
        .map(|c| c.readable_text().to_string())
        .unwrap_or_else(|_| "#ffffff".into());
    format!(
        "<a href=\"{url}\" target=\"_blank\" rel=\"noopener\" style=\"display:inline-block;padding:12px 20px;border-radius:8px;background:{colour};color:{text};font:600 16px/1.2 system-ui,sans-serif;text-decoration:none\">{label}</a>"
    )
}

/// Tells the server the portal was shared; the checklist refreshes from its answer.
pub fn mark_shared(auth: Auth, onboarding: Option<RwSignal<Option<Onboarding>>>) {
    let Some(api) = auth.api_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let answer = api.record_onboarding(OnboardingEvent::PortalShared).await;
        if let (Ok(updated), Some(signal)) = (answer, onboarding) {
            signal.set(Some(updated));
        }
    });
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Why shoppers cannot start returns yet; shown whether or not the checklist is.
#[component]
pub fn ReturnsClosedBanner(reason: ReturnsClosed) -> impl IntoView {
    let i18n = use_i18n();
    let body = match reason {
        ReturnsClosed::NoReturnAddress => N::ClosedNoAddress,
        ReturnsClosed::PortalDisabled => N::ClosedPortalDisabled,
    };
    let action = match reason {
        ReturnsClosed::NoReturnAddress => N::AddAddress,
        ReturnsClosed::PortalDisabled => N::OpenSettings,
    };
    view! {
        <div class="alert alert-warning returns-closed" role="status">
            <div>
                <p class="alert-title">{i18n.tr(Key::Onb(N::ClosedTitle))}</p>
                <p class="alert-detail">{i18n.tr(Key::Onb(body))}</p>
                <a class="btn btn-secondary btn-small" href="/dashboard/settings?tab=returns">
                    {i18n.tr(Key::Onb(action))}
                </a>
            </div>
        </div>
    }
}

#[component]
pub fn Checklist(onboarding: RwSignal<Option<Onboarding>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let copied = RwSignal::new(None::<N>);
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let dismiss = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(updated) = api.record_onboarding(OnboardingEvent::Dismissed).await {
                onboarding.set(Some(updated));
            }
        });
    };
    move || {
        let Some(state) = onboarding.get() else {
            return ().into_any();
        };
        if state.complete || state.dismissed {
            return ().into_any();
        }
        let done = state.steps.iter().filter(|s| s.done).count();
        let progress = i18n
            .t(Key::Onb(N::Progress))
            .replace("{done}", &done.to_string())
            .replace("{total}", &state.steps.len().to_string());
        let portal_url = format!("{origin}{}", state.portal_path);
        let snippet = button_snippet(
            &portal_url,
            &state.primary_colour,
            i18n.t(Key::Set(crate::i18n::S::EmbedButtonText)),
        );
        let steps = state
            .steps
            .into_iter()
            .map(|step| {
                let (title, hint) = step_keys(step.key);
                let share = (step.key == OnboardingStepKey::SharePortal).then(|| {
                    let link = portal_url.clone();
                    let snippet = snippet.clone();
                    let copy_link = move |_| {
                        copy_to_clipboard(&link);
                        copied.set(Some(N::PortalLink));
                        mark_shared(auth, Some(onboarding));
                    };
                    let copy_snippet = move |_| {
                        copy_to_clipboard(&snippet);
                        copied.set(Some(N::CopySnippet));
                        mark_shared(auth, Some(onboarding));
                    };
                    view! {
                        <div class="checklist-share">
                            <label for="portal-link">{i18n.tr(Key::Onb(N::PortalLink))}</label>
                            <div class="copy-row">
                                <input id="portal-link" type="text" readonly prop:value=portal_url.clone() />
                                <button type="button" class="btn btn-secondary btn-small" on:click=copy_link>
                                    {move || i18n.t(if copied.get() == Some(N::PortalLink) { Key::LinkCopied } else { Key::CopyLink })}
                                </button>
                                <button type="button" class="btn btn-secondary btn-small" on:click=copy_snippet>
                                    {move || i18n.t(Key::Onb(if copied.get() == Some(N::CopySnippet) { N::SnippetCopied } else { N::CopySnippet }))}
                                </button>
                            </div>
                        </div>
                    }
                });
                let open = (!step.done && step.key != OnboardingStepKey::SharePortal).then(|| {
                    view! {
                        <a class="btn btn-secondary btn-small" href=step.link.clone()>
                            {i18n.tr(Key::Onb(N::Open))}
                            <span class="visually-hidden">": " {i18n.tr(Key::Onb(title))}</span>
                        </a>
                    }
                });
                let status = if step.done { N::StepDone } else { N::StepToDo };
                view! {
                    <li class="checklist-step" class:done=step.done data-step=format!("{:?}", step.key)>
                        <span class="checklist-mark" aria-hidden="true">
                            {step.done.then(|| view! {
                                <svg viewBox="0 0 20 20"><path d="M5 10.5l3.2 3.2L15 7" /></svg>
                            })}
                        </span>
                        <div class="checklist-text">
                            <p class="checklist-title">
                                {i18n.tr(Key::Onb(title))}
                                <span class="visually-hidden">" (" {i18n.tr(Key::Onb(status))} ")"</span>
                            </p>
                            <p class="checklist-hint">{i18n.tr(Key::Onb(hint))}</p>
                            {share}
                        </div>
                        {open}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card checklist" aria-labelledby="checklist-title">
                <div class="card-header checklist-header">
                    <div>
                        <h2 id="checklist-title" class="card-title">{i18n.tr(Key::Onb(N::Title))}</h2>
                        <p class="card-lead">{i18n.tr(Key::Onb(N::Lead))}</p>
                    </div>
                    <p class="checklist-progress">{progress}</p>
                </div>
                <ol class="checklist-steps">{steps}</ol>
                <p class="visually-hidden" role="status" aria-live="polite">
                    {move || copied.get().map(|_| i18n.t(Key::LinkCopied))}
                </p>
                {auth.can(Permission::ManageSettings).then(|| view! {
                    <div class="form-actions">
                        <button type="button" class="btn btn-ghost btn-small" on:click=dismiss>
                            {i18n.tr(Key::Onb(N::Dismiss))}
                        </button>
                    </div>
                })}
            </section>
        }
        .into_any()
    }
}
