//! The second step of signing in: a code from the authenticator app, or a recovery code, for
//! the challenge a right password earned. Also the "try again in N seconds" both steps show
//! after too many failed attempts.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rebound_shared::ErrorKind;
use rebound_shared::api::two_factor::{LoginSecondStep, TwoFactorChallenge};
use rebound_shared::domain::SecondFactor;
use rebound_shared::domain::second_factor::SECOND_FACTOR_MAX;

use crate::api::{self, SignInRefusal};
use crate::components::alert::ProblemAlert;
use crate::components::auth_card::AuthCard;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{F, Key};

/// Whether the refusal is the slowdown's "wait", which [`WaitAlert`] words.
pub fn waiting(refusal: &SignInRefusal) -> bool {
    refusal.problem.kind == ErrorKind::RateLimited
}

/// "Too many attempts. Try again in N seconds.", when that is the refusal.
#[component]
pub fn WaitAlert(refusal: RwSignal<Option<SignInRefusal>>) -> impl IntoView {
    let i18n = use_i18n();
    let sentence = move || {
        refusal.with(|r| {
            r.as_ref()
                .filter(|r| waiting(r))
                .map(|r| match r.retry_after {
                    Some(1) => i18n.t(Key::Sec(F::TryAgainInOne)).to_owned(),
                    Some(seconds) => i18n
                        .t(Key::Sec(F::TryAgainIn))
                        .replace("{seconds}", &seconds.to_string()),
                    None => i18n.t(Key::ErrRateLimited).to_owned(),
                })
        })
    };
    view! {
        <div class="alert-region" role="alert">
            {move || {
                sentence()
                    .map(|text| {
                        view! {
                            <div class="alert alert-error">
                                <svg class="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
                                    <circle cx="10" cy="10" r="8.5" />
                                    <path d="M10 5.5v5.5M10 14v.1" />
                                </svg>
                                <p class="alert-title">{text}</p>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[component]
pub fn SecondStep(
    challenge: TwoFactorChallenge,
    /// Where to go once signed in.
    next: String,
    /// Back to the password: with the refusal to show when the challenge ran out.
    start_again: Callback<Option<SignInRefusal>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let token = challenge.challenge_token;
    let recovery = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let code_error: ErrorSlot = RwSignal::new(None);
    let refusal = RwSignal::new(None::<SignInRefusal>);
    let problem = Signal::derive(move || {
        refusal.with(|r| {
            r.as_ref()
                .filter(|r| !waiting(r))
                .map(|r| r.problem.clone())
        })
    });
    request_animation_frame(|| focus("code"));

    let verify = Action::new_local(|body: &LoginSecondStep| {
        let body = body.clone();
        async move { api::login_second_step(&body).await }
    });
    Effect::new(move || match verify.value().get() {
        Some(Ok(session)) => {
            auth.sign_in(&session);
            navigate(&next, Default::default());
        }
        // Too slow, or the account changed: the password again, saying why.
        Some(Err(r)) if r.problem.field("challenge_token").is_some() => {
            start_again.run(Some(r));
        }
        Some(Err(r)) => {
            if let Some(error) = r.problem.field("code") {
                code_error.set(Some(FieldMessage::from_server(error)));
                code.set(String::new());
                focus("code");
            } else {
                refusal.set(Some(r));
            }
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        refusal.set(None);
        let typed = code.get_untracked();
        code_error.set(FieldMessage::check("code", &typed, SecondFactor::validate));
        if code_error.with_untracked(Option::is_some) {
            focus("code");
            return;
        }
        verify.dispatch(LoginSecondStep {
            challenge_token: token.clone(),
            code: typed,
        });
    };
    let switch = move |_| {
        recovery.update(|r| *r = !*r);
        code.set(String::new());
        code_error.set(None);
        request_animation_frame(|| focus("code"));
    };

    view! {
        <AuthCard title=Key::Sec(F::SecondStepTitle) lead=Key::Sec(F::SecondStepLead)>
            <WaitAlert refusal=refusal />
            <ProblemAlert problem=problem />
            <form class="form" novalidate on:submit=on_submit>
                {move || {
                    if recovery.get() {
                        view! {
                            <Field
                                id="code"
                                label=Key::Sec(F::RecoveryCode)
                                hint=Key::Sec(F::SecondStepRecoveryLead)
                                value=code
                                error=code_error
                                autocomplete="off"
                                literal=true
                                required=true
                                max_length={SECOND_FACTOR_MAX as u64}
                            />
                        }
                        .into_any()
                    } else {
                        view! {
                            <Field
                                id="code"
                                label=Key::Sec(F::AppCode)
                                value=code
                                error=code_error
                                autocomplete="one-time-code"
                                inputmode="numeric"
                                literal=true
                                required=true
                                max_length={SECOND_FACTOR_MAX as u64}
                            />
                        }
                        .into_any()
                    }
                }}
                <p class="field-aside">
                    <button type="button" class="link-button" on:click=switch>
                        {move || i18n.t(if recovery.get() { Key::Sec(F::UseApp) } else { Key::Sec(F::UseRecovery) })}
                    </button>
                </p>
                <SubmitButton
                    label=Key::Sec(F::Verify)
                    busy_label=Key::Sec(F::Verifying)
                    pending=verify.pending()
                    wide=true
                />
            </form>
            <p class="auth-switch">
                <button type="button" class="link-button" on:click=move |_| start_again.run(None)>
                    {i18n.tr(Key::Sec(F::StartAgain))}
                </button>
            </p>
        </AuthCard>
    }
}
