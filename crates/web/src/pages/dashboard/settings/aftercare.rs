//! The Aftercare tab: tracking, address edits, issue types, the satisfaction survey and the
//! support addresses; plus the snippet a shop pastes on its own site to link to the portal.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::settings::{AftercareSettings, IssueType, SURVEY_DELAY_MAX};
use rebound_shared::domain::Email;
use rebound_shared::limits;

use super::controls::{Check, NumberField, after_save, parse_days};
use super::embedding::FramingCard;
use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error};
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O, S};

const ISSUES: [(IssueType, O); 4] = [
    (IssueType::MissingItem, O::IssueMissingItem),
    (IssueType::DamagedInTransit, O::IssueDamagedInTransit),
    (IssueType::WrongItem, O::IssueWrongItem),
    (IssueType::Other, O::IssueOther),
];

fn optional_email(field: &str, raw: &str, slot: ErrorSlot) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    slot.set(FieldMessage::check(field, t, Email::validate));
    Some(t.to_owned())
}

#[component]
pub fn AftercareTab(
    settings: AftercareSettings,
    slug: String,
    /// The shop's primary colour, for the embed button.
    colour: String,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let tracking = RwSignal::new(settings.tracking_enabled);
    let address_edits = RwSignal::new(settings.address_edits_enabled);
    let cancellations = RwSignal::new(settings.order_cancellation_enabled);
    let issues: Vec<(IssueType, RwSignal<bool>)> = ISSUES
        .iter()
        .map(|(t, _)| (*t, RwSignal::new(settings.issue_types.contains(t))))
        .collect();
    let survey = RwSignal::new(settings.survey_enabled);
    let survey_days = RwSignal::new(settings.survey_delay_days.to_string());
    let support = RwSignal::new(settings.support_email.unwrap_or_default());
    let service = RwSignal::new(settings.customer_service_email.unwrap_or_default());
    let errors: [ErrorSlot; 3] = std::array::from_fn(|_| RwSignal::new(None));
    let [days_e, support_e, service_e] = errors;
    let slots = [
        ("survey_delay_days", days_e),
        ("support_email", support_e),
        ("customer_service_email", service_e),
    ];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let issue_signals = issues.clone();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let days = parse_days(
            i18n,
            &survey_days.get_untracked(),
            1,
            SURVEY_DELAY_MAX,
            days_e,
        );
        let support_email = optional_email("support_email", &support.get_untracked(), support_e);
        let customer_service_email = optional_email(
            "customer_service_email",
            &service.get_untracked(),
            service_e,
        );
        let Some(days) =
            days.filter(|_| slots.iter().all(|(_, e)| e.with_untracked(Option::is_none)))
        else {
            focus_first_error(&slots);
            return;
        };
        let Some(api) = auth.api() else { return };
        let body = AftercareSettings {
            tracking_enabled: tracking.get_untracked(),
            address_edits_enabled: address_edits.get_untracked(),
            order_cancellation_enabled: cancellations.get_untracked(),
            issue_types: issue_signals
                .iter()
                .filter(|(_, on)| on.get_untracked())
                .map(|(t, _)| *t)
                .collect(),
            survey_enabled: survey.get_untracked(),
            survey_delay_days: days,
            support_email,
            customer_service_email,
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.save_aftercare(&body).await;
            pending.set(false);
            after_save(result, &slots, problem, toasts);
        });
    };

    view! {
        <section class="card" aria-labelledby="aftercare-title">
            <div class="card-header">
                <h2 id="aftercare-title" class="card-title">{i18n.tr(Key::Set(S::AftercareTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::AftercareLead))}</p>
            </div>
            <form class="form" novalidate on:submit=on_submit>
                <fieldset class="plain" disabled=move || readonly.get()>
                    <ProblemAlert problem=problem />
                    <Check id="tracking_enabled".into() label=Key::Set(S::TrackingEnabled) value=tracking />
                    <Check id="address_edits_enabled".into() label=Key::Set(S::AddressEditsEnabled) value=address_edits />
                    <Check id="order_cancellation_enabled".into() label=Key::Set(S::OrderCancellationEnabled) value=cancellations />
                    <fieldset class="group" id="issue_types">
                        <legend>{i18n.tr(Key::Set(S::IssueTypes))}</legend>
                        {issues
                            .into_iter()
                            .zip(ISSUES)
                            .map(|((t, on), (_, label))| {
                                view! { <Check id=format!("issue-{t:?}") label=Key::Ord(label) value=on /> }
                            })
                            .collect_view()}
                    </fieldset>
                    <Check id="survey_enabled".into() label=Key::Set(S::SurveyEnabled) value=survey />
                    <NumberField id="survey_delay_days" label=Key::Set(S::SurveyDelayDays) value=survey_days error=days_e min=1 max=SURVEY_DELAY_MAX />
                    <div class="grid-2">
                        <Field id="support_email" label=Key::Set(S::SupportEmail) value=support error=support_e input_type="email" max_length=limits::EMAIL hint=Key::Set(S::SupportEmailHint) />
                        <Field id="customer_service_email" label=Key::Set(S::ServiceEmail) value=service error=service_e input_type="email" max_length=limits::EMAIL hint=Key::Set(S::ServiceEmailHint) />
                    </div>
                    <div class="form-actions">
                        <SubmitButton label=Key::Set(S::Save) busy_label=Key::Set(S::Saving) pending=pending />
                    </div>
                </fieldset>
            </form>
        </section>
        <EmbedSnippet slug=slug colour=colour />
        <FramingCard readonly=readonly />
    }
}

/// The HTML a shop pastes on its site: a link button, or an iframe of the portal.
#[component]
fn EmbedSnippet(slug: String, colour: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let copied = RwSignal::new(None::<usize>);
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let url = format!("{origin}/{slug}");
    // In the shop's own colour, as the portal it opens.
    let button = move || {
        crate::pages::dashboard::checklist::button_snippet(
            &url,
            &colour,
            i18n.t(Key::Set(S::EmbedButtonText)),
        )
    };
    let iframe = format!(
        "<iframe src=\"{origin}/{slug}\" title=\"{slug}\" style=\"width:100%;min-height:640px;border:0\" loading=\"lazy\"></iframe>"
    );
    let copy = move |index: usize, text: String| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(Some(index));
            // Copying the snippet is the checklist's "share" step.
            crate::pages::dashboard::checklist::mark_shared(auth, None);
        }
    };
    let button_copy = button.clone();
    let iframe_copy = iframe.clone();
    view! {
        <section class="card" aria-labelledby="embed-title">
            <div class="card-header">
                <h2 id="embed-title" class="card-title">{i18n.tr(Key::Set(S::EmbedTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::EmbedLead))}</p>
            </div>
            <div class="form">
                <div class="field">
                    <label for="embed-button">{i18n.tr(Key::Set(S::EmbedButton))}</label>
                    <textarea id="embed-button" class="snippet" readonly prop:value=button.clone()></textarea>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary btn-small" on:click=move |_| copy(0, button_copy())>
                            {move || i18n.t(Key::Set(if copied.get() == Some(0) { S::Copied } else { S::Copy }))}
                        </button>
                    </div>
                    <p class="preview-label">{i18n.tr(Key::Set(S::Preview))}</p>
                    <div class="snippet-preview" inner_html=button></div>
                </div>
                <div class="field">
                    <label for="embed-iframe">{i18n.tr(Key::Set(S::EmbedIframe))}</label>
                    <textarea id="embed-iframe" class="snippet" readonly prop:value=iframe.clone()></textarea>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary btn-small" on:click=move |_| copy(1, iframe_copy.clone())>
                            {move || i18n.t(Key::Set(if copied.get() == Some(1) { S::Copied } else { S::Copy }))}
                        </button>
                    </div>
                </div>
                <p class="visually-hidden" role="status" aria-live="polite">
                    {move || copied.get().map(|_| i18n.t(Key::Set(S::Copied)))}
                </p>
            </div>
        </section>
    }
}
