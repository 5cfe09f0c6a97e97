//! `/dashboard/forgot-password`: staff ask for a reset link by email. The answer is the same
//! whether the address has an account or not, so the page says so in those words.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::Problem;
use rebound_shared::api::auth::MailLocale;
use rebound_shared::domain::Email;
use rebound_shared::limits;

use crate::api;
use crate::components::alert::ProblemAlert;
use crate::components::auth_card::AuthCard;
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::page_title::use_page_title;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, N};
use crate::routes::Page;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Key::Onb(N::ForgotTitle));
    let email = RwSignal::new(String::new());
    let email_error: ErrorSlot = RwSignal::new(None);
    let slots = [("email", email_error)];
    let problem = RwSignal::new(None::<Problem>);
    let sent = RwSignal::new(false);

    let request = Action::new_local(|(email, locale): &(String, MailLocale)| {
        let (email, locale) = (email.clone(), *locale);
        async move { api::request_password_reset(&email, locale).await }
    });
    Effect::new(move || match request.value().get() {
        Some(Ok(())) => sent.set(true),
        Some(Err(p)) => {
            show_server_errors(&p.errors, &slots);
            problem.set(Some(p));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        email_error.set(FieldMessage::check(
            "email",
            &email.get_untracked(),
            Email::validate,
        ));
        if email_error.with_untracked(Option::is_some) {
            focus_first_error(&slots);
            return;
        }
        // The mail is written in the language the page is read in.
        let locale = match i18n.locale() {
            Locale::En => MailLocale::En,
            Locale::Fr => MailLocale::Fr,
        };
        request.dispatch((email.get_untracked().trim().to_owned(), locale));
    };

    view! {
        <AuthCard title=Key::Onb(N::ForgotTitle) lead=Key::Onb(N::ForgotLead)>
            <ProblemAlert problem=problem />
            <div role="status" aria-live="polite">
                {move || sent.get().then(|| view! {
                    <div class="alert alert-success">
                        <p class="alert-title">{i18n.tr(Key::Onb(N::ForgotSent))}</p>
                    </div>
                })}
            </div>
            <form class="form" novalidate on:submit=on_submit>
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
                <SubmitButton
                    label=Key::Onb(N::SendLink)
                    busy_label=Key::Onb(N::SendingLink)
                    pending=request.pending()
                    wide=true
                />
            </form>
            <p class="auth-switch">
                <a href=Page::Login.path()>{i18n.tr(Key::Onb(N::BackToSignIn))}</a>
            </p>
        </AuthCard>
    }
}
