//! Above the queue: instant exchanges whose new items left at approval while the returned
//! ones have still not arrived after the shop's number of days, each linking to its case.
//! Nothing shows while none is overdue.

use leptos::prelude::*;

use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key, return_status_key};
use crate::routes::Page;

use super::status_class;

#[component]
pub fn OverdueExchanges() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let overdue = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.overdue_exchanges().await.ok(),
                None => None,
            }
        }
    });
    move || {
        // A failure here must not hide the queue below: the list is left out.
        let list = overdue.get().flatten()?;
        if list.returns.is_empty() {
            return None;
        }
        let days = list.after_days.to_string();
        Some(view! {
            <section class="card overdue-exchanges" aria-labelledby="overdue-exchanges-title">
                <h2 id="overdue-exchanges-title" class="card-title">{i18n.tr(Key::Case(C::OverdueTitle))}</h2>
                <p class="muted">{move || i18n.t(Key::Case(C::OverdueLead)).replace("{days}", &days)}</p>
                <ul class="overdue-list">
                    {list.returns.into_iter().map(|r| {
                        let waited = r.days_waiting.to_string();
                        let sent = if r.days_waiting == 1 { C::OverdueShippedOne } else { C::OverdueShipped };
                        view! {
                            <li class="overdue-row" data-number=r.number.clone()>
                                <a href=Page::Return(r.number.clone()).path()>{r.number.clone()}</a>
                                " · " {r.order_number} " · " {r.customer_email} " · "
                                <span class=status_class(r.status)>{i18n.tr(return_status_key(r.status))}</span>
                                " · "
                                <span>{move || i18n.t(Key::Case(sent)).replace("{days}", &waited)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {list.more.then(|| view! { <p class="muted">{i18n.tr(Key::Case(C::OverdueMore))}</p> })}
            </section>
        })
    }
}
