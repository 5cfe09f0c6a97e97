//! A case's buttons, read from the return's `allowed_actions` (the shared state machine), and
//! the shipping estimate with a label to buy.

use leptos::prelude::*;
use rebound_shared::api::carrier::{IssueLabel, ShippingEstimate};
use rebound_shared::api::return_queue::{
    InspectReturn, IssueStoreCredit, LabelBlocker, RefundReturn, RejectReturn, ReplaceReturn,
};
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::Money;
use rebound_shared::domain::ReturnAction;

use super::resolve::FormState;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key, R};
use crate::routes::Page;

/// What an action button asks the API.
#[derive(Debug, Clone)]
pub enum ActionCall {
    /// `approve` or `receive`: no body.
    Plain(&'static str),
    Reject(RejectReturn),
    Label(IssueLabel),
    Estimate,
    Inspect(InspectReturn),
    Refund(RefundReturn),
    StoreCredit(IssueStoreCredit),
    Replace(ReplaceReturn),
}

/// The form open under the buttons; one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    None,
    Reject,
    Inspect,
    Refund,
    StoreCredit,
    Replace,
    /// Approve pressed while no label can be issued: the warning first.
    ApproveWithoutLabel,
}

/// Runs an action; the case answers with the problem, if any.
pub type Act = Callback<ActionCall>;

#[component]
pub fn ActionButtons(
    allowed: Vec<ReturnAction>,
    /// What the shopper asked for: its button leads.
    /// None while a defective return leaves it to the shop: no resolution is highlighted.
    wanted: Option<Resolution>,
    #[prop(into)] busy: Signal<bool>,
    open: RwSignal<Form>,
    act: Act,
    /// No label can be issued now: Approve warns before it runs.
    #[prop(optional)]
    label_blocked: bool,
    /// Approved without its label yet: "Issue label" is the main action.
    #[prop(optional)]
    label_leads: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let has = |a| allowed.contains(&a);
    // Cancel and "in transit" come from staff elsewhere (carrier scans, the portal).
    if !ReturnAction::ALL
        .into_iter()
        .any(|a| has(a) && !matches!(a, ReturnAction::Cancel | ReturnAction::MarkInTransit))
    {
        return view! { <p class="muted">{i18n.tr(Key::Ret(R::QNoActions))}</p> }.into_any();
    }
    let button = move |class: &'static str, key: Key, on: ActionCall| {
        view! {
            <button
                type="button"
                class=format!("btn {class}")
                disabled=move || busy.get()
                on:click=move |_| act.run(on.clone())
            >
                {i18n.tr(key)}
            </button>
        }
    };
    // A button that opens (or closes) one of the forms below.
    let opener = move |class: String, key: Key, form: Form| {
        view! {
            <button
                type="button"
                class=format!("btn {class}")
                disabled=move || busy.get()
                aria-expanded=move || if open.get() == form { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = if *o == form { Form::None } else { form })
            >
                {i18n.tr(key)}
            </button>
        }
    };
    let lead = |r: Resolution, class: &str| {
        let look = if Some(r) == wanted {
            "btn-primary"
        } else {
            "btn-secondary"
        };
        format!("{look} {class}")
    };
    view! {
        <div class="form-actions">
            {(has(ReturnAction::Approve) && !label_blocked).then(|| button("btn-primary action-approve", Key::Ret(R::QApprove), ActionCall::Plain("approve")))}
            {(has(ReturnAction::Approve) && label_blocked).then(|| opener("btn-primary action-approve".to_owned(), Key::Ret(R::QApprove), Form::ApproveWithoutLabel))}
            {(has(ReturnAction::IssueLabel) && label_leads).then(|| button("btn-primary action-label", Key::Ret(R::QIssueLabel), ActionCall::Estimate))}
            {has(ReturnAction::MarkReceived).then(|| button(if label_leads { "btn-secondary action-receive" } else { "btn-primary action-receive" }, Key::Ret(R::QMarkReceived), ActionCall::Plain("receive")))}
            {has(ReturnAction::Inspect).then(|| opener("btn-primary action-inspect".to_owned(), Key::Case(C::Inspect), Form::Inspect))}
            {has(ReturnAction::Refund).then(|| opener(lead(Resolution::Refund, "action-refund"), Key::Case(C::Refund), Form::Refund))}
            {has(ReturnAction::StoreCredit).then(|| opener(lead(Resolution::StoreCredit, "action-store-credit"), Key::Case(C::StoreCredit), Form::StoreCredit))}
            {has(ReturnAction::Replace).then(|| if wanted == Some(Resolution::Exchange) {
                opener("btn-primary action-replace".to_owned(), Key::Case(C::ShipExchange), Form::Replace)
            } else {
                opener(lead(Resolution::Replacement, "action-replace"), Key::Case(C::Replace), Form::Replace)
            })}
            {(has(ReturnAction::IssueLabel) && !label_leads).then(|| button("btn-secondary action-label", Key::Ret(R::QIssueLabel), ActionCall::Estimate))}
            // "Issue label" already shows the quotes; before a label can be bought, "Estimate" does.
            {(has(ReturnAction::Approve) && !has(ReturnAction::IssueLabel)).then(|| button("btn-secondary action-estimate", Key::Ret(R::QEstimate), ActionCall::Estimate))}
            {has(ReturnAction::Reject).then(|| opener("btn-secondary action-reject".to_owned(), Key::Ret(R::QReject), Form::Reject))}
            {move || busy.get().then(|| view! { <span class="muted" role="status">{i18n.tr(Key::Ret(R::QWorking))}</span> })}
        </div>
    }
    .into_any()
}

/// The carrier's price for each service; with a label allowed, each can be bought.
#[component]
pub fn EstimateTable(
    estimate: ShippingEstimate,
    can_label: bool,
    busy: RwSignal<bool>,
    act: Act,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n
        .t(Key::Ret(R::QEstimateTitle))
        .replace("{carrier}", &estimate.carrier)
        .replace("{weight}", &estimate.weight_grams.to_string());
    let rows = estimate
        .quotes
        .into_iter()
        .map(|q| {
            let service = q.service.clone();
            let price = move || Money::show(q.price_minor, &q.currency, i18n.locale().lang());
            view! {
                <tr data-service=q.service.clone()>
                    <td>{q.service_name.clone()}</td>
                    <td class="cell-number">{price}</td>
                    <td>{i18n.t(Key::Ret(R::QTransit)).replace("{days}", &q.transit_days.to_string())}</td>
                    <td>
                        {can_label.then(|| view! {
                            <button
                                type="button"
                                class="btn btn-secondary btn-small buy-label"
                                disabled=move || busy.get()
                                on:click=move |_| act.run(ActionCall::Label(IssueLabel { service: service.clone(), reissue: false }))
                            >
                                {i18n.tr(Key::Ret(R::QBuyLabel))}
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="return-estimate">
            <h4>{title}</h4>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::Ret(R::QService))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QPrice))}</th>
                        <th scope="col"></th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Shown when Approve is pressed while no label can be issued: why, where to fix it, and
/// approving anyway (the shopper is then told a label will follow).
#[component]
pub fn NoLabelWarning(blocker: Option<LabelBlocker>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let why = match blocker {
        Some(LabelBlocker::NoReturnAddress) | None => Key::Case(C::NoLabelNoAddress),
    };
    view! {
        <div class="alert alert-warning no-label-warning" role="alert">
            <svg class="alert-icon" viewBox="0 0 20 20" aria-hidden="true">
                <path d="M10 2.5l8 14.5H2z" />
                <path d="M10 8v4M10 14.5v.1" />
            </svg>
            <div>
                <p class="alert-title">{i18n.tr(Key::Case(C::NoLabelTitle))}</p>
                <p class="alert-detail">{i18n.tr(why)}</p>
                <div class="form-actions">
                    <button
                        type="button"
                        class="btn btn-primary confirm-approve"
                        disabled=move || state.busy.get()
                        on:click=move |_| state.act.run(ActionCall::Plain("approve"))
                    >
                        {i18n.tr(Key::Case(C::ApproveAnyway))}
                    </button>
                    <a class="btn btn-secondary" href=Page::Settings.path()>{i18n.tr(Key::Case(C::AddAddress))}</a>
                    <button type="button" class="btn btn-secondary" on:click=move |_| state.open.set(Form::None)>
                        {i18n.tr(Key::Ret(R::QCancel))}
                    </button>
                </div>
            </div>
        </div>
    }
}
