//! A friendly screen for "nothing here yet": a small drawing, a title and a sentence saying
//! what will appear and how.

use leptos::prelude::*;

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// The drawings, inline SVG so they ship in the wasm and follow the theme colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Illustration {
    Returns,
    Orders,
    Messages,
    Analytics,
    NotFound,
    Closed,
}

#[component]
pub fn EmptyState(
    illustration: Illustration,
    title: Key,
    body: Key,
    /// Heading level: `h1` when the empty state is the whole page.
    #[prop(optional)]
    page_title: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = if page_title {
        view! { <h1 class="empty-title">{i18n.tr(title)}</h1> }.into_any()
    } else {
        view! { <h2 class="empty-title">{i18n.tr(title)}</h2> }.into_any()
    };
    view! {
        <section class="empty-state">
            {drawing(illustration)}
            {heading}
            <p class="empty-body">{i18n.tr(body)}</p>
            {children.map(|c| view! { <div class="empty-actions">{c()}</div> })}
        </section>
    }
}

fn drawing(illustration: Illustration) -> impl IntoView {
    let art = match illustration {
        Illustration::Returns => view! {
            <path class="paper ink" d="M46 52 80 38l34 14v36L80 102 46 88Z" />
            <path class="ink" d="m46 52 34 14 34-14M80 66v36M63 45l34 14" />
            <path class="ink accent" d="M128 44a20 20 0 1 0-8 22" />
            <path class="ink accent" d="m130 32-1 13-13-2" />
        }
        .into_any(),
        Illustration::Orders => view! {
            <rect class="paper ink" x="52" y="22" width="56" height="76" rx="7" />
            <path class="ink" d="M64 40h32M64 52h32M64 64h20" />
            <circle class="accent-fill" cx="106" cy="90" r="14" />
            <path class="ink on-accent" d="m99 90 5 5 9-10" />
        }
        .into_any(),
        Illustration::Messages => view! {
            <path class="paper ink" d="M36 38a8 8 0 0 1 8-8h50a8 8 0 0 1 8 8v28a8 8 0 0 1-8 8H62l-14 12V74h-4a8 8 0 0 1-8-8Z" />
            <path class="ink" d="M50 46h38M50 58h24" />
            <path class="accent-fill ink" d="M124 56a6 6 0 0 0-6-6H86a6 6 0 0 0-6 6v20a6 6 0 0 0 6 6h20l12 10V82a6 6 0 0 0 6-6Z" />
        }
        .into_any(),
        Illustration::Analytics => view! {
            <path class="ink" d="M40 98h84M40 98V26" />
            <rect class="paper ink" x="52" y="66" width="14" height="32" rx="3" />
            <rect class="accent-fill ink" x="74" y="48" width="14" height="50" rx="3" />
            <rect class="paper ink" x="96" y="34" width="14" height="64" rx="3" />
        }
        .into_any(),
        Illustration::NotFound => view! {
            <circle class="paper ink" cx="72" cy="56" r="26" />
            <path class="ink" d="m91 75 22 22" />
            <path class="ink accent" d="M64 48a8 8 0 1 1 10 8c-2 1-2 3-2 5M72 69v1" />
        }
        .into_any(),
        Illustration::Closed => view! {
            <path class="paper ink" d="M42 50h76v50H42Z" />
            <path class="accent-fill ink" d="M38 50 46 30h68l8 20Z" />
            <rect class="paper ink" x="58" y="62" width="44" height="20" rx="4" />
            <path class="ink" d="M66 72h28" />
        }
        .into_any(),
    };
    view! {
        <svg class="illustration" viewBox="0 0 160 120" aria-hidden="true" focusable="false">
            <circle class="soft" cx="80" cy="62" r="54" />
            {art}
        </svg>
    }
}
