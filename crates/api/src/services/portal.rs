//! The public face of a merchant: what the shopper portal may know before any lookup.

use crate::db::entities::merchant;
use crate::error::{ApiError, ApiResult};
use rebound_shared::api::portal::PortalBranding;
use rebound_shared::domain::HexColour;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

pub async fn branding_by_slug(db: &DatabaseConnection, slug: &str) -> ApiResult<PortalBranding> {
    let m = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(slug.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("shop"))?;
    Ok(branding_view(m))
}

pub fn branding_view(m: merchant::Model) -> PortalBranding {
    let text_colour = HexColour::parse(&m.background_colour)
        .map(|bg| bg.readable_text().to_string())
        .unwrap_or_else(|_| "#111111".into());
    let asset = |key: &Option<String>, name: &str| {
        key.as_ref()
            .map(|_| format!("/api/v1/portal/{}/{name}", m.slug))
    };
    PortalBranding {
        logo_url: asset(&m.logo_key, "logo"),
        favicon_url: asset(&m.favicon_key, "favicon"),
        background_image_url: m.background_image.clone(),
        slug: m.slug,
        company_name: m.company_name,
        primary_colour: m.primary_colour,
        accent_colour: m.accent_colour,
        background_colour: m.background_colour,
        text_colour,
        portal_enabled: m.portal_enabled,
    }
}
