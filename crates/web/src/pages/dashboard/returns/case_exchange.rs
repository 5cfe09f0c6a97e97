//! The exchange on a return's case: what came back, what goes out instead and where its stock
//! stands, and how the price difference is settled.

use leptos::prelude::*;
use rebound_shared::api::catalogue::options_label;
use rebound_shared::api::exchanges::{ExchangeState, ExchangeView, Settlement};
use rebound_shared::domain::Money;

use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};

#[component]
pub fn CaseExchange(exchange: ExchangeView, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let money = {
        let currency = currency.clone();
        move |minor: i64| Money::show(minor, &currency, i18n.locale().lang())
    };
    let lines = exchange
        .lines
        .into_iter()
        .map(|l| {
            let state = match l.state {
                ExchangeState::Requested => C::ExchangeRequested,
                ExchangeState::Reserved => C::ExchangeReserved,
                ExchangeState::Released => C::ExchangeReleased,
                ExchangeState::Shipped => C::ExchangeShipped,
            };
            let price = money.clone();
            let unit = l.unit_price_minor;
            view! {
                <li class="exchange-line">
                    <p>{i18n.tr(Key::Case(C::ExchangeFrom))} ": " <code>{l.from_sku}</code></p>
                    <p>
                        {i18n.tr(Key::Case(C::ExchangeTo))} ": " {l.title} " · " {options_label(&l.options)}
                        " · " <code>{l.sku}</code> " × " {l.quantity} " · " {move || price(unit)}
                    </p>
                    <p><span class="badge exchange-state">{i18n.tr(Key::Case(state))}</span></p>
                </li>
            }
        })
        .collect_view();
    let (key, amount) = match exchange.settlement {
        Settlement::Even => (C::ExchangeEven, 0),
        Settlement::Refund(a) => (C::ExchangeRefund, a),
        Settlement::StoreCredit(a) => (C::ExchangeCredit, a),
        Settlement::PaymentDue(a) | Settlement::Refused(a) => (C::ExchangeDue, a),
    };
    let sentence = move || i18n.t(Key::Case(key)).replace("{amount}", &money(amount));
    let link = exchange.payment_url.map(|url| {
        view! { " " <a href=url target="_blank" rel="noopener">{i18n.tr(Key::Case(C::ExchangePayLink))}</a> }
    });
    view! {
        <section class="return-exchange" id="return-exchange">
            <h3 class="card-title">{i18n.tr(Key::Case(C::Exchange))}</h3>
            <ul class="return-case-list">{lines}</ul>
            <p id="exchange-settlement">{sentence}{link}</p>
            {exchange.instant.then(|| view! { <p class="muted">{i18n.tr(Key::Case(C::ExchangeInstant))}</p> })}
        </section>
    }
}
