//! "Store credit": one amount, prefilled with what the returned units were sold for.

use leptos::prelude::*;
use rebound_shared::api::return_queue::{IssueStoreCredit, ReturnDetail};
use rebound_shared::domain::Money;

use super::{FormButtons, FormState, amount_input, parse_amount};
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage, focus};
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};
use crate::pages::dashboard::returns::actions::ActionCall;

/// The amount of store credit, prefilled with what the returned units were sold for.
#[component]
pub fn StoreCreditForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let currency = case.order.currency.clone();
    let value = case.total_value_minor;
    let amount = RwSignal::new(amount_input(value, &currency));
    let error: ErrorSlot = RwSignal::new(None);
    state.route_errors(move |e| (e.field == "amount_minor").then_some(error));
    let submit = {
        let currency = currency.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match amount.with_untracked(|a| parse_amount(i18n, a, &currency)) {
                Ok(minor) if minor > 0 => {
                    state.act.run(ActionCall::StoreCredit(IssueStoreCredit {
                        amount_minor: Some(minor),
                    }))
                }
                Ok(_) => {
                    error.set(Some(FieldMessage::Key(Key::Required)));
                    focus("credit-amount");
                }
                Err(e) => {
                    error.set(Some(e));
                    focus("credit-amount");
                }
            }
        }
    };
    let lead = {
        let currency = currency.clone();
        move || {
            i18n.t(Key::Case(C::CreditLead)).replace(
                "{amount}",
                &Money::show(value, &currency, i18n.locale().lang()),
            )
        }
    };
    let confirm = Signal::derive(move || {
        let minor = amount.with(|a| parse_amount(i18n, a, &currency).unwrap_or(0));
        i18n.t(Key::Case(C::ConfirmCredit)).replace(
            "{amount}",
            &Money::show(minor, &currency, i18n.locale().lang()),
        )
    });
    view! {
        <form class="resolve-form credit-form" novalidate on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::CreditTitle))}</h4>
            <p class="muted">{lead}</p>
            <div class="field field-amount" class:field-invalid=move || error.with(Option::is_some)>
                <label for="credit-amount">{i18n.tr(Key::Case(C::Amount))}</label>
                <input
                    id="credit-amount"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby="credit-amount-error"
                    prop:value=move || amount.get()
                    on:input=move |ev| {
                        amount.set(event_target_value(&ev));
                        error.set(None);
                    }
                />
                <FieldErrorText id="credit-amount-error".to_owned() error=error />
            </div>
            <FormButtons state=state confirm=confirm confirm_class="confirm-credit" />
        </form>
    }
}
