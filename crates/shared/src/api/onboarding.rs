//! The first-run checklist on the dashboard, and where a shop's portal may be embedded.
//!
//! Each step's `done` is read from the shop's own data (an address saved, an order imported),
//! so the checklist follows what the merchant really did, whichever screen they did it on.

use crate::api::portal::ReturnsClosed;
use crate::domain::{FRAME_ORIGINS_MAX, FrameOrigin};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// One thing a new shop does before its first return, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnboardingStepKey {
    /// Where returned parcels go: without one no label can be made.
    ReturnAddress,
    /// The return window and rules, saved at least once.
    ReturnPolicy,
    /// A logo uploaded or the colours changed.
    Branding,
    /// At least one order, imported or pushed.
    Orders,
    /// The portal link or the embed snippet copied.
    SharePortal,
}

impl OnboardingStepKey {
    pub const ALL: [OnboardingStepKey; 5] = [
        OnboardingStepKey::ReturnAddress,
        OnboardingStepKey::ReturnPolicy,
        OnboardingStepKey::Branding,
        OnboardingStepKey::Orders,
        OnboardingStepKey::SharePortal,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingStep {
    pub key: OnboardingStepKey,
    pub done: bool,
    /// The dashboard screen where the step is done (a path of the web app).
    #[cfg_attr(
        feature = "openapi",
        schema(example = "/dashboard/settings?tab=returns")
    )]
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Onboarding {
    pub steps: Vec<OnboardingStep>,
    /// Every step done.
    pub complete: bool,
    /// The merchant hid the checklist before finishing it.
    pub dismissed: bool,
    /// `None` while shoppers can start returns.
    pub returns_closed: Option<ReturnsClosed>,
    /// The portal's path on this server, e.g. `/maple`.
    #[cfg_attr(feature = "openapi", schema(example = "/maple"))]
    pub portal_path: String,
    /// The shop's primary colour, for the embed snippet's button.
    #[cfg_attr(feature = "openapi", schema(example = "#1F6F5C"))]
    pub primary_colour: String,
}

/// Something the merchant did on the checklist itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnboardingEvent {
    /// The portal link or an embed snippet was copied.
    PortalShared,
    /// The checklist is hidden for the whole shop.
    Dismissed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({ "event": "portal_shared" })))]
pub struct RecordOnboarding {
    pub event: OnboardingEvent,
}

/// The shop's own sites that may show the portal in a frame (CSP `frame-ancestors`). Empty:
/// only this server's own pages may frame it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "frame_ancestors": ["https://maple.example", "https://*.maple.example"]
})))]
pub struct EmbeddingSettings {
    #[validate(custom(function = "validate_frame_origins"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::frame_origins))]
    pub frame_ancestors: Vec<String>,
}

fn validate_frame_origins(origins: &[String]) -> Result<(), ValidationError> {
    if origins.len() > FRAME_ORIGINS_MAX {
        return Err(crate::domain::rule_owned(
            "length",
            format!("list at most {FRAME_ORIGINS_MAX} sites"),
        ));
    }
    for origin in origins {
        if let Err(e) = FrameOrigin::parse(origin) {
            return Err(crate::domain::rule_owned(
                e.code(),
                format!("{origin}: {e}"),
            ));
        }
    }
    Ok(())
}

impl EmbeddingSettings {
    /// The origins as they are stored and sent: normalised, duplicates dropped.
    pub fn origins(&self) -> Vec<FrameOrigin> {
        let mut out: Vec<FrameOrigin> = Vec::new();
        for origin in self
            .frame_ancestors
            .iter()
            .filter_map(|o| FrameOrigin::parse(o).ok())
        {
            if !out.contains(&origin) {
                out.push(origin);
            }
        }
        out
    }
}
