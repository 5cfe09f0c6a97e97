//! A return's whole case, under its row in the queue or on its own page: read from the API,
//! with the buttons its status allows and the form behind the one pressed. After an action the
//! case is read again and the queue's row follows it.
//!
//! Approve and "mark received" are one click, so they wait a few seconds before they are sent,
//! with "Undo" in a toast: nothing reaches the server (nor the shopper's inbox) until then.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::carrier::ShippingEstimate;
use rebound_shared::api::helpdesk::{ThreadSubject, ThreadSubjectKind};
use rebound_shared::api::return_queue::ReturnDetail;
use rebound_shared::domain::{ReturnAction, ReturnStatus};
use std::time::Duration;
use uuid::Uuid;

use super::Queue;
use super::actions::{ActionButtons, ActionCall, EstimateTable, Form, NoLabelWarning};
use super::case_body::CaseBody;
use super::resolve::{
    FormState, InspectForm, RefundForm, RejectForm, ReplaceForm, StoreCreditForm,
};
use crate::components::alert::ProblemAlert;
use crate::components::loading::Loading;
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key, R};
use crate::pages::dashboard::messages::{SubjectMessages, ThreadLookup};
use crate::routes::Page;

/// How long a one-click change waits for "Undo" before it is sent.
pub const UNDO_WINDOW: Duration = Duration::from_secs(5);

/// A one-click change waiting out its undo window.
#[derive(Clone, Copy)]
struct Held {
    action: &'static str,
    timer: Option<TimeoutHandle>,
}

#[component]
pub fn ReturnCase(
    id: Uuid,
    /// The queue the case sits in; none on the case's own page.
    #[prop(optional)]
    queue: Option<Queue>,
    /// On its own page: the actions stick to the top of the window.
    #[prop(optional)]
    page: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let case = RwSignal::new(None::<Result<ReturnDetail, Problem>>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let open = RwSignal::new(Form::None);
    let estimate = RwSignal::new(None::<ShippingEstimate>);
    let held = StoredValue::new(None::<Held>);
    let holding = RwSignal::new(false);

    let reload = move || {
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            let answer = api.return_detail(id).await;
            if let (Ok(found), Some(queue)) = (&answer, queue) {
                queue.moved(id, found.ret.status);
            }
            case.try_set(Some(answer));
        });
    };
    reload();

    // Runs one action; on success the case is read again and the row follows it.
    let send = move |run: ActionCall| {
        let Some(api) = auth.api() else { return };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let done = match run {
                ActionCall::Plain(path) => api.return_action(id, path).await.map(|_| ()),
                ActionCall::Reject(body) => api.reject_return(id, &body).await.map(|_| ()),
                ActionCall::Label(body) => api.issue_return_label(id, &body).await.map(|_| ()),
                ActionCall::Inspect(body) => api.inspect_return(id, &body).await.map(|_| ()),
                ActionCall::Refund(body) => api.refund_return(id, &body).await.map(|_| ()),
                ActionCall::StoreCredit(body) => {
                    api.store_credit_return(id, &body).await.map(|_| ())
                }
                ActionCall::Replace(body) => api.replace_return(id, &body).await.map(|_| ()),
                ActionCall::Estimate => match api.return_estimate(id).await {
                    Ok(found) => {
                        estimate.try_set(Some(found));
                        busy.try_set(false);
                        return;
                    }
                    Err(p) => Err(p),
                },
            };
            busy.try_set(false);
            match done {
                Ok(()) => {
                    open.try_set(Form::None);
                    estimate.try_set(None);
                    toasts.show(Key::Ret(R::QUpdated));
                    reload();
                }
                Err(p) => {
                    problem.try_set(Some(p));
                }
            }
        });
    };
    // Sends the held change now (its window closed, or the case is going away).
    let release = move || {
        if let Some(Held { action, timer }) = held.try_get_value().flatten() {
            held.set_value(None);
            if let Some(timer) = timer {
                timer.clear();
            }
            holding.try_set(false);
            send(ActionCall::Plain(action));
        }
    };
    let act = Callback::new(move |run: ActionCall| match run {
        ActionCall::Plain(action) if held.with_value(Option::is_none) => {
            problem.set(None);
            open.set(Form::None);
            holding.set(true);
            let timer = set_timeout_with_handle(release, UNDO_WINDOW).ok();
            held.set_value(Some(Held { action, timer }));
            let said = if action == "approve" {
                C::Approved
            } else {
                C::Received
            };
            let undo = Callback::new(move |()| {
                if let Some(Held { timer, .. }) = held.get_value() {
                    if let Some(timer) = timer {
                        timer.clear();
                    }
                    held.set_value(None);
                    holding.set(false);
                    toasts.show(Key::Case(C::Undone));
                }
            });
            toasts.show_undo(Key::Case(said), UNDO_WINDOW, undo);
        }
        ActionCall::Plain(_) => {}
        other => send(other),
    });
    // Leaving the case (closing its row, another page) sends what is held rather than losing
    // it: the agent pressed the button and did not take it back. Only the request goes out; the
    // case's signals are gone by then.
    on_cleanup(move || {
        if let Some(Held { action, timer }) = held.try_get_value().flatten() {
            if let Some(timer) = timer {
                timer.clear();
            }
            if let Some(api) = auth.api() {
                spawn_local(async move {
                    let _ = api.return_action(id, action).await;
                });
            }
            toasts.hide();
        }
    });
    let state = FormState {
        busy,
        open,
        problem,
        act,
    };
    // A form opened afresh starts without the last form's refusal.
    Effect::new(move || {
        open.track();
        problem.set(None);
    });
    let waiting = Signal::derive(move || busy.get() || holding.get());

    view! {
        <div class="return-case" class:return-case-page=page>
            {move || match case.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(found)) => {
                    let allowed = found.ret.allowed_actions.clone();
                    let can_label = allowed.contains(&ReturnAction::IssueLabel);
                    let wanted = found.ret.resolution;
                    let has_label = found.label.is_some() || found.ret.label_url.is_some();
                    // After approval, a return without its label needs one before anything else.
                    let label_leads = can_label && !has_label && found.ret.status == ReturnStatus::Approved;
                    let blocker = found.label_blocker;
                    let subject = ThreadSubject { kind: ThreadSubjectKind::Return, id };
                    let number = found.order.number.clone();
                    let return_number = found.ret.number.clone();
                    let thread = found.thread_id;
                    let detail = found.clone();
                    let form = move || {
                        let case = detail.clone();
                        match open.get() {
                            Form::None => ().into_any(),
                            Form::Reject => view! { <RejectForm state=state /> }.into_any(),
                            Form::Inspect => view! { <InspectForm case=case state=state /> }.into_any(),
                            Form::Refund => view! { <RefundForm case=case state=state /> }.into_any(),
                            Form::StoreCredit => view! { <StoreCreditForm case=case state=state /> }.into_any(),
                            Form::Replace => view! { <ReplaceForm case=case state=state /> }.into_any(),
                            Form::ApproveWithoutLabel => view! { <NoLabelWarning blocker=blocker state=state /> }.into_any(),
                        }
                    };
                    view! {
                        // The bar alone sticks (on the case's page): a form opened under it
                        // scrolls with the page however long it is.
                        <div
                            class="return-actions return-action-bar"
                            class:return-action-bar-sticky=page
                            role="region"
                            aria-label=i18n.tr(Key::Ret(R::QActions))
                        >
                            <ProblemAlert problem=Signal::derive(move || problem.get()) />
                            <ActionButtons
                                allowed=allowed
                                wanted=wanted
                                busy=waiting
                                open=open
                                act=act
                                label_blocked=blocker.is_some()
                                label_leads=label_leads
                            />
                            {move || holding.get().then(|| view! {
                                <p class="muted return-held">{i18n.tr(Key::Case(C::Sending))}</p>
                            })}
                        </div>
                        <div class="return-forms">
                            {form}
                            {move || estimate.get().map(|e| view! {
                                <EstimateTable estimate=e can_label=can_label busy=busy act=act />
                            })}
                            {(!page).then(|| view! {
                                <p class="case-link">
                                    <a href=Page::Return(return_number.clone()).path()>{i18n.tr(Key::Case(C::OpenCase))}</a>
                                </p>
                            })}
                        </div>
                        <CaseBody case=found />
                        <SubjectMessages
                            subject=subject
                            number=number
                            lookup=ThreadLookup::Known(thread)
                            title=Key::Case(C::Messages)
                        />
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
