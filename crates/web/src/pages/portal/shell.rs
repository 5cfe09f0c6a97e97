//! The portal's frame: loads the shop's public branding by slug and dresses every portal
//! screen in it (colours, logo, tab title and favicon). No such shop: the not-found page.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_navigate, use_params_map};
use rebound_shared::ErrorKind;
use rebound_shared::api::portal::PortalConfig;

use crate::api;
use crate::components::alert::ProblemAlert;
use crate::components::empty_state::{EmptyState, Illustration};
use crate::components::language_switch::LanguageSwitch;
use crate::components::loading::Loading;
use crate::contexts::branding::{
    apply_to_document, brand_style, current_favicon, restore_document, use_branding,
};
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;
use crate::pages::not_found::NotFound;

#[component]
pub fn PortalShell() -> impl IntoView {
    let i18n = use_i18n();
    let branding = use_branding();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));

    let answer = LocalResource::new(move || {
        let slug = slug.get();
        async move { api::portal_config(&slug).await }
    });
    let navigate = use_navigate();
    Effect::new(move || {
        let loaded = answer.get().and_then(Result::ok).map(|c| c.branding);
        if let Some(found) = &loaded {
            // The shop was renamed: the old address keeps working and moves to the new one.
            let asked = slug.with_untracked(Clone::clone);
            if found.slug != asked {
                let path = match web_sys::window().map(|w| w.location().pathname()) {
                    Some(Ok(path)) => {
                        path.replacen(&format!("/{asked}"), &format!("/{}", found.slug), 1)
                    }
                    _ => format!("/{}", found.slug),
                };
                navigate(
                    &path,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            apply_to_document(found);
        }
        branding.0.set(loaded);
    });
    let default_title = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_else(|| "Rebound".to_owned());
    let default_favicon = current_favicon();
    on_cleanup(move || {
        branding.0.set(None);
        restore_document(&default_title, default_favicon.as_deref());
    });

    move || {
        match answer.get() {
        None => view! {
            <div class="portal portal-pending">
                <main id="main" class="portal-main">
                    <Loading />
                </main>
            </div>
        }
        .into_any(),
        Some(Err(p)) if p.kind == ErrorKind::NotFound => view! { <NotFound shop=true /> }.into_any(),
        Some(Err(p)) => view! {
            <div class="portal portal-pending">
                <main id="main" class="portal-main">
                    <div class="portal-card">
                        <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                        <button type="button" class="btn btn-secondary" on:click=move |_| answer.refetch()>
                            {i18n.tr(Key::TryAgain)}
                        </button>
                    </div>
                </main>
            </div>
        }
        .into_any(),
        Some(Ok(found)) => view! { <BrandedPortal config=found /> }.into_any(),
    }
    }
}

#[component]
fn BrandedPortal(config: PortalConfig) -> impl IntoView {
    let i18n = use_i18n();
    // The order screens read what the shop offers (address edits, issue types) from here.
    provide_context(config.clone());
    let branding = config.branding;
    let support = config.aftercare.support_email.map(|email| {
        let href = format!("mailto:{email}");
        view! {
            <p class="portal-support">
                {i18n.tr(Key::PortalSupport)} " " <a href=href>{email}</a>
            </p>
        }
    });
    let style = brand_style(&branding);
    let has_image = branding.background_image_url.is_some();
    let home = format!("/{}", branding.slug);
    let mark = match branding.logo_url.clone() {
        Some(src) => {
            view! { <img class="portal-logo" src=src alt=branding.company_name.clone() /> }
                .into_any()
        }
        None => view! { <span class="portal-wordmark">{branding.company_name.clone()}</span> }
            .into_any(),
    };
    view! {
        <div class="portal" class:portal-has-image=has_image style=style data-portal-root>
            <header class="portal-header">
                <a href=home class="portal-brand">{mark}</a>
                <LanguageSwitch />
            </header>
            <main id="main" class="portal-main">
                {if branding.portal_enabled {
                    view! { <Outlet /> }.into_any()
                } else {
                    view! {
                        <div class="portal-card">
                            <EmptyState
                                illustration=Illustration::Closed
                                title=Key::PortalClosedTitle
                                body=Key::PortalClosedBody
                                page_title=true
                            />
                        </div>
                    }
                    .into_any()
                }}
            </main>
            <footer class="portal-footer">
                {support}
                <a href="https://github.com/rebound-returns/rebound" class="powered-by" rel="noopener">
                    {i18n.tr(Key::PoweredBy)}
                </a>
            </footer>
        </div>
    }
}
