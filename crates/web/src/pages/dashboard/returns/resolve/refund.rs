//! "Refund": per line, how much goes back, capped at what was paid, in the order's currency.

use leptos::prelude::*;
use rebound_shared::api::return_queue::{RefundLine, RefundReason, RefundReturn, ReturnDetail};
use rebound_shared::domain::Money;
use uuid::Uuid;

use super::{FormButtons, FormState, amount_input, parse_amount};
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage, focus};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{C, Key, refund_reason_key};
use crate::pages::dashboard::returns::actions::ActionCall;

/// One line of a refund as the form holds it.
#[derive(Clone)]
struct RefundRow {
    id: Uuid,
    title: String,
    quantity: i32,
    paid: i64,
    chosen: RwSignal<bool>,
    amount: RwSignal<String>,
    error: ErrorSlot,
}

impl RefundRow {
    /// The amount typed, when it reads as one in the order's currency.
    fn amount_minor(&self, i18n: I18n, currency: &str) -> Option<i64> {
        self.amount.with(|a| parse_amount(i18n, a, currency).ok())
    }
}

/// The reason a refund most likely has, from what the return says.
fn likely_reason(case: &ReturnDetail) -> RefundReason {
    if case.ret.withdrawal.is_some() {
        RefundReason::Withdrawal
    } else if case.ret.items.iter().any(|i| i.defective) {
        RefundReason::Defective
    } else {
        RefundReason::ReturnedItem
    }
}

/// What each line refunds once the return's fee is taken off, dearest line first so that as few
/// lines as possible change. Never below 0, and the fee takes at most what the lines were paid.
fn less_fee(paid: &[i64], fee: i64) -> Vec<i64> {
    let mut left = fee.max(0);
    let mut amounts: Vec<i64> = paid.iter().map(|p| (*p).max(0)).collect();
    let mut dearest: Vec<usize> = (0..amounts.len()).collect();
    dearest.sort_by_key(|i| std::cmp::Reverse(amounts[*i]));
    for i in dearest {
        let taken = left.min(amounts[i]);
        amounts[i] -= taken;
        left -= taken;
    }
    amounts
}

/// Per line: refund it or not, and how much (prefilled with what was paid less the return's
/// fee, never more than was paid).
#[component]
pub fn RefundForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let currency = case.order.currency.clone();
    let reason = RwSignal::new(likely_reason(&case));
    let general = RwSignal::new(None::<FieldMessage>);
    let fee = case.ret.fee_minor.unwrap_or(0).max(0);
    let paid: Vec<i64> = case.ret.items.iter().map(|i| i.paid_minor).collect();
    let prefilled = less_fee(&paid, fee);
    let rows: Vec<RefundRow> = case
        .ret
        .items
        .iter()
        .zip(prefilled)
        .map(|(item, amount)| RefundRow {
            id: item.id,
            title: item.title.clone(),
            quantity: item.quantity,
            paid: item.paid_minor,
            // A line the fee took whole refunds nothing: left unticked.
            chosen: RwSignal::new(amount > 0),
            amount: RwSignal::new(amount_input(amount, &currency)),
            error: RwSignal::new(None),
        })
        .collect();
    let fee_note = (fee > 0).then(|| {
        let currency = currency.clone();
        view! {
            <p class="field-hint" id="refund-fee">
                {move || {
                    i18n.t(Key::Case(C::FeeDeducted))
                        .replace("{amount}", &Money::show(fee, &currency, i18n.locale().lang()))
                }}
            </p>
        }
    });
    // Which form line each sent line was: the server names lines by their place in the request.
    let sent_lines = StoredValue::new(Vec::<usize>::new());
    {
        let rows = rows.clone();
        state.route_errors(move |error| {
            let sent = error
                .index_in("items", "amount_minor")
                .or_else(|| error.index_in("items", "return_item_id"))?;
            let line = sent_lines.with_value(|s| s.get(sent).copied())?;
            rows.get(line).map(|r| r.error)
        });
    }
    let total = {
        let rows = rows.clone();
        let currency = currency.clone();
        move || {
            rows.iter()
                .filter(|r| r.chosen.get())
                .filter_map(|r| r.amount_minor(i18n, &currency))
                .fold(0, i64::saturating_add)
        }
    };
    let submit = {
        let rows = rows.clone();
        let currency = currency.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            general.set(None);
            let mut items = Vec::new();
            let mut lines = Vec::new();
            let mut first_bad = None;
            for (i, row) in rows.iter().enumerate() {
                if !row.chosen.get_untracked() {
                    continue;
                }
                let checked = row
                    .amount
                    .with_untracked(|a| parse_amount(i18n, a, &currency))
                    .and_then(|minor| {
                        if minor == 0 || minor > row.paid {
                            Err(FieldMessage::Text(
                                i18n.t(Key::Case(C::AtMostPaid)).replace(
                                    "{amount}",
                                    &Money::show(row.paid, &currency, i18n.locale().lang()),
                                ),
                            ))
                        } else {
                            Ok(minor)
                        }
                    });
                match checked {
                    Ok(amount_minor) => {
                        items.push(RefundLine {
                            return_item_id: row.id,
                            amount_minor,
                        });
                        lines.push(i);
                    }
                    Err(message) => {
                        row.error.set(Some(message));
                        first_bad.get_or_insert(i);
                    }
                }
            }
            if let Some(i) = first_bad {
                focus(&format!("refund-amount-{i}"));
                return;
            }
            if items.is_empty() {
                general.set(Some(FieldMessage::Key(Key::Case(C::ChooseLine))));
                return;
            }
            sent_lines.set_value(lines);
            state.act.run(ActionCall::Refund(RefundReturn {
                items,
                reason: reason.get_untracked(),
            }));
        }
    };
    let lines = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let check_id = format!("refund-line-{i}");
            let check_for = check_id.clone();
            let amount_id = format!("refund-amount-{i}");
            let error_id = format!("refund-amount-{i}-error");
            let paid = {
                let currency = currency.clone();
                move || {
                    i18n.t(Key::Case(C::PaidFor))
                        .replace("{amount}", &Money::show(row.paid, &currency, i18n.locale().lang()))
                }
            };
            let (chosen, amount, error) = (row.chosen, row.amount, row.error);
            let fee_hint = if fee > 0 { " refund-fee" } else { "" };
            view! {
                <div class="refund-line" class:field-invalid=move || error.with(Option::is_some) data-line=i>
                    <label class="choice" for=check_for>
                        <input
                            id=check_id
                            type="checkbox"
                            prop:checked=move || chosen.get()
                            on:change=move |ev| {
                                chosen.set(event_target_checked(&ev));
                                error.set(None);
                            }
                        />
                        <span>
                            <strong>{row.title.clone()}</strong> " × " {row.quantity}
                            <span class="visually-hidden">" — " {i18n.tr(Key::Case(C::RefundLine))}</span>
                        </span>
                    </label>
                    <div class="field field-amount">
                        <label for=amount_id.clone()>{i18n.tr(Key::Case(C::Amount))}</label>
                        <input
                            id=amount_id
                            class="refund-amount"
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            disabled=move || !chosen.get()
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            aria-describedby=format!("{error_id} refund-paid-{i}{fee_hint}")
                            prop:value=move || amount.get()
                            on:input=move |ev| {
                                amount.set(event_target_value(&ev));
                                error.set(None);
                            }
                        />
                        <p class="field-hint" id=format!("refund-paid-{i}")>{paid}</p>
                        <FieldErrorText id=error_id error=error />
                    </div>
                </div>
            }
        })
        .collect_view();
    let confirm = {
        let currency = currency.clone();
        let total = total.clone();
        Signal::derive(move || {
            i18n.t(Key::Case(C::ConfirmRefund)).replace(
                "{amount}",
                &Money::show(total(), &currency, i18n.locale().lang()),
            )
        })
    };
    view! {
        <form class="resolve-form refund-form" novalidate on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::RefundTitle))}</h4>
            <p class="muted">{i18n.tr(Key::Case(C::RefundLead))}</p>
            {fee_note}
            {lines}
            <div class="field">
                <label for="refund-reason">{i18n.tr(Key::Case(C::RefundReason))}</label>
                <select
                    id="refund-reason"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(r) = RefundReason::ALL.into_iter().find(|r| r.as_str() == value) {
                            reason.set(r);
                        }
                    }
                >
                    {RefundReason::ALL
                        .into_iter()
                        .map(|r| view! {
                            <option value=r.as_str() selected=move || reason.get() == r>{i18n.tr(refund_reason_key(r))}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <FieldErrorText id="refund-general-error".to_owned() error=general />
            <FormButtons state=state confirm=confirm confirm_class="confirm-refund" />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::less_fee;

    #[test]
    fn the_fee_comes_off_the_dearest_lines_and_never_below_nothing() {
        assert_eq!(less_fee(&[4900, 300], 490), vec![4410, 300]);
        assert_eq!(less_fee(&[300, 4900], 0), vec![300, 4900]);
        // A fee above the dearest line takes the rest from the next one.
        assert_eq!(less_fee(&[500, 300], 600), vec![0, 200]);
        // Never more than everything.
        assert_eq!(less_fee(&[500, 300], 10_000), vec![0, 0]);
        assert_eq!(less_fee(&[], 500), Vec::<i64>::new());
    }
}
