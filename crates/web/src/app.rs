//! The router: every address of the app and the screen it shows.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::unread::Unread;
use crate::contexts::auth::Auth;
use crate::contexts::branding::Branding;
use crate::contexts::locale::I18n;
use crate::contexts::order_access::LookupNotice;
use crate::pages::dashboard::analytics::AnalyticsPage;
use crate::pages::dashboard::forgot_password::ForgotPasswordPage;
use crate::pages::dashboard::home::DashboardHome;
use crate::pages::dashboard::import::ImportPage;
use crate::pages::dashboard::invitation::AcceptInvitationPage;
use crate::pages::dashboard::issues::IssuesPage;
use crate::pages::dashboard::login::LoginPage;
use crate::pages::dashboard::messages::MessagesPage;
use crate::pages::dashboard::order::OrderPage;
use crate::pages::dashboard::orders::OrdersPage;
use crate::pages::dashboard::password_reset::PasswordResetPage;
use crate::pages::dashboard::register::RegisterPage;
use crate::pages::dashboard::returns::{ReturnCasePage, ReturnsPage};
use crate::pages::dashboard::sent_mail::SentMailPage;
use crate::pages::dashboard::settings::SettingsPage;
use crate::pages::dashboard::shell::DashboardShell;
use crate::pages::not_found::NotFound;
use crate::pages::portal::address::AddressPage;
use crate::pages::portal::home::PortalHome;
use crate::pages::portal::issue::IssuePage;
use crate::pages::portal::return_wizard::ReturnWizardPage;
use crate::pages::portal::shell::PortalShell;
use crate::pages::portal::survey::SurveyPage;
use crate::pages::portal::tracking::TrackingPage;
use crate::pages::portal::unsubscribe::UnsubscribePage;
use crate::pages::portal::withdrawal::WithdrawalPage;
use crate::routes::Page;

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Auth::provide();
    Branding::provide();
    LookupNotice::provide();
    Unread::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/") view=|| view! { <Redirect path=Page::Dashboard.path() /> } />
                // The signed-out dashboard pages come before the shell, which would match them.
                <Route path=path!("/dashboard/login") view=LoginPage />
                <Route path=path!("/dashboard/register") view=RegisterPage />
                <Route path=path!("/dashboard/invitations/:token") view=AcceptInvitationPage />
                <Route path=path!("/dashboard/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/dashboard/password-reset/:token") view=PasswordResetPage />
                <ParentRoute path=path!("/dashboard") view=DashboardShell>
                    <Route path=path!("") view=DashboardHome />
                    <Route path=path!("returns") view=ReturnsPage />
                    <Route path=path!("returns/:number") view=ReturnCasePage />
                    <Route path=path!("orders") view=OrdersPage />
                    // Before `:number`, which would take "import" for an order number.
                    <Route path=path!("orders/import") view=ImportPage />
                    <Route path=path!("orders/:number") view=OrderPage />
                    <Route path=path!("messages") view=MessagesPage />
                    <Route path=path!("issues") view=IssuesPage />
                    <Route path=path!("mail") view=SentMailPage />
                    <Route path=path!("analytics") view=AnalyticsPage />
                    <Route path=path!("settings") view=SettingsPage />
                </ParentRoute>
                // Last: any other first segment is a shop's portal slug.
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
