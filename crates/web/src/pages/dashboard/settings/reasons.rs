//! Return reasons: add (English and French labels), rename, mark defective, reorder with arrow
//! buttons, retire and restore. Retired reasons stay listed, greyed, so they can come back.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::settings::{ReturnReasonInput, ReturnReasonView};
use rebound_shared::limits;
use uuid::Uuid;

use super::controls::{Check, after_save};
use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error};
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, S};

fn label_rule(raw: &str) -> Result<(), validator::ValidationError> {
    let n = raw.trim().chars().count();
    if (1..=120).contains(&n) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("length")
            .with_message("use 1 to 120 characters".into()))
    }
}

/// Active reasons first, in their order; retired ones after.
fn sorted(mut reasons: Vec<ReturnReasonView>) -> Vec<ReturnReasonView> {
    reasons.sort_by_key(|r| (r.retired, r.position));
    reasons
}

#[component]
pub fn ReasonsCard(
    reasons: Vec<ReturnReasonView>,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let reasons = RwSignal::new(sorted(reasons));
    let problem = RwSignal::new(None::<Problem>);
    let editing = RwSignal::new(None::<Uuid>);

    let replace = move |updated: ReturnReasonView| {
        reasons.update(|list| {
            if let Some(r) = list.iter_mut().find(|r| r.id == updated.id) {
                *r = updated;
            } else {
                list.push(updated);
            }
            *list = sorted(std::mem::take(list));
        });
    };

    let move_reason = move |id: Uuid, up: bool| {
        let mut ids: Vec<Uuid> =
            reasons.with_untracked(|l| l.iter().filter(|r| !r.retired).map(|r| r.id).collect());
        let Some(i) = ids.iter().position(|x| *x == id) else {
            return;
        };
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < ids.len())
        };
        let Some(j) = j else { return };
        ids.swap(i, j);
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            let result = api.reorder_reasons(ids).await;
            if let Some(active) = after_save(result, &[], problem, toasts) {
                reasons.update(|list| {
                    let retired: Vec<_> = list.iter().filter(|r| r.retired).cloned().collect();
                    *list = sorted(active.into_iter().chain(retired).collect());
                });
            }
        });
    };

    let toggle_retired = move |reason: ReturnReasonView| {
        let Some(api) = auth.api() else { return };
        spawn_local(async move {
            let result = if reason.retired {
                api.restore_reason(reason.id).await
            } else {
                api.retire_reason(reason.id).await
            };
            if let Some(updated) = after_save(result, &[], problem, toasts) {
                replace(updated);
            }
        });
    };

    let row = move |reason: ReturnReasonView, first: bool, last: bool| {
        let id = reason.id;
        let label = match i18n.locale() {
            Locale::En => reason.label_en.clone(),
            Locale::Fr => reason.label_fr.clone(),
        };
        let other = match i18n.locale() {
            Locale::En => reason.label_fr.clone(),
            Locale::Fr => reason.label_en.clone(),
        };
        let retired = reason.retired;
        let r2 = reason.clone();
        view! {
            <li class="item-row" class:retired=retired>
                <span class="item-main">
                    {label.clone()}
                    " "
                    {reason.defective.then(|| view! { <span class="badge">{i18n.tr(Key::Set(S::Defective))}</span> })}
                    {retired.then(|| view! { <span class="badge badge-muted">{i18n.tr(Key::Set(S::Retired))}</span> })}
                    <span class="item-sub">{other}</span>
                </span>
                {move || (!readonly.get()).then(|| {
                    let r2 = r2.clone();
                    let label = label.clone();
                    view! {
                        <span class="item-actions">
                            {(!retired).then(|| view! {
                                <button type="button" class="btn btn-ghost btn-small" disabled=first
                                    aria-label=format!("{} — {}", i18n.t(Key::Set(S::MoveUp)), label)
                                    on:click=move |_| move_reason(id, true)>"↑"</button>
                                <button type="button" class="btn btn-ghost btn-small" disabled=last
                                    aria-label=format!("{} — {}", i18n.t(Key::Set(S::MoveDown)), label)
                                    on:click=move |_| move_reason(id, false)>"↓"</button>
                                <button type="button" class="btn btn-secondary btn-small"
                                    on:click=move |_| editing.set(Some(id))>{i18n.tr(Key::Set(S::Edit))}</button>
                            })}
                            <button type="button" class="btn btn-secondary btn-small"
                                on:click=move |_| toggle_retired(r2.clone())>
                                {i18n.tr(Key::Set(if retired { S::Restore } else { S::Retire }))}
                            </button>
                        </span>
                    }
                })}
            </li>
        }
    };

    view! {
        <section class="card" aria-labelledby="reasons-title">
            <div class="card-header">
                <h2 id="reasons-title" class="card-title">{i18n.tr(Key::Set(S::ReasonsTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::ReasonsLead))}</p>
            </div>
            <ProblemAlert problem=problem />
            <ul class="item-list">
                {move || {
                    let list = reasons.get();
                    let active = list.iter().filter(|r| !r.retired).count();
                    list.into_iter()
                        .enumerate()
                        .map(|(i, r)| row(r, i == 0, i + 1 == active))
                        .collect_view()
                }}
            </ul>
            {move || {
                let editing_reason = editing.get().and_then(|id| reasons.with(|l| l.iter().find(|r| r.id == id).cloned()));
                (!readonly.get()).then(|| match editing_reason {
                    Some(reason) => view! {
                        <ReasonForm existing=Some(reason) on_saved=Callback::new(move |r| { replace(r); editing.set(None); }) on_cancel=Some(Callback::new(move |()| editing.set(None))) />
                    }.into_any(),
                    None => view! {
                        <ReasonForm existing=None on_saved=Callback::new(replace) on_cancel=None />
                    }.into_any(),
                })
            }}
        </section>
    }
}

/// Adds a reason, or edits `existing`.
#[component]
fn ReasonForm(
    existing: Option<ReturnReasonView>,
    on_saved: Callback<ReturnReasonView>,
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let id = existing.as_ref().map(|r| r.id);
    let label_en = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.label_en.clone())
            .unwrap_or_default(),
    );
    let label_fr = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.label_fr.clone())
            .unwrap_or_default(),
    );
    let defective = RwSignal::new(existing.as_ref().is_some_and(|r| r.defective));
    let en_e: ErrorSlot = RwSignal::new(None);
    let fr_e: ErrorSlot = RwSignal::new(None);
    let slots = [("label_en", en_e), ("label_fr", fr_e)];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        en_e.set(FieldMessage::check(
            "label_en",
            &label_en.get_untracked(),
            label_rule,
        ));
        fr_e.set(FieldMessage::check(
            "label_fr",
            &label_fr.get_untracked(),
            label_rule,
        ));
        if slots.iter().any(|(_, e)| e.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api() else { return };
        let body = ReturnReasonInput {
            label_en: label_en.get_untracked().trim().to_owned(),
            label_fr: label_fr.get_untracked().trim().to_owned(),
            defective: defective.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            let result = match id {
                Some(id) => api.update_reason(id, &body).await,
                None => api.add_reason(&body).await,
            };
            pending.set(false);
            if let Some(saved) = after_save(result, &slots, problem, toasts) {
                if id.is_none() {
                    label_en.set(String::new());
                    label_fr.set(String::new());
                    defective.set(false);
                }
                on_saved.run(saved);
            }
        });
    };
    let title = if id.is_some() {
        S::EditReason
    } else {
        S::AddReason
    };
    view! {
        <form class="form invite" novalidate on:submit=on_submit>
            <h3 class="section-title">{i18n.tr(Key::Set(title))}</h3>
            <ProblemAlert problem=problem />
            <div class="grid-2">
                <Field id="label_en" label=Key::Set(S::LabelEn) value=label_en error=en_e required=true max_length=limits::REASON_LABEL />
                <Field id="label_fr" label=Key::Set(S::LabelFr) value=label_fr error=fr_e required=true max_length=limits::REASON_LABEL />
            </div>
            <Check id="reason-defective".into() label=Key::Set(S::DefectiveHint) value=defective />
            <div class="form-actions">
                <SubmitButton label=Key::Set(if id.is_some() { S::Save } else { S::AddReason }) busy_label=Key::Set(S::Saving) pending=pending />
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="btn btn-secondary" on:click=move |_| cancel.run(())>{i18n.tr(Key::Set(S::Cancel))}</button>
                })}
            </div>
        </form>
    }
}
