//! The public face of a merchant: what the shopper portal may know before any lookup.

use crate::db::Tenant;
use crate::db::entities::merchant;
use crate::error::{ApiError, ApiResult};
use crate::services::{reasons, settings};
use rebound_shared::api::portal::{
    PortalAftercare, PortalBranding, PortalConfig, PortalReason, PortalReturns,
};
use rebound_shared::domain::HexColour;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// The merchant at `slug`, following an old slug to its current one.
pub async fn merchant_by_slug(db: &DatabaseConnection, slug: &str) -> ApiResult<merchant::Model> {
    let slug = slug.trim().to_lowercase();
    let found = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(&slug))
        .one(db)
        .await?;
    if let Some(m) = found {
        return Ok(m);
    }
    let current = settings::redirected_slug(db, &slug)
        .await?
        .ok_or_else(|| ApiError::not_found("shop"))?;
    merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(current))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("shop"))
}

/// The portal's configuration; `slug` in the answer is the current one (after a rename).
pub async fn portal_config(db: &DatabaseConnection, slug: &str) -> ApiResult<PortalConfig> {
    let m = merchant_by_slug(db, slug).await?;
    let tenant = Tenant::new(m.id);
    let (returns, aftercare) = settings::load_documents(db, m.id).await?;
    let reasons = reasons::list(db, tenant)
        .await?
        .into_iter()
        .filter(|r| !r.retired)
        .map(|r| PortalReason {
            id: r.id,
            label_en: r.label_en,
            label_fr: r.label_fr,
            defective: r.defective,
        })
        .collect();
    Ok(PortalConfig {
        branding: branding_view(m),
        returns: PortalReturns {
            resolutions: returns.resolutions,
            return_methods: returns.return_methods,
            return_window_days: returns.return_window_days,
            reasons,
        },
        aftercare: PortalAftercare {
            tracking_enabled: aftercare.tracking_enabled,
            address_edits_enabled: aftercare.address_edits_enabled,
            issue_types: aftercare.issue_types,
            support_email: aftercare.support_email,
        },
    })
}

pub fn branding_view(m: merchant::Model) -> PortalBranding {
    let text_colour = HexColour::parse(&m.background_colour)
        .map(|bg| bg.readable_text().to_string())
        .unwrap_or_else(|_| "#111111".into());
    // The version parameter is the content hash in the key: a new image is a new URL.
    let asset = |key: Option<String>, name: &str| {
        key.map(|k| {
            let version = k
                .rsplit('-')
                .next()
                .unwrap_or_default()
                .split('.')
                .next()
                .unwrap_or_default()
                .to_owned();
            format!("/api/v1/portal/{}/{name}?v={version}", m.slug)
        })
    };
    let background_image_url = match m.background_image.as_deref() {
        Some(stock) if !stock.starts_with("upload:") => Some(format!("/stock/{stock}.svg")),
        Some(_) => asset(m.background_key(), "background"),
        None => None,
    };
    PortalBranding {
        logo_url: asset(m.logo_key.clone(), "logo"),
        favicon_url: asset(m.favicon_key.clone(), "favicon"),
        background_image_url,
        slug: m.slug,
        company_name: m.company_name,
        primary_colour: m.primary_colour,
        accent_colour: m.accent_colour,
        background_colour: m.background_colour,
        text_colour,
        portal_enabled: m.portal_enabled,
    }
}
