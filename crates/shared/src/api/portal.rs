//! What a shopper's browser may know about a merchant: its public branding. Never staff emails
//! or internal settings.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "slug": "maple", "company_name": "Maple & Co",
    "primary_colour": "#B4441C", "accent_colour": "#2F6F4E", "background_colour": "#FFF8F1",
    "text_colour": "#1F1A17", "logo_url": "/api/v1/portal/maple/logo",
    "favicon_url": null, "background_image_url": null, "portal_enabled": true
})))]
pub struct PortalBranding {
    pub slug: String,
    pub company_name: String,
    /// `#RRGGBB`
    pub primary_colour: String,
    /// `#RRGGBB`
    pub accent_colour: String,
    /// `#RRGGBB`
    pub background_colour: String,
    /// Black or white, whichever reads better on the background colour.
    pub text_colour: String,
    pub logo_url: Option<String>,
    pub favicon_url: Option<String>,
    pub background_image_url: Option<String>,
    pub portal_enabled: bool,
}
