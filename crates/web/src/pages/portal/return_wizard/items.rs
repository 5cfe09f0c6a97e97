//! Step one: which items, and how many of each.

use leptos::prelude::*;

use crate::components::field::FieldErrorText;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, R, not_returnable_key};

use super::form::Wizard;

#[component]
pub(super) fn ItemsStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let items = wizard.options.with_value(|o| o.items.clone());
    let lines = wizard.lines.get_value();
    let window = wizard.options.with_value(|o| o.window_ends_at);
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::ItemsLead))}</p>
        {window.map(|end| view! {
            <p class="return-window">
                {i18n.tr(Key::Ret(R::WindowEnds))} " "
                <time datetime=crate::components::format::iso(&end)>
                    {move || crate::components::format::short_date(&end, i18n.locale())}
                </time>
            </p>
        })}
        <ul class="return-items" id="items" tabindex="-1"
            aria-invalid=move || wizard.items_error.with(Option::is_some).then_some("true")
            aria-describedby="items-error">
            {items
                .into_iter()
                .zip(lines)
                .map(|(item, line)| {
                    let i = line.index;
                    let left = item.returnable_quantity;
                    let can = left > 0;
                    let check_id = format!("return-{i}");
                    let qty_id = format!("quantity-{i}");
                    let error_id = format!("quantity-{i}-error");
                    view! {
                        <li class="return-item" class:return-item-off=!can class:return-item-on=move || { line.quantity.get() > 0 }>
                            {item.image_url.clone().map(|src| view! { <img class="return-item-image" src=src alt="" /> })}
                            <div class="return-item-body">
                                <label class="return-item-check" for=check_id.clone()>
                                    <input
                                        id=check_id.clone()
                                        type="checkbox"
                                        disabled=!can
                                        prop:checked=move || { line.quantity.get() > 0 }
                                        aria-invalid=move || line.quantity_error.with(Option::is_some).then_some("true")
                                        aria-describedby=error_id.clone()
                                        on:change=move |ev| {
                                            line.quantity.set(if event_target_checked(&ev) { 1 } else { 0 });
                                            line.quantity_error.set(None);
                                            wizard.items_error.set(None);
                                        }
                                    />
                                    <span class="return-item-title">{item.title.clone()}</span>
                                </label>
                                {item.variant.clone().map(|v| view! { <span class="muted">{v}</span> })}
                                <span class="muted return-item-sku">{item.sku.clone()}</span>
                                {match item.why_not {
                                    Some(why) if !can => view! { <p class="return-why-not">{i18n.tr(not_returnable_key(why))}</p> }.into_any(),
                                    _ => ().into_any(),
                                }}
                                {(can && left > 1).then(|| view! {
                                    <Show when=move || { line.quantity.get() > 0 }>
                                        <div class="return-quantity">
                                            <label for=qty_id.clone()>{i18n.tr(Key::Ret(R::Quantity))}</label>
                                            <select
                                                id=qty_id.clone()
                                                prop:value=move || line.quantity.get().to_string()
                                                on:change=move |ev| {
                                                    line.quantity.set(event_target_value(&ev).parse().unwrap_or(1));
                                                    line.quantity_error.set(None);
                                                }
                                            >
                                                {(1..=left).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                                            </select>
                                            <span class="muted">{move || i18n.t(Key::Ret(R::OfLeft)).replace("{left}", &left.to_string())}</span>
                                        </div>
                                    </Show>
                                })}
                                <FieldErrorText id=error_id error=line.quantity_error />
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <FieldErrorText id="items-error".to_owned() error=wizard.items_error />
    }
}
