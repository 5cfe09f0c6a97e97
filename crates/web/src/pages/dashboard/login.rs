//! `/dashboard/login`: staff sign in with email and password, then with a code when their
//! account has two-factor sign-in (`login_code`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rebound_shared::api::auth::Login;
use rebound_shared::api::two_factor::TwoFactorChallenge;
use rebound_shared::domain::Email;
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};

use crate::api::{self, SignIn, SignInRefusal};
use crate::components::alert::{Notice, ProblemAlert};
use crate::components::auth_card::AuthCard;
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;
use crate::pages::dashboard::login_code::{SecondStep, WaitAlert, waiting};
use crate::routes::{Page, after_sign_in};

/// A wrong email and a wrong password get the same answer, and so the same sentence.
fn explain(problem: &Problem) -> Option<Key> {
    (problem.kind == ErrorKind::Unauthorized).then_some(Key::WrongCredentials)
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    use_page_title(Key::SignIn);

    // `?next=/dashboard/returns/R-7KQ2M9`: the page the visitor asked for before signing in.
    let next = after_sign_in(use_query_map().with_untracked(|q| q.get("next")).as_deref());
    // Already signed in (a bookmark, the back button): straight to the dashboard, which sends
    // an expired session back here with a notice.
    if auth.is_signed_in() {
        let navigate = navigate.clone();
        let next = next.clone();
        request_animation_frame(move || navigate(&next, Default::default()));
    }
    let notice = RwSignal::new(auth.take_notice());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_error: ErrorSlot = RwSignal::new(None);
    let password_error: ErrorSlot = RwSignal::new(None);
    let slots = [("email", email_error), ("password", password_error)];
    let refusal = RwSignal::new(None::<SignInRefusal>);
    // A wait is said with its seconds; anything else as the usual problem.
    let problem = Signal::derive(move || {
        refusal.with(|r| {
            r.as_ref()
                .filter(|r| !waiting(r))
                .map(|r| r.problem.clone())
        })
    });
    // Set once the password was right on an account that also asks for a code.
    let challenge = RwSignal::new(None::<TwoFactorChallenge>);

    let sign_in = Action::new_local(|body: &Login| {
        let body = body.clone();
        async move { api::login(&body).await }
    });
    {
        let navigate = navigate.clone();
        let next = next.clone();
        Effect::new(move || match sign_in.value().get() {
            Some(Ok(SignIn::Session(session))) => {
                auth.sign_in(&session);
                navigate(&next, Default::default());
            }
            Some(Ok(SignIn::SecondStep(asked))) => {
                password.set(String::new());
                challenge.set(Some(asked));
            }
            Some(Err(r)) => {
                show_server_errors(&r.problem.errors, &slots);
                refusal.set(Some(r));
            }
            None => {}
        });
    }
    // Back from the second step (too slow, or "someone else"): the password again.
    let start_again = Callback::new(move |expired: Option<SignInRefusal>| {
        challenge.set(None);
        refusal.set(expired);
        request_animation_frame(|| crate::components::field::focus("password"));
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        refusal.set(None);
        notice.set(None);
        email_error.set(FieldMessage::check(
            "email",
            &email.get_untracked(),
            Email::validate,
        ));
        password_error.set(
            password
                .with_untracked(String::is_empty)
                .then_some(FieldMessage::Key(Key::Required)),
        );
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        sign_in.dispatch(Login {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        });
    };

    let on_submit = Callback::new(on_submit);
    let pending = Signal::from(sign_in.pending());
    move || match challenge.get() {
        Some(asked) => view! {
            <SecondStep challenge=asked next=next.clone() start_again=start_again />
        }
        .into_any(),
        None => password_step(PasswordStep {
            notice,
            refusal,
            problem,
            email,
            password,
            email_error,
            password_error,
            pending,
            on_submit,
        })
        .into_any(),
    }
}

/// What the password form shows and calls.
struct PasswordStep {
    notice: RwSignal<Option<Key>>,
    refusal: RwSignal<Option<SignInRefusal>>,
    problem: Signal<Option<Problem>>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    email_error: ErrorSlot,
    password_error: ErrorSlot,
    pending: Signal<bool>,
    on_submit: Callback<SubmitEvent>,
}

fn password_step(step: PasswordStep) -> impl IntoView {
    let i18n = use_i18n();
    let PasswordStep {
        notice,
        refusal,
        problem,
        email,
        password,
        email_error,
        password_error,
        pending,
        on_submit,
    } = step;
    view! {
        <AuthCard title=Key::SignInTitle lead=Key::SignInLead>
            <Notice message=notice />
            <WaitAlert refusal=refusal />
            <ProblemAlert problem=problem explain=explain />
            <form class="form" novalidate on:submit=move |ev| on_submit.run(ev)>
                <Field
                    id="email"
                    max_length=limits::EMAIL
                    label=Key::Email
                    value=email
                    error=email_error
                    input_type="email"
                    autocomplete="username"
                    required=true
                />
                <Field
                    id="password"
                    max_length=limits::PASSWORD
                    label=Key::Password
                    value=password
                    error=password_error
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                />
                <p class="field-aside">
                    <a href=Page::ForgotPassword.path()>{i18n.tr(Key::Onb(crate::i18n::N::ForgotLink))}</a>
                </p>
                <SubmitButton
                    label=Key::SignIn
                    busy_label=Key::SigningIn
                    pending=pending
                    wide=true
                />
            </form>
            <p class="auth-switch">
                {i18n.tr(Key::NewToRebound)} " "
                <a href=Page::Register.path()>{i18n.tr(Key::CreateYourShop)}</a>
            </p>
        </AuthCard>
    }
}
