//! Step two: a reason per chosen item.

use leptos::prelude::*;

use crate::components::field::FieldErrorText;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R};

use super::form::{Wizard, reason_label};
use super::terms::refusal;

#[component]
pub(super) fn ReasonsStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let reasons = wizard.options.with_value(|o| o.reasons.clone());
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::ReasonsLead))}</p>
        {wizard
            .chosen()
            .into_iter()
            .map(|line| {
                let item = wizard.options.with_value(|o| o.items[line.index].clone());
                let id = format!("reason-{}", line.index);
                let error_id = format!("{id}-error");
                let reasons = reasons.clone();
                view! {
                    <div class="field return-line" class:field-invalid=move || line.reason_error.with(Option::is_some)>
                        <label for=id.clone()>
                            {item.title.clone()}
                            <span class="muted">" × " {line.quantity.get_untracked()}</span>
                        </label>
                        <select
                            id=id.clone()
                            required=true
                            aria-invalid=move || line.reason_error.with(Option::is_some).then_some("true")
                            aria-describedby=error_id.clone()
                            prop:value=move || line.reason.get()
                            on:change=move |ev| {
                                line.reason.set(event_target_value(&ev));
                                line.reason_error.set(None);
                            }
                        >
                            <option value="">{i18n.tr(Key::Ret(R::ChooseReasonOption))}</option>
                            {reasons
                                .iter()
                                .map(|r| {
                                    let r = r.clone();
                                    let value = r.id.to_string();
                                    let defective = r.defective;
                                    // A reason the shop's rules refuse for this item stays in
                                    // the list, disabled, saying why.
                                    let refused = refusal(item.terms_for(r.id));
                                    view! {
                                        <option value=value disabled=refused.is_some()>
                                            {move || {
                                                let mut label = reason_label(&r, i18n.locale());
                                                if defective {
                                                    label.push_str(i18n.t(Key::Ret(R::DefectiveSuffix)));
                                                }
                                                if let Some(why) = refused {
                                                    label.push_str(i18n.t(Key::Ret(why)));
                                                }
                                                label
                                            }}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <FieldErrorText id=error_id error=line.reason_error />
                    </div>
                }
            })
            .collect_view()}
    }
}
