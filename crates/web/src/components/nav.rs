//! The dashboard's main navigation. The current section carries `aria-current="page"`; entries
//! the staff member's role cannot use are not shown.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use rebound_shared::Permission;

use crate::components::count_badge::CountBadge;
use crate::components::open_issues::{fetch_open_issues, use_open_issues};
use crate::components::unread::{fetch_unread, use_unread};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{H, Key, N};
use crate::routes::Page;

struct Entry {
    page: Page,
    label: Key,
    needs: Permission,
    icon: &'static str,
}

fn entries() -> [Entry; 11] {
    [
        Entry {
            page: Page::Returns,
            label: Key::NavReturns,
            needs: Permission::HandleReturns,
            icon: "M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10",
        },
        Entry {
            page: Page::Orders,
            label: Key::NavOrders,
            needs: Permission::ManageOrders,
            icon: "M6 3h12v18H6zM9 8h6M9 12h6M9 16h3",
        },
        Entry {
            page: Page::Messages,
            label: Key::NavMessages,
            needs: Permission::HandleReturns,
            icon: "M4 5h16v11H9l-5 4z",
        },
        Entry {
            page: Page::Issues,
            label: Key::Onb(N::NavIssues),
            needs: Permission::HandleReturns,
            icon: "M12 3l9 16H3zM12 10v4M12 17v.1",
        },
        Entry {
            page: Page::Shoppers,
            label: Key::Risk(crate::i18n::K::Nav),
            needs: Permission::HandleReturns,
            icon: "M9 11a4 4 0 100-8 4 4 0 000 8zM2 21v-1a6 6 0 0112 0v1M16 3.5a4 4 0 010 7.5M22 21v-1a6 6 0 00-4-5.6",
        },
        Entry {
            page: Page::Catalogue,
            label: Key::Case(crate::i18n::C::CatalogueNav),
            needs: Permission::ReadOrders,
            icon: "M4 7l8-4 8 4-8 4zM4 7v10l8 4 8-4V7M12 11v10",
        },
        Entry {
            page: Page::SentMail,
            label: Key::Mail(crate::i18n::M::SentMailTitle),
            needs: Permission::ReadSettings,
            icon: "M3 6h18v12H3zM3 6l9 7 9-7",
        },
        Entry {
            page: Page::Analytics,
            label: Key::NavAnalytics,
            needs: Permission::ReadSettings,
            icon: "M4 20h16M7 16v-5M12 16V6M17 16v-8",
        },
        Entry {
            page: Page::Settings,
            label: Key::NavSettings,
            needs: Permission::ReadSettings,
            icon: "M4 7h16M4 17h16M9 4v6M15 14v6",
        },
        // Owners (API keys) and managers (webhooks, connections); agents have nothing there.
        Entry {
            page: Page::Developers,
            label: Key::Dev(crate::i18n::D::Nav),
            needs: Permission::ManageWebhooks,
            icon: "M8 8l-4 4 4 4M16 8l4 4-4 4M13.5 5l-3 14",
        },
        // Everyone's own two-factor sign-in (every role reads settings).
        Entry {
            page: Page::Security,
            label: Key::Sec(crate::i18n::F::Nav),
            needs: Permission::ReadSettings,
            icon: "M12 3l7 3v5c0 5-3 8-7 10-4-2-7-5-7-10V6zM9 12l2 2 4-4",
        },
    ]
}

#[component]
pub fn DashboardNav() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let location = use_location();
    let unread = use_unread();
    let open_issues = use_open_issues();
    let current = move || {
        let path = location.pathname.get();
        let path = path.trim_end_matches('/');
        // The dashboard's landing page is the returns queue.
        if path == Page::Dashboard.path() {
            Page::Returns.path()
        } else {
            path.to_owned()
        }
    };
    // On phones the entries scroll sideways: bring the current one into view.
    Effect::new(move || {
        let _ = current();
        request_animation_frame(reveal_current_entry);
    });
    view! {
        <nav class="app-nav" aria-label=i18n.tr(Key::MainNavigation)>
            <ul>
                {entries()
                    .into_iter()
                    .map(|entry| {
                        let href = entry.page.path();
                        let active = {
                            let href = href.clone();
                            move || current() == href || current().starts_with(&format!("{href}/"))
                        };
                        let needs = entry.needs;
                        view! {
                            <li hidden=move || !auth.can(needs)>
                                <a
                                    href=href
                                    class="nav-link"
                                    aria-current=move || active().then_some("page")
                                >
                                    <svg viewBox="0 0 24 24" aria-hidden="true" class="nav-icon">
                                        <path d=entry.icon />
                                    </svg>
                                    <span>{i18n.tr(entry.label)}</span>
                                    {(entry.page == Page::Messages).then(|| view! {
                                        <CountBadge count=unread.0 fetch=fetch_unread label=Key::Help(H::UnreadNav) />
                                    })}
                                    {(entry.page == Page::Issues).then(|| view! {
                                        <CountBadge
                                            count=open_issues.0
                                            fetch=fetch_open_issues
                                            label=Key::Onb(N::OpenCount)
                                            class="issues-badge"
                                        />
                                    })}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

fn reveal_current_entry() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let nav = document.query_selector(".app-nav").ok().flatten();
    let link = document
        .query_selector(".app-nav [aria-current=page]")
        .ok()
        .flatten();
    if let (Some(nav), Some(link)) = (nav, link) {
        // Only the strip scrolls; `scrollIntoView` could also move the page.
        let left = link.get_bounding_client_rect().left() - nav.get_bounding_client_rect().left();
        let centred = f64::from(nav.scroll_left()) + left
            - (f64::from(nav.client_width()) - link.get_bounding_client_rect().width()) / 2.0;
        nav.set_scroll_left(centred.max(0.0) as i32);
    }
}
