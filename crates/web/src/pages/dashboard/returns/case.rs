//! A return's whole case under its row: read from the API, with the buttons its status allows
//! and the form behind the one pressed. After an action the case is read again and the row
//! follows it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::carrier::ShippingEstimate;
use rebound_shared::api::helpdesk::{ThreadSubject, ThreadSubjectKind};
use rebound_shared::api::return_queue::ReturnDetail;
use rebound_shared::domain::ReturnAction;
use uuid::Uuid;

use super::Queue;
use super::actions::{ActionButtons, ActionCall, EstimateTable, Form};
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

#[component]
pub fn ReturnCase(id: Uuid, queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let case = RwSignal::new(None::<Result<ReturnDetail, Problem>>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let open = RwSignal::new(Form::None);
    let estimate = RwSignal::new(None::<ShippingEstimate>);

    let reload = move || {
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            let answer = api.return_detail(id).await;
            if let Ok(found) = &answer {
                queue.moved(id, found.ret.status);
            }
            case.set(Some(answer));
        });
    };
    reload();

    // Runs one action; on success the case is read again and the row follows it.
    let act = Callback::new(move |run: ActionCall| {
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
                        estimate.set(Some(found));
                        busy.set(false);
                        return;
                    }
                    Err(p) => Err(p),
                },
            };
            busy.set(false);
            match done {
                Ok(()) => {
                    open.set(Form::None);
                    estimate.set(None);
                    toasts.show(Key::Ret(R::QUpdated));
                    reload();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
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

    view! {
        <div class="return-case">
            {move || match case.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(found)) => {
                    let allowed = found.ret.allowed_actions.clone();
                    let can_label = allowed.contains(&ReturnAction::IssueLabel);
                    let wanted = found.ret.resolution;
                    let subject = ThreadSubject { kind: ThreadSubjectKind::Return, id };
                    let number = found.order.number.clone();
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
                        }
                    };
                    view! {
                        <CaseBody case=found />
                        <section class="return-actions" aria-label=i18n.tr(Key::Ret(R::QActions))>
                            <ProblemAlert problem=Signal::derive(move || problem.get()) />
                            <ActionButtons allowed=allowed wanted=wanted busy=busy open=open act=act />
                            {form}
                            {move || estimate.get().map(|e| view! {
                                <EstimateTable estimate=e can_label=can_label busy=busy act=act />
                            })}
                        </section>
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
