//! The shopper portal's router: every `/{slug}/...` screen, in the shop's colours.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use rebound_shared::web_entry::WebEntry;

use super::ElsewhereOrNotFound;
use crate::contexts::branding::Branding;
use crate::contexts::locale::I18n;
use crate::contexts::order_access::LookupNotice;
use crate::i18n;
use crate::pages::portal::address::AddressPage;
use crate::pages::portal::home::PortalHome;
use crate::pages::portal::issue::IssuePage;
use crate::pages::portal::return_wizard::ReturnWizardPage;
use crate::pages::portal::shell::PortalShell;
use crate::pages::portal::survey::SurveyPage;
use crate::pages::portal::tracking::TrackingPage;
use crate::pages::portal::unsubscribe::UnsubscribePage;
use crate::pages::portal::withdrawal::WithdrawalPage;

#[component]
pub fn PortalApp() -> impl IntoView {
    // The shopper's sentences only: the dashboard's settings, import and case forms stay out.
    I18n::provide(i18n::shopper_text);
    Branding::provide();
    LookupNotice::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <ElsewhereOrNotFound entry=WebEntry::Portal /> }>
                // Any first segment is a shop's portal slug (`/dashboard` is never one: it is
                // served by the other entry, and reserved in `Slug`).
                <ParentRoute path=path!("/:slug") view=PortalShell>
                    <Route path=path!("") view=PortalHome />
                    <Route path=path!("order") view=TrackingPage />
                    <Route path=path!("order/address") view=AddressPage />
                    <Route path=path!("order/issue") view=IssuePage />
                    <Route path=path!("order/return") view=ReturnWizardPage />
                    <Route path=path!("order/withdraw") view=WithdrawalPage />
                    <Route path=path!("survey/:token") view=SurveyPage />
                    <Route path=path!("unsubscribe") view=UnsubscribePage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
