//! Exchanges in the wizard: per item, the product's other variants (out of stock ones greyed),
//! and the price difference worked out with the server's own `quote_exchange` before the
//! shopper submits.

use leptos::prelude::*;
use rebound_shared::api::catalogue::options_label;
use rebound_shared::api::exchanges::{ExchangeSettings, Settlement};
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::Money;
use rebound_shared::domain::exchange::{ExchangeLine, bonus_for, quote_exchange};

use crate::components::field::FieldErrorText;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R};

use super::form::Wizard;

impl Wizard {
    /// The difference and how the shop settles it; none until every chosen item has its
    /// exchange.
    pub(super) fn exchange_settlement(&self) -> Option<Settlement> {
        let request = self.request();
        self.options.with_value(|o| {
            let offer = o.exchange.as_ref()?;
            let lines = request
                .items
                .iter()
                .map(|l| {
                    let item = o
                        .items
                        .iter()
                        .find(|i| i.order_item_id == l.order_item_id)?;
                    let sku = l.exchange_sku.as_deref()?;
                    let wanted = item.exchange_choices.iter().find(|c| c.sku == sku)?;
                    Some(ExchangeLine {
                        returned_unit_minor: item.unit_price_minor,
                        wanted_unit_minor: wanted.unit_price_minor,
                        quantity: l.quantity,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            let settings = ExchangeSettings {
                enabled: true,
                cheaper: offer.cheaper,
                dearer: offer.dearer,
                ..ExchangeSettings::default()
            };
            let fee = o
                .fee_for(&request.items, Some(Resolution::Exchange))
                .map(|m| m.minor());
            Some(quote_exchange(&lines, fee, &settings).settlement)
        })
    }

    /// What the shopper gets back with `resolution`: the refund, or the credit with the shop's
    /// bonus; none for the other resolutions.
    pub(super) fn amount_with(&self, resolution: Resolution) -> Option<i64> {
        let items = self.request().items;
        self.options.with_value(|o| {
            let value = o.value_of(&items);
            let fee = o.fee_for(&items, Some(resolution)).map_or(0, |m| m.minor());
            let back = (value - fee.clamp(0, value.max(0))).max(0);
            let bonus = o.exchange.as_ref().and_then(|e| e.bonus);
            match resolution {
                Resolution::Refund => Some(back),
                Resolution::StoreCredit => Some(back + bonus_for(bonus.as_ref(), back)),
                _ => None,
            }
        })
    }
}

/// The other variants of each chosen item, one radio group per item.
#[component]
pub(super) fn ExchangeChoices(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let currency = wizard.options.with_value(|o| o.currency.clone());
    wizard
        .chosen()
        .into_iter()
        .map(|line| {
            let item = wizard.options.with_value(|o| o.items[line.index].clone());
            let name = format!("exchange-{}", line.index);
            let currency = currency.clone();
            view! {
                <fieldset class="choice-group exchange-choices" aria-describedby=format!("{name}-error")>
                    <legend>{i18n.tr(Key::Ret(R::ExchangeFor))} " " {item.title.clone()}</legend>
                    {item.exchange_choices.is_empty().then(|| view! {
                        <p class="muted">{i18n.tr(Key::Ret(R::NoOtherVariants))}</p>
                    })}
                    {item.exchange_choices.iter().map(|c| {
                        let id = format!("{name}-{}", c.sku);
                        let sku = c.sku.clone();
                        let checked_sku = sku.clone();
                        let sold_out = c.available <= 0;
                        let label = match options_label(&c.options) {
                            l if l.is_empty() => c.title.clone(),
                            l => l,
                        };
                        let (minor, currency) = (c.unit_price_minor, currency.clone());
                        view! {
                            <label class="choice" class:choice-disabled=sold_out for=id.clone()>
                                <input
                                    id=id.clone()
                                    type="radio"
                                    name=name.clone()
                                    disabled=sold_out
                                    prop:checked=move || line.exchange.with(|s| *s == checked_sku)
                                    on:change=move |_| {
                                        line.exchange.set(sku.clone());
                                        line.exchange_error.set(None);
                                    }
                                />
                                <span>
                                    <span class="choice-title">{label}</span>
                                    <span class="choice-hint">
                                        {move || Money::show(minor, &currency, i18n.locale().lang())}
                                        {sold_out.then(|| view! { " · " {i18n.tr(Key::Ret(R::OutOfStock))} })}
                                    </span>
                                </span>
                            </label>
                        }
                    }).collect_view()}
                    <FieldErrorText id=format!("{name}-error") error=line.exchange_error />
                </fieldset>
            }
        })
        .collect_view()
}

/// The price difference in a sentence: what the shopper pays, gets back, or why not.
#[component]
pub(super) fn ExchangeDifference(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let currency = wizard.options.with_value(|o| o.currency.clone());
    move || {
        // The request reads the choices untracked: follow them here, so the sentence changes
        // as soon as another size is picked.
        wizard.chosen().iter().for_each(|l| l.exchange.track());
        let settlement = wizard.exchange_settlement()?;
        let (key, amount, class) = match settlement {
            Settlement::Even => (R::DiffEven, 0, "alert-info"),
            Settlement::Refund(a) => (R::DiffRefund, a, "alert-info"),
            Settlement::StoreCredit(a) => (R::DiffCredit, a, "alert-info"),
            Settlement::PaymentDue(a) => (R::DiffPay, a, "alert-info"),
            Settlement::Refused(a) => (R::DiffRefused, a, "alert-error"),
        };
        let text = i18n.t(Key::Ret(key)).replace(
            "{amount}",
            &Money::show(amount, &currency, i18n.locale().lang()),
        );
        Some(view! {
            <p class=format!("alert {class}") id="exchange-difference" role="status">{text}</p>
        })
    }
}
