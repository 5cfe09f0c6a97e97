//! The form that adds a rule to the list or edits one: what the rule decides (its effect and
//! that effect's terms) and when (its conditions, rows added and removed). It checks the rule
//! with the shared rules before handing it back; the list is saved whole by the tab.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::FieldError;
use rebound_shared::api::settings::{Resolution, ReturnMethod, ReturnReasonView};
use rebound_shared::domain::Currency;
use rebound_shared::domain::policy::{
    Approval, Condition, DateBasis, Effect, FeeCharge, FeeWaiver, PolicyRule, ReturnFee,
    validate_rules,
};

use super::condition_row::{ConditionFields, ConditionRow, basis_options};
use super::values::{
    Choice, Errors, PathError, PathInput, amount, percent, percent_input, text, whole,
};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{Key, L, S, method_key, resolution_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Window,
    FinalSale,
    Resolutions,
    Methods,
    Approval,
    Fee,
    KeepItem,
    ExtraDays,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charge {
    Flat,
    Value,
    Label,
}

/// The effect being written: one signal per input, whatever the kind.
#[derive(Debug, Clone, Copy)]
struct EffectDraft {
    kind: RwSignal<Kind>,
    basis: RwSignal<DateBasis>,
    days: RwSignal<String>,
    resolutions: RwSignal<Vec<Resolution>>,
    methods: RwSignal<Vec<ReturnMethod>>,
    approval: RwSignal<Approval>,
    charge: RwSignal<Charge>,
    amount: RwSignal<String>,
    percent: RwSignal<String>,
    cap: RwSignal<String>,
    waivers: RwSignal<Vec<FeeWaiver>>,
    /// Keep the item: ask for a photo of it first.
    photos: RwSignal<bool>,
}

impl EffectDraft {
    fn of(effect: Option<&Effect>) -> Self {
        let d = EffectDraft {
            kind: RwSignal::new(Kind::Window),
            basis: RwSignal::new(DateBasis::Delivery),
            days: RwSignal::new("30".into()),
            resolutions: RwSignal::new(vec![Resolution::Refund]),
            methods: RwSignal::new(vec![ReturnMethod::PrepaidLabel]),
            approval: RwSignal::new(Approval::Manual),
            charge: RwSignal::new(Charge::Flat),
            amount: RwSignal::new(String::new()),
            percent: RwSignal::new(String::new()),
            cap: RwSignal::new(String::new()),
            waivers: RwSignal::new(Vec::new()),
            photos: RwSignal::new(false),
        };
        let kind = match effect {
            None | Some(Effect::Window { .. }) => Kind::Window,
            Some(Effect::FinalSale) => Kind::FinalSale,
            Some(Effect::Resolutions { .. }) => Kind::Resolutions,
            Some(Effect::Methods { .. }) => Kind::Methods,
            Some(Effect::Approval { .. }) => Kind::Approval,
            Some(Effect::Fee { .. }) => Kind::Fee,
            Some(Effect::KeepItem { .. }) => Kind::KeepItem,
            Some(Effect::ExtraDays { .. }) => Kind::ExtraDays,
        };
        d.kind.set(kind);
        match effect {
            Some(Effect::Window { basis, days }) => {
                d.basis.set(*basis);
                d.days.set(days.to_string());
            }
            Some(Effect::ExtraDays { days }) => d.days.set(days.to_string()),
            Some(Effect::Resolutions { allowed }) => d.resolutions.set(allowed.clone()),
            Some(Effect::Methods { allowed }) => d.methods.set(allowed.clone()),
            Some(Effect::Approval { approval }) => d.approval.set(*approval),
            Some(Effect::Fee { fee }) => {
                match fee.charge {
                    FeeCharge::Flat { amount } => d.amount.set(amount.input()),
                    FeeCharge::PercentOfValue { basis_points } => {
                        d.charge.set(Charge::Value);
                        d.percent.set(percent_input(basis_points));
                    }
                    FeeCharge::PercentOfLabel { basis_points } => {
                        d.charge.set(Charge::Label);
                        d.percent.set(percent_input(basis_points));
                    }
                }
                d.cap.set(fee.cap.map(|c| c.input()).unwrap_or_default());
                d.waivers.set(fee.waived_for.clone());
            }
            Some(Effect::KeepItem { photos }) => d.photos.set(*photos),
            None | Some(Effect::FinalSale) => {}
        }
        d
    }

    fn effect(&self, i18n: I18n, currency: Currency) -> Result<Effect, FieldError> {
        Ok(match self.kind.get_untracked() {
            Kind::Window => Effect::Window {
                basis: self.basis.get_untracked(),
                days: whole(i18n, &self.days.get_untracked(), "effect.days")?,
            },
            Kind::ExtraDays => Effect::ExtraDays {
                days: whole(i18n, &self.days.get_untracked(), "effect.days")?,
            },
            Kind::FinalSale => Effect::FinalSale,
            Kind::KeepItem => Effect::KeepItem {
                photos: self.photos.get_untracked(),
            },
            Kind::Resolutions => Effect::Resolutions {
                allowed: self.resolutions.get_untracked(),
            },
            Kind::Methods => Effect::Methods {
                allowed: self.methods.get_untracked(),
            },
            Kind::Approval => Effect::Approval {
                approval: self.approval.get_untracked(),
            },
            Kind::Fee => {
                let charge = match self.charge.get_untracked() {
                    Charge::Flat => FeeCharge::Flat {
                        amount: amount(
                            i18n,
                            &self.amount.get_untracked(),
                            currency,
                            "effect.fee.charge.amount",
                        )?,
                    },
                    Charge::Value | Charge::Label => {
                        let basis_points = percent(
                            i18n,
                            &self.percent.get_untracked(),
                            "effect.fee.charge.basis_points",
                        )?;
                        if self.charge.get_untracked() == Charge::Value {
                            FeeCharge::PercentOfValue { basis_points }
                        } else {
                            FeeCharge::PercentOfLabel { basis_points }
                        }
                    }
                };
                let cap = self.cap.get_untracked();
                let cap = if cap.trim().is_empty() {
                    None
                } else {
                    Some(amount(i18n, &cap, currency, "effect.fee.cap")?)
                };
                Effect::Fee {
                    fee: ReturnFee {
                        charge,
                        cap,
                        waived_for: self.waivers.get_untracked(),
                    },
                }
            }
        })
    }
}

/// A checkbox adding `value` to (or taking it from) `set`.
#[component]
fn SetCheck<T>(id: String, label: Key, set: RwSignal<Vec<T>>, value: T) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <div class="check">
            <input type="checkbox" id=id.clone()
                prop:checked=move || set.with(|l| l.contains(&value))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    set.update(|l| {
                        l.retain(|x| *x != value);
                        if on { l.push(value); }
                    });
                } />
            <label for=id>{i18n.tr(label)}</label>
        </div>
    }
}

/// An id no rule of the list has: `rule-1`, `rule-2`...
fn fresh_id(taken: &[String]) -> String {
    (1..)
        .map(|n| format!("rule-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

/// Moves focus to the form's first input with an error.
fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(".policy-form [aria-invalid=true]")
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

/// Adds a rule (`existing` none) or edits `existing`, the `number`th of the list; `errors`
/// starts with what the server said of it.
#[component]
pub fn RuleForm(
    existing: Option<PolicyRule>,
    number: Option<usize>,
    taken_ids: Vec<String>,
    errors: Vec<FieldError>,
    reasons: StoredValue<Vec<ReturnReasonView>>,
    currency: Currency,
    on_done: Callback<PolicyRule>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(errors);
    let effect = EffectDraft::of(existing.as_ref().map(|r| &r.effect));
    let next_key = StoredValue::new(0_u32);
    let new_row = move || {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        key
    };
    let rows = RwSignal::new(
        existing
            .as_ref()
            .map(|r| {
                r.conditions
                    .iter()
                    .map(|c| ConditionRow::of(new_row(), c))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let (id, enabled) = match &existing {
        Some(r) => (r.id.clone(), r.enabled),
        None => (fresh_id(&taken_ids), true),
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        let effect = effect
            .effect(i18n, currency)
            .map_err(|e| found.push(e))
            .ok();
        let conditions: Vec<Condition> = rows
            .get_untracked()
            .iter()
            .enumerate()
            .filter_map(|(j, row)| {
                row.condition(i18n, currency, &format!("conditions[{j}]"))
                    .map_err(|e| found.push(e))
                    .ok()
            })
            .collect();
        if let (Some(effect), true) = (effect, found.is_empty()) {
            let rule = PolicyRule {
                id: id.clone(),
                enabled,
                conditions,
                effect,
            };
            // The server's own checks, on this rule alone (`rules[0].…`).
            found = validate_rules(std::slice::from_ref(&rule), currency)
                .into_iter()
                .map(|e| FieldError {
                    field: e.field.trim_start_matches("rules[0].").to_owned(),
                    code: e.code.into(),
                    message: e.message,
                })
                .collect();
            if found.is_empty() {
                on_done.run(rule);
                return;
            }
        }
        errors.set(found);
        request_animation_frame(focus_first_invalid);
    };

    let effect_kinds = vec![
        (Kind::Window, Key::Pol(L::EffWindow)),
        (Kind::FinalSale, Key::Pol(L::EffFinalSale)),
        (Kind::Resolutions, Key::Pol(L::EffResolutions)),
        (Kind::Methods, Key::Pol(L::EffMethods)),
        (Kind::Approval, Key::Pol(L::EffApproval)),
        (Kind::Fee, Key::Pol(L::EffFee)),
        (Kind::KeepItem, Key::Pol(L::EffKeepItem)),
        (Kind::ExtraDays, Key::Pol(L::EffExtraDays)),
    ];
    let path = |p: &'static str| Signal::derive(move || p.to_owned());
    let in_currency = move |key: L| {
        Signal::derive(move || i18n.t(Key::Pol(key)).replace("{currency}", currency.code()))
    };
    let days = move || {
        view! {
            <PathInput id="rule-days".into() label=text(i18n, Key::Pol(L::Days)) value=effect.days path=path("effect.days") errors=errors inputmode="numeric" />
        }
    };
    let terms = move || {
        match effect.kind.get() {
        Kind::Window => view! {
            <Choice id="rule-basis".into() label=text(i18n, Key::Pol(L::Basis)) value=effect.basis options=basis_options() />
            {days()}
        }.into_any(),
        Kind::ExtraDays => days().into_any(),
        Kind::FinalSale => ().into_any(),
        Kind::KeepItem => view! {
            <div class="check">
                <input type="checkbox" id="rule-keep-photos"
                    prop:checked=move || effect.photos.get()
                    on:change=move |ev| effect.photos.set(event_target_checked(&ev)) />
                <label for="rule-keep-photos">{i18n.tr(Key::Pol(L::KeepPhotos))}</label>
            </div>
        }.into_any(),
        Kind::Resolutions => view! {
            <fieldset class="group">
                <legend>{i18n.tr(Key::Pol(L::EffResolutions))}</legend>
                {[Resolution::Refund, Resolution::StoreCredit, Resolution::Replacement].into_iter().map(|r| view! {
                    <SetCheck id=format!("rule-resolution-{r:?}") label=resolution_key(r) set=effect.resolutions value=r />
                }).collect_view()}
                <PathError id="rule-allowed-error".into() path=path("effect.allowed") errors=errors />
            </fieldset>
        }.into_any(),
        Kind::Methods => view! {
            <fieldset class="group">
                <legend>{i18n.tr(Key::Pol(L::EffMethods))}</legend>
                {[ReturnMethod::PrepaidLabel, ReturnMethod::QrDropOff].into_iter().map(|m| view! {
                    <SetCheck id=format!("rule-method-{m:?}") label=method_key(m) set=effect.methods value=m />
                }).collect_view()}
                <PathError id="rule-allowed-error".into() path=path("effect.allowed") errors=errors />
            </fieldset>
        }.into_any(),
        Kind::Approval => view! {
            <Choice id="rule-approval".into() label=text(i18n, Key::Pol(L::EffApproval)) value=effect.approval options=vec![
                (Approval::Automatic, Key::Pol(L::ApprAutomatic)),
                (Approval::Manual, Key::Pol(L::ApprManual)),
                (Approval::ManualWhenFlagged, Key::Pol(L::ApprFlagged)),
            ] />
        }.into_any(),
        Kind::Fee => view! {
            <Choice id="rule-charge".into() label=text(i18n, Key::Pol(L::Charge)) value=effect.charge options=vec![
                (Charge::Flat, Key::Pol(L::ChargeFlat)),
                (Charge::Value, Key::Pol(L::ChargeValue)),
                (Charge::Label, Key::Pol(L::ChargeLabel)),
            ] />
            {move || if effect.charge.get() == Charge::Flat {
                view! { <PathInput id="rule-fee-amount".into() label=in_currency(L::Amount) value=effect.amount path=path("effect.fee.charge.amount") errors=errors inputmode="decimal" /> }.into_any()
            } else {
                view! { <PathInput id="rule-fee-percent".into() label=text(i18n, Key::Pol(L::Percent)) value=effect.percent path=path("effect.fee.charge.basis_points") errors=errors inputmode="decimal" /> }.into_any()
            }}
            <PathInput id="rule-fee-cap".into() label=in_currency(L::Cap) value=effect.cap path=path("effect.fee.cap") errors=errors inputmode="decimal" />
            <fieldset class="group">
                <legend>{i18n.tr(Key::Pol(L::WaivedFor))}</legend>
                <SetCheck id="rule-waive-defective".into() label=Key::Pol(L::WaiveDefective) set=effect.waivers value=FeeWaiver::Defective />
                <SetCheck id="rule-waive-credit".into() label=Key::Pol(L::WaiveCredit) set=effect.waivers value=FeeWaiver::StoreCredit />
                <SetCheck id="rule-waive-exchange".into() label=Key::Pol(L::WaiveExchange) set=effect.waivers value=FeeWaiver::Exchange />
            </fieldset>
        }.into_any(),
    }
    };

    let remove = Callback::new(move |key: u32| rows.update(|r| r.retain(|row| row.key != key)));
    let title = move || match number {
        Some(n) => i18n.t(Key::Pol(L::EditRule)).replace("{n}", &n.to_string()),
        None => i18n.t(Key::Pol(L::AddRule)).to_owned(),
    };
    view! {
        <form class="form policy-form" novalidate on:submit=on_submit>
            <h3 class="section-title">{title}</h3>
            <PathError id="rule-id-error".into() path=path("id") errors=errors />
            <fieldset class="group policy-fieldset">
                <legend>{i18n.tr(Key::Pol(L::Effect))}</legend>
                <Choice id="rule-effect".into() label=text(i18n, Key::Pol(L::Effect)) value=effect.kind options=effect_kinds />
                {terms}
            </fieldset>
            <fieldset class="group policy-fieldset">
                <legend>{i18n.tr(Key::Pol(L::Conditions))}</legend>
                <p class="field-hint">{i18n.tr(Key::Pol(L::ConditionsLead))}</p>
                <ol class="policy-conditions">
                    <For each=move || rows.get() key=|row| row.key let:row>
                        <ConditionFields
                            row=row
                            index=Signal::derive(move || rows.with(|r| r.iter().position(|x| x.key == row.key).unwrap_or_default()))
                            errors=errors
                            reasons=reasons
                            currency=currency
                            on_remove=remove
                        />
                    </For>
                </ol>
                <button type="button" class="btn btn-secondary btn-small"
                    on:click=move |_| { let row = ConditionRow::new(new_row()); rows.update(|r| r.push(row)); }>
                    {i18n.tr(Key::Pol(L::AddCondition))}
                </button>
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">
                    {i18n.tr(Key::Pol(if number.is_some() { L::UpdateRule } else { L::AddToList }))}
                </button>
                <button type="button" class="btn btn-secondary" on:click=move |_| on_cancel.run(())>
                    {i18n.tr(Key::Set(S::Cancel))}
                </button>
            </div>
        </form>
    }
}
