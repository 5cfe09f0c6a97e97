//! "Reject": the reason the shopper will read.

use leptos::prelude::*;
use rebound_shared::api::return_queue::RejectReturn;
use rebound_shared::limits;

use super::FormState;
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage, focus};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R};
use crate::pages::dashboard::returns::actions::{ActionCall, Form};

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
                    maxlength=limits::STAFF_REASON
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
