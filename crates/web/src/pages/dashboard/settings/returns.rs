//! The Returns tab's policy form: portal on/off, approval, damaged items, resolutions, windows,
//! return methods and the products that cannot be returned.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::settings::{
    ApprovalMode, DamagedPolicy, NonReturnable, NonReturnableKind, REFUND_DEADLINE_MAX,
    RETURN_WINDOW_MAX, Resolution, ReturnMethod, ReturnsSettings,
};
use rebound_shared::limits;

use super::controls::{Check, NumberField, after_save, parse_days};
use super::exchanges::{ExchangeFields, ExchangeForm};
use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, FieldErrorText, SubmitButton, focus_first_error};
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, S};

const RESOLUTIONS: [(Resolution, S); 3] = [
    (Resolution::Refund, S::ResolutionRefund),
    (Resolution::StoreCredit, S::ResolutionStoreCredit),
    (Resolution::Replacement, S::ResolutionReplacement),
];
const METHODS: [(ReturnMethod, S); 2] = [
    (ReturnMethod::PrepaidLabel, S::MethodPrepaidLabel),
    (ReturnMethod::QrDropOff, S::MethodQrDropOff),
];

/// A set of choices where at least one must stay ticked: the last one is disabled.
#[component]
fn AtLeastOne<T>(
    legend: S,
    prefix: &'static str,
    options: Vec<(T, S)>,
    chosen: RwSignal<Vec<T>>,
    error: ErrorSlot,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <fieldset class="group" id=prefix>
            <legend>{i18n.tr(Key::Set(legend))}</legend>
            {options
                .into_iter()
                .enumerate()
                .map(|(i, (value, label))| {
                    let id = format!("{prefix}-{i}");
                    let checked = move || chosen.with(|c| c.contains(&value));
                    view! {
                        <div class="check">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=checked
                                disabled=move || checked() && chosen.with(Vec::len) == 1
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|v| *v != value);
                                        if on {
                                            c.push(value);
                                        }
                                    });
                                    error.set(None);
                                }
                            />
                            <label for=id>{i18n.tr(Key::Set(label))}</label>
                        </div>
                    }
                })
                .collect_view()}
            <FieldErrorText id=format!("{prefix}-error") error=error />
        </fieldset>
    }
}

#[component]
pub fn ReturnsTab(
    settings: ReturnsSettings,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    // Not on this form yet: saved back as loaded.
    let withdrawal = settings.withdrawal;
    let exchanges = ExchangeForm::new(&settings.exchanges);
    let portal_enabled = RwSignal::new(settings.portal_enabled);
    let approval = RwSignal::new(settings.approval_mode);
    let damaged = RwSignal::new(settings.damaged_policy);
    let resolutions = RwSignal::new(settings.resolutions);
    let methods = RwSignal::new(settings.return_methods);
    let window_days = RwSignal::new(settings.return_window_days.to_string());
    let deadline_days = RwSignal::new(settings.refund_deadline_days.to_string());
    let rules = RwSignal::new(
        settings
            .non_returnable
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i, r.kind, RwSignal::new(r.value)))
            .collect::<Vec<_>>(),
    );
    let next_rule = StoredValue::new(rules.with_untracked(Vec::len));
    let errors: [ErrorSlot; 5] = std::array::from_fn(|_| RwSignal::new(None));
    let [resolutions_e, methods_e, window_e, deadline_e, rules_e] = errors;
    let slots = [
        ("resolutions", resolutions_e),
        ("return_methods", methods_e),
        ("return_window_days", window_e),
        ("refund_deadline_days", deadline_e),
        ("non_returnable", rules_e),
        ("payment_link", exchanges.error),
        ("exchanges", exchanges.error),
    ];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let window = parse_days(
            i18n,
            &window_days.get_untracked(),
            1,
            RETURN_WINDOW_MAX,
            window_e,
        );
        let deadline = parse_days(
            i18n,
            &deadline_days.get_untracked(),
            1,
            REFUND_DEADLINE_MAX,
            deadline_e,
        );
        let non_returnable: Vec<NonReturnable> = rules.with_untracked(|r| {
            r.iter()
                .map(|(_, kind, value)| NonReturnable {
                    kind: *kind,
                    value: value.get_untracked().trim().to_owned(),
                })
                .filter(|r| !r.value.is_empty())
                .collect()
        });
        let (Some(window), Some(deadline)) = (window, deadline) else {
            focus_first_error(&slots);
            return;
        };
        if deadline < window {
            deadline_e.set(Some(crate::components::field::FieldMessage::Key(Key::Set(
                S::RuleDeadlineCoversWindow,
            ))));
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api() else { return };
        let body = ReturnsSettings {
            portal_enabled: portal_enabled.get_untracked(),
            approval_mode: approval.get_untracked(),
            damaged_policy: damaged.get_untracked(),
            resolutions: resolutions.get_untracked(),
            return_window_days: window,
            refund_deadline_days: deadline,
            return_methods: methods.get_untracked(),
            non_returnable,
            withdrawal,
            exchanges: exchanges.value(),
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.save_returns(&body).await;
            pending.set(false);
            after_save(result, &slots, problem, toasts);
        });
    };

    let radio = move |name: &'static str,
                      id: &'static str,
                      label: S,
                      checked: Signal<bool>,
                      pick: Callback<()>| {
        view! {
            <div class="check">
                <input type="radio" name=name id=id prop:checked=move || checked.get() on:change=move |_| pick.run(()) />
                <label for=id>{i18n.tr(Key::Set(label))}</label>
            </div>
        }
    };

    view! {
        <section class="card" aria-labelledby="returns-title">
            <div class="card-header">
                <h2 id="returns-title" class="card-title">{i18n.tr(Key::Set(S::ReturnsTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::ReturnsLead))}</p>
            </div>
            <form class="form" novalidate on:submit=on_submit>
                <fieldset class="plain" disabled=move || readonly.get()>
                    <ProblemAlert problem=problem />
                    <Check id="portal_enabled".into() label=Key::Set(S::PortalEnabled) value=portal_enabled />
                    <div class="grid-2">
                        <fieldset class="group">
                            <legend>{i18n.tr(Key::Set(S::ApprovalMode))}</legend>
                            {radio("approval_mode", "approval-manual", S::ApprovalManual,
                                Signal::derive(move || approval.get() == ApprovalMode::Manual),
                                Callback::new(move |()| approval.set(ApprovalMode::Manual)))}
                            {radio("approval_mode", "approval-automatic", S::ApprovalAutomatic,
                                Signal::derive(move || approval.get() == ApprovalMode::Automatic),
                                Callback::new(move |()| approval.set(ApprovalMode::Automatic)))}
                        </fieldset>
                        <fieldset class="group">
                            <legend>{i18n.tr(Key::Set(S::DamagedPolicy))}</legend>
                            {radio("damaged_policy", "damaged-keep", S::DamagedKeep,
                                Signal::derive(move || damaged.get() == DamagedPolicy::Keep),
                                Callback::new(move |()| damaged.set(DamagedPolicy::Keep)))}
                            {radio("damaged_policy", "damaged-discard", S::DamagedDiscard,
                                Signal::derive(move || damaged.get() == DamagedPolicy::Discard),
                                Callback::new(move |()| damaged.set(DamagedPolicy::Discard)))}
                        </fieldset>
                    </div>
                    <div class="grid-2">
                        <AtLeastOne legend=S::Resolutions prefix="resolutions" options=RESOLUTIONS.to_vec() chosen=resolutions error=resolutions_e />
                        <AtLeastOne legend=S::ReturnMethods prefix="return_methods" options=METHODS.to_vec() chosen=methods error=methods_e />
                    </div>
                    <div class="grid-2">
                        <NumberField id="return_window_days" label=Key::Set(S::ReturnWindowDays) value=window_days error=window_e min=1 max=RETURN_WINDOW_MAX />
                        <NumberField id="refund_deadline_days" label=Key::Set(S::RefundDeadlineDays) value=deadline_days error=deadline_e min=1 max=REFUND_DEADLINE_MAX />
                    </div>
                    <fieldset class="group" id="non_returnable">
                        <legend>{i18n.tr(Key::Set(S::NonReturnable))}</legend>
                        <p class="field-hint">{i18n.tr(Key::Set(S::NonReturnableHint))}</p>
                        <For each=move || rules.get() key=|(i, _, _)| *i let:rule>
                            {
                                let (i, kind, value) = rule;
                                let kind_id = format!("rule-kind-{i}");
                                let value_id = format!("rule-value-{i}");
                                view! {
                                    <div class="rule-row">
                                        <div class="field">
                                            <label for=kind_id.clone()>{i18n.tr(Key::Set(S::RuleKind))}</label>
                                            <select
                                                id=kind_id
                                                on:change=move |ev| {
                                                    let k = if event_target_value(&ev) == "tag" { NonReturnableKind::Tag } else { NonReturnableKind::Sku };
                                                    rules.update(|r| if let Some(row) = r.iter_mut().find(|row| row.0 == i) { row.1 = k; });
                                                }
                                            >
                                                <option value="sku" selected=kind == NonReturnableKind::Sku>{i18n.tr(Key::Set(S::RuleSku))}</option>
                                                <option value="tag" selected=kind == NonReturnableKind::Tag>{i18n.tr(Key::Set(S::RuleTag))}</option>
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for=value_id.clone()>{i18n.tr(Key::Set(S::RuleValue))}</label>
                                            <input
                                                id=value_id
                                                type="text"
                                                maxlength=limits::RULE_VALUE
                                                prop:value=move || value.get()
                                                on:input=move |ev| value.set(event_target_value(&ev))
                                            />
                                        </div>
                                        <button
                                            type="button"
                                            class="btn btn-secondary btn-small"
                                            on:click=move |_| rules.update(|r| r.retain(|row| row.0 != i))
                                        >
                                            {i18n.tr(Key::Set(S::Remove))}
                                        </button>
                                    </div>
                                }
                            }
                        </For>
                        <div>
                            <button
                                type="button"
                                class="btn btn-secondary btn-small"
                                on:click=move |_| {
                                    let i = next_rule.get_value();
                                    next_rule.set_value(i + 1);
                                    rules.update(|r| r.push((i, NonReturnableKind::Sku, RwSignal::new(String::new()))));
                                }
                            >
                                {i18n.tr(Key::Set(S::AddRule))}
                            </button>
                        </div>
                        <FieldErrorText id="non_returnable-error".into() error=rules_e />
                    </fieldset>
                    <ExchangeFields form=exchanges />
                    <div class="form-actions">
                        <SubmitButton label=Key::Set(S::Save) busy_label=Key::Set(S::Saving) pending=pending />
                    </div>
                </fieldset>
            </form>
        </section>
    }
}
