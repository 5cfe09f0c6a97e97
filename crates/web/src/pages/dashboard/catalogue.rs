//! `/dashboard/catalogue`: the shop's products and variants with their stock (on hand, held by
//! exchanges, still available), searchable by SKU or title. What the portal offers shoppers to
//! exchange for.

use leptos::prelude::*;
use rebound_shared::api::catalogue::{VariantView, options_label};
use rebound_shared::domain::Money;
use rebound_shared::{ErrorKind, Problem};

use super::catalogue_import::CatalogueImport;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::Case(C::CatalogueTitle));
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let imported = RwSignal::new(0_u32);
    let page = LocalResource::new(move || {
        let q = query.get();
        imported.track();
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.catalogue(&q, None).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    view! {
        <div class="page-header">
            <h1 class="page-title">{i18n.tr(Key::Case(C::CatalogueTitle))}</h1>
            <p class="page-lead">{i18n.tr(Key::Case(C::CatalogueLead))}</p>
        </div>
        <section class="card" aria-labelledby="catalogue-caption">
            <form class="form search-form" role="search" on:submit=move |ev| {
                ev.prevent_default();
                query.set(typed.get_untracked());
            }>
                <div class="field">
                    <label for="catalogue-q">{i18n.tr(Key::Case(C::CatalogueSearch))}</label>
                    <input
                        id="catalogue-q"
                        type="search"
                        maxlength=200
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="btn btn-secondary">{i18n.tr(Key::Case(C::CatalogueFind))}</button>
            </form>
            {move || match page.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(page)) if page.variants.is_empty() => view! {
                    <h2 id="catalogue-caption" class="visually-hidden">{i18n.tr(Key::Case(C::CatalogueTitle))}</h2>
                    <EmptyState
                        illustration=Illustration::Returns
                        title=Key::Case(C::CatalogueEmptyTitle)
                        body=Key::Case(C::CatalogueEmptyBody)
                    />
                }.into_any(),
                Some(Ok(page)) => view! { <VariantTable variants=page.variants /> }.into_any(),
            }}
        </section>
        <CatalogueImport imported=imported />
    }
}

#[component]
fn VariantTable(variants: Vec<VariantView>) -> impl IntoView {
    let i18n = use_i18n();
    let head = |key: C, number: bool| {
        view! { <th scope="col" class:cell-number=number>{i18n.tr(Key::Case(key))}</th> }
    };
    view! {
        <div class="table-wrap">
            <table class="table catalogue-table">
                <caption id="catalogue-caption">{i18n.tr(Key::Case(C::CatalogueTitle))}</caption>
                <thead>
                    <tr>
                        {head(C::CatalogueProduct, false)}
                        {head(C::CatalogueSku, false)}
                        {head(C::CataloguePrice, true)}
                        {head(C::CatalogueOnHand, true)}
                        {head(C::CatalogueReserved, true)}
                        {head(C::CatalogueAvailable, true)}
                    </tr>
                </thead>
                <tbody>
                    {variants.into_iter().map(|v| {
                        let (minor, currency) = (v.price_minor, v.currency.clone());
                        let sold_out = v.available <= 0;
                        view! {
                            <tr class="catalogue-row" data-sku=v.sku.clone()>
                                <th scope="row">
                                    <span class="return-customer">{v.title.clone()}</span>
                                    <span class="muted">{options_label(&v.options)}</span>
                                </th>
                                <td><code>{v.sku.clone()}</code></td>
                                <td class="cell-number">{move || Money::show(minor, &currency, i18n.locale().lang())}</td>
                                <td class="cell-number">{v.stock_on_hand}</td>
                                <td class="cell-number">{v.reserved}</td>
                                <td class="cell-number">
                                    {if sold_out {
                                        view! { <span class="badge badge-risk">{i18n.tr(Key::Case(C::CatalogueSoldOut))}</span> }.into_any()
                                    } else {
                                        view! { <span>{v.available}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
