//! `/{slug}/order/withdraw`: the EU withdrawal function. Step one, the statement (name, the
//! whole order or some items, an email for the receipt); step two, one unambiguous "Confirm
//! withdrawal" button; then a receipt with the date and time the shop received it.

use leptos::prelude::*;
use rebound_shared::api::orders::OrderView;
use rebound_shared::api::returns::{ReturnView, SubmitWithdrawal, WithdrawalOptions};
use rebound_shared::domain::Email;
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;
use validator::Validate;

use crate::api::{ShopperApi, new_request_id};
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, show_server_errors,
};
use crate::components::format::{date_time, iso};
use crate::components::loading::Loading;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, R};
use crate::pages::portal::opened::use_opened_order;
use crate::routes::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Statement,
    Confirm,
}

#[component]
pub fn WithdrawalPage() -> impl IntoView {
    let i18n = use_i18n();
    let opened = use_opened_order();
    let (slug, api) = (opened.slug.clone(), opened.api.clone());
    let options = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                match api {
                    Some(api) => api.withdrawal_options().await,
                    None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
                }
            }
        }
    });
    let order_page = Page::PortalOrder(slug).path();
    let order = opened.order;
    view! {
        <section class="portal-card narrow withdrawal" aria-labelledby="withdraw-title">
            <h1 id="withdraw-title" class="section-heading">{i18n.tr(Key::Ret(R::WithdrawTitle))}</h1>
            {move || match (order.get(), options.get()) {
                (Some(Err(p)), _) | (_, Some(Err(p))) => view! {
                    <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                }
                .into_any(),
                (Some(Ok(found)), Some(Ok(w))) if w.offered => view! {
                    <WithdrawalSteps order=found options=w api=api.clone() order_page=order_page.clone() />
                }
                .into_any(),
                (Some(Ok(_)), Some(Ok(_))) => view! {
                    <p>{i18n.tr(Key::Ret(R::WithdrawNotOffered))}</p>
                    <a class="btn btn-brand" href=order_page.clone()>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                }
                .into_any(),
                _ => view! { <Loading /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn WithdrawalSteps(
    order: OrderView,
    options: WithdrawalOptions,
    api: Option<ShopperApi>,
    order_page: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Statement);
    let name = RwSignal::new(order.customer_name.clone());
    let email = RwSignal::new(order.email.clone());
    let all = RwSignal::new(true);
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let name_error: ErrorSlot = RwSignal::new(None);
    let email_error: ErrorSlot = RwSignal::new(None);
    let items_error: ErrorSlot = RwSignal::new(None);
    let slots = [
        ("name", name_error),
        ("email", email_error),
        ("item_ids", items_error),
    ];
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<ReturnView>);
    let request_id = StoredValue::new(new_request_id());
    let items = options.items.clone();
    let number = order.number.clone();

    let body = move |confirm: bool| SubmitWithdrawal {
        name: name.get_untracked().trim().to_owned(),
        email: email.get_untracked().trim().to_owned(),
        all: all.get_untracked(),
        item_ids: if all.get_untracked() {
            Vec::new()
        } else {
            chosen.get_untracked()
        },
        confirm,
        client_request_id: Some(request_id.get_value()),
    };
    let to_confirm = move |_| {
        problem.set(None);
        let statement = body(true);
        name_error.set(
            statement
                .name
                .is_empty()
                .then_some(FieldMessage::Key(Key::Ret(R::EnterName))),
        );
        email_error.set(FieldMessage::check(
            "email",
            &statement.email,
            Email::validate,
        ));
        items_error.set(
            (!statement.all && statement.item_ids.is_empty())
                .then_some(FieldMessage::Key(Key::Ret(R::ChooseWithdrawItems))),
        );
        if let Err(errors) = statement.validate() {
            for (field, slot) in slots {
                if slot.with_untracked(Option::is_none)
                    && let Some(e) = errors.field_errors().get(field).and_then(|e| e.first())
                {
                    slot.set(Some(FieldMessage::from_rule(field, e)));
                }
            }
        }
        if slots.iter().all(|(_, s)| s.with_untracked(Option::is_none)) {
            step.set(Step::Confirm);
        }
    };
    let send = Action::new_local(move |body: &SubmitWithdrawal| {
        let (api, body) = (api.clone(), body.clone());
        async move {
            match api {
                Some(api) => api.submit_withdrawal(&body).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
            }
        }
    });
    Effect::new(move || match send.value().get() {
        Some(Ok(view)) => done.set(Some(view)),
        Some(Err(p)) => {
            if show_server_errors(&p.errors, &slots) {
                step.set(Step::Statement);
            }
            problem.set(Some(p));
        }
        None => {}
    });

    let stepper = move || {
        let at = match (done.with(Option::is_some), step.get()) {
            (true, _) => 2,
            (false, Step::Confirm) => 1,
            (false, Step::Statement) => 0,
        };
        [R::WithdrawStepStatement, R::WithdrawStepConfirm, R::WithdrawStepReceipt]
            .into_iter()
            .enumerate()
            .map(|(i, key)| view! {
                <li class="stepper-step" class:stepper-done=i < at aria-current=(i == at).then_some("step")>
                    <span class="stepper-number" aria-hidden="true">{i + 1}</span>
                    <span class="stepper-label">{i18n.tr(Key::Ret(key))}</span>
                </li>
            })
            .collect_view()
    };

    let statement_items = {
        let items = items.clone();
        move || {
            let picked = chosen.get();
            items
                .iter()
                .filter(|i| all.get() || picked.contains(&i.order_item_id))
                .map(|i| view! { <li>{format!("{} × {}", i.title, i.bought)}</li> })
                .collect_view()
        }
    };

    view! {
        <ol class="stepper return-stepper" aria-label=i18n.tr(Key::Ret(R::WithdrawTitle))>{stepper}</ol>
        <ProblemAlert problem=problem />
        {move || {
            if let Some(made) = done.get() {
                let stated = made.withdrawal.as_ref().map(|w| w.stated_at).unwrap_or(made.created_at);
                let number = made.number.clone();
                let receipt_email = made.withdrawal.as_ref().map(|w| w.email.clone()).unwrap_or_default();
                return view! {
                    <div class="alert alert-success withdraw-receipt" role="status">
                        <div>
                            <h2 class="alert-title">{i18n.tr(Key::Ret(R::WithdrawDoneTitle))}</h2>
                            <p>
                                <time datetime=iso(&stated)>
                                    {move || i18n.t(Key::Ret(R::WithdrawReceivedAt)).replace("{date}", &date_time(&stated, i18n.locale()))}
                                </time>
                            </p>
                            <p>{move || i18n.t(Key::Ret(R::ReturnNumber)).replace("{number}", &number)}</p>
                            <p>{move || i18n.t(Key::Ret(R::WithdrawReceiptTo)).replace("{email}", &receipt_email)}</p>
                            <p>{i18n.tr(Key::Ret(R::WithdrawDoneBody))}</p>
                        </div>
                    </div>
                    <a class="btn btn-brand" href=order_page.clone()>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                }
                .into_any();
            }
            match step.get() {
                Step::Statement => {
                    let items = items.clone();
                    view! {
                    <p class="muted">{i18n.tr(Key::Ret(R::WithdrawLead))}</p>
                    <Field id="name" label=Key::Ret(R::WithdrawName) value=name error=name_error autocomplete="name" required=true max_length=limits::CUSTOMER_NAME />
                    <Field id="email" label=Key::Ret(R::WithdrawEmail) value=email error=email_error input_type="email" autocomplete="email" required=true max_length=limits::EMAIL />
                    <fieldset class="choice-group" aria-describedby="item_ids-error">
                        <legend>{i18n.tr(Key::Ret(R::WithdrawScope))}</legend>
                        <label class="choice" for="withdraw-all">
                            <input id="withdraw-all" type="radio" name="scope" prop:checked=move || all.get()
                                on:change=move |_| { all.set(true); items_error.set(None); } />
                            <span>{i18n.tr(Key::Ret(R::WithdrawAll))}</span>
                        </label>
                        <label class="choice" for="withdraw-some">
                            <input id="withdraw-some" type="radio" name="scope" prop:checked=move || !all.get()
                                on:change=move |_| all.set(false) />
                            <span>{i18n.tr(Key::Ret(R::WithdrawSome))}</span>
                        </label>
                        <Show when=move || !all.get()>
                            <ul class="withdraw-items">
                                {items
                                    .clone()
                                    .into_iter()
                                    .map(|item| {
                                        let id = item.order_item_id;
                                        let input_id = format!("withdraw-item-{id}");
                                        view! {
                                            <li>
                                                <label class="choice" for=input_id.clone()>
                                                    <input id=input_id.clone() type="checkbox"
                                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            chosen.update(|c| {
                                                                c.retain(|x| *x != id);
                                                                if on { c.push(id); }
                                                            });
                                                            items_error.set(None);
                                                        } />
                                                    <span>{item.title.clone()} {item.variant.clone().map(|v| format!(" · {v}"))}</span>
                                                </label>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </Show>
                        <FieldErrorText id="item_ids-error".to_owned() error=items_error />
                    </fieldset>
                    <div class="form-actions">
                        <button type="button" class="btn btn-brand" id="withdraw-next" on:click=to_confirm>{i18n.tr(Key::Ret(R::Next))}</button>
                        <a class="btn btn-ghost" href=order_page.clone()>{i18n.tr(Key::Portal(P::Cancel))}</a>
                    </div>
                }
                .into_any()
                }
                Step::Confirm => {
                    let number = number.clone();
                    let statement_items = statement_items.clone();
                    view! {
                        <blockquote class="withdraw-statement">
                            <p>{move || i18n.t(Key::Ret(R::WithdrawStatement)).replace("{name}", name.get().trim()).replace("{number}", &number)}</p>
                            <ul>{statement_items}</ul>
                            <p class="muted">{move || i18n.t(Key::Ret(R::WithdrawReceiptTo)).replace("{email}", email.get().trim())}</p>
                        </blockquote>
                        <div class="form-actions">
                            <button
                                type="button"
                                class="btn btn-withdraw"
                                id="confirm-withdrawal"
                                disabled=move || send.pending().get()
                                aria-busy=move || send.pending().get().then_some("true")
                                on:click=move |_| { problem.set(None); send.dispatch(body(true)); }
                            >
                                {move || i18n.t(Key::Ret(if send.pending().get() { R::Confirming } else { R::ConfirmWithdrawal }))}
                            </button>
                            <button type="button" class="btn btn-secondary" on:click=move |_| step.set(Step::Statement)>
                                {i18n.tr(Key::Ret(R::Back))}
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }
        }}
    }
}
