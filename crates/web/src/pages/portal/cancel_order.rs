//! "Cancel order" on the order page, before dispatch where the shop allows it: asked once more
//! (with an optional reason for the shop), then the page reads the cancelled order again.

use leptos::prelude::*;
use rebound_shared::api::orders::CancelOrder;
use rebound_shared::limits;

use crate::components::alert::ProblemAlert;
use crate::contexts::locale::use_i18n;
use crate::contexts::order_access::shopper_api;
use crate::i18n::{Key, P};

#[component]
pub fn CancelOrderBox(slug: String, cancelled: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None);
    let cancel = Action::new_local(move |_: &()| {
        let api = shopper_api(&slug);
        let body = CancelOrder {
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        async move {
            let Some(api) = api else { return };
            match api.cancel_order(&body).await {
                Ok(_) => cancelled.run(()),
                Err(p) => problem.set(Some(p)),
            }
        }
    });
    let busy = cancel.pending();
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="btn btn-secondary" id="cancel-order" on:click=move |_| asking.set(true)>
                    {i18n.tr(Key::Portal(P::CancelOrder))}
                </button>
            }
        >
            <div class="confirm-box cancel-order-box" role="group" aria-labelledby="cancel-order-question">
                <p id="cancel-order-question">{i18n.tr(Key::Portal(P::CancelOrderConfirm))}</p>
                <div class="field">
                    <label for="cancel-order-reason">{i18n.tr(Key::Portal(P::CancelOrderReason))}</label>
                    <textarea
                        id="cancel-order-reason"
                        rows="2"
                        maxlength=limits::OVERRIDE_REASON
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <ProblemAlert problem=problem />
                <button
                    type="button"
                    class="btn btn-danger"
                    id="confirm-cancel-order"
                    disabled=move || busy.get()
                    on:click=move |_| { cancel.dispatch(()); }
                >
                    {move || i18n.t(Key::Portal(if busy.get() { P::CancellingOrder } else { P::CancelOrderYes }))}
                </button>
                " "
                <button type="button" class="btn btn-ghost" on:click=move |_| asking.set(false)>
                    {i18n.tr(Key::Portal(P::KeepOrder))}
                </button>
            </div>
        </Show>
    }
}
