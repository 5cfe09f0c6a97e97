//! `/dashboard/settings`: the tabs a merchant completes before the portal goes live (Returns,
//! Branding, Aftercare) plus, for owners, Staff and the audit log. Agents read the forms only.

mod aftercare;
mod audit;
mod branding;
mod controls;
mod embedding;
mod exchanges;
mod helpdesk;
mod notifications;
mod policies;
mod reasons;
mod return_addresses;
mod returns;

use leptos::prelude::*;
use rebound_shared::api::settings::Settings;
use rebound_shared::{ErrorKind, Permission, Problem};

use super::staff::StaffCard;
use crate::components::alert::ProblemAlert;
use crate::components::loading::Loading;
use crate::components::page_title::use_page_title;
use crate::components::toast::{ToastRegion, provide_toasts};
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, S};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Returns,
    Policies,
    Branding,
    Aftercare,
    Notifications,
    Helpdesk,
    Staff,
    Audit,
}

impl Tab {
    /// The tabs a link may open by name (the checklist's steps, the Policies tab).
    fn from_name(name: &str) -> Option<Tab> {
        match name {
            "returns" => Some(Tab::Returns),
            "policies" => Some(Tab::Policies),
            "branding" => Some(Tab::Branding),
            "aftercare" => Some(Tab::Aftercare),
            _ => None,
        }
    }

    fn label(self) -> Key {
        Key::Set(match self {
            Tab::Returns => S::TabReturns,
            Tab::Policies => return Key::Pol(crate::i18n::L::Tab),
            Tab::Branding => S::TabBranding,
            Tab::Aftercare => S::TabAftercare,
            Tab::Notifications => return Key::Mail(crate::i18n::M::TabNotifications),
            Tab::Helpdesk => return Key::Help(crate::i18n::H::TabHelpdesk),
            Tab::Staff => S::TabStaff,
            Tab::Audit => S::TabAudit,
        })
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Returns => "tab-returns",
            Tab::Policies => "tab-policies",
            Tab::Branding => "tab-branding",
            Tab::Aftercare => "tab-aftercare",
            Tab::Notifications => "tab-notifications",
            Tab::Helpdesk => "tab-helpdesk",
            Tab::Staff => "tab-staff",
            Tab::Audit => "tab-audit",
        }
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    use_page_title(Key::NavSettings);
    provide_toasts();
    // The first-run checklist links straight to a tab: `?tab=branding`.
    let asked = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("tab"))
        .and_then(|name| Tab::from_name(&name));
    let tab = RwSignal::new(asked.unwrap_or(Tab::Returns));
    let settings = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.settings().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let tabs = move || {
        let mut tabs = vec![
            Tab::Returns,
            Tab::Policies,
            Tab::Branding,
            Tab::Aftercare,
            Tab::Notifications,
        ];
        if auth.can(Permission::HandleReturns) {
            tabs.push(Tab::Helpdesk);
        }
        if auth.can(Permission::ManageStaff) {
            tabs.push(Tab::Staff);
        }
        if auth.can(Permission::ViewAuditLog) {
            tabs.push(Tab::Audit);
        }
        tabs
    };
    let readonly = Signal::derive(move || !auth.can(Permission::ManageSettings));

    let panel = move || match settings.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => {
            view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any()
        }
        Some(Ok(s)) => {
            let s: Settings = s;
            view! {
                <div
                    class="tab-panel"
                    role="tabpanel"
                    aria-labelledby=move || tab.get().id()
                >
                    {readonly
                        .get()
                        .then(|| {
                            view! {
                                <p class="alert alert-info readonly-note">
                                    {i18n.tr(Key::Set(S::ReadOnlyNote))}
                                </p>
                            }
                        })}
                    {match tab.get() {
                        Tab::Returns => {
                            view! {
                                <returns::ReturnsTab settings=s.returns.clone() readonly=readonly />
                                <reasons::ReasonsCard reasons=s.reasons.clone() readonly=readonly />
                                <return_addresses::AddressesCard
                                    addresses=s.return_addresses.clone()
                                    readonly=readonly
                                />
                            }
                                .into_any()
                        }
                        Tab::Policies => {
                            view! { <policies::PoliciesTab reasons=s.reasons.clone() readonly=readonly /> }
                                .into_any()
                        }
                        Tab::Branding => {
                            view! { <branding::BrandingTab view=s.branding.clone() readonly=readonly /> }
                                .into_any()
                        }
                        Tab::Aftercare => {
                            view! {
                                <aftercare::AftercareTab
                                    settings=s.aftercare.clone()
                                    slug=s.branding.settings.slug.clone()
                                    colour=s.branding.settings.primary_colour.clone()
                                    readonly=readonly
                                />
                            }
                                .into_any()
                        }
                        Tab::Notifications => view! { <notifications::NotificationsTab branding=s.branding.clone() readonly=readonly /> }.into_any(),
                        Tab::Helpdesk => view! { <helpdesk::HelpdeskTab readonly=readonly /> }.into_any(),
                        Tab::Staff => view! { <StaffCard /> }.into_any(),
                        Tab::Audit => view! { <audit::AuditLog /> }.into_any(),
                    }}
                </div>
            }
                .into_any()
        }
    };

    view! {
        <div class="page settings-page">
            <h1 class="page-title">{i18n.tr(Key::NavSettings)}</h1>
            <div class="tabs" role="tablist" aria-label=i18n.tr(Key::NavSettings)>
                {move || {
                    tabs()
                        .into_iter()
                        .map(|t| {
                            view! {
                                <button
                                    type="button"
                                    role="tab"
                                    id=t.id()
                                    class="tab"
                                    aria-selected=move || (tab.get() == t).to_string()
                                    on:click=move |_| tab.set(t)
                                >
                                    {i18n.tr(t.label())}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            {panel}
            <ToastRegion />
        </div>
    }
}
