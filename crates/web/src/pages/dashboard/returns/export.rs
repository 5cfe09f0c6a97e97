//! The queue's "Download CSV" button: every return the current tab, search and filters match,
//! fetched with the staff member's token (a plain link cannot send it) and saved as a file.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;

use crate::api::ReturnQuery;
use crate::components::alert::ProblemAlert;
use crate::components::download::save_bytes;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{D, Key};

#[component]
pub fn ExportButton(
    /// The queue's current query (its cursor is ignored: the export holds every row).
    query: Callback<(), ReturnQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let download = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let query = query.run(());
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api.export_returns_csv(&query).await {
                Ok(bytes) => {
                    // Today in UTC, as the server names the file too.
                    let now = String::from(js_sys::Date::new_0().to_iso_string());
                    let day = now.get(..10).unwrap_or("export");
                    save_bytes(&format!("returns-{day}.csv"), "text/csv", &bytes);
                }
                Err(p) => problem.set(Some(p)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="returns-export">
            <button
                type="button"
                id="export-csv"
                class="btn btn-secondary"
                disabled=move || busy.get()
                aria-busy=move || busy.get().then_some("true")
                on:click=download
            >
                {move || i18n.t(if busy.get() { Key::Dev(D::ExportingCsv) } else { Key::Dev(D::ExportCsv) })}
            </button>
            <ProblemAlert problem=problem />
        </div>
    }
}
