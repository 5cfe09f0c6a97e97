//! `/{slug}/survey/{token}`: the follow-up survey behind the mailed link: 1 to 5 stars (a
//! radio group) and a comment; an earlier answer is shown and can be changed.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use rebound_shared::Problem;
use rebound_shared::api::surveys::{SurveyAnswer, SurveyView};
use rebound_shared::limits;

use crate::api;
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, FieldErrorText, FieldMessage, SubmitButton, show_server_errors,
};
use crate::components::loading::Loading;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key};

const STAR: &str = "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z";

#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let (slug, token) = params.with_untracked(|p| {
        (
            p.get("slug").unwrap_or_default(),
            p.get("token").unwrap_or_default(),
        )
    });
    let survey = {
        let (slug, token) = (slug.clone(), token.clone());
        LocalResource::new(move || {
            let (slug, token) = (slug.clone(), token.clone());
            async move { api::survey(&slug, &token).await }
        })
    };
    move || match survey.get() {
        None => view! { <div class="portal-card narrow"><Loading /></div> }.into_any(),
        Some(Err(p)) => {
            let invalid = matches!(p.kind, rebound_shared::ErrorKind::NotFound);
            view! {
                <section class="portal-card narrow" aria-labelledby="survey-title">
                    <h1 id="survey-title" class="section-heading">{i18n.tr(Key::Help(H::SurveyTitle))}</h1>
                    {if invalid {
                        view! { <div class="alert alert-error" role="alert"><p class="alert-title">{i18n.tr(Key::Help(H::SurveyInvalid))}</p></div> }.into_any()
                    } else {
                        view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
                    }}
                </section>
            }
            .into_any()
        }
        Some(Ok(found)) => {
            view! { <SurveyForm survey=found slug=slug.clone() token=token.clone() /> }.into_any()
        }
    }
}

#[component]
fn SurveyForm(survey: SurveyView, slug: String, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let earlier = survey.answer.clone();
    let rating = RwSignal::new(earlier.as_ref().map_or(0, |a| a.rating));
    let comment = RwSignal::new(
        earlier
            .as_ref()
            .and_then(|a| a.comment.clone())
            .unwrap_or_default(),
    );
    let rating_error: ErrorSlot = RwSignal::new(None);
    let comment_error: ErrorSlot = RwSignal::new(None);
    let slots = [("rating", rating_error), ("comment", comment_error)];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let thanked = RwSignal::new(false);
    let answered = RwSignal::new(earlier.is_some());
    let number = survey.order_number.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let stars = rating.get_untracked();
        if !(1..=5).contains(&stars) {
            rating_error.set(Some(FieldMessage::Key(Key::Help(H::RatingRequired))));
            focus_star(1);
            return;
        }
        let text = comment.get_untracked().trim().to_owned();
        let body = SurveyAnswer {
            rating: stars,
            comment: (!text.is_empty()).then_some(text),
        };
        let (slug, token) = (slug.clone(), token.clone());
        pending.set(true);
        spawn_local(async move {
            let result = api::answer_survey(&slug, &token, &body).await;
            pending.set(false);
            match result {
                Ok(_) => {
                    answered.set(true);
                    thanked.set(true);
                }
                Err(p) => {
                    show_server_errors(&p.errors, &slots);
                    problem.set(Some(p));
                }
            }
        });
    };
    let stars = move || {
        (1..=5)
            .map(|n| {
                let id = format!("rating-{n}");
                let lit = move || rating.get() >= n;
                let label = move || i18n.t(Key::Help(H::StarsN)).replace("{n}", &n.to_string());
                view! {
                    <input
                        type="radio"
                        name="rating"
                        id=id.clone()
                        value=n.to_string()
                        prop:checked=move || rating.get() == n
                        on:change=move |_| {
                            rating.set(n);
                            rating_error.set(None);
                        }
                    />
                    <label for=id class:star-on=lit title=label>
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=STAR /></svg>
                        <span class="visually-hidden">{label}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let lead = move || {
        i18n.t(Key::Help(H::SurveyLead))
            .replace("{number}", &number)
    };
    view! {
        <section class="portal-card narrow" aria-labelledby="survey-title">
            <div>
                <h1 id="survey-title" class="section-heading">{i18n.tr(Key::Help(H::SurveyTitle))}</h1>
                <p class="muted">{lead}</p>
            </div>
            {move || if thanked.get() {
                view! {
                    <div class="alert alert-success" role="status">
                        <p class="alert-title">{i18n.tr(Key::Help(H::ThanksTitle))}</p>
                        <p>{i18n.tr(Key::Help(H::ThanksBody))}</p>
                    </div>
                    <button type="button" class="btn btn-secondary" on:click=move |_| thanked.set(false)>
                        {i18n.tr(Key::Help(H::ChangeAnswer))}
                    </button>
                }
                .into_any()
            } else {
                view! {
                    {move || answered.get().then(|| view! { <p class="alert alert-info">{i18n.tr(Key::Help(H::EarlierAnswer))}</p> })}
                    <ProblemAlert problem=problem />
                    <form class="form" novalidate on:submit=on_submit.clone()>
                        <fieldset class="group" aria-describedby="rating-error">
                            <legend>{i18n.tr(Key::Help(H::Rating))}</legend>
                            <div class="stars">{stars}</div>
                            <FieldErrorText id="rating-error".to_owned() error=rating_error />
                        </fieldset>
                        <div class="field" class:field-invalid=move || comment_error.with(Option::is_some)>
                            <label for="comment">{i18n.tr(Key::Help(H::Comment))}</label>
                            <textarea
                                id="comment"
                                name="comment"
                                rows="4"
                                maxlength=limits::SURVEY_COMMENT
                                aria-describedby="comment-error"
                                prop:value=move || comment.get()
                                on:input=move |ev| {
                                    comment.set(event_target_value(&ev));
                                    comment_error.set(None);
                                }
                            ></textarea>
                            <FieldErrorText id="comment-error".to_owned() error=comment_error />
                        </div>
                        <div class="form-actions">
                            <SubmitButton
                                label=if answered.get_untracked() { Key::Help(H::UpdateAnswer) } else { Key::Help(H::SendAnswer) }
                                busy_label=Key::Help(H::SendingAnswer)
                                pending=pending
                                brand=true
                            />
                        </div>
                    </form>
                }
                .into_any()
            }}
        </section>
    }
}

fn focus_star(n: i32) {
    use wasm_bindgen::JsCast;
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("rating-{n}")))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}
