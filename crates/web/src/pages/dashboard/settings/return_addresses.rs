//! Return addresses: where parcels go back to. List, add, edit, delete; one is the default.
//! Postal codes are checked and normalised in the browser with the server's own rule.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::settings::{ReturnAddressInput, ReturnAddressView};
use rebound_shared::domain::{CHECKED_COUNTRIES, normalise_postal_code};
use rebound_shared::limits;
use uuid::Uuid;

use super::controls::{Check, after_save};
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, SubmitButton, focus_first_error,
};
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, S};

/// The countries offered, with their names in each language.
const COUNTRIES: [(&str, &str, &str); 9] = [
    ("CA", "Canada", "Canada"),
    ("US", "United States", "États-Unis"),
    ("FR", "France", "France"),
    ("GB", "United Kingdom", "Royaume-Uni"),
    ("DE", "Germany", "Allemagne"),
    ("BE", "Belgium", "Belgique"),
    ("CH", "Switzerland", "Suisse"),
    ("ES", "Spain", "Espagne"),
    ("IT", "Italy", "Italie"),
];

fn required_text(max: usize) -> impl Fn(&str) -> Option<FieldMessage> {
    move |raw: &str| {
        let n = raw.trim().chars().count();
        if n == 0 {
            Some(FieldMessage::Key(Key::Required))
        } else if n > max {
            Some(FieldMessage::Key(Key::RuleTooLong))
        } else {
            None
        }
    }
}

fn optional(raw: String) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[component]
pub fn AddressesCard(
    addresses: Vec<ReturnAddressView>,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let addresses = RwSignal::new(addresses);
    let editing = RwSignal::new(None::<Uuid>);
    let problem = RwSignal::new(None::<Problem>);

    let saved = move |view: ReturnAddressView| {
        addresses.update(|list| {
            if view.is_default {
                for a in list.iter_mut() {
                    a.is_default = false;
                }
            }
            match list.iter_mut().find(|a| a.id == view.id) {
                Some(a) => *a = view,
                None => list.push(view),
            }
        });
        editing.set(None);
    };
    let delete = move |id: Uuid| {
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            let result = api.delete_return_address(id).await;
            if after_save(result, &[], problem, toasts).is_some() {
                addresses.update(|l| l.retain(|a| a.id != id));
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="addresses-title">
            <div class="card-header">
                <h2 id="addresses-title" class="card-title">{i18n.tr(Key::Set(S::AddressesTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::AddressesLead))}</p>
            </div>
            <ProblemAlert problem=problem />
            {move || addresses.with(Vec::is_empty).then(|| view! { <p class="muted">{i18n.tr(Key::Set(S::NoAddresses))}</p> })}
            <ul class="item-list">
                {move || {
                    addresses
                        .get()
                        .into_iter()
                        .map(|a| {
                            let id = a.id;
                            let lines = [Some(a.line1.clone()), a.line2.clone(), Some(format!("{} {} {}", a.city, a.region.clone().unwrap_or_default(), a.postal_code)), Some(a.country.clone())]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <li class="item-row">
                                    <span class="item-main">
                                        <strong>{a.name.clone()}</strong>
                                        " "
                                        {a.is_default.then(|| view! { <span class="badge">{i18n.tr(Key::Set(S::DefaultBadge))}</span> })}
                                        <span class="item-sub">{lines}</span>
                                    </span>
                                    {move || (!readonly.get()).then(|| view! {
                                        <span class="item-actions">
                                            <button type="button" class="btn btn-secondary btn-small" on:click=move |_| editing.set(Some(id))>
                                                {i18n.tr(Key::Set(S::Edit))}
                                            </button>
                                            <button type="button" class="btn btn-secondary btn-small" on:click=move |_| delete(id)>
                                                {i18n.tr(Key::Set(S::Delete))}
                                            </button>
                                        </span>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                let existing = editing.get().and_then(|id| addresses.with(|l| l.iter().find(|a| a.id == id).cloned()));
                (!readonly.get()).then(|| {
                    view! { <AddressForm existing=existing on_saved=Callback::new(saved) on_cancel=Callback::new(move |()| editing.set(None)) /> }
                })
            }}
        </section>
    }
}

#[component]
fn AddressForm(
    existing: Option<ReturnAddressView>,
    on_saved: Callback<ReturnAddressView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let id = existing.as_ref().map(|a| a.id);
    let e = existing.clone();
    let text = move |f: fn(&ReturnAddressView) -> String| {
        RwSignal::new(e.as_ref().map(f).unwrap_or_default())
    };
    let name = text(|a| a.name.clone());
    let line1 = text(|a| a.line1.clone());
    let line2 = text(|a| a.line2.clone().unwrap_or_default());
    let city = text(|a| a.city.clone());
    let region = text(|a| a.region.clone().unwrap_or_default());
    let postal_code = text(|a| a.postal_code.clone());
    let country = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(|| "CA".to_owned(), |a| a.country.clone()),
    );
    let is_default = RwSignal::new(existing.as_ref().is_some_and(|a| a.is_default));
    let errors: [ErrorSlot; 7] = std::array::from_fn(|_| RwSignal::new(None));
    let [
        name_e,
        line1_e,
        line2_e,
        city_e,
        region_e,
        postal_e,
        country_e,
    ] = errors;
    let slots = [
        ("name", name_e),
        ("line1", line1_e),
        ("line2", line2_e),
        ("city", city_e),
        ("region", region_e),
        ("postal_code", postal_e),
        ("country", country_e),
    ];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        name_e.set(required_text(100)(&name.get_untracked()));
        line1_e.set(required_text(200)(&line1.get_untracked()));
        city_e.set(required_text(100)(&city.get_untracked()));
        let c = country.get_untracked();
        let postal = if CHECKED_COUNTRIES.contains(&c.as_str()) {
            match normalise_postal_code(&c, &postal_code.get_untracked()) {
                Ok(p) => Some(p),
                Err(err) => {
                    postal_e.set(Some(match err.code.as_ref() {
                        "postal_code" => FieldMessage::Key(Key::Set(S::RulePostalCode)),
                        _ => FieldMessage::from_rule("postal_code", &err),
                    }));
                    None
                }
            }
        } else {
            let p = postal_code.get_untracked().trim().to_uppercase();
            postal_e.set(required_text(20)(&p));
            Some(p)
        };
        if slots.iter().any(|(_, e)| e.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(postal) = postal else { return };
        postal_code.set(postal.clone());
        let Some(api) = auth.api() else { return };
        let body = ReturnAddressInput {
            name: name.get_untracked().trim().to_owned(),
            line1: line1.get_untracked().trim().to_owned(),
            line2: optional(line2.get_untracked()),
            city: city.get_untracked().trim().to_owned(),
            region: optional(region.get_untracked()),
            postal_code: postal,
            country: c,
            is_default: is_default.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            let result = match id {
                Some(id) => api.update_return_address(id, &body).await,
                None => api.add_return_address(&body).await,
            };
            pending.set(false);
            if let Some(view) = after_save(result, &slots, problem, toasts) {
                on_saved.run(view);
            }
        });
    };

    view! {
        <form class="form invite" novalidate on:submit=on_submit>
            <h3 class="section-title">{i18n.tr(Key::Set(if id.is_some() { S::EditAddress } else { S::AddAddress }))}</h3>
            <ProblemAlert problem=problem />
            <Field id="name" label=Key::Set(S::AddressName) value=name error=name_e required=true max_length=limits::PERSON_NAME />
            <Field id="line1" label=Key::Set(S::AddressLine1) value=line1 error=line1_e required=true max_length=limits::ADDRESS_LINE />
            <Field id="line2" label=Key::Set(S::AddressLine2) value=line2 error=line2_e max_length=limits::ADDRESS_LINE />
            <div class="grid-2">
                <Field id="city" label=Key::Set(S::City) value=city error=city_e required=true max_length=limits::CITY />
                <Field id="region" label=Key::Set(S::Region) value=region error=region_e max_length=limits::REGION />
            </div>
            <div class="grid-2">
                <Field id="postal_code" label=Key::Set(S::PostalCode) value=postal_code error=postal_e required=true max_length=limits::POSTAL_CODE />
                <div class="field">
                    <label for="country">{i18n.tr(Key::Set(S::Country))}</label>
                    <select id="country" on:change=move |ev| { country.set(event_target_value(&ev)); postal_e.set(None); }>
                        {COUNTRIES
                            .into_iter()
                            .map(|(code, en, fr)| view! {
                                <option value=code selected=move || country.get() == code>
                                    {move || if i18n.locale() == Locale::Fr { fr } else { en }}
                                </option>
                            })
                            .collect_view()}
                    </select>
                    <FieldErrorText id="country-error".into() error=country_e />
                </div>
            </div>
            <Check id="address-default".into() label=Key::Set(S::MakeDefault) value=is_default />
            <div class="form-actions">
                <SubmitButton label=Key::Set(if id.is_some() { S::Save } else { S::AddAddress }) busy_label=Key::Set(S::Saving) pending=pending />
                {id.is_some().then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=move |_| on_cancel.run(())>{i18n.tr(Key::Set(S::Cancel))}</button>
                })}
            </div>
        </form>
    }
}
