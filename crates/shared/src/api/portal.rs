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

/// What the portal offers for returns, as the merchant configured it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalReturns {
    pub resolutions: Vec<crate::api::settings::Resolution>,
    pub return_methods: Vec<crate::api::settings::ReturnMethod>,
    pub return_window_days: u32,
    /// Active reasons, in the merchant's order.
    pub reasons: Vec<PortalReason>,
    /// Why the portal takes no returns yet (it says returns open soon); none when it does.
    #[serde(default)]
    pub closed: Option<ReturnsClosed>,
}

/// Why shoppers cannot start a return: the portal's return options and the dashboard's
/// onboarding read the same code, so both say the same thing is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnsClosed {
    /// No return address yet: no label could be made, so no return is offered.
    NoReturnAddress,
    /// The merchant switched the portal off (only the dashboard says so: the portal's own
    /// answer to a shopper is a 403).
    PortalDisabled,
}

impl ReturnsClosed {
    pub fn code(self) -> &'static str {
        match self {
            ReturnsClosed::NoReturnAddress => "no_return_address",
            ReturnsClosed::PortalDisabled => "portal_disabled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalReason {
    pub id: uuid::Uuid,
    pub label_en: String,
    pub label_fr: String,
    /// Choosing it asks for a comment and a photo.
    pub defective: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalAftercare {
    pub tracking_enabled: bool,
    pub address_edits_enabled: bool,
    /// Shoppers may cancel the order until it ships.
    #[serde(default)]
    pub order_cancellation_enabled: bool,
    pub issue_types: Vec<crate::api::settings::IssueType>,
    pub support_email: Option<String>,
}

/// Everything the portal needs before a lookup: branding plus the public part of the settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalConfig {
    #[serde(flatten)]
    pub branding: PortalBranding,
    pub returns: PortalReturns,
    pub aftercare: PortalAftercare,
}
