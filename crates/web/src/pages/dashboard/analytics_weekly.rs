//! The Analytics page's "Email me a weekly summary" checkbox: the signed-in owner's or
//! manager's own choice (agents do not see it), saved at once, in the page's language.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::analytics::WeeklySummary;
use rebound_shared::api::auth::MailLocale;
use rebound_shared::roles::Role;

use crate::components::alert::ProblemAlert;
use crate::components::toast::{ToastRegion, provide_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{A, Key, Locale, M};

#[component]
pub fn WeeklySummaryToggle() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // The Analytics page has no toasts of its own: this checkbox brings them.
    let toasts = provide_toasts();
    let allowed = move || {
        auth.me()
            .is_some_and(|me| matches!(me.staff.role, Role::Owner | Role::Manager))
    };
    let enabled = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    // Until the choice is read, and while a change is saved, the box cannot be clicked.
    let busy = RwSignal::new(true);
    // Read once the page knows who is signed in; agents never ask.
    Effect::new(move |_| {
        if !allowed() {
            return;
        }
        let Some(api) = auth.api_untracked() else {
            return;
        };
        spawn_local(async move {
            match api.weekly_summary().await {
                Ok(w) => enabled.set(w.enabled),
                Err(p) => problem.set(Some(p)),
            }
            busy.set(false);
        });
    });
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let Some(api) = auth.api_untracked() else {
            return;
        };
        let body = WeeklySummary {
            enabled: on,
            locale: match i18n.locale() {
                Locale::Fr => MailLocale::Fr,
                Locale::En => MailLocale::En,
            },
        };
        enabled.set(on);
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            match api.set_weekly_summary(&body).await {
                Ok(saved) => {
                    enabled.set(saved.enabled);
                    toasts.show(Key::Mail(if saved.enabled {
                        M::TurnedOn
                    } else {
                        M::TurnedOff
                    }));
                }
                Err(p) => {
                    enabled.set(!on);
                    problem.set(Some(p));
                }
            }
            busy.set(false);
        });
    };
    let toggle = move || {
        allowed().then(|| {
            view! {
                <div class="card weekly-summary">
                    <div class="check">
                        <input
                            type="checkbox"
                            id="weekly-summary"
                            aria-describedby="weekly-summary-hint"
                            prop:checked=move || enabled.get()
                            disabled=move || busy.get()
                            aria-busy=move || busy.get().to_string()
                            on:change=on_change
                        />
                        <label for="weekly-summary">{i18n.tr(Key::Stats(A::WeeklyToggle))}</label>
                    </div>
                    <p class="field-hint" id="weekly-summary-hint">{i18n.tr(Key::Stats(A::WeeklyHint))}</p>
                    <ProblemAlert problem=problem />
                </div>
            }
        })
    };
    view! {
        <ToastRegion />
        {toggle}
    }
}
