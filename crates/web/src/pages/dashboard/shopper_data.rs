//! The Shoppers page's "Data requests" card (owners only): export everything the shop holds
//! about an email address as a JSON file, or erase it after a confirmation that says what
//! stays and what goes (GDPR articles 15 and 17).

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::domain::Email;
use web_sys::SubmitEvent;

use crate::components::alert::ProblemAlert;
use crate::components::download::save_bytes;
use crate::components::field::{ErrorSlot, Field, FieldMessage, focus, show_server_errors};
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{K, Key};

#[component]
pub fn ShopperDataCard(
    /// Runs after an erasure, so the page's list of shoppers is read again.
    on_erased: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let email = RwSignal::new(String::new());
    let error: ErrorSlot = RwSignal::new(None);
    let problem = RwSignal::new(None::<Problem>);
    // The action under way, if any: its button says so and every button waits.
    let busy = RwSignal::new(None::<K>);
    let pending = move || busy.get().is_some();
    // The address the confirmation is about, while it is shown.
    let confirming = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<String>);

    // The typed address, or an error on the field (the server's own rule, shared).
    let checked = move || {
        problem.set(None);
        outcome.set(None);
        let raw = email.get_untracked();
        match FieldMessage::check("email", raw.trim(), Email::validate) {
            Some(message) => {
                error.set(Some(message));
                focus("email");
                None
            }
            None => Some(raw.trim().to_owned()),
        }
    };
    let failed = move |p: Problem| {
        if show_server_errors(&p.errors, &[("email", error)]) {
            focus("email");
        }
        problem.set(Some(p));
    };
    let export = move |_| {
        let Some(address) = checked() else { return };
        let Some(api) = auth.api_untracked() else {
            return;
        };
        busy.set(Some(K::DataExporting));
        spawn_local(async move {
            let result = api.export_shopper_data(&address).await;
            busy.set(None);
            match result {
                Ok(bytes) => {
                    let nothing = serde_json::from_slice::<serde_json::Value>(&bytes)
                        .is_ok_and(|export| holds_nothing(&export));
                    if nothing {
                        outcome.set(Some(i18n.t(Key::Risk(K::DataNothingHeld)).to_owned()));
                        return;
                    }
                    // Named after the address: a shop answering several requests keeps them apart.
                    let name = format!("shopper-data-{}.json", address.replace(['/', '\\'], "_"));
                    save_bytes(&name, "application/json", &bytes);
                    toasts.show(Key::Risk(K::DataExported));
                }
                Err(p) => failed(p),
            }
        });
    };
    let ask = move |_| {
        if let Some(address) = checked() {
            confirming.set(Some(address));
            request_animation_frame(|| focus("erase-cancel"));
        }
    };
    let cancel = move |_| {
        confirming.set(None);
        focus("erase-data");
    };
    let erase = move |_| {
        let Some(address) = confirming.get_untracked() else {
            return;
        };
        let Some(api) = auth.api_untracked() else {
            return;
        };
        busy.set(Some(K::DataErasing));
        spawn_local(async move {
            let result = api.erase_shopper_data(&address).await;
            busy.set(None);
            confirming.set(None);
            match result {
                Ok(done) if done.recorded => {
                    on_erased.run(());
                    outcome.set(Some(
                        i18n.t(Key::Risk(K::DataErased))
                            .replace("{orders}", &done.orders_anonymised.to_string())
                            .replace("{returns}", &done.returns_anonymised.to_string()),
                    ));
                }
                Ok(_) => outcome.set(Some(i18n.t(Key::Risk(K::DataNothingLeft)).to_owned())),
                Err(p) => failed(p),
            }
            focus("erase-data");
        });
    };

    view! {
        <section class="card" aria-labelledby="data-requests-title">
            <div class="card-header">
                <h2 id="data-requests-title" class="card-title">{i18n.tr(Key::Risk(K::DataTitle))}</h2>
                <p class="card-lead">{i18n.tr(Key::Risk(K::DataLead))}</p>
            </div>
            <form class="form" novalidate on:submit=|ev: SubmitEvent| ev.prevent_default()>
                <ProblemAlert problem=problem />
                <Field id="email" label=Key::Risk(K::DataEmail) value=email error=error input_type="email" autocomplete="off" literal=true />
                <div class="form-actions">
                    <button type="button" class="btn btn-secondary" disabled=pending aria-busy=move || (busy.get() == Some(K::DataExporting)).to_string() on:click=export>
                        {move || i18n.t(Key::Risk(if busy.get() == Some(K::DataExporting) { K::DataExporting } else { K::DataExport }))}
                    </button>
                    <button type="button" id="erase-data" class="btn btn-danger" disabled=pending on:click=ask>
                        {i18n.tr(Key::Risk(K::DataErase))}
                    </button>
                </div>
                {move || confirming.get().map(|address| {
                    let question = i18n.t(Key::Risk(K::DataEraseConfirm)).replace("{email}", &address);
                    view! {
                        <div class="confirm-inline" role="alertdialog" aria-labelledby="erase-question">
                            <p id="erase-question">{question}</p>
                            <button type="button" class="btn btn-danger btn-small" disabled=pending aria-busy=move || (busy.get() == Some(K::DataErasing)).to_string() on:click=erase>
                                {move || i18n.t(Key::Risk(if busy.get() == Some(K::DataErasing) { K::DataErasing } else { K::DataYesErase }))}
                            </button>
                            <button type="button" id="erase-cancel" class="btn btn-ghost btn-small" on:click=cancel>
                                {i18n.tr(Key::Risk(K::DataCancel))}
                            </button>
                        </div>
                    }
                })}
                <p class="muted" role="status">{move || outcome.get()}</p>
            </form>
        </section>
    }
}

/// Whether an export (`ShopperDataExport`, as sent) holds nothing: every list empty and no
/// unsubscription. Read on the JSON value: deriving the export's type tree into the dashboard
/// would cost it 11 KB brotli for one yes-or-no.
fn holds_nothing(export: &serde_json::Value) -> bool {
    let Some(fields) = export.as_object() else {
        return false;
    };
    fields.values().all(|v| match v {
        serde_json::Value::Array(items) => items.is_empty(),
        serde_json::Value::Bool(on) => !on,
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::holds_nothing;
    use serde_json::json;

    #[test]
    fn an_export_holds_nothing_only_when_every_list_is_empty_and_no_unsubscription() {
        let empty = json!({"email": "a@example.com", "shop": "Maple", "generated_at": "2026-12-03T00:00:00Z",
            "orders": [], "returns": [], "mails": [], "unsubscribed": false});
        assert!(holds_nothing(&empty));
        let mut unsubscribed = empty.clone();
        unsubscribed["unsubscribed"] = json!(true);
        assert!(!holds_nothing(&unsubscribed));
        let mut with_order = empty.clone();
        with_order["orders"] = json!([{"number": "1001"}]);
        assert!(!holds_nothing(&with_order));
        assert!(!holds_nothing(&json!("not an export")));
    }
}
