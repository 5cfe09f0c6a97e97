//! The dashboard's frame for every signed-in section: the header with the shop and the staff
//! member, the navigation, and the section itself. Signed out or expired: back to sign-in.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use rebound_shared::ErrorKind;

use crate::components::alert::ProblemAlert;
use crate::components::language_switch::LanguageSwitch;
use crate::components::loading::Skeleton;
use crate::components::nav::DashboardNav;
use crate::components::open_issues::provide_open_issues;
use crate::components::wordmark::Wordmark;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, role_key};
use crate::routes::Page;

#[component]
pub fn DashboardShell() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    provide_open_issues();

    // `None`: no token at all; `Some(answer)`: what `/me` said.
    let me = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => Some(api.me().await),
                None => None,
            }
        }
    });
    Effect::new(move || match me.get() {
        // Signed out: sign in, then back here (a bookmarked case, a link from a colleague).
        Some(None) => {
            let here = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            let login = if here.is_empty() || here == Page::Dashboard.path() {
                Page::Login
            } else {
                Page::LoginThen(here)
            };
            navigate(&login.path(), Default::default());
        }
        Some(Some(Ok(found))) => auth.set_me(found),
        Some(Some(Err(p))) if p.kind == ErrorKind::Unauthorized => {
            // Signing out empties the token, which refetches into `None` and redirects.
            auth.sign_out(Some(Key::SessionEnded));
        }
        _ => {}
    });
    // The shop requires two-factor sign-in and this person has not turned it on: the server
    // answers nothing else until they do, so every section leads to the Security page, which
    // says why.
    let location = use_location();
    {
        let navigate = use_navigate();
        Effect::new(move || {
            let must_enrol = auth
                .me()
                .is_some_and(|me| me.two_factor.required && !me.two_factor.enabled);
            let here = location.pathname.get();
            if must_enrol && here.trim_end_matches('/') != Page::Security.path() {
                navigate(&Page::Security.path(), Default::default());
            }
        });
    }
    let failure = Signal::derive(move || match me.get() {
        Some(Some(Err(p))) if p.kind != ErrorKind::Unauthorized => Some(p),
        _ => None,
    });
    let loaded = move || auth.me().is_some();

    let company = move || match auth.me() {
        Some(me) => {
            view! { <span class="company-name">{me.merchant.company_name}</span> }.into_any()
        }
        None => view! { <Skeleton width="7rem" /> }.into_any(),
    };
    let who = move || match auth.me() {
        Some(me) => {
            let role = role_key(me.staff.role);
            view! {
                <span class="who">
                    <span class="visually-hidden">{i18n.tr(Key::SignedInAs)} " "</span>
                    <span class="who-name">{me.staff.name}</span>
                    <span class="role-badge">{i18n.tr(role)}</span>
                </span>
            }
            .into_any()
        }
        None => view! { <Skeleton width="9rem" /> }.into_any(),
    };
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_main();
    };

    view! {
        <div class="app">
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {i18n.tr(Key::SkipToContent)}
            </a>
            <header class="app-header">
                <div class="app-header-brand">
                    <a href=Page::Dashboard.path() class="wordmark-link" aria-label="Rebound">
                        <Wordmark />
                    </a>
                    <span class="header-divider" aria-hidden="true"></span>
                    {company}
                </div>
                <div class="app-header-tools">
                    {who}
                    <LanguageSwitch />
                    <button
                        type="button"
                        class="btn btn-ghost btn-small"
                        on:click=move |_| auth.sign_out(None)
                    >
                        <svg viewBox="0 0 24 24" class="btn-icon" aria-hidden="true">
                            <path d="M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10" />
                        </svg>
                        <span class="sign-out-label">{i18n.tr(Key::SignOut)}</span>
                    </button>
                </div>
            </header>
            <div class="app-body">
                {move || {
                    if loaded() {
                        view! { <DashboardNav /> }.into_any()
                    } else {
                        view! { <NavSkeleton /> }.into_any()
                    }
                }}
                <main id="main" class="app-main" tabindex="-1">
                    <ProblemAlert problem=failure />
                    {move || {
                        failure
                            .get()
                            .is_some()
                            .then(|| {
                                view! {
                                    <button type="button" class="btn btn-secondary" on:click=move |_| me.refetch()>
                                        {i18n.tr(Key::TryAgain)}
                                    </button>
                                }
                            })
                    }}
                    <Outlet />
                </main>
            </div>
        </div>
    }
}

#[component]
fn NavSkeleton() -> impl IntoView {
    view! {
        <div class="app-nav nav-skeleton" aria-hidden="true">
            <Skeleton width="6rem" />
            <Skeleton width="5rem" />
            <Skeleton width="6.5rem" />
            <Skeleton width="5.5rem" />
            <Skeleton width="6rem" />
        </div>
    }
}

fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}
