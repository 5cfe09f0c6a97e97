//! `/{slug}/order/return`: the shopper starts a return, one screen per step: items and
//! quantities → a reason per item → (defective items) a comment and photos → resolution and
//! return method → summary. Each step is checked with the same rules the server applies
//! (`rebound_shared::domain::return_rules`) before the next one opens.

mod details;
mod exchange;
mod form;
mod items;
mod outcome;
mod reasons;
mod resolution;
mod submitted;
mod summary;
mod terms;

use leptos::prelude::*;
use rebound_shared::api::returns::{CreateReturn, ReturnOptions, ReturnView};
use rebound_shared::domain::NotReturnable;
use rebound_shared::{ErrorKind, Problem};

use crate::api::ShopperApi;
use crate::components::alert::ProblemAlert;
use crate::components::loading::Loading;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, P, R, not_returnable_key};
use crate::pages::portal::opened::use_opened_order;
use crate::pages::portal::returns_panel::OpenSoon;
use crate::routes::Page;

use details::DetailsStep;
use form::{Wizard, focus_first_invalid, server_errors};
use items::ItemsStep;
use outcome::Outcome;
use reasons::ReasonsStep;
use resolution::ResolutionStep;
use summary::SummaryStep;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Items,
    Reasons,
    Details,
    Resolution,
    Summary,
}

impl Step {
    /// The step's name; the details step is about a defect, or only photos of kept items.
    fn label(self, defect: bool) -> Key {
        Key::Ret(match self {
            Step::Items => R::StepItems,
            Step::Reasons => R::StepReasons,
            Step::Details if defect => R::StepDetails,
            Step::Details => R::StepPhotos,
            Step::Resolution => R::StepResolution,
            Step::Summary => R::StepSummary,
        })
    }
}

#[component]
pub fn ReturnWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let opened = use_opened_order();
    let (slug, api) = (opened.slug.clone(), opened.api.clone());
    let options = LocalResource::new({
        let (api, slug) = (api.clone(), slug.clone());
        move || {
            let (api, slug) = (api.clone(), slug.clone());
            async move {
                let Some(api) = api else {
                    return Err(Problem::new(ErrorKind::Unauthorized, "no open order"));
                };
                // Just submitted from this tab: a reload shows that return, not a blank form.
                if let Some(number) = submitted::recall(&slug) {
                    let made = api
                        .returns()
                        .await?
                        .into_iter()
                        .find(|r| r.number == number);
                    if let Some(made) = made {
                        return Ok(Opening::Made(Box::new(made)));
                    }
                }
                api.return_options().await.map(Opening::Form)
            }
        }
    });
    let another = Callback::new({
        let slug = slug.clone();
        move |()| {
            submitted::forget(&slug);
            options.refetch();
        }
    });
    let number = move || {
        opened
            .order
            .get()
            .and_then(|o| o.ok())
            .map(|o| o.number)
            .unwrap_or_default()
    };
    let order_page = Page::PortalOrder(slug.clone()).path();
    view! {
        <section class="portal-card narrow return-wizard" aria-labelledby="return-title">
            <div>
                <p class="portal-eyebrow">{number}</p>
                <h1 id="return-title" class="section-heading" tabindex="-1">{i18n.tr(Key::Ret(R::StartReturn))}</h1>
            </div>
            {move || match options.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! {
                    <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                    <button type="button" class="btn btn-secondary" on:click=move |_| options.refetch()>
                        {i18n.tr(Key::TryAgain)}
                    </button>
                }
                .into_any(),
                Some(Ok(Opening::Made(made))) => view! {
                    <Outcome made=*made order_page=order_page.clone() another=another />
                }
                .into_any(),
                Some(Ok(Opening::Form(found))) if found.closed.is_some() => view! {
                    <OpenSoon />
                    <a class="btn btn-brand" href=order_page.clone()>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                }
                .into_any(),
                Some(Ok(Opening::Form(found))) if found.items.iter().all(|i| i.returnable_quantity <= 0) => view! {
                    <div class="alert alert-info" role="status">
                        <p class="alert-title">{i18n.tr(Key::Ret(R::NothingToReturn))}</p>
                        <p>{i18n.tr(why_none(&found))}</p>
                    </div>
                    <a class="btn btn-brand" href=order_page.clone()>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                }
                .into_any(),
                Some(Ok(Opening::Form(found))) => view! {
                    <WizardSteps options=found api=api.clone() slug=slug.clone() order_page=order_page.clone() another=another />
                }
                .into_any(),
            }}
        </section>
    }
}

/// What the page opens on: the return just submitted, or the form.
#[derive(Debug, Clone)]
enum Opening {
    /// Boxed: a return's view is far larger than the form's options.
    Made(Box<ReturnView>),
    Form(ReturnOptions),
}

/// Why nothing can be returned, by the first item's reason.
pub fn why_none(options: &ReturnOptions) -> Key {
    let why = [
        NotReturnable::NotDelivered,
        NotReturnable::WindowClosed,
        NotReturnable::AllReturned,
        NotReturnable::NotReturnable,
    ]
    .into_iter()
    .find(|w| options.items.iter().any(|i| i.why_not == Some(*w)))
    .unwrap_or(NotReturnable::NotReturnable);
    not_returnable_key(why)
}

#[component]
fn WizardSteps(
    options: ReturnOptions,
    api: Option<ShopperApi>,
    slug: String,
    order_page: String,
    another: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = Wizard::new(options);
    let step = RwSignal::new(Step::Items);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<ReturnView>);
    let position = move || {
        let steps = wizard.steps();
        let at = steps.iter().position(|s| *s == step.get()).unwrap_or(0);
        (at, steps)
    };
    let focus_title = || {
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(h) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("step-title"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = h.focus();
            }
        });
    };
    let next = move |_| {
        problem.set(None);
        let current = step.get_untracked();
        if !wizard.check_through(current) {
            return;
        }
        let (at, steps) = position();
        if let Some(following) = steps.get(at + 1) {
            step.set(*following);
            focus_title();
        }
    };
    let back = move |_| {
        problem.set(None);
        let (at, steps) = position();
        if at > 0 {
            step.set(steps[at - 1]);
            focus_title();
        }
    };
    let submit = Action::new_local(move |body: &CreateReturn| {
        let (api, body) = (api.clone(), body.clone());
        async move {
            match api {
                Some(api) => api.create_return(&body).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
            }
        }
    });
    Effect::new(move || match submit.value().get() {
        Some(Ok(view)) => {
            submitted::remember(&slug, &view.number);
            done.set(Some(view));
        }
        Some(Err(p)) => {
            wizard.clear_errors();
            if let Some(first) = wizard.place(&server_errors(&p.errors)) {
                step.set(first);
                focus_first_invalid();
            }
            problem.set(Some(p));
        }
        None => {}
    });
    let on_submit = move |_| {
        problem.set(None);
        if wizard.check_through(Step::Summary) {
            submit.dispatch(wizard.request());
        }
    };

    let stepper = move || {
        let (at, steps) = position();
        let total = steps.len();
        steps
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                view! {
                    <li class="stepper-step" class:stepper-done=i < at aria-current=(i == at).then_some("step")>
                        <span class="stepper-number" aria-hidden="true">{i + 1}</span>
                        <span class="stepper-label">{i18n.tr(s.label(wizard.any_defective()))}</span>
                        <span class="visually-hidden">{move || {
                            i18n.t(Key::Ret(R::StepOf))
                                .replace("{n}", &(i + 1).to_string())
                                .replace("{total}", &total.to_string())
                        }}</span>
                    </li>
                }
            })
            .collect_view()
    };

    move || {
        if let Some(made) = done.get() {
            return view! { <Outcome made=made order_page=order_page.clone() another=another /> }
                .into_any();
        }
        let current = step.get();
        let (at, steps) = position();
        let last = at + 1 == steps.len();
        let screen = match current {
            Step::Items => view! { <ItemsStep wizard=wizard /> }.into_any(),
            Step::Reasons => view! { <ReasonsStep wizard=wizard /> }.into_any(),
            Step::Details => view! { <DetailsStep wizard=wizard /> }.into_any(),
            Step::Resolution => view! { <ResolutionStep wizard=wizard /> }.into_any(),
            Step::Summary => view! { <SummaryStep wizard=wizard /> }.into_any(),
        };
        view! {
            <ol class="stepper return-stepper" aria-label=i18n.tr(Key::Ret(R::Steps))>{stepper}</ol>
            <h2 id="step-title" class="return-step-title" tabindex="-1">
                {i18n.tr(current.label(wizard.any_defective()))}
            </h2>
            <ProblemAlert problem=problem />
            <div class="return-step">{screen}</div>
            <div class="form-actions return-nav">
                {if last {
                    view! {
                        <button
                            type="button"
                            class="btn btn-brand"
                            id="submit-return"
                            disabled=move || submit.pending().get()
                            aria-busy=move || submit.pending().get().then_some("true")
                            on:click=on_submit
                        >
                            {move || submit.pending().get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
                            <span>{move || i18n.t(Key::Ret(if submit.pending().get() { R::Submitting } else { R::Submit }))}</span>
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-brand" id="next-step" on:click=next>
                            {i18n.tr(Key::Ret(R::Next))}
                        </button>
                    }
                    .into_any()
                }}
                {if at > 0 {
                    view! {
                        <button type="button" class="btn btn-secondary" id="previous-step" on:click=back>
                            {i18n.tr(Key::Ret(R::Back))}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <a class="btn btn-ghost" href=order_page.clone()>{i18n.tr(Key::Portal(P::Cancel))}</a> }.into_any()
                }}
            </div>
        }
        .into_any()
    }
}
