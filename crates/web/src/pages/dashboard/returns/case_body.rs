//! How a return's case reads: its items (reasons, comments, photos), the order, the label, the
//! timeline, and once settled the outcome (inspection, refunds, store credit, replacement).

use leptos::prelude::*;
use rebound_shared::api::return_queue::ReturnDetail;
use rebound_shared::api::returns::{ReturnActor, ReturnItemView};
use rebound_shared::domain::Money;

use super::case_exchange::CaseExchange;
use super::status_class;
use crate::components::format::{date_time, iso};
use crate::components::lightbox::{Lightbox, Shown};
use crate::components::risk_badge::RiskReasons;
use crate::contexts::locale::use_i18n;
use crate::i18n::{
    C, Key, Locale, R, chosen_resolution_key, condition_key, disposition_key, event_note,
    refund_reason_key, return_status_key,
};
use crate::routes::Page;

/// Items, the order, the timeline and the label of a return.
#[component]
pub fn CaseBody(case: ReturnDetail) -> impl IntoView {
    let i18n = use_i18n();
    let shown: Shown = RwSignal::new(None);
    let outcome = view! { <Outcome case=case.clone() /> };
    let ret = case.ret;
    let risk_flags = ret.risk_flags.clone();
    let exchange = ret.exchange.clone().map(|e| {
        view! { <CaseExchange exchange=e currency=case.order.currency.clone() /> }
    });
    let order = case.order;
    let placed = order.placed_at;
    let currency = order.currency.clone();
    let total = case.total_value_minor;
    let items = ret
        .items
        .into_iter()
        .map(|item| view! { <CaseItem item=item shown=shown /> })
        .collect_view();
    let history = ret
        .history
        .into_iter()
        .map(|event| {
            let at = event.at;
            let actor = match event.actor {
                ReturnActor::Shopper => R::QByShopper,
                ReturnActor::Staff => R::QByStaff,
                ReturnActor::System => R::QBySystem,
            };
            // Staff steps name the person (kept with the step); older ones say "by staff".
            let name = event.staff_name.clone().filter(|_| event.actor == ReturnActor::Staff);
            let by = move || match &name {
                Some(name) => i18n.t(Key::Case(C::ByName)).replace("{name}", name),
                None => i18n.t(Key::Ret(actor)).to_owned(),
            };
            let step = match event.from {
                None => view! { <span>{i18n.tr(Key::Ret(R::QSubmitted))}</span> }.into_any(),
                Some(_) => view! { <span class=status_class(event.to)>{i18n.tr(return_status_key(event.to))}</span> }.into_any(),
            };
            view! {
                <li>
                    {step}
                    " "
                    <span class="muted timeline-actor">{by}</span>
                    " · "
                    <time datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                    {event.code.map(|code| {
                        let params = event.params;
                        view! {
                            <p class="timeline-note">
                                {move || event_note(i18n.locale(), code, &params, |m, c| Money::show(m, c, i18n.locale().lang()))}
                            </p>
                        }
                    })}
                </li>
            }
        })
        .collect_view();
    let label = match (case.label, ret.label_url) {
        (None, None) if ret.keep_item => {
            let saved = ret.shipping_saved_minor.map(|minor| {
                let currency = currency.clone();
                view! {
                    <p class="shipping-saved">
                        {i18n.tr(Key::Ret(R::QShippingSaved))} ": "
                        <strong>{move || Money::show(minor, &currency, i18n.locale().lang())}</strong>
                    </p>
                }
            });
            view! {
                <p class="keep-item-note">{i18n.tr(Key::Ret(R::QKeepItem))}</p>
                {saved}
            }
            .into_any()
        }
        (Some(l), _) => view! {
            <p>{l.carrier.clone()} " · " {l.service_name.clone()}</p>
            <p>{i18n.tr(Key::Ret(R::QTracking))} ": " <code>{l.tracking_number.clone()}</code></p>
            <p class="label-links">
                <a class="btn btn-secondary btn-small staff-label-link" href=l.pdf_url.clone() target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::QLabelPdf))}</a>
                " "
                <a class="btn btn-secondary btn-small" href=l.qr_url.clone() target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::QLabelQr))}</a>
            </p>
        }
        .into_any(),
        (None, Some(url)) => view! {
            <p class="label-links">
                <a class="btn btn-secondary btn-small staff-label-link" href=url target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::QLabelPdf))}</a>
            </p>
        }
        .into_any(),
        (None, None) => view! { <p class="muted">{i18n.tr(Key::Ret(R::QNoLabel))}</p> }.into_any(),
    };
    view! {
        <div class="return-case-grid">
            <section class="return-case-items">
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QItems))}</h3>
                <ul class="return-case-list">{items}</ul>
                {exchange}
                {ret.rejection_reason.map(|r| view! { <p><strong>{i18n.tr(Key::Ret(R::RejectedBecause))}</strong> " " {r}</p> })}
            </section>
            <section>
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QOrder))}</h3>
                <RiskReasons flags=risk_flags />
                <p><a href=Page::Order(order.number.clone()).path()>{order.number.clone()}</a></p>
                <p>{order.customer_name.clone()}</p>
                <p><a href=format!("mailto:{}", order.email)>{order.email.clone()}</a></p>
                <p class="muted"><time datetime=iso(&placed)>{move || date_time(&placed, i18n.locale())}</time></p>
                <p>{i18n.tr(Key::Ret(R::QTotal))} ": " {move || Money::show(total, &currency, i18n.locale().lang())}</p>
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QLabel))}</h3>
                {label}
            </section>
            <section>
                <h3 class="card-title">{i18n.tr(Key::Ret(R::QTimeline))}</h3>
                <ol class="return-timeline">{history}</ol>
                {outcome}
            </section>
        </div>
        <Lightbox shown=shown />
    }
}

#[component]
fn CaseItem(item: ReturnItemView, shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let reason = item.reason.clone();
    let reason_text = move || match &reason {
        Some(r) if i18n.locale() == Locale::Fr => r.label_fr.clone(),
        Some(r) => r.label_en.clone(),
        None => i18n.t(Key::Ret(R::QNoReason)).to_owned(),
    };
    let photos = item
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            let alt = i18n
                .t(Key::Ret(R::QPhotoN))
                .replace("{n}", &(i + 1).to_string());
            let (src, label) = (photo.url.clone(), alt.clone());
            view! {
                <li>
                    <button type="button" class="thumb-button" on:click=move |_| shown.set(Some((src.clone(), label.clone())))>
                        <img src=photo.url.clone() alt=alt />
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="return-case-item">
            <p>
                <strong>{item.title.clone()}</strong>
                " × " {item.quantity}
                " " <span class="muted">{item.sku.clone()}</span>
            </p>
            <p>
                {reason_text}
                {item.defective.then(|| view! { " " <span class="badge badge-defect">{i18n.tr(Key::Ret(R::QDefective))}</span> })}
            </p>
            {item.comment.clone().map(|c| view! { <p><span class="muted">{i18n.tr(Key::Ret(R::QComment))}</span> " " {c}</p> })}
            {(!item.photos.is_empty()).then(|| view! { <ul class="thumbs">{photos}</ul> })}
        </li>
    }
}

/// What the shopper asked for, and what was done: inspections, refunds, credit, replacement.
#[component]
fn Outcome(case: ReturnDetail) -> impl IntoView {
    let i18n = use_i18n();
    let title_of = {
        let items = case.ret.items.clone();
        move |id: Option<uuid::Uuid>| {
            id.and_then(|id| items.iter().find(|i| i.id == id))
                .map(|i| i.title.clone())
        }
    };
    let wanted = {
        let resolution = case.ret.resolution;
        let variant = case.ret.replacement_variant.clone();
        move || {
            let mut text = i18n
                .t(Key::Case(C::ShopperWants))
                .replace("{resolution}", i18n.t(chosen_resolution_key(resolution)));
            if let Some(v) = &variant {
                text.push_str(&format!(" ({v})"));
            }
            text
        }
    };
    let inspections = case
        .inspections
        .iter()
        .map(|inspection| {
            let title = title_of(Some(inspection.return_item_id)).unwrap_or_default();
            let (condition, disposition) = (inspection.condition, inspection.disposition);
            view! {
                <li class="outcome-inspection">
                    {title} ": " {i18n.tr(condition_key(condition))} " · " {i18n.tr(disposition_key(disposition))}
                    {inspection.note.clone().map(|n| view! { <p class="timeline-note">{n}</p> })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let refunds = case
        .refunds
        .iter()
        .map(|refund| {
            let title = title_of(refund.return_item_id)
                .unwrap_or_else(|| i18n.t(Key::Case(C::AttachedItem)).to_owned());
            let (amount, currency, reason) =
                (refund.amount_minor, refund.currency.clone(), refund.reason);
            view! {
                <li class="outcome-refund">
                    {i18n.tr(Key::Case(C::Refunded))} " "
                    <strong>{move || Money::show(amount, &currency, i18n.locale().lang())}</strong>
                    " · " {title} " · " {i18n.tr(refund_reason_key(reason))}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let credit = case.store_credit.clone().map(|c| {
        let code = c.code.clone();
        let balance = move || {
            i18n.t(Key::Case(C::CreditBalance))
                .replace(
                    "{balance}",
                    &Money::show(c.balance_minor, &c.currency, i18n.locale().lang()),
                )
                .replace(
                    "{amount}",
                    &Money::show(c.amount_minor, &c.currency, i18n.locale().lang()),
                )
        };
        view! {
            <li class="outcome-credit">
                {move || i18n.t(Key::Case(C::CreditIssued)).replace("{code}", &code)}
                " · " {balance}
            </li>
        }
    });
    let replacement = case.replacement.clone().map(|r| {
        view! {
            <li class="outcome-replacement">
                {i18n.tr(Key::Case(C::ReplacementSent))} ": " {r.carrier.clone()} " "
                <code>{r.tracking_number.clone()}</code>
                {r.variant.clone().map(|v| view! { " · " {v} })}
            </li>
        }
    });
    let settled =
        !inspections.is_empty() || !refunds.is_empty() || credit.is_some() || replacement.is_some();
    view! {
        <h3 class="card-title">{i18n.tr(Key::Case(C::Outcome))}</h3>
        <p>{wanted}</p>
        {if settled {
            view! {
                <ul class="case-outcome">{inspections}{refunds}{credit}{replacement}</ul>
            }
            .into_any()
        } else {
            view! { <p class="muted">{i18n.tr(Key::Case(C::NothingYet))}</p> }.into_any()
        }}
    }
}
