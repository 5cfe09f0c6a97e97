//! The return part of the order page: "Start a return" when something may go back (or why
//! not), the EU "Withdraw from contract here" function while it is offered, and the order's
//! returns with their status, history, label and QR code.

use leptos::prelude::*;
use rebound_shared::api::returns::{ReturnOptions, ReturnView, WithdrawalOptions};
use rebound_shared::domain::Money;
use rebound_shared::domain::ReturnStatus;

use crate::api::{ApiResult, ShopperApi};
use crate::components::alert::ProblemAlert;
use crate::components::format::{date_time, iso, short_date};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, R, chosen_resolution_key, return_status_key};
use crate::pages::portal::return_wizard::why_none;
use crate::pages::portal::what_you_get::{shopper_event_note, status_sentence};
use crate::routes::Page;

fn load<T: 'static>(
    api: Option<ShopperApi>,
    call: impl AsyncFn(ShopperApi) -> ApiResult<T> + Clone + 'static,
) -> LocalResource<Option<ApiResult<T>>> {
    LocalResource::new(move || {
        let (api, call) = (api.clone(), call.clone());
        async move {
            match api {
                Some(api) => Some(call(api).await),
                None => None,
            }
        }
    })
}

#[component]
pub fn ReturnsPanel(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = crate::contexts::order_access::shopper_api(&slug);
    let options = load(api.clone(), async |api: ShopperApi| {
        api.return_options().await
    });
    let returns = load(api.clone(), async |api: ShopperApi| api.returns().await);
    let withdrawal = load(api.clone(), async |api: ShopperApi| {
        api.withdrawal_options().await
    });
    // Kept aside so the list's closure stays `Copy` (it is shown in one of two places).
    let api = StoredValue::new(api);
    // A cancelled return frees its items: what may be returned is read again with the list.
    let changed = Callback::new(move |()| {
        returns.refetch();
        options.refetch();
        withdrawal.refetch();
    });
    let wizard_href = Page::PortalReturn(slug.clone()).path();
    let withdraw_href = Page::PortalWithdraw(slug.clone()).path();

    // An open return comes first, and "Start a return" yields to it.
    let has_open = move || {
        returns
            .get()
            .flatten()
            .and_then(Result::ok)
            .is_some_and(|list| list.iter().any(is_open))
    };
    let start = move || {
        options.get().flatten().map(|found| match found {
            Ok(o) => start_view(&o, wizard_href.clone(), has_open()).into_any(),
            Err(p) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }
                .into_any(),
        })
    };
    let withdraw = move || {
        withdrawal
            .get()
            .flatten()
            .and_then(Result::ok)
            .filter(|w: &WithdrawalOptions| w.offered)
            .map(|w| {
                let href = withdraw_href.clone();
                view! {
                    <div class="withdraw-box">
                        <a class="btn btn-withdraw" id="withdraw-link" href=href>{i18n.tr(Key::Ret(R::WithdrawHere))}</a>
                        <p class="muted">
                            {move || match w.until {
                                Some(until) => i18n
                                    .t(Key::Ret(R::WithdrawUntil))
                                    .replace("{date}", &short_date(&until, i18n.locale())),
                                None => i18n.t(Key::Ret(R::WithdrawAnytime)).to_owned(),
                            }}
                        </p>
                    </div>
                }
            })
    };
    let list = move || {
        let api = api.get_value();
        returns.get().flatten().map(|found| match found {
            Ok(list) if list.is_empty() => ().into_any(),
            Ok(list) => view! {
                <section class="portal-card" aria-labelledby="returns-title" id="your-returns">
                    <h2 id="returns-title" class="section-heading">{i18n.tr(Key::Ret(R::YourReturns))}</h2>
                    <ul class="return-cards">
                        {list
                            .into_iter()
                            .map(|r| view! { <ReturnCard made=r api=api.clone() changed=changed /> })
                            .collect_view()}
                    </ul>
                </section>
            }
            .into_any(),
            Err(p) => view! {
                <section class="portal-card"><ProblemAlert problem=Signal::derive(move || Some(p.clone())) /></section>
            }
            .into_any(),
        })
    };
    view! {
        <Show when=has_open>{list}</Show>
        <section class="portal-card returns-start" aria-labelledby="returns-start-title">
            <h2 id="returns-start-title" class="section-heading">{i18n.tr(Key::Ret(R::CannotReturn))}</h2>
            {start}
            {withdraw}
        </section>
        <Show when=move || !has_open()>{list}</Show>
    }
}

/// Still under way: the shopper has something to do or to wait for.
fn is_open(made: &ReturnView) -> bool {
    !matches!(
        made.status,
        ReturnStatus::Rejected | ReturnStatus::Cancelled | ReturnStatus::Resolved
    )
}

/// "Returns open soon", while the shop cannot take returns yet.
#[component]
pub fn OpenSoon() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert-info" role="status" id="returns-open-soon">
            <div>
                <p class="alert-title">{i18n.tr(Key::Portal(P::ReturnsOpenSoonTitle))}</p>
                <p>{i18n.tr(Key::Portal(P::ReturnsOpenSoonBody))}</p>
            </div>
        </div>
    }
}

fn start_view(options: &ReturnOptions, href: String, has_open: bool) -> impl IntoView + use<> {
    let i18n = use_i18n();
    if options.closed.is_some() {
        return view! { <OpenSoon /> }.into_any();
    }
    let any = options.items.iter().any(|i| i.returnable_quantity > 0);
    let window = options.window_ends_at;
    let why = why_none(options);
    if any {
        view! {
            <div class="returns-start-row">
                <a
                    class=if has_open { "btn btn-secondary" } else { "btn btn-brand" }
                    id="start-return"
                    href=href
                >
                    {i18n.tr(if has_open { Key::Portal(P::ReturnOtherItems) } else { Key::Ret(R::StartReturn) })}
                </a>
                {window.map(|end| view! {
                    <p class="muted">
                        {i18n.tr(Key::Ret(R::WindowEnds))} " "
                        <time datetime=iso(&end)>{move || short_date(&end, i18n.locale())}</time>
                    </p>
                })}
            </div>
        }
        .into_any()
    } else {
        view! { <p class="muted" id="no-return">{i18n.tr(why)}</p> }.into_any()
    }
}

/// "Cancel this return", asked twice: the shopper confirms before the label stops working.
#[component]
fn CancelReturn(made: ReturnView, api: Option<ShopperApi>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None);
    let id = made.id;
    let number = made.number.clone();
    let cancel = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move {
            let Some(api) = api else { return };
            match api.cancel_return(id).await {
                Ok(_) => changed.run(()),
                Err(p) => problem.set(Some(p)),
            }
        }
    });
    let busy = cancel.pending();
    view! {
        <div class="return-cancel">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="btn btn-secondary btn-small cancel-return" on:click=move |_| asking.set(true)>
                        {i18n.tr(Key::Portal(P::CancelReturn))}
                    </button>
                }
            >
                <div class="confirm-box" role="group" aria-live="polite">
                    <p>{
                        let number = number.clone();
                        move || i18n.t(Key::Portal(P::CancelReturnConfirm)).replace("{number}", &number)
                    }</p>
                    <button
                        type="button"
                        class="btn btn-danger btn-small confirm-cancel-return"
                        disabled=move || busy.get()
                        on:click=move |_| { cancel.dispatch(()); }
                    >
                        {move || i18n.t(Key::Portal(if busy.get() { P::CancellingReturn } else { P::CancelReturnYes }))}
                    </button>
                    " "
                    <button type="button" class="btn btn-secondary btn-small" on:click=move |_| asking.set(false)>
                        {i18n.tr(Key::Portal(P::CancelReturnNo))}
                    </button>
                </div>
            </Show>
            <ProblemAlert problem=problem />
        </div>
    }
}

#[component]
fn ReturnCard(made: ReturnView, api: Option<ShopperApi>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let created = made.created_at;
    let status = made.status;
    let items = made
        .items
        .iter()
        .map(|i| format!("{} × {}", i.title, i.quantity))
        .collect::<Vec<_>>();
    let history = made.history.clone();
    let label = made.label_url.clone();
    let qr = made.qr_url.clone();
    let rejection = made.rejection_reason.clone();
    let credit = made.store_credit.clone();
    // The label and drop-off code serve only until the parcel is sent: once the carrier or the
    // shop has it (or the return is closed), offering them again reads as "send it again".
    let live = status == ReturnStatus::Approved;
    let made_now = made.clone();
    let cancellable = status.shopper_may_cancel().then(|| made.clone());
    view! {
        <li class="return-card" data-return=made.number.clone() data-status=status.as_str()>
            <div class="return-card-head">
                <p class="return-card-number">{made.number.clone()}</p>
                <span class=format!("status return-status return-status-{}", status.as_str().replace('_', "-"))>
                    {i18n.tr(return_status_key(status))}
                </span>
            </div>
            <p class="muted">
                {i18n.tr(Key::Ret(R::StartedOn))} " "
                <time datetime=iso(&created)>{move || short_date(&created, i18n.locale())}</time>
                " · " {i18n.tr(chosen_resolution_key(made.resolution))}
                {made.replacement_variant.clone().map(|v| format!(" · {v}"))}
            </p>
            <p class="return-now">{move || status_sentence(i18n.locale(), &made_now)}</p>
            <ul class="return-card-items">
                {items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
            </ul>
            {live.then(|| view! {
                <p class="return-links">
                    {label.map(|href| view! {
                        <a class="btn btn-secondary btn-small label-link" href=href target="_blank" rel="noopener">
                            {i18n.tr(Key::Ret(R::DownloadLabel))}
                        </a>
                    })}
                    {qr.map(|href| view! {
                        <a class="btn btn-secondary btn-small qr-link" href=href target="_blank" rel="noopener">
                            {i18n.tr(Key::Ret(R::ShowQr))}
                        </a>
                    })}
                </p>
            })}
            {cancellable.map(|made| view! { <CancelReturn made api=api.clone() changed /> })}
            {rejection.map(|why| view! {
                <p class="return-rejection"><strong>{i18n.tr(Key::Ret(R::RejectedBecause))}</strong> " " {why}</p>
            })}
            {credit.map(|c| {
                let (code, amount) = (c.code.clone(), (c.balance_minor, c.currency.clone()));
                view! {
                    <p class="return-credit">
                        <span>{move || i18n.t(Key::Ret(R::StoreCreditCode)).replace("{code}", &code)}</span>
                        " · "
                        <span>{move || i18n.t(Key::Ret(R::Balance)).replace("{amount}", &Money::show(amount.0, &amount.1, i18n.locale().lang()))}</span>
                    </p>
                }
            })}
            <details class="return-history">
                <summary>{i18n.tr(Key::Ret(R::History))}</summary>
                <ol class="timeline">
                    {history
                        .into_iter()
                        .map(|e| {
                            let at = e.at;
                            view! {
                                <li class="timeline-event">
                                    <span class="timeline-label">{i18n.tr(return_status_key(e.to))}</span>
                                    <time class="muted" datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                                    {e.code.map(|code| {
                                        let params = e.params;
                                        view! {
                                            <p class="muted">
                                                {move || shopper_event_note(i18n.locale(), code, &params)}
                                            </p>
                                        }
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
        </li>
    }
}
