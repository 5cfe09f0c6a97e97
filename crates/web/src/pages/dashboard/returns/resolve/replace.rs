//! "Replace": the variant sent and, when known, its carrier and tracking number.

use leptos::prelude::*;
use rebound_shared::api::return_queue::{ReplaceReturn, ReturnDetail};
use rebound_shared::limits;

use super::{FormButtons, FormState};
use crate::components::field::{ErrorSlot, FieldErrorText};
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};
use crate::pages::dashboard::returns::actions::ActionCall;

/// The replacement parcel: the variant sent (prefilled with the shopper's wish), and optionally
/// the carrier and tracking number when already known.
#[component]
pub fn ReplaceForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let wanted = case.ret.replacement_variant.clone();
    let variant = RwSignal::new(wanted.clone().unwrap_or_default());
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let errors: [(&'static str, ErrorSlot); 3] = [
        ("variant", RwSignal::new(None)),
        ("carrier", RwSignal::new(None)),
        ("tracking_number", RwSignal::new(None)),
    ];
    state.route_errors(move |e| {
        errors
            .iter()
            .find(|(name, _)| *name == e.field)
            .map(|(_, slot)| *slot)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let optional = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        state.act.run(ActionCall::Replace(ReplaceReturn {
            carrier: optional(carrier),
            service: None,
            tracking_number: optional(tracking),
            variant: optional(variant),
        }));
    };
    let field = move |id: &'static str,
                      label: C,
                      value: RwSignal<String>,
                      slot: ErrorSlot,
                      hint: Option<String>| {
        let input_id = format!("replace-{id}");
        let error_id = format!("replace-{id}-error");
        let hint_id = format!("replace-{id}-hint");
        let described = if hint.is_some() {
            format!("{hint_id} {error_id}")
        } else {
            error_id.clone()
        };
        view! {
            <div class="field" class:field-invalid=move || slot.with(Option::is_some)>
                <label for=input_id.clone()>{i18n.tr(Key::Case(label))}</label>
                {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{h}</p> })}
                <input
                    id=input_id
                    type="text"
                    maxlength=limits::VARIANT
                    autocomplete="off"
                    aria-invalid=move || slot.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        slot.set(None);
                    }
                />
                <FieldErrorText id=error_id error=slot />
            </div>
        }
    };
    let asked = wanted.map(|v| i18n.t(Key::Case(C::ShopperAsked)).replace("{variant}", &v));
    view! {
        <form class="resolve-form replace-form" novalidate on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::ReplaceTitle))}</h4>
            <p class="muted">{i18n.tr(Key::Case(C::ReplaceLead))}</p>
            {field("variant", C::VariantSent, variant, errors[0].1, asked)}
            {field("carrier", C::Carrier, carrier, errors[1].1, Some(i18n.t(Key::Case(C::CarrierHint)).to_owned()))}
            {field("tracking", C::TrackingNumber, tracking, errors[2].1, None)}
            <FormButtons
                state=state
                confirm=Signal::derive(move || i18n.t(Key::Case(C::ConfirmReplace)).to_owned())
                confirm_class="confirm-replace"
            />
        </form>
    }
}
