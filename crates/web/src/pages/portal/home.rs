//! `/{slug}`: the portal's front door, where a shopper finds their order.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::alert::Notice;
use crate::components::field::{ErrorSlot, Field, FieldMessage, focus_first_error};
use crate::contexts::branding::use_branding;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn PortalHome() -> impl IntoView {
    let i18n = use_i18n();
    let branding = use_branding();
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
    let notice = RwSignal::new(None::<Key>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
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
        notice.set(Some(Key::LookupSoon));
    };

    view! {
        <section class="portal-hero" aria-labelledby="portal-hero-title">
            <p class="portal-eyebrow">{company}</p>
            <h1 id="portal-hero-title" class="portal-title">{i18n.tr(Key::PortalHeroTitle)}</h1>
            <p class="portal-lead">{i18n.tr(Key::PortalHeroLead)}</p>
        </section>
        <section class="portal-card lookup" aria-labelledby="lookup-title">
            <h2 id="lookup-title" class="lookup-title">{i18n.tr(Key::LookupTitle)}</h2>
            <form class="form" novalidate on:submit=on_submit>
                <Field
                    id="order"
                    label=Key::LookupOrder
                    value=order
                    error=order_error
                    hint=Key::LookupOrderHint
                    autocomplete="off"
                    required=true
                />
                <Field
                    id="contact"
                    label=Key::LookupContact
                    value=contact
                    error=contact_error
                    hint=Key::LookupContactHint
                    autocomplete="email"
                    required=true
                />
                <button type="submit" class="btn btn-brand btn-wide">
                    {i18n.tr(Key::LookupSubmit)}
                </button>
            </form>
            <Notice message=notice />
        </section>
    }
}
