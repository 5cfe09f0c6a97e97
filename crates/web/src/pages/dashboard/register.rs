//! `/dashboard/register`: a new merchant creates its shop and owner account in one step.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rebound_shared::Problem;
use rebound_shared::api::auth::RegisterMerchant;
use rebound_shared::domain::{Email, Slug, validate_password};
use rebound_shared::limits;

use crate::api;
use crate::components::alert::ProblemAlert;
use crate::components::auth_card::AuthCard;
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;
use crate::routes::Page;

/// The server's rule for names: 1 to 100 characters.
pub fn check_name(raw: &str) -> Option<FieldMessage> {
    let n = raw.trim().chars().count();
    if n == 0 {
        Some(FieldMessage::Key(Key::Required))
    } else if n > 100 {
        Some(FieldMessage::Key(Key::RuleNameLength))
    } else {
        None
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    use_page_title(Key::RegisterTitle);

    let company = RwSignal::new(String::new());
    let slug = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let company_error: ErrorSlot = RwSignal::new(None);
    let slug_error: ErrorSlot = RwSignal::new(None);
    let owner_error: ErrorSlot = RwSignal::new(None);
    let email_error: ErrorSlot = RwSignal::new(None);
    let password_error: ErrorSlot = RwSignal::new(None);
    let slots = [
        ("company_name", company_error),
        ("slug", slug_error),
        ("owner_name", owner_error),
        ("owner_email", email_error),
        ("password", password_error),
    ];
    let problem = RwSignal::new(None::<Problem>);

    // The slug follows the company name until someone edits it by hand.
    Effect::new(move |previous: Option<String>| {
        let suggestion = Slug::suggest(&company.get());
        let current = slug.get_untracked();
        if current.is_empty() || previous.as_ref() == Some(&current) {
            slug.set(suggestion.clone());
        }
        suggestion
    });

    let register = Action::new_local(|body: &RegisterMerchant| {
        let body = body.clone();
        async move { api::register_merchant(&body).await }
    });
    Effect::new(move || match register.value().get() {
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
        company_error.set(check_name(&company.get_untracked()));
        slug_error.set(FieldMessage::check(
            "slug",
            slug.get_untracked().trim(),
            Slug::validate,
        ));
        owner_error.set(check_name(&owner.get_untracked()));
        email_error.set(FieldMessage::check(
            "owner_email",
            &email.get_untracked(),
            Email::validate,
        ));
        password_error.set(FieldMessage::check(
            "password",
            &password.get_untracked(),
            validate_password,
        ));
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        register.dispatch(RegisterMerchant {
            company_name: company.get_untracked().trim().to_owned(),
            slug: slug.get_untracked().trim().to_owned(),
            owner_name: owner.get_untracked().trim().to_owned(),
            owner_email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        });
    };

    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let preview = move || {
        let s = slug.get();
        let shown = if s.trim().is_empty() {
            "…".to_owned()
        } else {
            s.trim().to_owned()
        };
        format!("{origin}/{shown}")
    };

    view! {
        <AuthCard title=Key::RegisterTitle lead=Key::RegisterLead>
            <ProblemAlert problem=problem />
            <form class="form" novalidate on:submit=on_submit>
                <Field
                    id="company_name"
                    max_length=limits::COMPANY_NAME
                    label=Key::CompanyName
                    value=company
                    error=company_error
                    autocomplete="organization"
                    required=true
                />
                <Field
                    id="slug"
                    label=Key::PortalAddress
                    value=slug
                    error=slug_error
                    autocomplete="off"
                    required=true
                >
                    <p class="field-hint" id="slug-preview">
                        {i18n.tr(Key::PortalAddressHint)} " " <code class="url-preview">{preview}</code>
                    </p>
                </Field>
                <Field
                    id="owner_name"
                    max_length=limits::PERSON_NAME
                    label=Key::YourName
                    value=owner
                    error=owner_error
                    autocomplete="name"
                    required=true
                />
                <Field
                    id="owner_email"
                    max_length=limits::EMAIL
                    label=Key::Email
                    value=email
                    error=email_error
                    input_type="email"
                    autocomplete="email"
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
                    label=Key::CreateShop
                    busy_label=Key::CreatingShop
                    pending=register.pending()
                    wide=true
                />
            </form>
            <p class="auth-switch">
                {i18n.tr(Key::HaveAccount)} " "
                <a href=Page::Login.path()>{i18n.tr(Key::SignIn)}</a>
            </p>
        </AuthCard>
    }
}
