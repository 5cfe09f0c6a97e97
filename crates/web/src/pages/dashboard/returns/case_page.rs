//! `/dashboard/returns/R-7KQ2M9`: one return's case on its own page, found by the number staff
//! and shoppers quote, so it can be bookmarked or sent to a colleague. Its actions stay at the
//! top of the window while the case scrolls.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use super::case::ReturnCase;
use crate::api::ReturnQuery;
use crate::components::alert::ProblemAlert;
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::components::toast::{ToastRegion, provide_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};
use crate::routes::Page;

#[component]
pub fn ReturnCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    provide_toasts();
    use_page_title(Key::NavReturns);
    let params = use_params_map();
    let number = Memo::new(move |_| params.with(|p| p.get("number").unwrap_or_default()));
    // The queue's search finds a return by its number; only an exact match is this case (the
    // search also matches order numbers and parts of numbers).
    let found = LocalResource::new(move || {
        let (api, number) = (auth.api(), number.get());
        async move {
            let Some(api) = api else {
                return Err(Problem::new(ErrorKind::Unauthorized, "signed out"));
            };
            let query = ReturnQuery {
                search: number.clone(),
                ..ReturnQuery::default()
            };
            let page = api.list_returns(&query).await?;
            page.returns
                .into_iter()
                .find(|r| r.number.eq_ignore_ascii_case(number.trim()))
                .map(|r| r.id)
                .ok_or_else(|| Problem::new(ErrorKind::NotFound, "no return has this number"))
        }
    });
    let title = move || {
        i18n.t(Key::Case(C::CaseTitle))
            .replace("{number}", &number.get())
    };
    view! {
        <div class="page return-case-page">
            <p><a href=Page::Returns.path() class="back-link">"← " {i18n.tr(Key::Case(C::AllReturns))}</a></p>
            <div class="return-case-head">
                <h1 class="page-title">{title}</h1>
            </div>
            {move || match found.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) if p.kind == ErrorKind::NotFound => view! {
                    <p class="muted case-not-found">
                        {move || i18n.t(Key::Case(C::CaseNotFound)).replace("{number}", &number.get())}
                    </p>
                }
                .into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(id)) => view! { <CaseById id=id /> }.into_any(),
            }}
            <ToastRegion />
        </div>
    }
}

/// The case itself; its own component so a new number draws a new case.
#[component]
fn CaseById(id: Uuid) -> impl IntoView {
    view! { <ReturnCase id=id page=true /> }
}
