//! Exchanges in the wizard: per item, the product's other variants (out of stock ones greyed),
//! another product of the shop found by a search where the shop allows it, and the price
//! difference worked out with the server's own `quote_exchange` before the shopper submits.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::catalogue::options_label;
use rebound_shared::api::exchanges::{ExchangeChoice, ExchangeSettings, Settlement};
use rebound_shared::api::returns::ReturnableItem;
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::Money;
use rebound_shared::domain::exchange::{ExchangeLine, bonus_for, quote_exchange};

use crate::components::field::FieldErrorText;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R};

use crate::pages::portal::opened::use_opened_order;

use super::form::{Line, Wizard};

impl Wizard {
    /// The difference and how the shop settles it; none until every chosen item has its
    /// exchange.
    pub(super) fn exchange_settlement(&self) -> Option<Settlement> {
        let request = self.request();
        let picked: Vec<ExchangeChoice> = self
            .chosen()
            .iter()
            .filter_map(|l| l.picked.get_untracked())
            .collect();
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
                    let wanted = item
                        .exchange_choices
                        .iter()
                        .chain(&picked)
                        .find(|c| c.sku == sku)?;
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

    /// The variant `line` is to be exchanged for: another size of `item`, or a product picked
    /// from the shop's catalogue.
    pub(super) fn wanted(line: &Line, item: &ReturnableItem) -> Option<ExchangeChoice> {
        let sku = line.exchange.get_untracked();
        item.exchange_choices
            .iter()
            .find(|c| c.sku == sku)
            .cloned()
            .or_else(|| line.picked.get_untracked().filter(|c| c.sku == sku))
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

/// The other variants of each chosen item, one radio group per item; where the shop allows
/// it, a search of its catalogue adds other products to the group.
#[component]
pub(super) fn ExchangeChoices(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let (currency, shop) = wizard.options.with_value(|o| {
        (
            o.currency.clone(),
            o.exchange.as_ref().is_some_and(|e| e.other_products),
        )
    });
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
                    {(item.exchange_choices.is_empty() && !shop).then(|| view! {
                        <p class="muted">{i18n.tr(Key::Ret(R::NoOtherVariants))}</p>
                    })}
                    {item.exchange_choices.iter().map(|c| {
                        choice_radio(line, &name, c.clone(), currency.clone(), false)
                    }).collect_view()}
                    {shop.then(|| view! { <ShopSearch line=line name=name.clone() currency=currency.clone() /> })}
                    <FieldErrorText id=format!("{name}-error") error=line.exchange_error />
                </fieldset>
            }
        })
        .collect_view()
}

/// One variant to pick: its options (and, for another product, its title), price and stock.
fn choice_radio(
    line: Line,
    name: &str,
    c: ExchangeChoice,
    currency: String,
    other_product: bool,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let id = format!("{name}-{}", c.sku);
    let checked_sku = c.sku.clone();
    let sold_out = c.available <= 0;
    let label = match options_label(&c.options) {
        l if l.is_empty() => c.title.clone(),
        l if other_product => format!("{} · {l}", c.title),
        l => l,
    };
    let minor = c.unit_price_minor;
    view! {
        <label class="choice" class:choice-disabled=sold_out for=id.clone()>
            <input
                id=id.clone()
                type="radio"
                name=name.to_owned()
                disabled=sold_out
                prop:checked=move || line.exchange.with(|s| *s == checked_sku)
                on:change=move |_| {
                    line.exchange.set(c.sku.clone());
                    if other_product {
                        line.picked.set(Some(c.clone()));
                    }
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
}

/// "Shop the catalogue": a search of the shop's products in stock; each one found joins the
/// item's choices, and the one picked stays listed when the search changes.
#[component]
fn ShopSearch(line: Line, name: String, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_opened_order().api;
    let typed = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<ExchangeChoice>>);
    let search = move || {
        let Some(api) = api.clone() else { return };
        let q = typed.get_untracked();
        spawn_local(async move {
            found.set(Some(api.exchange_catalogue(&q).await.unwrap_or_default()));
        });
    };
    let input_id = format!("{name}-search");
    let search_on_enter = search.clone();
    view! {
        <div class="field exchange-search">
            <label for=input_id.clone()>{i18n.tr(Key::Ret(R::ShopCatalogue))}</label>
            <div class="search-row">
                <input
                    id=input_id
                    type="search"
                    maxlength=200
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        // Enter searches here rather than sending the wizard's form.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            search_on_enter();
                        }
                    }
                />
                <button type="button" class="btn btn-secondary" on:click=move |_| search()>
                    {i18n.tr(Key::Ret(R::ShopSearch))}
                </button>
            </div>
        </div>
        <div class="exchange-found" role="status">
            {move || {
                let results = found.get();
                let picked = line
                    .picked
                    .get()
                    .filter(|p| !results.iter().flatten().any(|c| c.sku == p.sku));
                let none = results.as_ref().is_some_and(Vec::is_empty);
                view! {
                    {picked.map(|c| choice_radio(line, &name, c, currency.clone(), true))}
                    {results.unwrap_or_default().into_iter().map(|c| {
                        choice_radio(line, &name, c, currency.clone(), true)
                    }).collect_view()}
                    {none.then(|| view! { <p class="muted">{i18n.tr(Key::Ret(R::ShopNoMatch))}</p> })}
                }
            }}
        </div>
    }
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
