//! Every screen's address in one place, so links and redirects never spell a path by hand.

use rebound_shared::domain::Slug;

/// A page of the app, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Login,
    Register,
    /// The dashboard's landing section (the returns queue).
    Dashboard,
    Returns,
    Orders,
    Messages,
    Analytics,
    Settings,
    Invitation(String),
    /// A shop's portal home, by slug.
    Portal(Slug),
}

impl Page {
    pub fn path(&self) -> String {
        match self {
            Page::Login => "/dashboard/login".into(),
            Page::Register => "/dashboard/register".into(),
            Page::Dashboard => "/dashboard".into(),
            Page::Returns => "/dashboard/returns".into(),
            Page::Orders => "/dashboard/orders".into(),
            Page::Messages => "/dashboard/messages".into(),
            Page::Analytics => "/dashboard/analytics".into(),
            Page::Settings => "/dashboard/settings".into(),
            Page::Invitation(token) => format!(
                "/dashboard/invitations/{}",
                String::from(js_sys::encode_uri_component(token))
            ),
            Page::Portal(slug) => format!("/{slug}"),
        }
    }
}
