//! `/dashboard/security`: the signed-in person's two-factor sign-in (turn it on with a QR code
//! or a typed key and a first code; turn it off; new recovery codes) and, for owners, the
//! switch that requires it from everyone. Staff whom the shop requires it from and who have
//! not turned it on are sent here (`DashboardShell`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::api::two_factor::{SecuritySettings, TwoFactorCode, TwoFactorStatus};
use rebound_shared::domain::SecondFactor;
use rebound_shared::domain::second_factor::SECOND_FACTOR_MAX;
use rebound_shared::{ErrorKind, Permission, Problem};
use web_sys::SubmitEvent;

use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus};
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::components::toast::{ToastRegion, provide_toasts, use_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{F, Key};
use crate::pages::dashboard::security_enrol::{Enrolment, RecoveryCodesPanel};

fn signed_out() -> Problem {
    Problem::new(ErrorKind::Unauthorized, "signed out")
}

#[component]
pub fn SecurityPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::Sec(F::Title));
    provide_toasts();
    // Bumped after every change: the status is read again, and so is `/me` (the dashboard's
    // frame stops sending the person here once they have two factors).
    let changed = RwSignal::new(0_u32);
    // Recovery codes just made: shown until the person says they saved them.
    let shown_codes = RwSignal::new(None::<Vec<String>>);
    let status = LocalResource::new(move || {
        let _ = changed.get();
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.two_factor().await,
                None => Err(signed_out()),
            }
        }
    });
    let on_change = Callback::new(move |()| {
        changed.update(|n| *n += 1);
        if let Some(api) = auth.api_untracked() {
            spawn_local(async move {
                if let Ok(me) = api.me().await {
                    auth.set_me(me);
                }
            });
        }
    });
    let required_notice = move || {
        auth.me()
            .is_some_and(|me| me.two_factor.required && !me.two_factor.enabled)
            .then(|| {
                view! {
                    <div class="alert alert-info" role="status">
                        <p class="alert-title">{i18n.tr(Key::Sec(F::RequiredNotice))}</p>
                    </div>
                }
            })
    };
    view! {
        <div class="page-header">
            <h1 class="page-title">{i18n.tr(Key::Sec(F::Title))}</h1>
        </div>
        {required_notice}
        {move || shown_codes.get().map(|codes| view! { <RecoveryCodesPanel codes=codes on_saved=Callback::new(move |()| shown_codes.set(None)) /> })}
        <section class="card security-card" aria-labelledby="two-factor-title">
            <h2 id="two-factor-title" class="card-title">{i18n.tr(Key::Sec(F::TwoFactorTitle))}</h2>
            <p class="card-lead">{i18n.tr(Key::Sec(F::TwoFactorLead))}</p>
            {move || match status.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(s)) if s.enabled => view! { <TurnedOn status=s shown_codes=shown_codes on_change=on_change /> }.into_any(),
                Some(Ok(_)) => view! { <Enrolment shown_codes=shown_codes on_change=on_change /> }.into_any(),
            }}
        </section>
        {move || auth.can(Permission::ManageStaff).then(|| {
            let own = Signal::derive(move || {
                status.get().and_then(Result::ok).is_some_and(|s| s.enabled)
            });
            view! { <RequireForEveryone own_enabled=own /> }
        })}
        <ToastRegion />
    }
}

/// Two-factor sign-in is on: how many recovery codes are left, new ones, turning it off.
#[component]
fn TurnedOn(
    status: TwoFactorStatus,
    shown_codes: RwSignal<Option<Vec<String>>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let auth = use_auth();
    let left = status.recovery_codes_left.to_string();

    let new_code = RwSignal::new(String::new());
    let new_error: ErrorSlot = RwSignal::new(None);
    let new_problem = RwSignal::new(None::<Problem>);
    let regenerate = Action::new_local(move |body: &TwoFactorCode| {
        let body = body.clone();
        let api = auth.api_untracked();
        async move {
            match api {
                Some(api) => api.regenerate_recovery_codes(&body).await,
                None => Err(signed_out()),
            }
        }
    });
    Effect::new(move || match regenerate.value().get() {
        Some(Ok(codes)) => {
            new_code.set(String::new());
            shown_codes.set(Some(codes.codes));
            on_change.run(());
        }
        Some(Err(p)) => refused(p, "new-codes-code", new_error, new_problem),
        None => {}
    });

    let off_code = RwSignal::new(String::new());
    let off_error: ErrorSlot = RwSignal::new(None);
    let off_problem = RwSignal::new(None::<Problem>);
    let disable = Action::new_local(move |body: &TwoFactorCode| {
        let body = body.clone();
        let api = auth.api_untracked();
        async move {
            match api {
                Some(api) => api.disable_two_factor(&body).await,
                None => Err(signed_out()),
            }
        }
    });
    Effect::new(move || match disable.value().get() {
        Some(Ok(())) => {
            shown_codes.set(None);
            toasts.show(Key::Sec(F::TurnedOff));
            on_change.run(());
        }
        Some(Err(p)) => refused(p, "disable-code", off_error, off_problem),
        None => {}
    });

    let submit = move |value: RwSignal<String>,
                       error: ErrorSlot,
                       problem: RwSignal<Option<Problem>>,
                       id: &'static str| {
        problem.set(None);
        let typed = value.get_untracked();
        error.set(FieldMessage::check("code", &typed, SecondFactor::validate));
        if error.with_untracked(Option::is_some) {
            focus(id);
            return None;
        }
        Some(TwoFactorCode { code: typed })
    };
    let on_regenerate = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(body) = submit(new_code, new_error, new_problem, "new-codes-code") {
            regenerate.dispatch(body);
        }
    };
    let on_disable = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(body) = submit(off_code, off_error, off_problem, "disable-code") {
            disable.dispatch(body);
        }
    };

    view! {
        <p class="security-status security-on">
            <strong>{i18n.tr(Key::Sec(F::StatusOn))}</strong>
            " "
            {move || i18n.t(Key::Sec(F::CodesLeft)).replace("{count}", &left)}
        </p>
        <div class="security-forms">
            <form class="form" novalidate on:submit=on_regenerate aria-labelledby="new-codes-title">
                <h3 id="new-codes-title" class="subsection-title">{i18n.tr(Key::Sec(F::NewCodesTitle))}</h3>
                <ProblemAlert problem=new_problem />
                <Field
                    id="new-codes-code"
                    label=Key::Sec(F::AppCode)
                    hint=Key::Sec(F::NewCodesLead)
                    value=new_code
                    error=new_error
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    literal=true
                    required=true
                    max_length={SECOND_FACTOR_MAX as u64}
                />
                <SubmitButton label=Key::Sec(F::NewCodes) busy_label=Key::Sec(F::MakingCodes) pending=regenerate.pending() />
            </form>
            <form class="form" novalidate on:submit=on_disable aria-labelledby="disable-title">
                <h3 id="disable-title" class="subsection-title">{i18n.tr(Key::Sec(F::TurnOffTitle))}</h3>
                <ProblemAlert problem=off_problem />
                <Field
                    id="disable-code"
                    label=Key::Sec(F::CodeOrRecovery)
                    hint=Key::Sec(F::TurnOffLead)
                    value=off_code
                    error=off_error
                    autocomplete="off"
                    literal=true
                    required=true
                    max_length={SECOND_FACTOR_MAX as u64}
                />
                <SubmitButton label=Key::Sec(F::TurnOff) busy_label=Key::Sec(F::TurningOff) pending=disable.pending() />
            </form>
        </div>
    }
}

/// A refusal of a code: under the field when it names the code, above the form otherwise
/// (a wait, a fault).
pub(crate) fn refused(
    problem: Problem,
    id: &'static str,
    error: ErrorSlot,
    alert: RwSignal<Option<Problem>>,
) {
    match problem.field("code") {
        Some(e) => {
            error.set(Some(FieldMessage::from_server(e)));
            focus(id);
        }
        None => alert.set(Some(problem)),
    }
}

/// The owner's switch: two-factor sign-in for every staff member.
#[component]
fn RequireForEveryone(#[prop(into)] own_enabled: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let required = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    // Until the rule is read, and while a change is saved, the box cannot be clicked: a click
    // then would save a guess, or race the save before it.
    let busy = RwSignal::new(true);
    Effect::new(move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        spawn_local(async move {
            match api.security_settings().await {
                Ok(s) => required.set(s.require_two_factor),
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
        required.set(on);
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let body = SecuritySettings {
                require_two_factor: on,
            };
            match api.save_security_settings(&body).await {
                Ok(saved) => {
                    required.set(saved.require_two_factor);
                    toasts.show(Key::Sec(F::Saved));
                }
                Err(p) => {
                    required.set(!on);
                    problem.set(Some(p));
                }
            }
            busy.set(false);
        });
    };
    // Off and not enrolled: the box cannot be ticked, and the hint says why.
    let locked = move || !own_enabled.get() && !required.get();
    view! {
        <section class="card security-card" aria-labelledby="require-title">
            <h2 id="require-title" class="card-title">{i18n.tr(Key::Sec(F::RequireTitle))}</h2>
            <p class="card-lead">{i18n.tr(Key::Sec(F::RequireLead))}</p>
            <div class="check">
                <input
                    type="checkbox"
                    id="require-two-factor"
                    aria-describedby="require-two-factor-hint"
                    prop:checked=move || required.get()
                    disabled=move || locked() || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:change=on_change
                />
                <label for="require-two-factor">{i18n.tr(Key::Sec(F::RequireLabel))}</label>
            </div>
            <p class="field-hint" id="require-two-factor-hint" hidden=move || !locked()>
                {i18n.tr(Key::Sec(F::RequireNeedsYours))}
            </p>
            <ProblemAlert problem=problem />
        </section>
    }
}
