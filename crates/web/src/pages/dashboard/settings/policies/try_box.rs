//! The "try it" box: the saved rules evaluated on a real order, per item (returnable or not and
//! why, until when, the fee, keep-the-item) and per reason.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::policies::{
    PolicySource, PolicyTrial, ReasonVerdict, TrialItem, TryPolicies,
};
use rebound_shared::domain::policy::{Effect, ItemVerdict, PolicyRule, describe_rule};

use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, Field, SubmitButton};
use crate::components::format::{iso, short_date};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{Key, L, Locale, policy_code_key};

/// The verdict in words: "Returnable until 3 Jan 2027 · a return fee applies…".
fn verdict_words(i18n: I18n, v: &ItemVerdict) -> String {
    v.why
        .iter()
        .map(|w| i18n.t(policy_code_key(w.code)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The deadline as a `<time>`, when there is one.
fn deadline(i18n: I18n, v: &ItemVerdict) -> Option<impl IntoView + use<>> {
    v.deadline().map(|at| {
        view! { <time datetime=iso(&at)>{move || short_date(&at, i18n.locale())}</time> }
    })
}

/// Returnable or not, as a badge.
fn badge(i18n: I18n, allowed: bool) -> impl IntoView + use<> {
    let (class, key) = if allowed {
        ("badge", L::Allowed)
    } else {
        ("badge badge-defect", L::Refused)
    };
    view! { <span class=class>{i18n.tr(Key::Pol(key))}</span> }
}

#[component]
pub fn TryBox() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let number = RwSignal::new(String::new());
    let number_e: ErrorSlot = RwSignal::new(None);
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let trial = RwSignal::new(None::<PolicyTrial>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let order_number = number.get_untracked().trim().to_owned();
        if order_number.is_empty() {
            number_e.set(Some(crate::components::field::FieldMessage::Key(
                Key::Required,
            )));
            return;
        }
        let Some(api) = auth.api() else { return };
        pending.set(true);
        spawn_local(async move {
            let result = api.try_policies(&TryPolicies { order_number }).await;
            pending.set(false);
            match result {
                Ok(t) => {
                    problem.set(None);
                    trial.set(Some(t));
                }
                Err(p) => {
                    trial.set(None);
                    problem.set(Some(p));
                }
            }
        });
    };

    let item_view = move |item: TrialItem| {
        let TrialItem {
            title,
            sku,
            verdict: v,
            by_reason,
            ..
        } = item;
        let fee = v.fee.clone().map(|f| {
            // The fee's own terms, worded as the rule list words them.
            let rule = PolicyRule::new(f.rule_id, Vec::new(), Effect::Fee { fee: f.fee });
            view! {
                <p>
                    <strong>{i18n.tr(Key::Pol(L::Fee))} ": "</strong>
                    {move || describe_rule(&rule, i18n.locale().lang())}
                </p>
            }
        });
        let until =
            deadline(i18n, &v).map(|d| view! { " " {i18n.tr(Key::Pol(L::ColUntil))} ": " {d} });
        let keep = v
            .keep_item
            .then(|| view! { <p>{i18n.tr(Key::Pol(L::KeepsItem))}</p> });
        let allowed = v.allowed;
        let rows = by_reason
            .into_iter()
            .map(|r| {
                let ReasonVerdict {
                    label_en,
                    label_fr,
                    verdict,
                    ..
                } = r;
                let label = move || match i18n.locale() {
                    Locale::En => label_en.clone(),
                    Locale::Fr => label_fr.clone(),
                };
                let cell = deadline(i18n, &verdict);
                let allowed = verdict.allowed;
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td>{badge(i18n, allowed)}</td>
                        <td>{cell}</td>
                        <td>{move || verdict_words(i18n, &verdict)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <li class="policy-trial-item">
                <h3 class="section-title">{title} " " <span class="item-sub">{sku}</span></h3>
                <p>{badge(i18n, allowed)} {until}</p>
                <p>{move || verdict_words(i18n, &v)}</p>
                {fee}
                {keep}
                <table class="table policy-trial-table">
                    <caption>{i18n.tr(Key::Pol(L::ByReason))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(Key::Pol(L::ColReason))}</th>
                            <th scope="col">{i18n.tr(Key::Pol(L::ColVerdict))}</th>
                            <th scope="col">{i18n.tr(Key::Pol(L::ColUntil))}</th>
                            <th scope="col">{i18n.tr(Key::Pol(L::ColWhy))}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </li>
        }
    };

    view! {
        <section class="card" aria-labelledby="policy-try-title">
            <div class="card-header">
                <h2 id="policy-try-title" class="card-title">{i18n.tr(Key::Pol(L::TryTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Pol(L::TryLead))}</p>
            </div>
            <form class="form form-inline" novalidate on:submit=on_submit>
                <Field id="order_number" label=Key::Pol(L::OrderNumber) value=number error=number_e literal=true />
                <SubmitButton label=Key::Pol(L::Try) busy_label=Key::Pol(L::Trying) pending=pending />
            </form>
            <ProblemAlert problem=problem />
            <div aria-live="polite">
                {move || trial.get().map(|t| view! {
                    {(t.source == PolicySource::Settings).then(|| view! { <p class="field-hint">{i18n.tr(Key::Pol(L::TriedSettings))}</p> })}
                    {t.items.is_empty().then(|| view! { <p>{i18n.tr(Key::Pol(L::NoItems))}</p> })}
                    <ul class="policy-trial">
                        {t.items.into_iter().map(item_view).collect_view()}
                    </ul>
                })}
            </div>
        </section>
    }
}
