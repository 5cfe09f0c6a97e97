//! `/{slug}/order/address`: change the delivery address while nothing has shipped, when the shop
//! allows it. The server has the last word: a 409 after dispatch is shown with its reason.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rebound_shared::api::orders::{Address, ChangeAddress, OrderView};
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};

use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::select::SelectField;
use crate::contexts::locale::use_i18n;
use crate::i18n::{COUNTRIES, Key, P, country_key};
use crate::pages::portal::opened::{address_editable, use_opened_order, use_portal_config};
use crate::routes::Page;

/// Dispatch, or the shop's own rule, beat the form: the server's reason is the message.
fn explain(problem: &Problem) -> Option<Key> {
    match problem.kind {
        ErrorKind::Conflict => Some(Key::Portal(P::AddressTooLate)),
        ErrorKind::Forbidden => Some(Key::Portal(P::AddressNotTaken)),
        _ => None,
    }
}

#[component]
pub fn AddressPage() -> impl IntoView {
    let i18n = use_i18n();
    let opened = use_opened_order();
    let order = opened.order;
    let slug = opened.slug.clone();
    let api = opened.api.clone();
    move || {
        match order.get() {
        None => view! { <div class="portal-card"><Loading /></div> }.into_any(),
        Some(Err(p)) => view! {
            <div class="portal-card"><ProblemAlert problem=Signal::derive(move || Some(p.clone())) /></div>
        }
        .into_any(),
        Some(Ok(found)) => {
            let back = Page::PortalOrder(slug.clone()).path();
            if address_editable(&found, use_portal_config().as_ref()) {
                view! { <AddressForm order=found slug=slug.clone() api=api.clone() /> }.into_any()
            } else {
                view! {
                    <div class="portal-card narrow">
                        <h1 class="section-heading">{i18n.tr(Key::Portal(P::ChangeAddress))}</h1>
                        <p>{i18n.tr(Key::Portal(P::AddressLocked))}</p>
                        <a class="btn btn-secondary" href=back>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                    </div>
                }
                .into_any()
            }
        }
    }
    }
}

#[component]
fn AddressForm(
    order: OrderView,
    slug: String,
    api: Option<crate::api::ShopperApi>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let current = order.shipping_address;
    let line1 = RwSignal::new(current.line1);
    let line2 = RwSignal::new(current.line2.unwrap_or_default());
    let city = RwSignal::new(current.city);
    let region = RwSignal::new(current.region.unwrap_or_default());
    let postal_code = RwSignal::new(current.postal_code);
    let country = RwSignal::new(current.country);
    let errors: [ErrorSlot; 6] = std::array::from_fn(|_| RwSignal::new(None));
    let [line1_e, line2_e, city_e, region_e, postal_e, country_e] = errors;
    let slots = [
        ("shipping_address.line1", line1_e),
        ("shipping_address.line2", line2_e),
        ("shipping_address.city", city_e),
        ("shipping_address.region", region_e),
        ("shipping_address.postal_code", postal_e),
        ("shipping_address.country", country_e),
    ];
    let problem = RwSignal::new(None::<Problem>);

    let save = Action::new_local(move |body: &ChangeAddress| {
        let (api, body) = (api.clone(), body.clone());
        async move {
            match api {
                Some(api) => api.change_address(&body).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
            }
        }
    });
    let order_page = Page::PortalOrder(slug.clone()).path();
    Effect::new({
        let order_page = order_page.clone();
        move || match save.value().get() {
            Some(Ok(_)) => navigate(&format!("{order_page}?address=changed"), Default::default()),
            Some(Err(p)) => {
                if show_server_errors(&p.errors, &slots) {
                    focus_first_error(&slots);
                }
                problem.set(Some(p));
            }
            None => {}
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let required = |value: RwSignal<String>, slot: ErrorSlot| {
            if value.with_untracked(|v| v.trim().is_empty()) {
                slot.set(Some(FieldMessage::Key(Key::Required)));
            }
        };
        required(line1, line1_e);
        required(city, city_e);
        required(postal_code, postal_e);
        if slots.iter().any(|(_, s)| s.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let optional = |value: RwSignal<String>| {
            Some(value.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        save.dispatch(ChangeAddress {
            shipping_address: Address {
                line1: line1.get_untracked().trim().to_owned(),
                line2: optional(line2),
                city: city.get_untracked().trim().to_owned(),
                region: optional(region),
                postal_code: postal_code.get_untracked().trim().to_owned(),
                country: country.get_untracked(),
            },
        });
    };
    let countries = Signal::derive(move || {
        let mut list: Vec<(String, String)> = COUNTRIES
            .iter()
            .map(|code| {
                let name = country_key(code).map_or(*code, |k| i18n.t(k));
                ((*code).to_owned(), name.to_owned())
            })
            .collect();
        // An order from elsewhere keeps its country as it is.
        let current = country.get_untracked();
        if !COUNTRIES.contains(&current.as_str()) {
            list.insert(0, (current.clone(), current));
        }
        list
    });

    view! {
        <section class="portal-card narrow" aria-labelledby="address-form-title">
            <div>
                <p class="portal-eyebrow">{order.number.clone()}</p>
                <h1 id="address-form-title" class="section-heading">{i18n.tr(Key::Portal(P::ChangeAddress))}</h1>
                <p class="muted">{i18n.tr(Key::Portal(P::ChangeAddressLead))}</p>
            </div>
            <ProblemAlert problem=problem explain=explain />
            <form class="form" novalidate on:submit=on_submit>
                <Field id="shipping_address.line1" label=Key::Portal(P::AddressLine1) value=line1 error=line1_e autocomplete="address-line1" required=true max_length=limits::ADDRESS_LINE />
                <Field id="shipping_address.line2" label=Key::Portal(P::AddressLine2) value=line2 error=line2_e autocomplete="address-line2" max_length=limits::ADDRESS_LINE />
                <div class="grid-2">
                    <Field id="shipping_address.city" label=Key::Portal(P::City) value=city error=city_e autocomplete="address-level2" required=true max_length=limits::CITY />
                    <Field id="shipping_address.region" label=Key::Portal(P::Region) value=region error=region_e autocomplete="address-level1" max_length=limits::REGION />
                </div>
                <div class="grid-2">
                    <Field id="shipping_address.postal_code" label=Key::Portal(P::PostalCode) value=postal_code error=postal_e autocomplete="postal-code" required=true max_length=limits::POSTAL_CODE />
                    <SelectField
                        id="shipping_address.country"
                        label=Signal::derive(move || i18n.t(Key::Portal(P::Country)).to_owned())
                        value=country
                        error=country_e
                        options=countries
                        required=true
                    />
                </div>
                <div class="form-actions">
                    <SubmitButton label=Key::Portal(P::SaveAddress) busy_label=Key::Portal(P::SavingAddress) pending=save.pending() brand=true />
                    <a class="btn btn-ghost" href=order_page>{i18n.tr(Key::Portal(P::Cancel))}</a>
                </div>
            </form>
        </section>
    }
}
