//! Step four: what the shopper wants back, and how the parcel travels.

use leptos::prelude::*;
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::Money;
use rebound_shared::limits;

use crate::components::field::FieldErrorText;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R, method_key, resolution_key};

use super::exchange::{ExchangeChoices, ExchangeDifference};
use super::form::Wizard;

#[component]
pub(super) fn ResolutionStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    // Only what every chosen item allows for its reason: what the server will accept.
    wizard.keep_choices_offered();
    let (resolutions, methods) = wizard.offered();
    let none_common = resolutions.is_empty() || methods.is_empty();
    let currency = wizard.options.with_value(|o| o.currency.clone());
    view! {
        {none_common.then(|| view! {
            <div class="alert alert-info" role="status">
                <p>{i18n.tr(Key::Ret(R::NoCommonChoice))}</p>
            </div>
        })}
        <fieldset class="choice-group" aria-describedby="resolution-error">
            <legend>{i18n.tr(Key::Ret(R::ResolutionQuestion))}</legend>
            {resolutions
                .into_iter()
                .map(|r| {
                    let id = format!("resolution-{}", enum_value(&r));
                    view! {
                        <label class="choice" for=id.clone()>
                            <input
                                id=id.clone()
                                type="radio"
                                name="resolution"
                                prop:checked=move || wizard.resolution.get() == r
                                on:change=move |_| {
                                    wizard.resolution.set(r);
                                    wizard.resolution_error.set(None);
                                }
                            />
                            <span>
                                <span class="choice-title">{i18n.tr(resolution_key(r))}</span>
                                // "Refund 50.00 €" / "Store credit 55.00 €": the bonus shows.
                                {wizard.amount_with(r).map(|minor| {
                                    let currency = currency.clone();
                                    view! {
                                        <span class="choice-hint" id=format!("amount-{}", enum_value(&r))>
                                            {move || Money::show(minor, &currency, i18n.locale().lang())}
                                        </span>
                                    }
                                })}
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <FieldErrorText id="resolution-error".to_owned() error=wizard.resolution_error />
        </fieldset>
        <Show when=move || wizard.resolution.get() == Resolution::Exchange>
            <ExchangeChoices wizard=wizard />
            <ExchangeDifference wizard=wizard />
        </Show>
        <Show when=move || wizard.resolution.get() == Resolution::Replacement>
            <div class="field" class:field-invalid=move || wizard.variant_error.with(Option::is_some)>
                <label for="replacement_variant">{i18n.tr(Key::Ret(R::VariantWanted))}</label>
                <p class="field-hint" id="replacement_variant-hint">{i18n.tr(Key::Ret(R::VariantHint))}</p>
                <input
                    id="replacement_variant"
                    type="text"
                    maxlength=limits::VARIANT
                    required=true
                    aria-invalid=move || wizard.variant_error.with(Option::is_some).then_some("true")
                    aria-describedby="replacement_variant-hint replacement_variant-error"
                    prop:value=move || wizard.variant.get()
                    on:input=move |ev| {
                        wizard.variant.set(event_target_value(&ev));
                        wizard.variant_error.set(None);
                    }
                />
                <FieldErrorText id="replacement_variant-error".to_owned() error=wizard.variant_error />
            </div>
        </Show>
        <fieldset class="choice-group" aria-describedby="method-error">
            <legend>{i18n.tr(Key::Ret(R::MethodQuestion))}</legend>
            {methods
                .into_iter()
                .map(|m| {
                    let id = format!("method-{}", enum_value(&m));
                    view! {
                        <label class="choice" for=id.clone()>
                            <input
                                id=id.clone()
                                type="radio"
                                name="method"
                                prop:checked=move || wizard.method.get() == m
                                on:change=move |_| {
                                    wizard.method.set(m);
                                    wizard.method_error.set(None);
                                }
                            />
                            <span>
                                <span class="choice-title">{i18n.tr(method_key(m))}</span>
                                <span class="choice-hint">{i18n.tr(Key::Ret(match m {
                                    ReturnMethod::PrepaidLabel => R::LabelHint,
                                    ReturnMethod::QrDropOff => R::QrHint,
                                }))}</span>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <FieldErrorText id="method-error".to_owned() error=wizard.method_error />
        </fieldset>
    }
}

/// The JSON name of an enum value (`store_credit`), for ids.
pub fn enum_value<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
