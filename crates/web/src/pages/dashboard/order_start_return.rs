//! The order page's "Start a return": staff make a return for a shopper who calls or writes,
//! under the portal's rules; where the policy refuses an item, they may set it aside for this
//! one return, saying why (the server keeps who and why in the history and the audit log).

use leptos::prelude::*;
use rebound_shared::Problem;
use rebound_shared::api::returns::{
    CreateReturn, CreateShopReturn, PolicyOverride, ReturnItemInput, ReturnOptions, ReturnView,
};
use rebound_shared::api::settings::Resolution;
use uuid::Uuid;

use crate::api::new_request_id;
use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage, focus};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, O, method_key, not_returnable_key, resolution_key};
use crate::pages::dashboard::order_returns::return_href;

/// One order line as the form holds it: how many come back, and why.
#[derive(Clone, Copy)]
struct Line {
    id: Uuid,
    quantity: RwSignal<u32>,
    reason: RwSignal<Option<Uuid>>,
}

/// The lines chosen so far, as the request names them.
fn chosen(lines: &[Line]) -> Vec<ReturnItemInput> {
    lines
        .iter()
        .filter_map(|l| {
            let quantity = i32::try_from(l.quantity.get()).ok().filter(|q| *q > 0)?;
            Some(ReturnItemInput {
                order_item_id: l.id,
                quantity,
                reason_id: l.reason.get()?,
                comment: None,
                photo_ids: Vec::new(),
                exchange_sku: None,
            })
        })
        .collect()
}

#[component]
pub fn StartReturn(number: String, #[prop(into)] on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let created = RwSignal::new(None::<ReturnView>);
    let number = StoredValue::new(number);
    let success = move || {
        created.get().map(|r| {
            let text = i18n
                .t(Key::Ord(O::ReturnCreated))
                .replace("{number}", &r.number);
            view! {
                <div class="alert alert-success start-return-done" role="status">
                    <p class="alert-title">{text}</p>
                    <p><a href=return_href(&r.number)>{i18n.tr(Key::Ord(O::OpenReturn))}</a></p>
                </div>
            }
        })
    };
    let done = Callback::new(move |made: ReturnView| {
        created.set(Some(made));
        open.set(false);
        on_created.run(());
    });
    view! {
        <section class="card start-return" aria-labelledby="start-return-title">
            <h2 id="start-return-title" class="card-title">{i18n.tr(Key::Ord(O::StartReturn))}</h2>
            <p class="muted">{i18n.tr(Key::Ord(O::StartReturnLead))}</p>
            {success}
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="btn btn-secondary start-return-open" on:click=move |_| {
                        created.set(None);
                        open.set(true);
                    }>{i18n.tr(Key::Ord(O::StartReturn))}</button>
                }
            >
                <StartReturnForm number=number.get_value() on_done=done on_cancel=Callback::new(move |()| open.set(false)) />
            </Show>
        </section>
    }
}

#[component]
fn StartReturnForm(
    number: String,
    on_done: Callback<ReturnView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let auth = use_auth();
    let options = LocalResource::new({
        let number = number.clone();
        move || {
            let (api, number) = (auth.api(), number.clone());
            async move {
                match api {
                    Some(api) => api.returnable(&number).await,
                    None => Err(Problem::new(
                        rebound_shared::ErrorKind::Unauthorized,
                        "signed out",
                    )),
                }
            }
        }
    });
    let number = StoredValue::new(number);
    move || match options.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(o)) => view! {
            <ReturnLines options=o number=number.get_value() on_done=on_done on_cancel=on_cancel />
        }
        .into_any(),
    }
}

#[component]
fn ReturnLines(
    options: ReturnOptions,
    number: String,
    on_done: Callback<ReturnView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let lines: Vec<Line> = options
        .items
        .iter()
        .map(|i| Line {
            id: i.order_item_id,
            quantity: RwSignal::new(0),
            reason: RwSignal::new(options.reasons.first().map(|r| r.id)),
        })
        .collect();
    let lines = StoredValue::new(lines);
    let options = StoredValue::new(options);
    let resolution = RwSignal::new(options.with_value(|o| o.resolutions.first().copied()));
    let method = RwSignal::new(options.with_value(|o| o.methods.first().copied()));
    let overriding = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let why_error: ErrorSlot = RwSignal::new(None);
    let general: ErrorSlot = RwSignal::new(None);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    // One id for this form: a second click or a retry finds the first return.
    let request_id = StoredValue::new(new_request_id());
    let refused = Memo::new(move |_| {
        let wanted = lines.with_value(|l| chosen(l));
        options.with_value(|o| o.refusals(&wanted))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        why_error.set(None);
        problem.set(None);
        let items = lines.with_value(|l| chosen(l));
        if items.is_empty() {
            general.set(Some(FieldMessage::Key(Key::Ord(O::ChooseQuantity))));
            focus("start-return-qty-0");
            return;
        }
        let policy_override = if refused.get_untracked().is_empty() {
            None
        } else if !overriding.get_untracked() {
            general.set(Some(FieldMessage::Key(Key::Ord(O::OverrideNeeded))));
            focus("start-return-override");
            return;
        } else if why.with_untracked(|w| w.trim().is_empty()) {
            why_error.set(Some(FieldMessage::Key(Key::Ord(O::OverrideReasonNeeded))));
            focus("policy_override.reason");
            return;
        } else {
            Some(PolicyOverride {
                reason: why.get_untracked().trim().to_owned(),
            })
        };
        let body = CreateShopReturn {
            order_number: number.clone(),
            submission: CreateReturn {
                items,
                resolution: resolution.get_untracked(),
                replacement_variant: None,
                method: method.get_untracked(),
                client_request_id: Some(request_id.get_value()),
            },
            policy_override,
        };
        let Some(api) = auth.api() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api.create_shop_return(&body).await {
                Ok(made) => on_done.run(made),
                Err(p) => {
                    if let Some(e) = p
                        .errors
                        .iter()
                        .find(|e| e.field == "policy_override.reason")
                    {
                        why_error.set(Some(FieldMessage::from_server(e)));
                    }
                    problem.set(Some(p));
                }
            }
            busy.set(false);
        });
    };
    let rows = options.with_value(|o| {
        o.items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let line = lines.with_value(|l| l[i]);
                let qty_id = format!("start-return-qty-{i}");
                let reason_id = format!("start-return-reason-{i}");
                let most = u32::try_from(item.bought.max(0)).unwrap_or(0);
                let item_id = item.order_item_id;
                let why_not = move || {
                    refused
                        .get()
                        .into_iter()
                        .find(|(id, _)| *id == item_id)
                        .map(|(_, why)| view! {
                            <p class="field-hint policy-refusal">
                                {i18n.tr(Key::Ord(O::PolicyRefuses))} " " {i18n.tr(not_returnable_key(why))}
                            </p>
                        })
                };
                let reasons = o.reasons.clone();
                view! {
                    <fieldset class="start-return-line">
                        <legend>
                            <strong>{item.title.clone()}</strong>
                            {item.variant.clone().map(|v| view! { " · " {v} })}
                            " × " {item.bought}
                        </legend>
                        <div class="field field-inline">
                            <label for=qty_id.clone()>{i18n.tr(Key::Ord(O::ReturnQuantity))}</label>
                            <input
                                id=qty_id
                                type="number"
                                min="0"
                                max=most
                                inputmode="numeric"
                                prop:value=move || line.quantity.get().to_string()
                                on:input=move |ev| {
                                    let typed = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                                    line.quantity.set(typed.min(most));
                                }
                            />
                        </div>
                        <div class="field field-inline">
                            <label for=reason_id.clone()>{i18n.tr(Key::Ord(O::ReturnReason))}</label>
                            <select id=reason_id on:change=move |ev| line.reason.set(event_target_value(&ev).parse().ok())>
                                {reasons
                                    .into_iter()
                                    .map(|r| {
                                        let label = {
                                            let r = r.clone();
                                            move || match i18n.locale() {
                                                Locale::En => r.label_en.clone(),
                                                Locale::Fr => r.label_fr.clone(),
                                            }
                                        };
                                        view! { <option value=r.id.to_string() selected=move || line.reason.get() == Some(r.id)>{label}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        {why_not}
                    </fieldset>
                }
            })
            .collect_view()
    });
    let resolutions = options.with_value(|o| o.resolutions.clone());
    let methods = options.with_value(|o| o.methods.clone());
    view! {
        <form class="start-return-form" novalidate on:submit=submit>
            {rows}
            <div class="field">
                <label for="start-return-resolution">{i18n.tr(Key::Ord(O::ReturnResolution))}</label>
                <select id="start-return-resolution" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    resolution.set(Resolution::ALL.into_iter().find(|r| r.as_str() == v));
                }>
                    {resolutions.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || resolution.get() == Some(r)>{i18n.tr(resolution_key(r))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="start-return-method">{i18n.tr(Key::Ord(O::ReturnMethod))}</label>
                <select id="start-return-method" on:change=move |ev| {
                    let chosen = event_target_value(&ev).parse::<usize>().ok();
                    method.set(chosen.and_then(|i| options.with_value(|o| o.methods.get(i).copied())));
                }>
                    {methods.into_iter().enumerate().map(|(i, m)| view! {
                        <option value=i.to_string() selected=move || method.get() == Some(m)>{i18n.tr(method_key(m))}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || !refused.get().is_empty()>
                <div class="override-box">
                    <label class="choice" for="start-return-override">
                        <input
                            id="start-return-override"
                            type="checkbox"
                            prop:checked=move || overriding.get()
                            on:change=move |ev| overriding.set(event_target_checked(&ev))
                        />
                        <span>{i18n.tr(Key::Ord(O::OverridePolicy))}</span>
                    </label>
                    <Show when=move || overriding.get()>
                        <div class="field" class:field-invalid=move || why_error.with(Option::is_some)>
                            <label for="policy_override.reason">{i18n.tr(Key::Ord(O::OverrideReason))}</label>
                            <textarea
                                id="policy_override.reason"
                                rows="2"
                                maxlength="500"
                                aria-invalid=move || why_error.with(Option::is_some).then_some("true")
                                aria-describedby="policy_override.reason-error"
                                prop:value=move || why.get()
                                on:input=move |ev| {
                                    why.set(event_target_value(&ev));
                                    why_error.set(None);
                                }
                            ></textarea>
                            <FieldErrorText id="policy_override.reason-error".to_owned() error=why_error />
                        </div>
                    </Show>
                </div>
            </Show>
            <FieldErrorText id="start-return-error".to_owned() error=general />
            <ProblemAlert problem=problem />
            <div class="form-actions">
                <button type="submit" class="btn btn-primary start-return-submit" disabled=move || busy.get() aria-busy=move || busy.get().then_some("true")>
                    {move || i18n.tr(Key::Ord(if busy.get() { O::Creating } else { O::CreateReturn }))}
                </button>
                " "
                <button type="button" class="btn btn-secondary" on:click=move |_| on_cancel.run(())>{i18n.tr(Key::Ord(O::CancelStart))}</button>
            </div>
        </form>
    }
}
