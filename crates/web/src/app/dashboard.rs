//! The merchant dashboard's router: `/`, the sign-in pages and every `/dashboard/...` screen.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;
use rebound_shared::web_entry::WebEntry;

use super::ElsewhereOrNotFound;
use crate::components::unread::Unread;
use crate::contexts::auth::Auth;
use crate::contexts::branding::Branding;
use crate::contexts::locale::I18n;
use crate::i18n;
use crate::pages::dashboard::analytics::AnalyticsPage;
use crate::pages::dashboard::catalogue::CataloguePage;
use crate::pages::dashboard::developers::{DevelopersPage, WebhookEndpointPage};
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
use crate::pages::dashboard::security::SecurityPage;
use crate::pages::dashboard::sent_mail::SentMailPage;
use crate::pages::dashboard::settings::SettingsPage;
use crate::pages::dashboard::shell::DashboardShell;
use crate::pages::dashboard::shoppers::ShoppersPage;
use crate::routes::Page;

#[component]
pub fn DashboardApp() -> impl IntoView {
    I18n::provide(i18n::text);
    Auth::provide();
    // The settings' live preview renders portal pieces in the shop's colours.
    Branding::provide();
    Unread::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <ElsewhereOrNotFound entry=WebEntry::Dashboard /> }>
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
                    <Route path=path!("shoppers") view=ShoppersPage />
                    <Route path=path!("catalogue") view=CataloguePage />
                    <Route path=path!("mail") view=SentMailPage />
                    <Route path=path!("analytics") view=AnalyticsPage />
                    <Route path=path!("settings") view=SettingsPage />
                    <Route path=path!("developers") view=DevelopersPage />
                    <Route path=path!("developers/webhooks/:id") view=WebhookEndpointPage />
                    <Route path=path!("security") view=SecurityPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
