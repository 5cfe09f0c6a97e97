//! `/dashboard/password-reset/:token`: the page the reset mail links to. A new password ends
//! every session of the account, so the page sends its reader to sign in with it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use rebound_shared::domain::validate_password;
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};

use crate::api;
use crate::components::alert::ProblemAlert;
use crate::components::auth_card::AuthCard;
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, N};
use crate::routes::Page;

/// Unknown, used and expired links all answer 404.
fn explain(problem: &Problem) -> Option<Key> {
    (problem.kind == ErrorKind::NotFound).then_some(Key::Onb(N::ResetInvalid))
}

#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let params = use_params_map();
    use_page_title(Key::Onb(N::ResetTitle));
    let password = RwSignal::new(String::new());
    let password_error: ErrorSlot = RwSignal::new(None);
    let slots = [("password", password_error)];
    let problem = RwSignal::new(None::<Problem>);

    let reset = Action::new_local(|(token, password): &(String, String)| {
        let (token, password) = (token.clone(), password.clone());
        async move { api::reset_password(&token, &password).await }
    });
    Effect::new(move || match reset.value().get() {
        Some(Ok(())) => {
            // Any session in this browser ended with the reset: sign in afresh, told why.
            auth.sign_out(Some(Key::Onb(N::PasswordChanged)));
            navigate(&Page::Login.path(), Default::default());
        }
        Some(Err(p)) => {
            show_server_errors(&p.errors, &slots);
            problem.set(Some(p));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        password_error.set(FieldMessage::check(
            "password",
            &password.get_untracked(),
            validate_password,
        ));
        if password_error.with_untracked(Option::is_some) {
            focus_first_error(&slots);
            return;
        }
        let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
        reset.dispatch((token, password.get_untracked()));
    };
    let invalid = move || {
        problem
            .with(|p| p.as_ref().is_some_and(|p| p.kind == ErrorKind::NotFound))
            .then(|| {
                view! {
                    <p class="auth-switch">
                        <a href=Page::ForgotPassword.path()>{i18n.tr(Key::Onb(N::AskAgain))}</a>
                    </p>
                }
            })
    };

    view! {
        <AuthCard title=Key::Onb(N::ResetTitle) lead=Key::Onb(N::ResetLead)>
            <ProblemAlert problem=problem explain=explain />
            {invalid}
            <form class="form" novalidate on:submit=on_submit>
                <Field
                    id="password"
                    max_length=limits::PASSWORD
                    label=Key::Onb(N::NewPassword)
                    value=password
                    error=password_error
                    input_type="password"
                    autocomplete="new-password"
                    hint=Key::PasswordHint
                    required=true
                />
                <SubmitButton
                    label=Key::Onb(N::SavePassword)
                    busy_label=Key::Onb(N::SavingPassword)
                    pending=reset.pending()
                    wide=true
                />
            </form>
        </AuthCard>
    }
}
