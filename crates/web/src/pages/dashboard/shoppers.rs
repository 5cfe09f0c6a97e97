//! `/dashboard/shoppers`: the top returners of the last twelve months (orders, returns, rate,
//! value returned, "not received" claims, and the flags the shop's thresholds give them), and
//! the "Risk thresholds" card that sets those thresholds. Saving re-reads the list, so the
//! flags follow at once. Owners also find the "Data requests" card there (`shopper_data`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::risk::{RiskSettingsView, ShopperList, ShopperRisk};
use rebound_shared::domain::risk::{COUNT_THRESHOLD_MAX, FULL_RATE_BASIS_POINTS, RiskThresholds};
use rebound_shared::domain::{Currency, Money};
use rebound_shared::{ErrorKind, Permission, Problem};
use web_sys::SubmitEvent;

use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::field::{
    ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error, show_server_errors,
};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::components::toast::{ToastRegion, provide_toasts, use_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{K, Key, flag_reason, percent};
use crate::pages::dashboard::shopper_data::ShopperDataCard;

/// How many shoppers the page lists.
const LISTED: u32 = 50;

fn signed_out() -> Problem {
    Problem::new(ErrorKind::Unauthorized, "signed out")
}

#[component]
pub fn ShoppersPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::Risk(K::Title));
    provide_toasts();
    // Bumped after the thresholds are saved: the flags are recounted with them.
    let saved = RwSignal::new(0_u32);
    let shoppers = LocalResource::new(move || {
        let _ = saved.get();
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.shoppers(LISTED).await,
                None => Err(signed_out()),
            }
        }
    });
    let settings = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.risk_settings().await,
                None => Err(signed_out()),
            }
        }
    });
    view! {
        <div class="page-header">
            <h1 class="page-title">{i18n.tr(Key::Risk(K::Title))}</h1>
            <p class="page-lead">{i18n.tr(Key::Risk(K::Lead))}</p>
        </div>
        <section class="card" aria-labelledby="shoppers-caption">
            {move || match shoppers.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(list)) => view! { <ShopperTable list=list /> }.into_any(),
            }}
        </section>
        {move || match settings.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
            Some(Ok(view)) => view! { <ThresholdsCard settings=view on_saved=move || saved.update(|n| *n += 1) /> }.into_any(),
        }}
        {move || auth.can(Permission::HandleDataRequests).then(|| view! { <ShopperDataCard on_erased=Callback::new(move |()| saved.update(|n| *n += 1)) /> })}
        <ToastRegion />
    }
}

#[component]
fn ShopperTable(list: ShopperList) -> impl IntoView {
    let i18n = use_i18n();
    if list.shoppers.is_empty() {
        return view! {
            <h2 id="shoppers-caption" class="visually-hidden">{i18n.tr(Key::Risk(K::Caption))}</h2>
            <EmptyState
                illustration=Illustration::Returns
                title=Key::Risk(K::EmptyTitle)
                body=Key::Risk(K::EmptyBody)
            />
        }
        .into_any();
    }
    let unset = (!list.thresholds_set)
        .then(|| view! { <p class="muted">{i18n.tr(Key::Risk(K::NoThresholds))}</p> });
    view! {
        {unset}
        <div class="table-wrap">
            <table class="table shoppers-table">
                <caption id="shoppers-caption">{i18n.tr(Key::Risk(K::Caption))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Risk(K::Shopper))}</th>
                        <th scope="col" class="cell-number">{i18n.tr(Key::Risk(K::Orders))}</th>
                        <th scope="col" class="cell-number">{i18n.tr(Key::Risk(K::Returns))}</th>
                        <th scope="col" class="cell-number">{i18n.tr(Key::Risk(K::ReturnRate))}</th>
                        <th scope="col" class="cell-number">{i18n.tr(Key::Risk(K::ValueReturned))}</th>
                        <th scope="col" class="cell-number">{i18n.tr(Key::Risk(K::NotReceived))}</th>
                        <th scope="col">{i18n.tr(Key::Risk(K::Flags))}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.shoppers.into_iter().map(|s| view! { <ShopperRow shopper=s /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ShopperRow(shopper: ShopperRisk) -> impl IntoView {
    let i18n = use_i18n();
    let rate = shopper.return_rate_basis_points;
    let value = shopper.value_returned;
    let flags = shopper.flags.clone();
    let flagged = !flags.is_empty();
    view! {
        <tr class="shopper-row" data-email=shopper.email.clone() data-flagged=flagged.to_string()>
            <th scope="row">
                <span class="return-customer">{shopper.name.clone()}</span>
                <span class="muted cell-email">{shopper.email.clone()}</span>
            </th>
            <td class="cell-number">{shopper.orders}</td>
            <td class="cell-number">{shopper.returns}</td>
            <td class="cell-number">{move || rate.map_or_else(|| "—".to_owned(), |r| percent(r, i18n.locale()))}</td>
            <td class="cell-number">{move || value.format(i18n.locale().lang())}</td>
            <td class="cell-number">{shopper.not_received}</td>
            <td>
                {if flagged {
                    view! {
                        <span class="badge badge-risk">{i18n.tr(Key::Risk(K::Flagged))}</span>
                        <ul>
                            {flags
                                .into_iter()
                                .map(|f| view! { <li>{move || flag_reason(i18n.locale(), &f)}</li> })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                } else {
                    view! { <span class="muted">{i18n.tr(Key::Risk(K::NotFlagged))}</span> }.into_any()
                }}
            </td>
        </tr>
    }
}

/// A count threshold as typed: empty is none; else a whole number in range.
fn read_count(raw: &str, error: ErrorSlot) -> Option<Option<u32>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(None);
    }
    match raw.parse::<u32>() {
        Ok(n) if (1..=COUNT_THRESHOLD_MAX).contains(&n) => Some(Some(n)),
        _ => {
            error.set(Some(FieldMessage::Key(Key::Risk(K::CountInvalid))));
            None
        }
    }
}

/// A percentage as typed (`25`, `12.5`, `12,5`), in basis points.
fn read_rate(raw: &str, error: ErrorSlot) -> Option<Option<u32>> {
    let raw = raw.trim().trim_end_matches('%').trim();
    if raw.is_empty() {
        return Some(None);
    }
    let points = raw
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|p| p.is_finite())
        .map(|p| (p * 100.0).round());
    match points {
        Some(bp) if bp >= 1.0 && bp <= f64::from(FULL_RATE_BASIS_POINTS) => {
            // In range, so the cast keeps the value.
            Some(Some(bp as u32))
        }
        _ => {
            error.set(Some(FieldMessage::Key(Key::Risk(K::RateInvalid))));
            None
        }
    }
}

/// An amount as typed, in the shop's currency, by the shared `Money` rules.
fn read_amount(raw: &str, currency: Option<Currency>, error: ErrorSlot) -> Option<Option<Money>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(None);
    }
    match currency.map(|c| Money::parse(raw, c)) {
        Some(Ok(m)) if m.minor() > 0 => Some(Some(m)),
        _ => {
            error.set(Some(FieldMessage::Key(Key::Risk(K::AmountInvalid))));
            None
        }
    }
}

fn rate_input(basis_points: u32) -> String {
    percent(basis_points, crate::i18n::Locale::En)
        .trim_end_matches('%')
        .to_owned()
}

#[component]
fn ThresholdsCard(
    settings: RiskSettingsView,
    on_saved: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let readonly = move || !auth.can(Permission::ManageSettings);
    let t = settings.thresholds;
    let currency = Currency::parse(&settings.currency).ok();
    let returns = RwSignal::new(
        t.returns_at_least
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let rate = RwSignal::new(
        t.return_rate_at_least_basis_points
            .map(rate_input)
            .unwrap_or_default(),
    );
    let value = RwSignal::new(
        t.value_returned_at_least
            .map(Money::input)
            .unwrap_or_default(),
    );
    let claims = RwSignal::new(
        t.not_received_at_least
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let review = RwSignal::new(t.review_flagged);
    let errors: [ErrorSlot; 4] = std::array::from_fn(|_| RwSignal::new(None));
    let [returns_e, rate_e, value_e, claims_e] = errors;
    let slots = [
        ("returns_at_least", returns_e),
        ("return_rate_at_least_basis_points", rate_e),
        ("value_returned_at_least", value_e),
        ("not_received_at_least", claims_e),
    ];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let read = (
            read_count(&returns.get_untracked(), returns_e),
            read_rate(&rate.get_untracked(), rate_e),
            read_amount(&value.get_untracked(), currency, value_e),
            read_count(&claims.get_untracked(), claims_e),
        );
        let (
            Some(returns_at_least),
            Some(rate_at_least),
            Some(value_at_least),
            Some(claims_at_least),
        ) = read
        else {
            focus_first_error(&slots);
            return;
        };
        let Some(api) = auth.api() else { return };
        let body = RiskThresholds {
            returns_at_least,
            return_rate_at_least_basis_points: rate_at_least,
            value_returned_at_least: value_at_least,
            not_received_at_least: claims_at_least,
            review_flagged: review.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.save_risk_settings(&body).await;
            pending.set(false);
            match result {
                Ok(_) => {
                    toasts.show(Key::Risk(K::Saved));
                    on_saved();
                }
                Err(p) => {
                    if show_server_errors(&p.errors, &slots) {
                        focus_first_error(&slots);
                    }
                    problem.set(Some(p));
                }
            }
        });
    };
    let value_label = settings.currency.clone();
    view! {
        <section class="card" aria-labelledby="risk-title">
            <div class="card-header">
                <h2 id="risk-title" class="card-title">{i18n.tr(Key::Risk(K::ThresholdsTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Risk(K::ThresholdsLead))}</p>
                {move || readonly().then(|| view! { <p class="muted">{i18n.tr(Key::Risk(K::ManagersOnly))}</p> })}
            </div>
            <form class="form" novalidate on:submit=on_submit>
                <fieldset class="plain" disabled=readonly>
                    <ProblemAlert problem=problem />
                    <div class="risk-form">
                        <Field id="returns_at_least" label=Key::Risk(K::ReturnsAtLeast) value=returns error=returns_e inputmode="numeric" hint=Key::Risk(K::EmptyIgnores) />
                        <Field id="return_rate_at_least_basis_points" label=Key::Risk(K::RateAtLeast) value=rate error=rate_e inputmode="decimal" hint=Key::Risk(K::EmptyIgnores) />
                        <Field id="value_returned_at_least" label=Key::Risk(K::ValueAtLeast) value=value error=value_e inputmode="decimal" hint=Key::Risk(K::EmptyIgnores)>
                            <p class="field-hint">{value_label}</p>
                        </Field>
                        <Field id="not_received_at_least" label=Key::Risk(K::NotReceivedAtLeast) value=claims error=claims_e inputmode="numeric" hint=Key::Risk(K::EmptyIgnores) />
                        <div class="check form-wide">
                            <input
                                type="checkbox"
                                id="review_flagged"
                                prop:checked=move || review.get()
                                on:change=move |ev| review.set(event_target_checked(&ev))
                            />
                            <label for="review_flagged">{i18n.tr(Key::Risk(K::ReviewFlagged))}</label>
                        </div>
                    </div>
                    <div class="form-actions">
                        <SubmitButton label=Key::Risk(K::Save) busy_label=Key::Risk(K::Saving) pending=pending />
                    </div>
                </fieldset>
            </form>
        </section>
    }
}
