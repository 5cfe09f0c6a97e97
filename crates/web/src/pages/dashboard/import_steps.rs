//! The CSV import's mapping and result steps (the page itself is `import.rs`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::imports::{ImportField, ImportStatus, ImportView, StartImport};
use rebound_shared::{ErrorKind, Problem};

use crate::components::alert::ProblemAlert;
use crate::components::download::save_bytes;
use crate::components::field::{ErrorSlot, FieldMessage, focus_first_error, show_server_errors};
use crate::components::loading::Loading;
use crate::components::select::SelectField;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{I, Key, import_field_key};
use crate::pages::dashboard::import::Step;
use crate::routes::Page;

fn slots_of(ids: &[(String, ErrorSlot)]) -> Vec<(&str, ErrorSlot)> {
    ids.iter().map(|(i, e)| (i.as_str(), *e)).collect()
}

#[component]
pub fn MappingStep(
    import: ImportView,
    step: RwSignal<Step>,
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let fields: Vec<(ImportField, RwSignal<String>, ErrorSlot)> = ImportField::ALL
        .into_iter()
        .map(|field| {
            let guess = import
                .suggested_mapping
                .get(&field)
                .cloned()
                .unwrap_or_default();
            (field, RwSignal::new(guess), RwSignal::new(None))
        })
        .collect();
    let ids: Vec<(String, ErrorSlot)> = fields
        .iter()
        .map(|(f, _, e)| (format!("mapping.{}", f.key()), *e))
        .collect();
    let ids = StoredValue::new(ids);
    let fields = StoredValue::new(fields);
    let starting = RwSignal::new(false);
    let id = import.id;

    let options = {
        let columns = import.columns.clone();
        Signal::derive(move || {
            std::iter::once((String::new(), i18n.t(Key::Imp(I::NotInFile)).to_owned()))
                .chain(columns.iter().map(|c| (c.clone(), c.clone())))
                .collect::<Vec<_>>()
        })
    };
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let mut body = StartImport::default();
        fields.with_value(|fields| {
            for (field, value, error) in fields {
                let chosen = value.get_untracked();
                if chosen.is_empty() {
                    error.set(
                        field
                            .required()
                            .then_some(FieldMessage::Key(Key::Imp(I::MapRequired))),
                    );
                } else {
                    error.set(None);
                    body.mapping.insert(*field, chosen);
                }
            }
        });
        if ids.with_value(|ids| {
            slots_of(ids)
                .iter()
                .any(|(_, e)| e.with_untracked(Option::is_some))
        }) {
            ids.with_value(|ids| focus_first_error(&slots_of(ids)));
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        starting.set(true);
        spawn_local(async move {
            let answer = api.start_import(id, &body).await;
            starting.set(false);
            match answer {
                Ok(view)
                    if matches!(view.status, ImportStatus::Completed | ImportStatus::Failed) =>
                {
                    step.set(Step::Done(view));
                }
                Ok(view) => step.set(Step::Run(view)),
                Err(p) => {
                    ids.with_value(|ids| {
                        let slots = slots_of(ids);
                        if show_server_errors(&p.errors, &slots) {
                            focus_first_error(&slots);
                        }
                    });
                    problem.set(Some(p));
                }
            }
        });
    };

    let selects = fields.with_value(|fields| {
        fields
            .iter()
            .map(|(field, value, error)| {
                let field = *field;
                view! {
                    <SelectField
                        id=format!("mapping.{}", field.key())
                        label=Signal::derive(move || i18n.t(import_field_key(field)).to_owned())
                        value=*value
                        error=*error
                        options=options
                        required=field.required()
                    />
                }
            })
            .collect_view()
    });
    let header = import
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = import
        .preview
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|c| view! { <td>{c.clone()}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let summary = i18n
        .t(Key::Imp(I::FileSummary))
        .replace("{file}", &import.file_name)
        .replace("{rows}", &import.total_rows.to_string());
    view! {
        <section class="card" aria-labelledby="map-title">
            <div class="card-header">
                <h2 id="map-title" class="card-title">{i18n.tr(Key::Imp(I::MapTitle))}</h2>
                <p class="card-lead">{summary} " " {i18n.tr(Key::Imp(I::MapLead))}</p>
            </div>
            <form class="form" novalidate on:submit=start>
                <div class="mapping-grid">{selects}</div>
                <h3 id="preview-title" class="section-title">{i18n.tr(Key::Imp(I::Preview))}</h3>
                // A wide file scrolls sideways: keyboard users reach it too (WCAG 2.1.1).
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="preview-title">
                    <table class="table preview-table">
                        <thead><tr>{header}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || starting.get() aria-busy=move || starting.get().then_some("true")>
                        {move || starting.get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
                        {i18n.tr(Key::Imp(I::Start))}
                    </button>
                    <button type="button" class="btn btn-ghost" on:click=move |_| step.set(Step::Choose)>
                        {i18n.tr(Key::Imp(I::ChooseAnother))}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
pub fn ResultStep(import: ImportView, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let id = import.id;
    let rejections = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.import_rejections(id).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let download_problem = RwSignal::new(None::<Problem>);
    let downloading = RwSignal::new(false);
    let download = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        downloading.set(true);
        download_problem.set(None);
        spawn_local(async move {
            match api.import_rejections_csv(id).await {
                Ok(bytes) => {
                    save_bytes(&format!("rejections-{id}.csv"), "text/csv", &bytes);
                }
                Err(p) => download_problem.set(Some(p)),
            }
            downloading.set(false);
        });
    };
    let failed = import.status == ImportStatus::Failed;
    let table = move || match rejections.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(page)) if page.rows.is_empty() => {
            view! { <p class="muted">{i18n.tr(Key::Imp(I::NoRejections))}</p> }.into_any()
        }
        Some(Ok(page)) => {
            let rows = page
                .rows
                .into_iter()
                .map(|row| {
                    let field = row.field;
                    view! {
                        <tr>
                            <td>{row.line}</td>
                            <td>{move || field.map(|f| i18n.t(import_field_key(f))).unwrap_or("—")}</td>
                            <td>{row.reason}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-wrap">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.tr(Key::Imp(I::Line))}</th>
                                <th scope="col">{i18n.tr(Key::Imp(I::Field))}</th>
                                <th scope="col">{i18n.tr(Key::Imp(I::Reason))}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="result-title">
            <div class="card-header">
                <h2 id="result-title" class="card-title">
                    {i18n.tr(Key::Imp(if failed { I::FailedTitle } else { I::DoneTitle }))}
                </h2>
                <p class="card-lead">{import.file_name.clone()}</p>
            </div>
            {import.error.clone().map(|e| view! {
                <div class="alert alert-error" role="alert"><p class="alert-title">{e}</p></div>
            })}
            <dl class="counts">
                <div><dt>{i18n.tr(Key::Imp(I::Created))}</dt><dd>{import.orders_created}</dd></div>
                <div><dt>{i18n.tr(Key::Imp(I::Updated))}</dt><dd>{import.orders_updated}</dd></div>
                <div><dt>{i18n.tr(Key::Imp(I::Rejected))}</dt><dd>{import.rows_rejected}</dd></div>
            </dl>
            <WhatShoppersCanDo import=import.clone() />
            <h3 class="section-title">{i18n.tr(Key::Imp(I::RejectedRows))}</h3>
            {table}
            <ProblemAlert problem=download_problem />
            <div class="form-actions">
                {(import.rows_rejected > 0).then(|| view! {
                    <button type="button" class="btn btn-secondary" on:click=download disabled=move || downloading.get()>
                        {move || downloading.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {i18n.tr(Key::Imp(I::DownloadRejections))}
                    </button>
                })}
                <a class="btn btn-primary" href=Page::Orders.path()>{i18n.tr(Key::Imp(I::SeeOrders))}</a>
                <button type="button" class="btn btn-ghost" on:click=move |_| step.set(Step::Choose)>
                    {i18n.tr(Key::Imp(I::ImportAnother))}
                </button>
            </div>
        </section>
    }
}

/// What the imported orders now allow their shoppers: returns, tracking, address changes.
#[component]
fn WhatShoppersCanDo(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let lines = [
        (import.orders_delivered, I::NowDelivered, I::NowDeliveredOne),
        (import.orders_shipped, I::NowShipped, I::NowShippedOne),
        (
            import.orders_not_shipped,
            I::NowNotShipped,
            I::NowNotShippedOne,
        ),
    ]
    .into_iter()
    .filter(|(count, ..)| *count > 0)
    .map(|(count, many, one)| {
        let key = if count == 1 { one } else { many };
        let text = move || i18n.t(Key::Imp(key)).replace("{count}", &count.to_string());
        view! { <li>{text}</li> }
    })
    .collect::<Vec<_>>();
    (!lines.is_empty()).then(|| {
        view! {
            <section class="shopper-outcome" aria-labelledby="outcome-title">
                <h3 id="outcome-title" class="section-title">{i18n.tr(Key::Imp(I::WhatShoppersCanDo))}</h3>
                <ul class="outcome-list">{lines}</ul>
            </section>
        }
    })
}
