//! `/dashboard/analytics`: a period (presets or two dates) and the cards counted over it
//! (`analytics_cards`), then the follow-up survey's results (answers, average, the 1–5 spread
//! as a bar chart, latest comments); last, the owner's or manager's weekly summary by mail.

use leptos::prelude::*;
use rebound_shared::api::surveys::SurveyStats;
use rebound_shared::{ErrorKind, Problem};

use super::analytics_cards::{Period, card_frame};
use super::analytics_weekly::WeeklySummaryToggle;
use crate::api::Card;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::format::{iso, short_date};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{A, H, Key, Locale};
use chrono::{Datelike, Duration, NaiveDate};

/// Today, as a UTC day (the cards count whole UTC days).
fn today() -> NaiveDate {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_default()
}

/// The period a preset names, ending today.
fn preset(which: A, today: NaiveDate) -> Period {
    let from = match which {
        A::Last7 => today - Duration::days(6),
        A::Last90 => today - Duration::days(89),
        A::ThisYear => today.with_ordinal(1).unwrap_or(today),
        _ => today - Duration::days(29),
    };
    Period {
        from: from.to_string(),
        to: today.to_string(),
    }
}

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::NavAnalytics);
    let today = today();
    let chosen_period = RwSignal::new(preset(A::Last30, today));
    let stats = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.survey_stats().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let presets = [A::Last7, A::Last30, A::Last90, A::ThisYear].map(|which| {
        let chosen = move || chosen_period.get() == preset(which, today);
        view! {
            <button
                type="button"
                class="btn btn-secondary btn-small range-preset"
                aria-pressed=move || chosen().to_string()
                on:click=move |_| chosen_period.set(preset(which, today))
            >
                {i18n.tr(Key::Stats(which))}
            </button>
        }
    });
    let period: Signal<Period> = chosen_period.into();
    let set_from = move |ev| chosen_period.update(|p| p.from = event_target_value(&ev));
    let set_to = move |ev| chosen_period.update(|p| p.to = event_target_value(&ev));
    view! {
        <div class="page">
            <h1 class="page-title">{i18n.tr(Key::NavAnalytics)}</h1>
            <fieldset class="card range-picker">
                <legend>{i18n.tr(Key::Stats(A::Period))}</legend>
                <div class="range-presets">{presets}</div>
                <div class="field">
                    <label for="range-from">{i18n.tr(Key::Stats(A::From))}</label>
                    <input id="range-from" type="date" prop:value=move || period.get().from on:change=set_from />
                </div>
                <div class="field">
                    <label for="range-to">{i18n.tr(Key::Stats(A::To))}</label>
                    <input id="range-to" type="date" prop:value=move || period.get().to on:change=set_to />
                </div>
            </fieldset>
            {card_frame("card-return-rate", Card::ReturnRate, A::RateTitle, A::RateLead, period)}
            {card_frame("card-reasons", Card::Reasons, A::ReasonsTitle, A::ReasonsLead, period)}
            {card_frame("card-resolutions", Card::Resolutions, A::ResolutionsTitle, A::ResolutionsLead, period)}
            {card_frame("card-speed", Card::Speed, A::SpeedTitle, A::SpeedLead, period)}
            {card_frame("card-shoppers", Card::Shoppers, A::ShoppersTitle, A::ShoppersLead, period)}
            <section class="card" aria-labelledby="survey-title">
                <div class="card-header">
                    <h2 id="survey-title" class="card-title">{i18n.tr(Key::Help(H::SurveyResults))}</h2>
                    <p class="card-lead">{i18n.tr(Key::Help(H::SurveyResultsLead))}</p>
                </div>
                {move || match stats.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                    Some(Ok(s)) if s.answers == 0 => view! {
                        <EmptyState illustration=Illustration::Analytics title=Key::Help(H::NoAnswersTitle) body=Key::Help(H::NoAnswersBody) />
                    }
                    .into_any(),
                    Some(Ok(s)) => view! { <SurveyResults stats=s /> }.into_any(),
                }}
            </section>
            <WeeklySummaryToggle />
        </div>
    }
}

#[component]
fn SurveyResults(stats: SurveyStats) -> impl IntoView {
    let i18n = use_i18n();
    let average = stats.average;
    let shown_average = move || {
        average.map_or_else(
            || "—".to_owned(),
            |a| {
                let text = format!("{a:.1}");
                if i18n.locale() == Locale::Fr {
                    text.replace('.', ",")
                } else {
                    text
                }
            },
        )
    };
    let peak = stats.distribution.iter().copied().max().unwrap_or(0).max(1);
    // One bar per rating, five stars at the top; widths relative to the largest count.
    let (row, left, width) = (28.0_f64, 56.0_f64, 300.0_f64);
    let bars = stats
        .distribution
        .iter()
        .enumerate()
        .rev()
        .enumerate()
        .map(|(line, (index, count))| {
            let stars = index + 1;
            let y = line as f64 * row;
            let w = (*count as f64 / peak as f64 * width).max(if *count > 0 { 2.0 } else { 0.0 });
            let count = *count;
            let label = move || {
                i18n.t(Key::Help(H::BarLabel))
                    .replace("{n}", &stars.to_string())
                    .replace("{count}", &count.to_string())
            };
            view! {
                <g role="listitem" aria-label=label>
                    <text x="0" y=y + 18.0>{format!("{stars} ★")}</text>
                    <rect class="bar" x=left y=y + 6.0 width=w height="16" rx="3"></rect>
                    <text x=left + w + 6.0 y=y + 18.0>{count}</text>
                </g>
            }
        })
        .collect_view();
    let height = row * 5.0;
    let comments = stats
        .recent_comments
        .into_iter()
        .map(|c| {
            let at = c.answered_at;
            view! {
                <li>
                    <p class="muted">
                        {"★".repeat(c.rating.clamp(0, 5) as usize)} " · " {c.order_number} " · "
                        <time datetime=iso(&at)>{move || short_date(&at, i18n.locale())}</time>
                    </p>
                    <p>{c.comment}</p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let no_comments = comments.is_empty();
    view! {
        <div class="survey-figures">
            <div>
                <p class="figure-value">{stats.answers}</p>
                <p class="figure-label">{i18n.tr(Key::Help(H::Answers))}</p>
            </div>
            <div>
                <p class="figure-value">{shown_average} " / 5"</p>
                <p class="figure-label">{i18n.tr(Key::Help(H::Average))}</p>
            </div>
        </div>
        <h3 class="composer-title" id="chart-title">{i18n.tr(Key::Help(H::Distribution))}</h3>
        <svg
            class="rating-chart"
            viewBox=format!("0 0 {} {height}", left + width + 48.0)
            role="list"
            aria-labelledby="chart-title"
        >
            {bars}
        </svg>
        <h3 class="composer-title">{i18n.tr(Key::Help(H::LatestComments))}</h3>
        {if no_comments {
            view! { <p class="muted">{i18n.tr(Key::Help(H::NoComments))}</p> }.into_any()
        } else {
            view! { <ul class="survey-comments">{comments}</ul> }.into_any()
        }}
    }
}
