//! The audit log (owners): who changed which setting, when, from what to what.

use leptos::prelude::*;
use rebound_shared::api::settings::AuditEntry;
use rebound_shared::{ErrorKind, Problem};

use crate::components::alert::ProblemAlert;
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, S};

fn show(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The moment in the viewer's own time zone.
fn local_time(at: &chrono::DateTime<chrono::Utc>) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&at.to_rfc3339()));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

#[component]
pub fn AuditLog() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let entries = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.audit_log().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let rows = move |list: Vec<AuditEntry>| {
        list.into_iter()
            .flat_map(|entry| {
                let when = local_time(&entry.at);
                let who = entry.staff_name.clone();
                let area = entry.area.clone();
                entry.changes.into_iter().map(move |c| {
                    view! {
                        <tr>
                            <td>{when.clone()}</td>
                            <td>{who.clone()}</td>
                            <td>{area.clone()}</td>
                            <td><code>{c.field}</code></td>
                            <td><code>{show(&c.from)}</code> " → " <code>{show(&c.to)}</code></td>
                        </tr>
                    }
                })
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="audit-title">
            <div class="card-header">
                <h2 id="audit-title" class="card-title">{i18n.tr(Key::Set(S::TabAudit))}</h2>
                <p class="card-lead">{i18n.tr(Key::Set(S::AuditLead))}</p>
            </div>
            {move || match entries.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{i18n.tr(Key::Set(S::AuditEmpty))}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.tr(Key::Set(S::AuditWhen))}</th>
                                    <th scope="col">{i18n.tr(Key::Set(S::AuditWho))}</th>
                                    <th scope="col">{i18n.tr(Key::Set(S::AuditArea))}</th>
                                    <th scope="col">{i18n.tr(Key::Set(S::AuditField))}</th>
                                    <th scope="col">{i18n.tr(Key::Set(S::AuditChange))}</th>
                                </tr>
                            </thead>
                            <tbody>{rows(list)}</tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
