//! "Inspect": each returned line's condition and a note.

use leptos::prelude::*;
use rebound_shared::api::return_queue::{InspectItem, InspectReturn, ItemCondition, ReturnDetail};
use rebound_shared::limits;
use uuid::Uuid;

use super::{FormButtons, FormState};
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key, condition_key};
use crate::pages::dashboard::returns::actions::ActionCall;

/// One line of an inspection as the form holds it.
#[derive(Clone)]
struct InspectRow {
    id: Uuid,
    title: String,
    quantity: i32,
    condition: RwSignal<ItemCondition>,
    note: RwSignal<String>,
}

/// One line's condition (OK or damaged) and an optional note.
#[component]
pub fn InspectForm(case: ReturnDetail, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<InspectRow> = case
        .ret
        .items
        .iter()
        .map(|item| InspectRow {
            id: item.id,
            title: item.title.clone(),
            quantity: item.quantity,
            // A line the shopper called defective is most likely damaged; staff confirm it.
            condition: RwSignal::new(if item.defective {
                ItemCondition::Damaged
            } else {
                ItemCondition::Ok
            }),
            note: RwSignal::new(String::new()),
        })
        .collect();
    let sent = rows.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let items = sent
            .iter()
            .map(|row| InspectItem {
                return_item_id: row.id,
                condition: row.condition.get_untracked(),
                note: Some(row.note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
            })
            .collect();
        state.act.run(ActionCall::Inspect(InspectReturn { items }));
    };
    let lines = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let name = format!("condition-{i}");
            let note_id = format!("inspect-note-{i}");
            let legend = i18n
                .t(Key::Case(C::ConditionOf))
                .replace("{title}", &format!("{} × {}", row.title, row.quantity));
            let (condition, note) = (row.condition, row.note);
            let choice = move |value: ItemCondition| {
                let name = name.clone();
                view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name=name
                            value=if value == ItemCondition::Ok { "ok" } else { "damaged" }
                            prop:checked=move || condition.get() == value
                            on:change=move |_| condition.set(value)
                        />
                        <span>{i18n.tr(condition_key(value))}</span>
                    </label>
                }
            };
            view! {
                <fieldset class="inspect-line" data-line=i>
                    <legend>{legend}</legend>
                    <div class="choice-row">
                        {choice(ItemCondition::Ok)}
                        {choice(ItemCondition::Damaged)}
                    </div>
                    <div class="field">
                        <label for=note_id.clone()>{i18n.tr(Key::Case(C::Note))}</label>
                        <input
                            id=note_id
                            type="text"
                            maxlength=limits::STAFF_NOTE
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))
                        />
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <form class="resolve-form inspect-form" on:submit=submit>
            <h4>{i18n.tr(Key::Case(C::InspectTitle))}</h4>
            <p class="muted">{i18n.tr(Key::Case(C::InspectLead))}</p>
            {lines}
            <FormButtons
                state=state
                confirm=Signal::derive(move || i18n.t(Key::Case(C::SaveInspection)).to_owned())
                confirm_class="confirm-inspect"
            />
        </form>
    }
}
