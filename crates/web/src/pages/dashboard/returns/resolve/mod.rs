//! The forms that settle a return: reject it with a reason, or once it is back inspect each
//! line, then refund (per line, capped at what was paid), issue store credit, or send a
//! replacement. One file per form; each checks what it can before sending, with the shared
//! rules, and puts the server's field errors under their fields.

mod inspect;
mod refund;
mod reject;
mod replace;
mod store_credit;

pub use inspect::InspectForm;
pub use refund::RefundForm;
pub use reject::RejectForm;
pub use replace::ReplaceForm;
pub use store_credit::StoreCreditForm;

use leptos::prelude::*;
use rebound_shared::domain::{Currency, Money};
use rebound_shared::{FieldError, Problem};

use super::actions::{Act, Form};
use crate::components::field::{ErrorSlot, FieldMessage};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{C, Key, R};

/// What the forms share: the state of the case's action area.
#[derive(Clone, Copy)]
pub struct FormState {
    pub busy: RwSignal<bool>,
    pub open: RwSignal<Form>,
    /// The last refusal; each form picks its own fields out of it.
    pub problem: RwSignal<Option<Problem>>,
    pub act: Act,
}

impl FormState {
    /// Asks `slot_for` where each of the server's field errors goes, so they land under their
    /// inputs. Runs whenever a new refusal arrives.
    fn route_errors(self, slot_for: impl Fn(&FieldError) -> Option<ErrorSlot> + 'static) {
        Effect::new(move || {
            if let Some(problem) = self.problem.get() {
                for error in &problem.errors {
                    if let Some(slot) = slot_for(error) {
                        slot.set(Some(FieldMessage::from_server(error)));
                    }
                }
            }
        });
    }
}

/// The buttons under a form: confirm (with its own label) and cancel.
#[component]
fn FormButtons(
    state: FormState,
    #[prop(into)] confirm: Signal<String>,
    confirm_class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-actions">
            <button
                type="submit"
                class=format!("btn btn-primary {confirm_class}")
                disabled=move || state.busy.get()
                aria-busy=move || state.busy.get().then_some("true")
            >
                {move || state.busy.get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
                {move || confirm.get()}
            </button>
            <button type="button" class="btn btn-secondary" on:click=move |_| state.open.set(Form::None)>
                {i18n.tr(Key::Ret(R::QCancel))}
            </button>
        </div>
    }
}

/// An amount typed in the order's currency (`code`), in minor units: `500` yen, `1.500` dinars.
/// A code ISO 4217 does not know refuses every amount rather than guessing its decimals. The
/// refusal is said in the interface's language, with the currency's own decimals.
fn parse_amount(i18n: I18n, raw: &str, code: &str) -> Result<i64, FieldMessage> {
    let currency = Currency::parse(code).map_err(|e| FieldMessage::from_rule("currency", &e))?;
    Money::parse(raw, currency)
        .map(Money::minor)
        .map_err(|e| match e.code.as_ref() {
            "required" => FieldMessage::Key(Key::Required),
            "decimals" if currency.exponent() == 0 => FieldMessage::Text(
                i18n.t(Key::Case(C::AmountNoDecimals))
                    .replace("{currency}", currency.code()),
            ),
            "decimals" => FieldMessage::Text(
                i18n.t(Key::Case(C::AmountDecimals))
                    .replace("{n}", &currency.exponent().to_string())
                    .replace("{currency}", currency.code()),
            ),
            "too_large" => FieldMessage::Key(Key::Case(C::AmountTooLarge)),
            _ => FieldMessage::Text(
                i18n.t(Key::Case(C::AmountDigits))
                    .replace("{example}", &Money::example(currency).input()),
            ),
        })
}

/// What an amount input starts with: `49.90`, `1.500` (KWD), `500` (JPY); empty for a code
/// ISO 4217 does not know.
fn amount_input(minor: i64, code: &str) -> String {
    Currency::parse(code)
        .map(|currency| Money::new(minor, currency).input())
        .unwrap_or_default()
}
