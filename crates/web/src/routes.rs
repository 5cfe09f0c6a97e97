//! Every screen's address in one place, so links and redirects never spell a path by hand.

use rebound_shared::domain::Slug;
use uuid::Uuid;

/// A page of the app, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Login,
    /// Sign-in, then back to the dashboard address the visitor asked for (a bookmarked case).
    LoginThen(String),
    Register,
    /// The dashboard's landing section (the returns queue).
    Dashboard,
    Returns,
    Orders,
    Messages,
    SentMail,
    Analytics,
    Settings,
    Invitation(String),
    ForgotPassword,
    Issues,
    /// The top returners and the risk thresholds that flag them.
    Shoppers,
    /// The shop's products and variants with their stock.
    Catalogue,
    /// A shop's portal home, by slug.
    Portal(Slug),
    /// The same, by a slug read from the address bar.
    PortalHome(String),
    /// The looked-up order in a shop's portal, by slug.
    PortalOrder(String),
    PortalAddress(String),
    PortalIssue(String),
    PortalReturn(String),
    PortalWithdraw(String),
    /// One order in the dashboard, by its number.
    Order(String),
    /// One return's case in the dashboard, by its number (`R-7KQ2M9`): an address to bookmark
    /// or send to a colleague.
    Return(String),
    OrderImport,
    /// API keys, webhook endpoints and shop connections.
    Developers,
    /// One webhook endpoint: its settings, secret and delivery log.
    WebhookEndpoint(Uuid),
    /// The signed-in person's two-factor sign-in; the owner's requirement.
    Security,
}

impl Page {
    pub fn path(&self) -> String {
        match self {
            Page::Login => "/dashboard/login".into(),
            Page::LoginThen(next) => format!("/dashboard/login?next={}", encode(next)),
            Page::Register => "/dashboard/register".into(),
            Page::Dashboard => "/dashboard".into(),
            Page::Returns => "/dashboard/returns".into(),
            Page::Orders => "/dashboard/orders".into(),
            Page::Messages => "/dashboard/messages".into(),
            Page::SentMail => "/dashboard/mail".into(),
            Page::Analytics => "/dashboard/analytics".into(),
            Page::Settings => "/dashboard/settings".into(),
            Page::Invitation(token) => format!("/dashboard/invitations/{}", encode(token)),
            Page::ForgotPassword => "/dashboard/forgot-password".into(),
            Page::Issues => "/dashboard/issues".into(),
            Page::Shoppers => "/dashboard/shoppers".into(),
            Page::Catalogue => "/dashboard/catalogue".into(),
            Page::Portal(slug) => format!("/{slug}"),
            Page::PortalHome(slug) => format!("/{}", encode(slug)),
            Page::PortalOrder(slug) => format!("/{}/order", encode(slug)),
            Page::PortalAddress(slug) => format!("/{}/order/address", encode(slug)),
            Page::PortalIssue(slug) => format!("/{}/order/issue", encode(slug)),
            Page::PortalReturn(slug) => format!("/{}/order/return", encode(slug)),
            Page::PortalWithdraw(slug) => format!("/{}/order/withdraw", encode(slug)),
            Page::Order(number) => format!("/dashboard/orders/{}", encode(number)),
            Page::Return(number) => format!("/dashboard/returns/{}", encode(number)),
            Page::OrderImport => "/dashboard/orders/import".into(),
            Page::Developers => "/dashboard/developers".into(),
            Page::WebhookEndpoint(id) => format!("/dashboard/developers/webhooks/{id}"),
            Page::Security => "/dashboard/security".into(),
        }
    }
}

/// A path segment that came from data (a token, an order number).
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// Where sign-in goes next: the `next` address when it is a dashboard page of this app (never
/// another site, nor the sign-in itself), else the dashboard.
pub fn after_sign_in(next: Option<&str>) -> String {
    next.filter(|n| {
        (n.starts_with("/dashboard/") || *n == "/dashboard")
            && !n.starts_with("/dashboard/login")
            && !n.contains("//")
            && !n.contains('\\')
    })
    .map_or_else(|| Page::Dashboard.path(), ToOwned::to_owned)
}
