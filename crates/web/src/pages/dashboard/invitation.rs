//! `/dashboard/invitations/:token`: a colleague accepts an invitation with a name and password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use rebound_shared::api::staff::AcceptInvitation;
use rebound_shared::domain::validate_password;
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};

use super::register::check_name;
use crate::api;
use crate::components::alert::ProblemAlert;
use crate::components::auth_card::AuthCard;
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::i18n::Key;
use crate::routes::Page;

/// An unknown, used or expired invitation all answer 404.
fn explain(problem: &Problem) -> Option<Key> {
    (problem.kind == ErrorKind::NotFound).then_some(Key::InvitationInvalid)
}

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let params = use_params_map();
    use_page_title(Key::AcceptTitle);

    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name_error: ErrorSlot = RwSignal::new(None);
    let password_error: ErrorSlot = RwSignal::new(None);
    let slots = [("name", name_error), ("password", password_error)];
    let problem = RwSignal::new(None::<Problem>);

    let accept = Action::new_local(|(token, body): &(String, AcceptInvitation)| {
        let (token, body) = (token.clone(), body.clone());
        async move { api::accept_invitation(&token, &body).await }
    });
    Effect::new(move || match accept.value().get() {
        Some(Ok(session)) => {
            auth.sign_in(&session);
            navigate(&Page::Dashboard.path(), Default::default());
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
        name_error.set(check_name(&name.get_untracked()));
        password_error.set(FieldMessage::check(
            "password",
            &password.get_untracked(),
            validate_password,
        ));
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
        accept.dispatch((
            token,
            AcceptInvitation {
                name: name.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
            },
        ));
    };

    view! {
        <AuthCard title=Key::AcceptTitle lead=Key::AcceptLead>
            <ProblemAlert problem=problem explain=explain />
            <form class="form" novalidate on:submit=on_submit>
                <Field
                    id="name"
                    max_length=limits::PERSON_NAME
                    label=Key::YourName
                    value=name
                    error=name_error
                    autocomplete="name"
                    required=true
                />
                <Field
                    id="password"
                    max_length=limits::PASSWORD
                    label=Key::Password
                    value=password
                    error=password_error
                    input_type="password"
                    autocomplete="new-password"
                    hint=Key::PasswordHint
                    required=true
                />
                <SubmitButton
                    label=Key::AcceptSubmit
                    busy_label=Key::Accepting
                    pending=accept.pending()
                    wide=true
                />
            </form>
        </AuthCard>
    }
}
