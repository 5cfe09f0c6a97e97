//! What the shopper reads once the return is made.

use leptos::prelude::*;
use rebound_shared::api::returns::ReturnView;
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::ReturnStatus;

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, R};
use crate::pages::portal::what_you_get::status_sentence;

#[component]
pub(super) fn Outcome(
    made: ReturnView,
    order_page: String,
    /// Clears the remembered return and opens a fresh form.
    another: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (title, body, tone) = match made.status {
        ReturnStatus::NeedsContact => (R::OutcomeContactTitle, R::OutcomeContactBody, "alert-info"),
        ReturnStatus::Approved if made.keep_item => (
            R::OutcomeApprovedTitle,
            R::OutcomeKeepItemBody,
            "alert-success",
        ),
        ReturnStatus::Approved => (
            R::OutcomeApprovedTitle,
            R::OutcomeApprovedBody,
            "alert-success",
        ),
        ReturnStatus::PendingReview => {
            (R::OutcomePendingTitle, R::OutcomePendingBody, "alert-info")
        }
        // Headed by what happened, the sentence under it saying the amount and where it went.
        ReturnStatus::Resolved => {
            let title = match made.resolution {
                Some(Resolution::StoreCredit) => R::OutcomeCreditedTitle,
                Some(Resolution::Replacement | Resolution::Exchange) => R::OutcomeReplacedTitle,
                Some(Resolution::Refund) | None => R::OutcomeRefundedTitle,
            };
            (title, R::OutcomeOtherBody, "alert-success")
        }
        ReturnStatus::InTransit => (R::OutcomeInTransitTitle, R::OutcomeOtherBody, "alert-info"),
        ReturnStatus::Received | ReturnStatus::Inspected => {
            (R::OutcomeReceivedTitle, R::OutcomeOtherBody, "alert-info")
        }
        ReturnStatus::Rejected => (
            R::OutcomeRejectedTitle,
            R::OutcomeOtherBody,
            "alert-warning",
        ),
        ReturnStatus::Cancelled => (R::OutcomeCancelledTitle, R::OutcomeOtherBody, "alert-info"),
    };
    let made_now = made.clone();
    let number = made.number.clone();
    // The label and drop-off code serve only until the parcel is sent (see the returns panel).
    let to_send = made.status == ReturnStatus::Approved;
    let label = made.label_url.clone().filter(|_| to_send);
    let qr = made.qr_url.clone().filter(|_| to_send);
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(h) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("outcome-title"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
    view! {
        <div class=format!("alert {tone} return-outcome") role="status" data-status=made.status.as_str()>
            <div>
                <h2 id="outcome-title" class="alert-title" tabindex="-1">{i18n.tr(Key::Ret(title))}</h2>
                <p>{move || i18n.t(Key::Ret(R::ReturnNumber)).replace("{number}", &number)}</p>
                <p>{i18n.tr(Key::Ret(body))}</p>
            </div>
        </div>
        {label.map(|href| view! {
            <a class="btn btn-secondary" href=href target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::DownloadLabel))}</a>
        })}
        {qr.map(|href| view! {
            <a class="btn btn-secondary" href=href target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::ShowQr))}</a>
        })}
        <p class="return-now">{move || status_sentence(i18n.locale(), &made_now)}</p>
        <a class="btn btn-brand" href=order_page>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
        <button type="button" class="btn btn-ghost" id="start-another" on:click=move |_| another.run(())>
            {i18n.tr(Key::Portal(P::StartAnother))}
        </button>
    }
}
