//! One condition of the rule form: its kind, then the inputs that kind asks for. A row keeps
//! every input's text while its kind changes, so switching back loses nothing.

use leptos::prelude::*;
use rebound_shared::FieldError;
use rebound_shared::api::settings::ReturnReasonView;
use rebound_shared::domain::Currency;
use rebound_shared::domain::policy::{Comparison, Condition, DateBasis};
use uuid::Uuid;

use super::values::{
    Choice, Errors, PathError, PathInput, amount, list, percent, percent_input, text, whole,
};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{Key, L, Locale};

/// The kinds of condition the form offers, in the order its menu lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ReasonDefective,
    Reason,
    ProductTag,
    Sku,
    OrderTag,
    ItemPrice,
    OrderTotal,
    DaysSince,
    ShopperEmail,
    EmailDomain,
    Country,
    ShopperReturns,
    ReturnRate,
}

const KINDS: [(Kind, L); 13] = [
    (Kind::ReasonDefective, L::CReasonDefective),
    (Kind::Reason, L::CReason),
    (Kind::ProductTag, L::CProductTag),
    (Kind::Sku, L::CSku),
    (Kind::OrderTag, L::COrderTag),
    (Kind::ItemPrice, L::CItemPrice),
    (Kind::OrderTotal, L::COrderTotal),
    (Kind::DaysSince, L::CDaysSince),
    (Kind::ShopperEmail, L::CEmail),
    (Kind::EmailDomain, L::CDomain),
    (Kind::Country, L::CCountry),
    (Kind::ShopperReturns, L::CReturns),
    (Kind::ReturnRate, L::CRate),
];

pub fn basis_options() -> Vec<(DateBasis, Key)> {
    vec![
        (DateBasis::Order, Key::Pol(L::BasisOrder)),
        (DateBasis::Fulfilment, Key::Pol(L::BasisFulfilment)),
        (DateBasis::Delivery, Key::Pol(L::BasisDelivery)),
    ]
}

fn compare_options() -> Vec<(Comparison, Key)> {
    vec![
        (Comparison::Below, Key::Pol(L::CmpBelow)),
        (Comparison::AtMost, Key::Pol(L::CmpAtMost)),
        (Comparison::AtLeast, Key::Pol(L::CmpAtLeast)),
        (Comparison::Above, Key::Pol(L::CmpAbove)),
    ]
}

/// A condition being written: one signal per input, whatever the kind.
#[derive(Debug, Clone, Copy)]
pub struct ConditionRow {
    /// Stable while rows are added and removed (the list's key, the inputs' ids).
    pub key: u32,
    kind: RwSignal<Kind>,
    values: RwSignal<String>,
    compare: RwSignal<Comparison>,
    amount: RwSignal<String>,
    days: RwSignal<String>,
    basis: RwSignal<DateBasis>,
    count: RwSignal<String>,
    percent: RwSignal<String>,
    defective: RwSignal<bool>,
    reasons: RwSignal<Vec<Uuid>>,
}

impl ConditionRow {
    pub fn new(key: u32) -> Self {
        ConditionRow {
            key,
            kind: RwSignal::new(Kind::ReasonDefective),
            values: RwSignal::new(String::new()),
            compare: RwSignal::new(Comparison::AtLeast),
            amount: RwSignal::new(String::new()),
            days: RwSignal::new(String::new()),
            basis: RwSignal::new(DateBasis::Delivery),
            count: RwSignal::new(String::new()),
            percent: RwSignal::new(String::new()),
            defective: RwSignal::new(true),
            reasons: RwSignal::new(Vec::new()),
        }
    }

    /// A row showing `condition`.
    pub fn of(key: u32, condition: &Condition) -> Self {
        let row = ConditionRow::new(key);
        let joined = |v: &[String]| v.join(", ");
        let (kind, values) = match condition {
            Condition::ReasonDefective { defective } => {
                row.defective.set(*defective);
                (Kind::ReasonDefective, None)
            }
            Condition::Reason { reason_ids } => {
                row.reasons.set(reason_ids.clone());
                (Kind::Reason, None)
            }
            Condition::ProductTag { tags } => (Kind::ProductTag, Some(joined(tags))),
            Condition::Sku { skus } => (Kind::Sku, Some(joined(skus))),
            Condition::OrderTag { tags } => (Kind::OrderTag, Some(joined(tags))),
            Condition::ShopperEmail { emails } => (Kind::ShopperEmail, Some(joined(emails))),
            Condition::EmailDomain { domains } => (Kind::EmailDomain, Some(joined(domains))),
            Condition::Country { countries } => (Kind::Country, Some(joined(countries))),
            Condition::ItemPrice { compare, amount }
            | Condition::OrderTotal { compare, amount } => {
                row.compare.set(*compare);
                row.amount.set(amount.input());
                let kind = if matches!(condition, Condition::ItemPrice { .. }) {
                    Kind::ItemPrice
                } else {
                    Kind::OrderTotal
                };
                (kind, None)
            }
            Condition::DaysSince {
                basis,
                compare,
                days,
            } => {
                row.basis.set(*basis);
                row.compare.set(*compare);
                row.days.set(days.to_string());
                (Kind::DaysSince, None)
            }
            Condition::ShopperReturns {
                within_days,
                compare,
                count,
            } => {
                row.compare.set(*compare);
                row.count.set(count.to_string());
                row.days.set(within_days.to_string());
                (Kind::ShopperReturns, None)
            }
            Condition::ReturnRate {
                compare,
                basis_points,
            } => {
                row.compare.set(*compare);
                row.percent.set(percent_input(*basis_points));
                (Kind::ReturnRate, None)
            }
        };
        row.kind.set(kind);
        if let Some(values) = values {
            row.values.set(values);
        }
        row
    }

    /// The condition the row says, or the first input it cannot read; `at` is the row's path
    /// (`conditions[1]`).
    pub fn condition(
        &self,
        i18n: I18n,
        currency: Currency,
        at: &str,
    ) -> Result<Condition, FieldError> {
        let field = |name: &str| format!("{at}.{name}");
        let values = || list(&self.values.get_untracked());
        let compare = self.compare.get_untracked();
        Ok(match self.kind.get_untracked() {
            Kind::ReasonDefective => Condition::ReasonDefective {
                defective: self.defective.get_untracked(),
            },
            Kind::Reason => Condition::Reason {
                reason_ids: self.reasons.get_untracked(),
            },
            Kind::ProductTag => Condition::ProductTag { tags: values() },
            Kind::Sku => Condition::Sku { skus: values() },
            Kind::OrderTag => Condition::OrderTag { tags: values() },
            Kind::ShopperEmail => Condition::ShopperEmail { emails: values() },
            Kind::EmailDomain => Condition::EmailDomain { domains: values() },
            Kind::Country => Condition::Country {
                countries: values()
                    .into_iter()
                    .map(|c| c.to_ascii_uppercase())
                    .collect(),
            },
            Kind::ItemPrice => Condition::ItemPrice {
                compare,
                amount: amount(
                    i18n,
                    &self.amount.get_untracked(),
                    currency,
                    &field("amount"),
                )?,
            },
            Kind::OrderTotal => Condition::OrderTotal {
                compare,
                amount: amount(
                    i18n,
                    &self.amount.get_untracked(),
                    currency,
                    &field("amount"),
                )?,
            },
            Kind::DaysSince => Condition::DaysSince {
                basis: self.basis.get_untracked(),
                compare,
                days: whole(i18n, &self.days.get_untracked(), &field("days"))?,
            },
            Kind::ShopperReturns => Condition::ShopperReturns {
                compare,
                count: whole(i18n, &self.count.get_untracked(), &field("count"))?,
                within_days: whole(i18n, &self.days.get_untracked(), &field("within_days"))?,
            },
            Kind::ReturnRate => Condition::ReturnRate {
                compare,
                basis_points: percent(i18n, &self.percent.get_untracked(), &field("basis_points"))?,
            },
        })
    }
}

/// The inputs of `row`, the `index`th condition of the form.
#[component]
pub fn ConditionFields(
    row: ConditionRow,
    #[prop(into)] index: Signal<usize>,
    errors: Errors,
    reasons: StoredValue<Vec<ReturnReasonView>>,
    currency: Currency,
    on_remove: Callback<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |name: &str| format!("cond-{}-{name}", row.key);
    let at = move || format!("conditions[{}]", index.get());
    let path = move |name: &'static str| Signal::derive(move || format!("{}.{name}", at()));
    let title = Signal::derive(move || {
        i18n.t(Key::Pol(L::ConditionN))
            .replace("{n}", &(index.get() + 1).to_string())
    });
    let kinds: Vec<(Kind, Key)> = KINDS.iter().map(|(k, l)| (*k, Key::Pol(*l))).collect();
    let compare = move || view! { <Choice id=id("compare") label=text(i18n, Key::Pol(L::Compare)) value=row.compare options=compare_options() /> };
    let amount_label = Signal::derive(move || {
        i18n.t(Key::Pol(L::Amount))
            .replace("{currency}", currency.code())
    });
    let inputs = move || {
        match row.kind.get() {
        Kind::ReasonDefective => view! {
            <Choice id=id("defective") label=text(i18n, Key::Pol(L::CReasonDefective)) value=row.defective
                options=vec![(true, Key::Pol(L::DefectiveYes)), (false, Key::Pol(L::DefectiveNo))] />
        }.into_any(),
        Kind::Reason => view! {
            <fieldset class="group">
                <legend>{i18n.tr(Key::Pol(L::CReason))}</legend>
                {reasons.get_value().into_iter().filter(|r| !r.retired).map(|r| {
                    let rid = r.id;
                    let input_id = id(&format!("reason-{rid}"));
                    view! {
                        <div class="check">
                            <input type="checkbox" id=input_id.clone()
                                prop:checked=move || row.reasons.with(|l| l.contains(&rid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    row.reasons.update(|l| {
                                        l.retain(|x| *x != rid);
                                        if on { l.push(rid); }
                                    });
                                } />
                            <label for=input_id>{move || match i18n.locale() { Locale::En => r.label_en.clone(), Locale::Fr => r.label_fr.clone() }}</label>
                        </div>
                    }
                }).collect_view()}
                <PathError id=id("reasons-error") path=path("reason_ids") errors=errors />
            </fieldset>
        }.into_any(),
        Kind::ProductTag | Kind::Sku | Kind::OrderTag | Kind::ShopperEmail | Kind::EmailDomain | Kind::Country => {
            let field = match row.kind.get_untracked() {
                Kind::ProductTag | Kind::OrderTag => "tags",
                Kind::Sku => "skus",
                Kind::ShopperEmail => "emails",
                Kind::EmailDomain => "domains",
                _ => "countries",
            };
            view! { <PathInput id=id("values") label=text(i18n, Key::Pol(L::Values)) value=row.values path=path(field) errors=errors /> }.into_any()
        }
        Kind::ItemPrice | Kind::OrderTotal => view! {
            {compare()}
            <PathInput id=id("amount") label=amount_label value=row.amount path=path("amount") errors=errors inputmode="decimal" />
        }.into_any(),
        Kind::DaysSince => view! {
            <Choice id=id("basis") label=text(i18n, Key::Pol(L::CDaysSince)) value=row.basis options=basis_options() />
            {compare()}
            <PathInput id=id("days") label=text(i18n, Key::Pol(L::Days)) value=row.days path=path("days") errors=errors inputmode="numeric" />
        }.into_any(),
        Kind::ShopperReturns => view! {
            {compare()}
            <PathInput id=id("count") label=text(i18n, Key::Pol(L::Count)) value=row.count path=path("count") errors=errors inputmode="numeric" />
            <PathInput id=id("within") label=text(i18n, Key::Pol(L::WithinDays)) value=row.days path=path("within_days") errors=errors inputmode="numeric" />
        }.into_any(),
        Kind::ReturnRate => view! {
            {compare()}
            <PathInput id=id("percent") label=text(i18n, Key::Pol(L::Percent)) value=row.percent path=path("basis_points") errors=errors inputmode="decimal" />
        }.into_any(),
    }
    };
    view! {
        <li class="policy-condition">
            <Choice id=id("kind") label=title value=row.kind options=kinds />
            {inputs}
            <button type="button" class="btn btn-ghost btn-small"
                aria-label=move || format!("{} — {}", i18n.t(Key::Pol(L::RemoveCondition)), title.get())
                on:click=move |_| on_remove.run(row.key)>
                {i18n.tr(Key::Pol(L::RemoveCondition))}
            </button>
        </li>
    }
}
