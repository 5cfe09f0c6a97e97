//! `/dashboard/orders/import`: a CSV of orders in four steps: choose the file (or drop it),
//! match its columns to our fields with a preview, watch the progress, read the result with the
//! rejected rows.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::imports::{ImportStatus, ImportView};
use std::time::Duration;
use wasm_bindgen::JsCast;

use crate::components::alert::ProblemAlert;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{I, Key, O};
use crate::pages::dashboard::import_steps::{MappingStep, ResultStep};
use crate::routes::Page;

/// How often the progress is asked for while an import runs.
const POLL: Duration = Duration::from_millis(500);

/// Where the import stands, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Choose,
    Map(ImportView),
    Run(ImportView),
    Done(ImportView),
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::Imp(I::Title));
    let step = RwSignal::new(Step::Choose);
    let problem = RwSignal::new(None::<Problem>);
    let dragging = RwSignal::new(false);

    let reading = RwSignal::new(false);
    let choose = move |file: web_sys::File| {
        problem.set(None);
        let Some(api) = auth.api_untracked() else {
            return;
        };
        reading.set(true);
        spawn_local(async move {
            let answer = api.upload_import(&file).await;
            reading.set(false);
            match answer {
                Ok(view) => step.set(Step::Map(view)),
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            choose(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            choose(file);
        }
    };

    // While an import runs, its progress is read every `POLL`; one request at a time.
    let in_flight = StoredValue::new(false);
    let poll = move || {
        let Step::Run(current) = step.get_untracked() else {
            return;
        };
        let Some(api) = auth.api_untracked() else {
            return;
        };
        if in_flight.get_value() {
            return;
        }
        in_flight.set_value(true);
        spawn_local(async move {
            let answer = api.import(current.id).await;
            in_flight.set_value(false);
            match answer {
                Ok(view)
                    if matches!(view.status, ImportStatus::Completed | ImportStatus::Failed) =>
                {
                    step.set(Step::Done(view));
                }
                Ok(view) => {
                    if matches!(step.get_untracked(), Step::Run(_)) {
                        step.set(Step::Run(view));
                    }
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    if let Ok(timer) = set_interval_with_handle(poll, POLL) {
        on_cleanup(move || timer.clear());
    }

    let step_index = move || match step.get() {
        Step::Choose => 0,
        Step::Map(_) => 1,
        Step::Run(_) => 2,
        Step::Done(_) => 3,
    };
    view! {
        <div class="page">
            <p><a href=Page::Orders.path() class="back-link">"← " {i18n.tr(Key::Ord(O::AllOrders))}</a></p>
            <h1 class="page-title">{i18n.tr(Key::Imp(I::Title))}</h1>
            <ol class="stepper" aria-label=i18n.tr(Key::Imp(I::Steps))>
                {[I::StepFile, I::StepMap, I::StepRun, I::StepResult]
                    .into_iter()
                    .enumerate()
                    .map(|(i, key)| view! {
                        <li
                            class="stepper-step"
                            class:stepper-done=move || i < step_index()
                            aria-current=move || (i == step_index()).then_some("step")
                        >
                            <span class="stepper-number" aria-hidden="true">{i + 1}</span>
                            <span>{i18n.tr(Key::Imp(key))}</span>
                        </li>
                    })
                    .collect_view()}
            </ol>
            <ProblemAlert problem=problem />
            {move || match step.get() {
                Step::Choose => view! {
                    <section class="card">
                        <label
                            class="drop-zone"
                            class:drop-active=move || dragging.get()
                            for="import-file"
                            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                            on:dragleave=move |_| dragging.set(false)
                            on:drop=on_drop
                        >
                            <svg viewBox="0 0 24 24" class="drop-icon" aria-hidden="true">
                                <path d="M12 16V4M7 9l5-5 5 5M5 20h14" />
                            </svg>
                            <span class="drop-title">{i18n.tr(Key::Imp(I::DropTitle))}</span>
                            <span class="muted">{i18n.tr(Key::Imp(I::DropHint))}</span>
                        </label>
                        <input id="import-file" class="drop-input" type="file" accept=".csv,text/csv" on:change=on_input />
                        <p class="upload-progress" role="status" aria-live="polite">
                            {move || reading.get().then(|| view! {
                                <span class="spinner" aria-hidden="true"></span> {i18n.tr(Key::Imp(I::Reading))}
                            })}
                        </p>
                    </section>
                }.into_any(),
                Step::Map(view) => view! { <MappingStep import=view step=step problem=problem /> }.into_any(),
                Step::Run(view) => view! { <RunStep import=view /> }.into_any(),
                Step::Done(view) => view! { <ResultStep import=view step=step /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn RunStep(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let counts = i18n
        .t(Key::Imp(I::Processed))
        .replace("{done}", &import.processed_rows.to_string())
        .replace("{total}", &import.total_rows.to_string());
    view! {
        <section class="card" aria-labelledby="run-title">
            <h2 id="run-title" class="card-title">{i18n.tr(Key::Imp(I::Running))}</h2>
            <p class="muted">{import.file_name.clone()}</p>
            <label class="visually-hidden" for="import-progress">{i18n.tr(Key::Imp(I::StepRun))}</label>
            <progress
                id="import-progress"
                class="import-progress"
                max=import.total_rows.max(1)
                value=import.processed_rows
            ></progress>
            <p role="status" aria-live="polite">{counts}</p>
            <dl class="counts">
                <div><dt>{i18n.tr(Key::Imp(I::Created))}</dt><dd>{import.orders_created}</dd></div>
                <div><dt>{i18n.tr(Key::Imp(I::Updated))}</dt><dd>{import.orders_updated}</dd></div>
                <div><dt>{i18n.tr(Key::Imp(I::Rejected))}</dt><dd>{import.rows_rejected}</dd></div>
            </dl>
        </section>
    }
}
