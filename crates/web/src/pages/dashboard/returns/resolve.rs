//! The forms that settle a return: reject it with a reason, or once it is back inspect each
//! line, then refund (per line, capped at what was paid), issue store credit, or send a
//! replacement. Each checks what it can
//! before sending, with the shared rules, and puts the server's field errors under their fields.

use leptos::prelude::*;
use rebound_shared::api::return_queue::{
    InspectItem, InspectReturn, IssueStoreCredit, ItemCondition, RefundLine, RefundReason,
    RefundReturn, RejectReturn, ReplaceReturn, ReturnDetail,
};
use rebound_shared::domain::{format_amount, parse_amount};
use rebound_shared::{FieldError, Problem};
use uuid::Uuid;

use super::actions::{Act, ActionCall, Form};
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage, focus};
use crate::components::format::money;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key, R, condition_key, refund_reason_key};

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

/// "Reject": the reason the shopper will read, required.
#[component]
pub fn RejectForm(state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error: ErrorSlot = RwSignal::new(None);
    state.route_errors(move |e| (e.field == "reason").then_some(error));
    view! {
        <form
            class="reject-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                let text = reason.get_untracked();
                if text.trim().is_empty() {
                    error.set(Some(FieldMessage::Key(Key::Ret(R::QSayWhy))));
                    focus("reject-reason");
                    return;
                }
                state.act.run(ActionCall::Reject(RejectReturn { reason: text.trim().to_owned() }));
            }
        >
            <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                <label for="reject-reason">{i18n.tr(Key::Ret(R::QRejectReason))}</label>
                <textarea
                    id="reject-reason"
                    class="reject-reason"
                    rows="3"
                    maxlength="1000"
                    required
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby="reject-reason-error"
                    prop:value=move || reason.get()
                    on:input=move |ev| {
                        reason.set(event_target_value(&ev));
                        error.set(None);
                    }
                ></textarea>
                <FieldErrorText id="reject-reason-error".to_owned() error=error />
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-reject confirm-reject" disabled=move || state.busy.get()>
                    {i18n.tr(Key::Ret(R::QConfirmReject))}
                </button>
                <button type="button" class="btn btn-secondary" on:click=move |_| state.open.set(Form::None)>
                    {i18n.tr(Key::Ret(R::QCancel))}
                </button>
            </div>
        </form>
    }
}

/// One line of an inspection as the form holds it.
#[derive(Clone)]
struct InspectRow {
    id: Uuid,
    title: String,
    quantity: i32,
    condition: RwSignal<ItemCondition>,
    note: RwSignal<String>,
}

/// One line's condition (OK or damaged) and an optional note.
#[component]
pub fn InspectForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<InspectRow> = case
        .ret
        .items
        .iter()
        .map(|item| InspectRow {
            id: item.id,
            title: item.title.clone(),
            quantity: item.quantity,
            // A line the shopper called defective is most likely damaged; staff confirm it.
            condition: RwSignal::new(if item.defective {
                ItemCondition::Damaged
            } else {
                ItemCondition::Ok
            }),
            note: RwSignal::new(String::new()),
        })
        .collect();
    let sent = rows.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let items = sent
            .iter()
            .map(|row| InspectItem {
                return_item_id: row.id,
                condition: row.condition.get_untracked(),
                note: Some(row.note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
            })
            .collect();
        state.act.run(ActionCall::Inspect(InspectReturn { items }));
    };
    let lines = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let name = format!("condition-{i}");
            let note_id = format!("inspect-note-{i}");
            let legend = i18n
                .t(Key::Case(C::ConditionOf))
                .replace("{title}", &format!("{} × {}", row.title, row.quantity));
            let (condition, note) = (row.condition, row.note);
            let choice = move |value: ItemCondition| {
                let name = name.clone();
                view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name=name
                            value=if value == ItemCondition::Ok { "ok" } else { "damaged" }
                            prop:checked=move || condition.get() == value
                            on:change=move |_| condition.set(value)
                        />
                        <span>{i18n.tr(condition_key(value))}</span>
                    </label>
                }
            };
            view! {
                <fieldset class="inspect-line" data-line=i>
                    <legend>{legend}</legend>
                    <div class="choice-row">
                        {choice(ItemCondition::Ok)}
                        {choice(ItemCondition::Damaged)}
                    </div>
                    <div class="field">
                        <label for=note_id.clone()>{i18n.tr(Key::Case(C::Note))}</label>
                        <input
                            id=note_id
                            type="text"
                            maxlength="1000"
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))
                        />
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <form class="resolve-form inspect-form" on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::InspectTitle))}</h4>
            <p class="muted">{i18n.tr(Key::Case(C::InspectLead))}</p>
            {lines}
            <FormButtons
                state=state
                confirm=Signal::derive(move || i18n.t(Key::Case(C::SaveInspection)).to_owned())
                confirm_class="confirm-inspect"
            />
        </form>
    }
}

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
    /// The amount typed, when it reads as one.
    fn amount_minor(&self) -> Option<i64> {
        self.amount.with(|a| parse_amount(a).ok())
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

/// Per line: refund it or not, and how much (prefilled with what was paid, never more).
#[component]
pub fn RefundForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let currency = case.order.currency.clone();
    let reason = RwSignal::new(likely_reason(&case));
    let general = RwSignal::new(None::<FieldMessage>);
    let rows: Vec<RefundRow> = case
        .ret
        .items
        .iter()
        .map(|item| RefundRow {
            id: item.id,
            title: item.title.clone(),
            quantity: item.quantity,
            paid: item.paid_minor,
            chosen: RwSignal::new(true),
            amount: RwSignal::new(format_amount(item.paid_minor)),
            error: RwSignal::new(None),
        })
        .collect();
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
        move || {
            rows.iter()
                .filter(|r| r.chosen.get())
                .filter_map(RefundRow::amount_minor)
                .sum::<i64>()
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
                    .with_untracked(|a| parse_amount(a))
                    .map_err(|e| FieldMessage::from_rule("amount_minor", &e))
                    .and_then(|minor| {
                        if minor == 0 || minor > row.paid {
                            Err(FieldMessage::Text(
                                i18n.t(Key::Case(C::AtMostPaid)).replace(
                                    "{amount}",
                                    &money(row.paid, &currency, i18n.locale()),
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
                        .replace("{amount}", &money(row.paid, &currency, i18n.locale()))
                }
            };
            let (chosen, amount, error) = (row.chosen, row.amount, row.error);
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
                            aria-describedby=format!("{error_id} refund-paid-{i}")
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
            i18n.t(Key::Case(C::ConfirmRefund))
                .replace("{amount}", &money(total(), &currency, i18n.locale()))
        })
    };
    view! {
        <form class="resolve-form refund-form" novalidate on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::RefundTitle))}</h4>
            <p class="muted">{i18n.tr(Key::Case(C::RefundLead))}</p>
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

/// The amount of store credit, prefilled with what the returned units were sold for.
#[component]
pub fn StoreCreditForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let currency = case.order.currency.clone();
    let value = case.total_value_minor;
    let amount = RwSignal::new(format_amount(value));
    let error: ErrorSlot = RwSignal::new(None);
    state.route_errors(move |e| (e.field == "amount_minor").then_some(error));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match amount.with_untracked(|a| parse_amount(a)) {
            Ok(minor) if minor > 0 => state.act.run(ActionCall::StoreCredit(IssueStoreCredit {
                amount_minor: Some(minor),
            })),
            Ok(_) => {
                error.set(Some(FieldMessage::Key(Key::Required)));
                focus("credit-amount");
            }
            Err(e) => {
                error.set(Some(FieldMessage::from_rule("amount_minor", &e)));
                focus("credit-amount");
            }
        }
    };
    let lead = {
        let currency = currency.clone();
        move || {
            i18n.t(Key::Case(C::CreditLead))
                .replace("{amount}", &money(value, &currency, i18n.locale()))
        }
    };
    let confirm = Signal::derive(move || {
        let minor = amount.with(|a| parse_amount(a).unwrap_or(0));
        i18n.t(Key::Case(C::ConfirmCredit))
            .replace("{amount}", &money(minor, &currency, i18n.locale()))
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

/// The replacement parcel: the variant sent (prefilled with the shopper's wish), and optionally
/// the carrier and tracking number when already known.
#[component]
pub fn ReplaceForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let wanted = case.ret.replacement_variant.clone();
    let variant = RwSignal::new(wanted.clone().unwrap_or_default());
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let errors: [(&'static str, ErrorSlot); 3] = [
        ("variant", RwSignal::new(None)),
        ("carrier", RwSignal::new(None)),
        ("tracking_number", RwSignal::new(None)),
    ];
    state.route_errors(move |e| {
        errors
            .iter()
            .find(|(name, _)| *name == e.field)
            .map(|(_, slot)| *slot)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let optional = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        state.act.run(ActionCall::Replace(ReplaceReturn {
            carrier: optional(carrier),
            service: None,
            tracking_number: optional(tracking),
            variant: optional(variant),
        }));
    };
    let field = move |id: &'static str,
                      label: C,
                      value: RwSignal<String>,
                      slot: ErrorSlot,
                      hint: Option<String>| {
        let input_id = format!("replace-{id}");
        let error_id = format!("replace-{id}-error");
        let hint_id = format!("replace-{id}-hint");
        let described = if hint.is_some() {
            format!("{hint_id} {error_id}")
        } else {
            error_id.clone()
        };
        view! {
            <div class="field" class:field-invalid=move || slot.with(Option::is_some)>
                <label for=input_id.clone()>{i18n.tr(Key::Case(label))}</label>
                {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{h}</p> })}
                <input
                    id=input_id
                    type="text"
                    maxlength="100"
                    autocomplete="off"
                    aria-invalid=move || slot.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        slot.set(None);
                    }
                />
                <FieldErrorText id=error_id error=slot />
            </div>
        }
    };
    let asked = wanted.map(|v| i18n.t(Key::Case(C::ShopperAsked)).replace("{variant}", &v));
    view! {
        <form class="resolve-form replace-form" novalidate on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::ReplaceTitle))}</h4>
            <p class="muted">{i18n.tr(Key::Case(C::ReplaceLead))}</p>
            {field("variant", C::VariantSent, variant, errors[0].1, asked)}
            {field("carrier", C::Carrier, carrier, errors[1].1, Some(i18n.t(Key::Case(C::CarrierHint)).to_owned()))}
            {field("tracking", C::TrackingNumber, tracking, errors[2].1, None)}
            <FormButtons
                state=state
                confirm=Signal::derive(move || i18n.t(Key::Case(C::ConfirmReplace)).to_owned())
                confirm_class="confirm-replace"
            />
        </form>
    }
}
