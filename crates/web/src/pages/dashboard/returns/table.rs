//! The queue's table: one row per return, its case opening underneath.

use leptos::prelude::*;
use rebound_shared::api::return_queue::ReturnSummary;
use rebound_shared::domain::ReturnStatus;

use super::case::ReturnCase;
use super::{Queue, status_class};
use crate::components::format::{iso, short_date};
use crate::components::loading::Skeleton;
use crate::components::risk_badge::RiskBadge;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R, chosen_resolution_key, return_status_key};
use crate::routes::Page;

/// The table's columns, for the detail row's `colspan`.
const COLUMNS: &str = "8";

#[component]
pub fn ReturnTable(queue: Queue, loading: bool) -> impl IntoView {
    let i18n = use_i18n();
    let skeleton = move || {
        (0..6)
            .map(|_| {
                view! {
                    <tr aria-hidden="true">
                        <td></td>
                        <td><Skeleton width="5rem" /></td>
                        <td><Skeleton width="5rem" /></td>
                        <td><Skeleton width="8rem" /></td>
                        <td><Skeleton width="6rem" /></td>
                        <td><Skeleton width="5rem" /></td>
                        <td><Skeleton width="2rem" /></td>
                        <td><Skeleton width="5rem" /></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="table returns-table" aria-busy=move || loading.then_some("true")>
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{i18n.tr(Key::Ret(R::QSelect))}</span></th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColReturn))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColOrder))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColCustomer))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColStatus))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColCreated))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColItems))}</th>
                        <th scope="col">{i18n.tr(Key::Ret(R::QColResolution))}</th>
                    </tr>
                </thead>
                {if loading {
                    view! { <tbody>{skeleton()}</tbody> }.into_any()
                } else {
                    // Keyed by id alone: a row whose status moves stays put, with its case open.
                    view! {
                        <For
                            each=move || queue.rows.get()
                            key=|r| r.id
                            children=move |row| view! { <ReturnRow row=row queue=queue /> }
                        />
                    }
                    .into_any()
                }}
            </table>
        </div>
    }
}

/// One return: its row, and its case below it once opened. Each return is its own `<tbody>`
/// so the two rows stay together.
#[component]
fn ReturnRow(row: ReturnSummary, queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.id;
    let status = Memo::new(move |_| queue.status_of(id).unwrap_or(row.status));
    let open = move || queue.expanded.get() == Some(id);
    let toggle = move |_| {
        queue
            .expanded
            .update(|e| *e = if *e == Some(id) { None } else { Some(id) });
    };
    let created = row.created_at;
    let number = row.number.clone();
    let check = move || {
        (status.get() == ReturnStatus::PendingReview).then(|| {
            let label = i18n
                .t(Key::Ret(R::QSelectReturn))
                .replace("{number}", &number);
            view! {
                <input
                    type="checkbox"
                    class="return-select"
                    data-number=number.clone()
                    aria-label=label
                    prop:checked=move || queue.selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        queue.selected.update(|s| {
                            if on {
                                s.insert(id);
                            } else {
                                s.remove(&id);
                            }
                        });
                    }
                />
            }
        })
    };
    let show_label = i18n
        .t(Key::Ret(R::QShowCase))
        .replace("{number}", &row.number);
    let case_id = format!("return-case-{id}");
    view! {
        <tbody class="return-group" data-number=row.number.clone() data-status=move || status.get().as_str()>
            <tr class="return-row" class:return-row-open=open>
                <td>{check}</td>
                <td>
                    <button
                        type="button"
                        class="link-button return-number"
                        aria-expanded=move || if open() { "true" } else { "false" }
                        aria-controls=case_id.clone()
                        aria-label=show_label
                        on:click=toggle
                    >
                        {row.number.clone()}
                    </button>
                    {row.defective.then(|| view! { <span class="badge badge-defect">{i18n.tr(Key::Ret(R::QDefective))}</span> })}
                    {row.withdrawal.then(|| view! { <span class="badge badge-muted">{i18n.tr(Key::Ret(R::QWithdrawal))}</span> })}
                    <RiskBadge flags=row.risk_flags.clone() />
                </td>
                <td><a href=Page::Order(row.order_number.clone()).path()>{row.order_number.clone()}</a></td>
                <td>
                    <span class="return-customer">{row.customer_name.clone()}</span>
                    <span class="muted cell-email">{row.email.clone()}</span>
                </td>
                <td>
                    <span class=move || status_class(status.get())>{move || i18n.t(return_status_key(status.get()))}</span>
                </td>
                <td><time datetime=iso(&created)>{move || short_date(&created, i18n.locale())}</time></td>
                <td class="cell-number">{row.item_count}</td>
                <td>{i18n.tr(chosen_resolution_key(row.resolution))}</td>
            </tr>
            {move || open().then(|| view! {
                <tr class="return-case-row">
                    <td colspan=COLUMNS id=case_id.clone()>
                        <ReturnCase id=id queue=queue />
                    </td>
                </tr>
            })}
        </tbody>
    }
}
