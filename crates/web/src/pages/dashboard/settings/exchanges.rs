//! The Returns tab's exchanges part: on or off, other products, who pays a difference (a
//! payment link or a refusal), instant exchanges (and when one waiting for its parcel is
//! overdue) and the bonus for store credit. Amounts are typed in the shop's currency with two
//! decimals.

use leptos::prelude::*;
use rebound_shared::api::exchanges::{
    BonusCredit, BonusKind, CheaperDifference, DearerDifference, ExchangeSettings, InstantExchange,
};

use super::controls::Check;
use crate::components::field::{ErrorSlot, FieldErrorText};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, S};

/// The exchanges part's fields, as signals the Returns form reads when it saves.
#[derive(Clone, Copy)]
pub struct ExchangeForm {
    enabled: RwSignal<bool>,
    other_products: RwSignal<bool>,
    cheaper: RwSignal<CheaperDifference>,
    dearer: RwSignal<DearerDifference>,
    payment_link: RwSignal<String>,
    instant: RwSignal<bool>,
    instant_max: RwSignal<String>,
    not_for_flagged: RwSignal<bool>,
    overdue_days: RwSignal<String>,
    /// "", "percent" or "flat".
    bonus_kind: RwSignal<String>,
    bonus_value: RwSignal<String>,
    bonus_cap: RwSignal<String>,
    pub error: ErrorSlot,
}

/// `12.50` → 1250; empty → none.
fn cents(raw: &str) -> Option<i64> {
    let raw = raw.trim().replace(',', ".");
    let (whole, frac) = raw.split_once('.').unwrap_or((&raw, ""));
    if whole.is_empty() || frac.len() > 2 {
        return None;
    }
    let frac = format!("{frac:0<2}");
    Some(whole.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?)
}

fn shown(minor: Option<i64>) -> String {
    minor.map_or_else(String::new, |m| format!("{}.{:02}", m / 100, m % 100))
}

impl ExchangeForm {
    pub fn new(s: &ExchangeSettings) -> ExchangeForm {
        let (kind, value, cap) = match s.bonus {
            Some(b) if b.kind == BonusKind::Percent => {
                ("percent", b.value.to_string(), b.cap_minor)
            }
            Some(b) => ("flat", shown(Some(b.value)), b.cap_minor),
            None => ("", String::new(), None),
        };
        ExchangeForm {
            enabled: RwSignal::new(s.enabled),
            other_products: RwSignal::new(s.other_products),
            cheaper: RwSignal::new(s.cheaper),
            dearer: RwSignal::new(s.dearer),
            payment_link: RwSignal::new(s.payment_link.clone().unwrap_or_default()),
            instant: RwSignal::new(s.instant.enabled),
            instant_max: RwSignal::new(shown(s.instant.max_order_value_minor)),
            not_for_flagged: RwSignal::new(s.instant.not_for_flagged),
            overdue_days: RwSignal::new(s.instant.overdue_after_days.to_string()),
            bonus_kind: RwSignal::new(kind.to_owned()),
            bonus_value: RwSignal::new(value),
            bonus_cap: RwSignal::new(shown(cap)),
            error: RwSignal::new(None),
        }
    }

    /// The settings as typed; the server checks the rules and answers under `exchanges`.
    pub fn value(&self) -> ExchangeSettings {
        let kind = self.bonus_kind.get_untracked();
        let value = self.bonus_value.get_untracked();
        let bonus = match kind.as_str() {
            "percent" => Some(BonusKind::Percent).zip(value.trim().parse::<i64>().ok()),
            "flat" => Some(BonusKind::Flat).zip(cents(&value)),
            _ => None,
        }
        .map(|(kind, value)| BonusCredit {
            kind,
            value,
            cap_minor: cents(&self.bonus_cap.get_untracked()),
        });
        let link = self.payment_link.get_untracked().trim().to_owned();
        ExchangeSettings {
            enabled: self.enabled.get_untracked(),
            other_products: self.other_products.get_untracked(),
            cheaper: self.cheaper.get_untracked(),
            dearer: self.dearer.get_untracked(),
            payment_link: (!link.is_empty()).then_some(link),
            instant: InstantExchange {
                enabled: self.instant.get_untracked(),
                max_order_value_minor: cents(&self.instant_max.get_untracked()),
                not_for_flagged: self.not_for_flagged.get_untracked(),
                // Not a number: 0, which the server refuses naming the field.
                overdue_after_days: self
                    .overdue_days
                    .get_untracked()
                    .trim()
                    .parse()
                    .unwrap_or(0),
            },
            bonus,
        }
    }
}

fn text_field(
    id: &'static str,
    label: S,
    value: RwSignal<String>,
    hint: Option<S>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{i18n.tr(Key::Set(label))}</label>
            {hint.map(|h| view! { <p class="field-hint">{i18n.tr(Key::Set(h))}</p> })}
            <input
                id=id
                type="text"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn ExchangeFields(form: ExchangeForm) -> impl IntoView {
    let i18n = use_i18n();
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
    let f = form;
    view! {
        <fieldset class="group" id="exchanges">
            <legend>{i18n.tr(Key::Set(S::Exchanges))}</legend>
            <p class="field-hint">{i18n.tr(Key::Set(S::ExchangesHint))}</p>
            <Check id="exchanges-enabled".into() label=Key::Set(S::ExchangesEnabled) value=f.enabled />
            <Check id="exchanges-other".into() label=Key::Set(S::ExchangesOtherProducts) value=f.other_products />
            <div class="grid-2">
                <fieldset class="group">
                    <legend>{i18n.tr(Key::Set(S::ExchangesCheaper))}</legend>
                    {radio("cheaper", "cheaper-refund", S::ExchangesCheaperRefund,
                        Signal::derive(move || f.cheaper.get() == CheaperDifference::Refund),
                        Callback::new(move |()| f.cheaper.set(CheaperDifference::Refund)))}
                    {radio("cheaper", "cheaper-credit", S::ExchangesCheaperCredit,
                        Signal::derive(move || f.cheaper.get() == CheaperDifference::StoreCredit),
                        Callback::new(move |()| f.cheaper.set(CheaperDifference::StoreCredit)))}
                </fieldset>
                <fieldset class="group">
                    <legend>{i18n.tr(Key::Set(S::ExchangesDearer))}</legend>
                    {radio("dearer", "dearer-link", S::ExchangesDearerLink,
                        Signal::derive(move || f.dearer.get() == DearerDifference::PaymentLink),
                        Callback::new(move |()| f.dearer.set(DearerDifference::PaymentLink)))}
                    {radio("dearer", "dearer-refuse", S::ExchangesDearerRefuse,
                        Signal::derive(move || f.dearer.get() == DearerDifference::Refuse),
                        Callback::new(move |()| f.dearer.set(DearerDifference::Refuse)))}
                </fieldset>
            </div>
            {text_field("payment_link", S::ExchangesPaymentLink, f.payment_link, Some(S::ExchangesPaymentLinkHint))}
            <Check id="exchanges-instant".into() label=Key::Set(S::ExchangesInstant) value=f.instant />
            <div class="grid-2">
                {text_field("exchanges-instant-max", S::ExchangesInstantMax, f.instant_max, None)}
                <Check id="exchanges-not-flagged".into() label=Key::Set(S::ExchangesNotFlagged) value=f.not_for_flagged />
            </div>
            {text_field("exchanges-overdue-days", S::ExchangesOverdueDays, f.overdue_days, None)}
            <div class="grid-2">
                <div class="field">
                    <label for="exchanges-bonus-kind">{i18n.tr(Key::Set(S::ExchangesBonus))}</label>
                    <select id="exchanges-bonus-kind" on:change=move |ev| f.bonus_kind.set(event_target_value(&ev))>
                        <option value="" selected=move || f.bonus_kind.get().is_empty()>{i18n.tr(Key::Set(S::ExchangesBonusNone))}</option>
                        <option value="percent" selected=move || f.bonus_kind.get() == "percent">{i18n.tr(Key::Set(S::ExchangesBonusPercent))}</option>
                        <option value="flat" selected=move || f.bonus_kind.get() == "flat">{i18n.tr(Key::Set(S::ExchangesBonusFlat))}</option>
                    </select>
                </div>
                {text_field("exchanges-bonus-value", S::ExchangesBonusValue, f.bonus_value, None)}
            </div>
            {text_field("exchanges-bonus-cap", S::ExchangesBonusCap, f.bonus_cap, None)}
            <FieldErrorText id="exchanges-error".into() error=f.error />
        </fieldset>
    }
}
