//! The Catalogue page's import card: a file in Shopify's product export layout, its prices'
//! currency (the shop's, read from its rate table, until changed), what it did and the rows
//! set aside with line and column.

use leptos::prelude::*;
use rebound_shared::api::catalogue::ImportedCatalogue;
use rebound_shared::{ErrorKind, Problem};
use wasm_bindgen::JsCast;

use crate::components::alert::ProblemAlert;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};

#[component]
pub fn CatalogueImport(
    /// Bumped after an import, so the list above reads the catalogue again.
    imported: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let currency = RwSignal::new(String::new());
    // The shop's currency as the starting value; the merchant may type another.
    let shop_currency = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.shop_currency().await.ok(),
                None => None,
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Some(code)) = shop_currency.get()
            && currency.get_untracked().is_empty()
        {
            currency.set(code);
        }
    });
    let file = StoredValue::new_local(None::<web_sys::File>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let outcome = RwSignal::new(None::<ImportedCatalogue>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = file.get_value() else {
            problem.set(Some(Problem::new(
                ErrorKind::Validation,
                i18n.t(Key::Case(C::CatalogueImportFile)),
            )));
            return;
        };
        let Some(api) = auth.api() else { return };
        let code = currency.get_untracked();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api.import_catalogue(&chosen, &code).await {
                Ok(done) => {
                    outcome.set(Some(done));
                    imported.update(|n| *n += 1);
                }
                Err(p) => problem.set(Some(p)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="catalogue-import-title">
            <h2 id="catalogue-import-title" class="card-title">{i18n.tr(Key::Case(C::CatalogueImportTitle))}</h2>
            <p class="muted">{i18n.tr(Key::Case(C::CatalogueImportHint))}</p>
            <ProblemAlert problem=problem />
            <form class="form catalogue-import" on:submit=send>
                <div class="field">
                    <label for="catalogue-file">{i18n.tr(Key::Case(C::CatalogueImportFile))}</label>
                    <input
                        id="catalogue-file"
                        type="file"
                        accept=".csv,text/csv"
                        on:change=move |ev: leptos::ev::Event| {
                            let chosen = ev
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                .and_then(|i| i.files())
                                .and_then(|f| f.get(0));
                            file.set_value(chosen);
                        }
                    />
                </div>
                <div class="field">
                    <label for="catalogue-currency">{i18n.tr(Key::Case(C::CatalogueImportCurrency))}</label>
                    <input
                        id="catalogue-currency"
                        type="text"
                        required
                        maxlength=3
                        pattern="[A-Za-z]{3}"
                        autocomplete="off"
                        prop:value=move || currency.get()
                        on:input=move |ev| currency.set(event_target_value(&ev).to_uppercase())
                    />
                </div>
                <button type="submit" class="btn btn-secondary" disabled=move || busy.get()>
                    {move || if busy.get() {
                        i18n.t(Key::Case(C::CatalogueImporting))
                    } else {
                        i18n.t(Key::Case(C::CatalogueImportSend))
                    }}
                </button>
            </form>
            <div role="status" aria-live="polite">
                {move || outcome.get().map(|done| {
                    let said = i18n
                        .t(Key::Case(C::CatalogueImported))
                        .replace("{created}", &done.created.to_string())
                        .replace("{updated}", &done.updated.to_string())
                        .replace("{unchanged}", &done.unchanged.to_string());
                    let rejected = done.rejected;
                    view! {
                        <p class="catalogue-imported">{said}</p>
                        {(!rejected.is_empty()).then(|| view! {
                            <h3 class="card-subtitle">{i18n.tr(Key::Case(C::CatalogueRejected))}</h3>
                            <ul class="rejected-rows">
                                {rejected.into_iter().map(|r| view! {
                                    <li>{format!("{} {} · {}: {}", i18n.t(Key::Case(C::CatalogueLine)), r.line, r.column, r.reason)}</li>
                                }).collect_view()}
                            </ul>
                        })}
                    }
                })}
            </div>
        </section>
    }
}
