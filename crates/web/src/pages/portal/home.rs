//! `/{slug}`: the portal's front door, where a shopper finds their order.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use rebound_shared::ErrorKind;
use rebound_shared::api::orders::OrderLookup;
use rebound_shared::limits;

use crate::api::{self, LookupRefusal};
use crate::components::alert::{Notice, ProblemAlert};
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::contexts::branding::use_branding;
use crate::contexts::locale::use_i18n;
use crate::contexts::order_access::{remember, use_lookup_notice};
use crate::i18n::{Key, P};
use crate::routes::Page;

#[component]
pub fn PortalHome() -> impl IntoView {
    let i18n = use_i18n();
    let branding = use_branding();
    let params = use_params_map();
    let navigate = use_navigate();
    let company = move || {
        branding
            .0
            .with(|b| b.as_ref().map(|b| b.company_name.clone()))
    };

    let order = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let order_error: ErrorSlot = RwSignal::new(None);
    let contact_error: ErrorSlot = RwSignal::new(None);
    let slots = [("order", order_error), ("contact", contact_error)];
    let notice = RwSignal::new(use_lookup_notice().take());
    let refusal = RwSignal::new(None::<LookupRefusal>);

    let lookup = Action::new_local(move |body: &OrderLookup| {
        let body = body.clone();
        let slug = params.with_untracked(|p| p.get("slug").unwrap_or_default());
        async move { (slug.clone(), api::lookup_order(&slug, &body).await) }
    });
    Effect::new(move || match lookup.value().get() {
        Some((slug, Ok(access))) => {
            remember(&slug, &access);
            navigate(&Page::PortalOrder(slug).path(), Default::default());
        }
        Some((_, Err(r))) => {
            if show_server_errors(&r.problem.errors, &slots) {
                focus_first_error(&slots);
            }
            refusal.set(Some(r));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        refusal.set(None);
        // The same bounds as the API's `OrderLookup`: 1..=64 and 1..=254 characters.
        let blank_or_long =
            |raw: &str, max: usize| raw.trim().is_empty() || raw.chars().count() > max;
        order_error.set(
            order
                .with_untracked(|o| blank_or_long(o, 64))
                .then_some(FieldMessage::Key(Key::LookupOrderRequired)),
        );
        contact_error.set(
            contact
                .with_untracked(|c| blank_or_long(c, 254))
                .then_some(FieldMessage::Key(Key::LookupContactRequired)),
        );
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        lookup.dispatch(OrderLookup {
            order: order.get_untracked().trim().to_owned(),
            contact: contact.get_untracked().trim().to_owned(),
        });
    };

    // A miss and a wait get the portal's own sentences; anything else the usual problem alert.
    let own_sentence = move || {
        refusal.with(|r| match r {
            Some(r) if r.problem.kind == ErrorKind::NotFound => {
                Some(i18n.t(Key::Portal(P::LookupMiss)).to_owned())
            }
            Some(r) if r.problem.kind == ErrorKind::RateLimited => Some(match r.retry_after {
                Some(seconds) => i18n
                    .t(Key::Portal(P::LookupWait))
                    .replace("{seconds}", &seconds.to_string()),
                None => i18n.t(Key::ErrRateLimited).to_owned(),
            }),
            _ => None,
        })
    };
    let other_problem = Signal::derive(move || {
        refusal.with(|r| {
            r.as_ref()
                .filter(|r| {
                    !matches!(
                        r.problem.kind,
                        ErrorKind::NotFound | ErrorKind::RateLimited | ErrorKind::Validation
                    )
                })
                .map(|r| r.problem.clone())
        })
    });

    view! {
        <section class="portal-hero" aria-labelledby="portal-hero-title">
            <p class="portal-eyebrow">{company}</p>
            <h1 id="portal-hero-title" class="portal-title">{i18n.tr(Key::PortalHeroTitle)}</h1>
            <p class="portal-lead">{i18n.tr(Key::PortalHeroLead)}</p>
        </section>
        <section class="portal-card lookup" aria-labelledby="lookup-title">
            <h2 id="lookup-title" class="lookup-title">{i18n.tr(Key::LookupTitle)}</h2>
            <Notice message=notice />
            <div class="alert-region" role="alert">
                {move || {
                    own_sentence()
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
            <ProblemAlert problem=other_problem />
            <form class="form" novalidate on:submit=on_submit>
                <Field
                    id="order"
                    max_length=limits::LOOKUP_ORDER
                    label=Key::LookupOrder
                    value=order
                    error=order_error
                    hint=Key::LookupOrderHint
                    autocomplete="off"
                    literal=true
                    required=true
                />
                <Field
                    id="contact"
                    max_length=limits::LOOKUP_CONTACT
                    label=Key::LookupContact
                    value=contact
                    error=contact_error
                    hint=Key::LookupContactHint
                    autocomplete="email"
                    inputmode="email"
                    literal=true
                    required=true
                />
                <SubmitButton
                    label=Key::LookupSubmit
                    busy_label=Key::Portal(P::LookingUp)
                    pending=lookup.pending()
                    wide=true
                    brand=true
                />
            </form>
        </section>
    }
}
