//! Turning two-factor sign-in on: a new secret as a QR code (drawn by the server, as SVG) and
//! as a key to type, then the app's first code; and the recovery codes that answer it, shown
//! once with Copy and "Download as .txt".

use leptos::prelude::*;
use rebound_shared::api::two_factor::{TwoFactorCode, TwoFactorEnrolment};
use rebound_shared::domain::SecondFactor;
use rebound_shared::domain::second_factor::TOTP_DIGITS;
use rebound_shared::{ErrorKind, Problem};
use web_sys::SubmitEvent;

use crate::components::alert::ProblemAlert;
use crate::components::copy_field::CopyField;
use crate::components::download::save_bytes;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{F, Key};
use crate::pages::dashboard::security::refused;

fn signed_out() -> Problem {
    Problem::new(ErrorKind::Unauthorized, "signed out")
}

#[component]
pub fn Enrolment(
    shown_codes: RwSignal<Option<Vec<String>>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let enrolment = RwSignal::new(None::<TwoFactorEnrolment>);
    let problem = RwSignal::new(None::<Problem>);
    let code = RwSignal::new(String::new());
    let code_error: ErrorSlot = RwSignal::new(None);

    let start = Action::new_local(move |(): &()| {
        let api = auth.api_untracked();
        async move {
            match api {
                Some(api) => api.start_two_factor().await,
                None => Err(signed_out()),
            }
        }
    });
    Effect::new(move || match start.value().get() {
        Some(Ok(started)) => {
            enrolment.set(Some(started));
            code.set(String::new());
            request_animation_frame(|| focus("scan-title"));
        }
        Some(Err(p)) => problem.set(Some(p)),
        None => {}
    });
    let confirm = Action::new_local(move |body: &TwoFactorCode| {
        let body = body.clone();
        let api = auth.api_untracked();
        async move {
            match api {
                Some(api) => api.confirm_two_factor(&body).await,
                None => Err(signed_out()),
            }
        }
    });
    Effect::new(move || match confirm.value().get() {
        Some(Ok(codes)) => {
            enrolment.set(None);
            shown_codes.set(Some(codes.codes));
            on_change.run(());
        }
        Some(Err(p)) => refused(p, "code", code_error, problem),
        None => {}
    });
    let on_confirm = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let typed = code.get_untracked();
        // Only the app's code confirms (there are no recovery codes yet).
        let message = match SecondFactor::parse(&typed) {
            Ok(SecondFactor::Totp(_)) => None,
            _ => Some(FieldMessage::Key(Key::Sec(F::SixDigits))),
        };
        code_error.set(message);
        if code_error.with_untracked(Option::is_some) {
            focus("code");
            return;
        }
        confirm.dispatch(TwoFactorCode { code: typed });
    };

    view! {
        <p class="security-status security-off"><strong>{i18n.tr(Key::Sec(F::StatusOff))}</strong></p>
        <ProblemAlert problem=problem />
        {move || match enrolment.get() {
            None => view! {
                <button
                    type="button"
                    class="btn btn-primary"
                    id="two-factor-start"
                    disabled=move || start.pending().get()
                    on:click=move |_| {
                        problem.set(None);
                        start.dispatch(());
                    }
                >
                    {move || i18n.t(if start.pending().get() { Key::Sec(F::Starting) } else { Key::Sec(F::TurnOn) })}
                </button>
            }
            .into_any(),
            Some(started) => {
                let secret = started.secret.clone();
                view! {
                    <div class="enrolment">
                        <h3 id="scan-title" class="subsection-title" tabindex="-1">{i18n.tr(Key::Sec(F::ScanTitle))}</h3>
                        <div class="qr-code" role="img" aria-label=i18n.tr(Key::Sec(F::QrLabel)) inner_html=started.qr_svg></div>
                        <CopyField
                            id="two-factor-secret".to_owned()
                            label=Key::Sec(F::ManualSecret)
                            value=Signal::derive(move || secret.clone())
                        />
                        <form class="form" novalidate on:submit=on_confirm aria-labelledby="confirm-title">
                            <h3 id="confirm-title" class="subsection-title">{i18n.tr(Key::Sec(F::ConfirmTitle))}</h3>
                            <Field
                                id="code"
                                label=Key::Sec(F::AppCode)
                                value=code
                                error=code_error
                                autocomplete="one-time-code"
                                inputmode="numeric"
                                literal=true
                                required=true
                                max_length={TOTP_DIGITS as u64 + 2}
                            />
                            <div class="form-actions">
                                <SubmitButton label=Key::Sec(F::Confirm) busy_label=Key::Sec(F::Confirming) pending=confirm.pending() />
                                <button type="button" class="btn btn-ghost" on:click=move |_| {
                                    enrolment.set(None);
                                    code_error.set(None);
                                    request_animation_frame(|| focus("two-factor-start"));
                                }>
                                    {i18n.tr(Key::Sec(F::Cancel))}
                                </button>
                            </div>
                        </form>
                    </div>
                }
                .into_any()
            }
        }}
    }
}

/// The recovery codes, once: to copy, to download as a text file, then "I have saved them".
#[component]
pub fn RecoveryCodesPanel(codes: Vec<String>, on_saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let text = codes.join("\n");
    let copy = {
        let text = text.clone();
        move |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        }
    };
    let download = move |_| {
        let file = format!("{}\n\n{text}\n", i18n.t(Key::Sec(F::CodesFileIntro)));
        save_bytes(
            "rebound-recovery-codes.txt",
            "text/plain;charset=utf-8",
            file.as_bytes(),
        );
    };
    // Announced and focused: what matters most on the page right now.
    request_animation_frame(|| focus("recovery-title"));
    view! {
        <section class="card recovery-card" aria-labelledby="recovery-title">
            <h2 id="recovery-title" class="card-title" tabindex="-1">{i18n.tr(Key::Sec(F::RecoveryTitle))}</h2>
            <p class="card-lead">{i18n.tr(Key::Sec(F::RecoveryLead))}</p>
            <ol class="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" on:click=copy>
                    {move || i18n.t(if copied.get() { Key::Sec(F::CopiedCodes) } else { Key::Sec(F::CopyCodes) })}
                </button>
                <button type="button" class="btn btn-secondary" on:click=download>
                    {i18n.tr(Key::Sec(F::DownloadCodes))}
                </button>
                <button type="button" class="btn btn-primary" on:click=move |_| on_saved.run(())>
                    {i18n.tr(Key::Sec(F::SavedCodes))}
                </button>
            </div>
        </section>
    }
}
