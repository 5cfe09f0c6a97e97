//! The Policies tab: the shop's return policy rules as sentences in the reader's language, in
//! the order they are read, each enabled or not, moved, edited or deleted in a draft list that
//! is saved whole; the rule form; and the "try it" box. Agents read the list only.

mod condition_row;
mod rule_form;
mod try_box;
mod values;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::policies::{PoliciesView, PolicySource, UpdatePolicies};
use rebound_shared::api::settings::ReturnReasonView;
use rebound_shared::domain::Currency;
use rebound_shared::domain::policy::{PolicyRule, describe_rule_with};
use rebound_shared::{ErrorKind, FieldError, Problem};

use rule_form::RuleForm;
use try_box::TryBox;
use values::{under, wording};

use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::field::focus;
use crate::components::loading::Loading;
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, L, Locale, S};

/// What the rule form is open on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Editing {
    Closed,
    New,
    /// The rule at this place in the list.
    At(usize),
}

/// The tab: loads the rules and the shop's currency, then the list.
#[component]
pub fn PoliciesTab(
    reasons: Vec<ReturnReasonView>,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let auth = use_auth();
    let reasons = StoredValue::new(reasons);
    let loaded = LocalResource::new(move || {
        let api = auth.api();
        async move {
            let Some(api) = api else {
                return Err(Problem::new(ErrorKind::Unauthorized, "signed out"));
            };
            let view = api.policies().await?;
            let currency = api.shop_currency().await?;
            let currency = Currency::parse(&currency)
                .map_err(|e| Problem::new(ErrorKind::Internal, e.code.to_string()))?;
            Ok((view, currency))
        }
    });
    view! {
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
            Some(Ok((view, currency))) => view! {
                <RuleList view=view currency=currency reasons=reasons readonly=readonly />
                <TryBox />
            }.into_any(),
        }}
    }
}

/// The errors the server found in the `i`th rule, their fields relative to the rule.
fn rule_errors(errors: &[FieldError], i: usize) -> Vec<FieldError> {
    let prefix = format!("rules[{i}]");
    errors
        .iter()
        .filter(|e| under(&e.field, &prefix))
        .map(|e| FieldError {
            field: e.field[prefix.len()..].trim_start_matches('.').to_owned(),
            ..e.clone()
        })
        .collect()
}

#[component]
fn RuleList(
    view: PoliciesView,
    currency: Currency,
    reasons: StoredValue<Vec<ReturnReasonView>>,
    readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let initial: Vec<PolicyRule> = view.rules.into_iter().map(|d| d.rule).collect();
    let rules = RwSignal::new(initial.clone());
    let saved = RwSignal::new(initial);
    let source = RwSignal::new(view.source);
    let editing = RwSignal::new(Editing::Closed);
    let problem = RwSignal::new(None::<Problem>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let pending = RwSignal::new(false);
    let dirty = move || rules.with(|r| saved.with(|s| r != s));

    // Any change to the list makes the last answer's errors point at the wrong rules.
    let change = move |f: &dyn Fn(&mut Vec<PolicyRule>)| {
        rules.update(|r| f(r));
        errors.set(Vec::new());
        problem.set(None);
    };
    let shift = move |i: usize, up: bool| {
        editing.set(Editing::Closed);
        change(&|r| {
            let j = if up { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < r.len()) {
                r.swap(i, j);
            }
        });
    };
    let sentence = move |rule: &PolicyRule| {
        let lang = i18n.locale().lang();
        reasons.with_value(|list| {
            describe_rule_with(rule, lang, &|id| {
                list.iter()
                    .find(|r| r.id == id)
                    .map(|r| match i18n.locale() {
                        Locale::En => r.label_en.clone(),
                        Locale::Fr => r.label_fr.clone(),
                    })
            })
        })
    };

    let save = move |_| {
        let Some(api) = auth.api() else { return };
        let body = UpdatePolicies {
            rules: rules.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.save_policies(&body).await;
            pending.set(false);
            match result {
                Ok(view) => {
                    let list: Vec<PolicyRule> = view.rules.into_iter().map(|d| d.rule).collect();
                    rules.set(list.clone());
                    saved.set(list);
                    source.set(view.source);
                    errors.set(Vec::new());
                    problem.set(None);
                    toasts.show(Key::Set(S::Saved));
                }
                Err(p) => {
                    // The draft stays as it was: each rule shows what the server said of it.
                    errors.set(p.errors.clone());
                    if let Some(i) = (0..rules.with_untracked(Vec::len))
                        .find(|i| !rule_errors(&p.errors, *i).is_empty())
                    {
                        request_animation_frame(move || focus(&format!("policy-rule-{i}-errors")));
                    }
                    problem.set(Some(p));
                }
            }
        });
    };
    // Field errors are shown beside their rule; the alert keeps the headline and the rest.
    let alert = Signal::derive(move || {
        problem.get().map(|mut p| {
            p.errors.retain(|e| !e.field.starts_with("rules["));
            p
        })
    });

    let row = move |i: usize, rule: PolicyRule, count: usize| {
        let n = i + 1;
        let enabled = rule.enabled;
        let mine = move || errors.with(|all| rule_errors(all, i));
        let what = move || i18n.t(Key::Pol(L::RuleN)).replace("{n}", &n.to_string());
        let labelled = move |key: Key| format!("{} — {}", i18n.t(key), what());
        let text = {
            let rule = rule.clone();
            move || sentence(&rule)
        };
        view! {
            <li class="item-row policy-rule" class:retired=!enabled>
                <span class="item-main">
                    <span class="policy-number">{n} ". "</span>
                    {text}
                    " "
                    {(!enabled).then(|| view! { <span class="badge badge-muted">{i18n.tr(Key::Pol(L::Off))}</span> })}
                </span>
                {move || (!readonly.get()).then(|| view! {
                    <span class="item-actions">
                        <button type="button" class="btn btn-ghost btn-small" disabled={i == 0}
                            aria-label=move || labelled(Key::Set(S::MoveUp)) on:click=move |_| shift(i, true)>"↑"</button>
                        <button type="button" class="btn btn-ghost btn-small" disabled={n == count}
                            aria-label=move || labelled(Key::Set(S::MoveDown)) on:click=move |_| shift(i, false)>"↓"</button>
                        <button type="button" class="btn btn-secondary btn-small"
                            aria-label=move || labelled(Key::Set(S::Edit)) on:click=move |_| editing.set(Editing::At(i))>
                            {i18n.tr(Key::Set(S::Edit))}
                        </button>
                        <button type="button" class="btn btn-secondary btn-small"
                            aria-label=move || labelled(Key::Pol(if enabled { L::Disable } else { L::Enable }))
                            on:click=move |_| change(&|r| if let Some(rule) = r.get_mut(i) { rule.enabled = !rule.enabled })>
                            {i18n.tr(Key::Pol(if enabled { L::Disable } else { L::Enable }))}
                        </button>
                        <button type="button" class="btn btn-secondary btn-small"
                            aria-label=move || labelled(Key::Pol(L::Delete))
                            on:click=move |_| {
                                change(&|r| { if i < r.len() { r.remove(i); } });
                                editing.set(Editing::Closed);
                            }>
                            {i18n.tr(Key::Pol(L::Delete))}
                        </button>
                    </span>
                })}
                {move || {
                    let mine = mine();
                    (!mine.is_empty()).then(|| view! {
                        <div class="field-error policy-rule-errors" id=format!("policy-rule-{i}-errors") tabindex="-1">
                            <strong>{i18n.tr(Key::Pol(L::NeedsAttention))}</strong>
                            <ul>{mine.iter().map(|e| view! { <li>{wording(i18n, e)}</li> }).collect_view()}</ul>
                        </div>
                    })
                }}
            </li>
        }
    };

    let form = move || {
        let open = editing.get();
        let (existing, number) = match open {
            Editing::Closed => return None,
            Editing::New => (None, None),
            Editing::At(i) => (rules.with_untracked(|r| r.get(i).cloned()), Some(i + 1)),
        };
        let at = number.map(|n| n - 1);
        let taken_ids: Vec<String> =
            rules.with_untracked(|r| r.iter().map(|x| x.id.clone()).collect());
        let preset = at
            .map(|i| errors.with_untracked(|all| rule_errors(all, i)))
            .unwrap_or_default();
        let done = Callback::new(move |rule: PolicyRule| {
            change(&|r| match at {
                Some(i) if i < r.len() => r[i] = rule.clone(),
                _ => r.push(rule.clone()),
            });
            editing.set(Editing::Closed);
        });
        Some(view! {
            <RuleForm existing=existing number=number taken_ids=taken_ids errors=preset reasons=reasons
                currency=currency on_done=done on_cancel=Callback::new(move |()| editing.set(Editing::Closed)) />
        })
    };

    view! {
        <section class="card" aria-labelledby="policies-title">
            <div class="card-header">
                <h2 id="policies-title" class="card-title">{i18n.tr(Key::Pol(L::Title))}</h2>
                <p class="card-lead">{i18n.tr(Key::Pol(L::Lead))}</p>
            </div>
            {move || (source.get() == PolicySource::Settings).then(|| view! {
                <p class="alert alert-info">{i18n.tr(Key::Pol(L::FromSettings))}</p>
            })}
            <ProblemAlert problem=alert />
            {move || {
                let list = rules.get();
                let count = list.len();
                if count == 0 {
                    view! { <EmptyState illustration=Illustration::Returns title=Key::Pol(L::NoRulesTitle) body=Key::Pol(L::NoRulesBody) /> }.into_any()
                } else {
                    view! {
                        <ol class="item-list policy-rules">
                            {list.into_iter().enumerate().map(|(i, r)| row(i, r, count)).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
            {move || (!readonly.get()).then(|| view! {
                {move || dirty().then(|| view! { <p class="alert alert-warning" role="status">{i18n.tr(Key::Pol(L::Unsaved))}</p> })}
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" disabled=move || pending.get()
                        aria-busy=move || pending.get().then_some("true") on:click=save>
                        {move || pending.get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
                        {move || i18n.t(if pending.get() { Key::Set(S::Saving) } else { Key::Pol(L::SaveRules) })}
                    </button>
                    {move || dirty().then(|| view! {
                        <button type="button" class="btn btn-secondary" on:click=move |_| {
                            change(&|r| *r = saved.get_untracked());
                            editing.set(Editing::Closed);
                        }>{i18n.tr(Key::Pol(L::Discard))}</button>
                    })}
                    {move || (editing.get() == Editing::Closed).then(|| view! {
                        <button type="button" class="btn btn-secondary" on:click=move |_| editing.set(Editing::New)>
                            {i18n.tr(Key::Pol(L::AddRule))}
                        </button>
                    })}
                </div>
                {form}
            })}
        </section>
    }
}
