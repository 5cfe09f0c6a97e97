//! The last step: everything the shopper chose, before it is sent.

use leptos::prelude::*;
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::Money;

use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R, method_key, resolution_key};

use crate::pages::portal::what_you_get::WhatYouGet;

use super::exchange::ExchangeDifference;
use super::form::{Wizard, reason_label};

#[component]
pub(super) fn SummaryStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let resolution = wizard.resolution.get_untracked();
    let variant = wizard.variant.get_untracked();
    let method = wizard.method.get_untracked();
    let currency = wizard.options.with_value(|o| o.currency.clone());
    let reckoning = wizard.reckon();
    let fee = reckoning.fee;
    let fee_text = {
        let currency = currency.clone();
        // U+2212, the minus sign: a screen reader says "minus".
        move || {
            format!(
                "\u{2212}{}",
                Money::show(fee, &currency, i18n.locale().lang())
            )
        }
    };
    let undecided = wizard.any_defective();
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::SummaryLead))}</p>
        <ul class="return-summary">
            {wizard
                .chosen()
                .into_iter()
                .map(|line| {
                    let item = wizard.options.with_value(|o| o.items[line.index].clone());
                    let reason = wizard.reason_of(&line);
                    let defective = reason.as_ref().is_some_and(|r| r.defective);
                    let photos = line.photos.get_untracked();
                    let comment = line.comment.get_untracked();
                    let keep = !reckoning.kept && wizard.keeps(line.index, &line.reason.get_untracked());
                    view! {
                        <li class="return-summary-line">
                            <p class="return-item-title">{item.title.clone()} <span class="muted">" × " {line.quantity.get_untracked()}</span></p>
                            {reason.map(|r| view! { <p>{move || reason_label(&r, i18n.locale())}</p> })}
                            {(resolution == Resolution::Exchange).then(|| {
                                Wizard::wanted(&line, &item).map(|c| {
                                    // Another product reads with its name; another size by its size.
                                    let other = !item.exchange_choices.iter().any(|x| x.sku == c.sku);
                                    let options = rebound_shared::api::catalogue::options_label(&c.options);
                                    let label = if other { format!("{} {options}", c.title) } else { options };
                                    view! {
                                        <p class="return-exchange">
                                            {i18n.tr(Key::Ret(R::ExchangeFor))} " " {label}
                                        </p>
                                    }
                                })
                            })}
                            {keep.then(|| view! { <p class="return-keep">{i18n.tr(Key::Ret(R::KeepLine))}</p> })}
                            {defective.then(|| view! {
                                <p class="issue-message">{comment.clone()}</p>
                                <ul class="thumbs thumbs-small">
                                    {photos
                                        .iter()
                                        .filter_map(|p| match &p.state {
                                            crate::components::photo_picker::Upload::Done(v) => Some(view! {
                                                <li class="thumb"><img src=v.url.clone() alt=p.name.clone() /></li>
                                            }),
                                            _ => None,
                                        })
                                        .collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        // With a defect the shop decides with the shopper (seed 003): nothing to promise yet.
        {undecided.then(|| view! {
            <div class="alert alert-info" id="defect-decided-later">
                <p>{i18n.tr(Key::Ret(R::DefectDecidedLater))}</p>
            </div>
        })}
        {(!undecided).then(move || view! {
        {reckoning.kept.then(|| view! {
            <p class="alert alert-info return-keep" id="return-keep">{i18n.tr(Key::Ret(R::KeepAll))}</p>
        })}
        <dl class="return-facts">
            <div>
                <dt>{i18n.tr(Key::Ret(R::Resolution))}</dt>
                <dd>
                    {i18n.tr(resolution_key(resolution))}
                    {(resolution == Resolution::Replacement).then(|| format!(" · {variant}"))}
                </dd>
            </div>
            <div>
                <dt>{i18n.tr(Key::Ret(R::Method))}</dt>
                <dd>{i18n.tr(method_key(method))}</dd>
            </div>
            {(fee > 0).then(|| view! {
                <div id="return-fee">
                    <dt>{i18n.tr(Key::Ret(R::Fee))}</dt>
                    <dd>{fee_text}</dd>
                </div>
            })}
        </dl>
        {(resolution == Resolution::Exchange).then(|| view! { <ExchangeDifference wizard=wizard /> })}
        <WhatYouGet
            resolution=resolution
            minor=reckoning.value - fee
            currency=currency
            kept=reckoning.kept
        />
        })}
    }
}
