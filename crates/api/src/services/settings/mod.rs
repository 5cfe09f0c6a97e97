//! The Returns, Branding and Aftercare tabs: reading them, saving them whole (validated by the
//! shared types, audited, in one transaction), and the slug change that keeps the old address
//! redirecting.
//!
//! The shop's other settings sit beside it: reasons, return addresses, the carrier, branding
//! images, and the portal's public face built from them all.

pub mod branding_assets;
pub mod carrier_settings;
pub mod embedding;
pub mod onboarding;
pub mod policies;
pub mod portal;
pub mod reasons;
pub mod return_addresses;
pub mod risk;

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{merchant, merchant_settings, slug_redirect};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use chrono::Utc;
use rebound_shared::api::portal::PortalBranding;
use rebound_shared::api::settings::{
    AftercareSettings, BrandingSettings, BrandingView, ReturnsSettings, Settings, diff,
};
use rebound_shared::domain::{HexColour, contrast_ratio};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// WCAG AA for body text.
pub const CONTRAST_AA: f64 = 4.5;

/// Both JSON documents of a merchant, defaults where nothing was saved yet.
pub async fn load_documents(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
) -> ApiResult<(ReturnsSettings, AftercareSettings)> {
    let row = merchant_settings::Entity::find_by_id(merchant_id)
        .one(db)
        .await?;
    documents_of(row.as_ref())
}

/// The two documents a stored row holds, defaults without one.
fn documents_of(
    row: Option<&merchant_settings::Model>,
) -> ApiResult<(ReturnsSettings, AftercareSettings)> {
    Ok(match row {
        Some(r) => (parse(&r.returns)?, parse(&r.aftercare)?),
        None => (ReturnsSettings::default(), AftercareSettings::default()),
    })
}

fn parse<T: DeserializeOwned>(raw: &str) -> ApiResult<T> {
    serde_json::from_str(raw).map_err(ApiError::internal)
}

fn to_value<T: Serialize>(v: &T) -> ApiResult<serde_json::Value> {
    serde_json::to_value(v).map_err(ApiError::internal)
}

pub async fn get_settings(db: &DatabaseConnection, caller: &CurrentStaff) -> ApiResult<Settings> {
    caller.require(Permission::ReadSettings)?;
    let merchant = caller
        .tenant
        .merchant()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let (returns, aftercare) = load_documents(db, merchant.id).await?;
    Ok(Settings {
        returns,
        branding: branding_view(&merchant),
        aftercare,
        reasons: reasons::list(db, caller.tenant).await?,
        return_addresses: return_addresses::list(db, caller.tenant).await?,
    })
}

pub fn branding_view(m: &merchant::Model) -> BrandingView {
    // Headings and links use the primary colour on the background: that pair must read.
    let ratio = match (
        HexColour::parse(&m.primary_colour),
        HexColour::parse(&m.background_colour),
    ) {
        (Ok(primary), Ok(bg)) => contrast_ratio(primary, bg),
        _ => 1.0,
    };
    let portal = portal_branding(m.clone());
    BrandingView {
        settings: BrandingSettings {
            company_name: m.company_name.clone(),
            slug: m.slug.clone(),
            primary_colour: m.primary_colour.clone(),
            accent_colour: m.accent_colour.clone(),
            background_colour: m.background_colour.clone(),
            background_image: m.background_image.clone(),
        },
        logo_url: portal.logo_url,
        favicon_url: portal.favicon_url,
        background_image_url: portal.background_image_url,
        contrast_ratio: (ratio * 100.0).round() / 100.0,
        contrast_ok: ratio >= CONTRAST_AA,
    }
}

/// The branding the portal shows before any lookup (also the image URLs the dashboard shows).
pub fn portal_branding(m: merchant::Model) -> PortalBranding {
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

/// Saves one of the two JSON tabs, recording the differences in the audit log.
async fn save_document<T: Serialize + DeserializeOwned>(
    txn: &DatabaseTransaction,
    caller: &CurrentStaff,
    area: &str,
    new: &T,
    pick: impl Fn(&(ReturnsSettings, AftercareSettings)) -> serde_json::Value,
    store: impl Fn(&mut merchant_settings::ActiveModel, String),
) -> ApiResult<()> {
    let merchant_id = caller.tenant.merchant_id();
    // Read once: this runs in the write turn, where every statement holds up the next writer.
    let existing = merchant_settings::Entity::find_by_id(merchant_id)
        .one(txn)
        .await?;
    let current = documents_of(existing.as_ref())?;
    let changes = diff(&pick(&current), &to_value(new)?);
    let json = serde_json::to_string(new).map_err(ApiError::internal)?;
    match existing {
        Some(row) => {
            let mut row: merchant_settings::ActiveModel = row.into();
            store(&mut row, json);
            row.updated_at = Set(Utc::now());
            row.update(txn).await?;
        }
        None => {
            let mut row = merchant_settings::ActiveModel {
                merchant_id: Set(merchant_id),
                returns: Set(serde_json::to_string(&current.0).map_err(ApiError::internal)?),
                aftercare: Set(serde_json::to_string(&current.1).map_err(ApiError::internal)?),
                // No rules saved: the ones the Returns tab implies.
                policies: Set(None),
                risk: Set(None),
                updated_at: Set(Utc::now()),
            };
            store(&mut row, json);
            row.insert(txn).await?;
        }
    }
    audit::record(txn, caller, area, changes).await
}

pub async fn update_returns(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    new: ReturnsSettings,
) -> ApiResult<ReturnsSettings> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let pick = |c: &(ReturnsSettings, AftercareSettings)| to_value(&c.0).unwrap_or_default();
    save_document(&txn, caller, "returns", &new, pick, |row, json| {
        row.returns = Set(json)
    })
    .await?;
    // The portal switch also lives on the merchant row, where the public lookups read it;
    // one statement that changes it only when it differs.
    merchant::Entity::update_many()
        .col_expr(
            merchant::Column::PortalEnabled,
            Expr::value(new.portal_enabled),
        )
        .filter(merchant::Column::Id.eq(caller.tenant.merchant_id()))
        .filter(merchant::Column::PortalEnabled.ne(new.portal_enabled))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(new)
}

pub async fn update_aftercare(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    mut new: AftercareSettings,
) -> ApiResult<AftercareSettings> {
    caller.require(Permission::ManageSettings)?;
    // Emails are stored as the shared `Email` normalises them.
    for email in [&mut new.support_email, &mut new.customer_service_email] {
        *email = email
            .as_ref()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty());
    }
    let txn = begin_write(db).await?;
    let pick = |c: &(ReturnsSettings, AftercareSettings)| to_value(&c.1).unwrap_or_default();
    save_document(&txn, caller, "aftercare", &new, pick, |row, json| {
        row.aftercare = Set(json)
    })
    .await?;
    txn.commit().await?;
    Ok(new)
}

pub async fn update_branding(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    new: BrandingSettings,
) -> ApiResult<BrandingView> {
    caller.require(Permission::ManageSettings)?;
    let colour = |s: &str| {
        HexColour::parse(s)
            .map(|c| c.to_string())
            .unwrap_or_else(|_| s.to_owned())
    };
    let new = BrandingSettings {
        company_name: new.company_name.trim().to_owned(),
        slug: new.slug.trim().to_owned(),
        primary_colour: colour(&new.primary_colour),
        accent_colour: colour(&new.accent_colour),
        background_colour: colour(&new.background_colour),
        background_image: new.background_image,
    };
    let txn = begin_write(db).await?;
    let current = caller
        .tenant
        .merchant()
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    if new.background_image.as_deref() == Some("upload")
        && current.background_image.as_deref() != Some("upload")
    {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "background_image",
            "no_upload",
            "upload a background image first",
        ));
    }
    let before = to_value(&branding_view(&current).settings)?;
    if new.slug != current.slug {
        change_slug(&txn, &current, &new.slug).await?;
    }
    let mut row: merchant::ActiveModel = current.into();
    row.company_name = Set(new.company_name.clone());
    row.slug = Set(new.slug.clone());
    row.primary_colour = Set(new.primary_colour.clone());
    row.accent_colour = Set(new.accent_colour.clone());
    row.background_colour = Set(new.background_colour.clone());
    row.background_image = Set(new.background_image.clone());
    row.updated_at = Set(Utc::now());
    let saved = row
        .update(&txn)
        .await
        .map_err(crate::services::conflict_on(
            "slug",
            "this address is already taken",
        ))?;
    audit::record(&txn, caller, "branding", diff(&before, &to_value(&new)?)).await?;
    txn.commit().await?;
    Ok(branding_view(&saved))
}

/// The new slug must be free (another shop's current or old address is taken); the old one is
/// kept as a redirect so printed links and emails keep working.
async fn change_slug(
    db: &impl ConnectionTrait,
    current: &merchant::Model,
    new_slug: &str,
) -> ApiResult<()> {
    let taken = || {
        ApiError::field(
            ErrorKind::Conflict,
            "slug",
            "taken",
            "this address is already taken",
        )
    };
    let other_merchant = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(new_slug))
        .one(db)
        .await?;
    if other_merchant.is_some() {
        return Err(taken());
    }
    match slug_redirect::Entity::find_by_id(new_slug.to_owned())
        .one(db)
        .await?
    {
        Some(r) if r.merchant_id != current.id => return Err(taken()),
        // Taking back one's own old address: it is no longer a redirect.
        Some(r) => {
            slug_redirect::Entity::delete_by_id(r.slug).exec(db).await?;
        }
        None => {}
    }
    slug_redirect::ActiveModel {
        slug: Set(current.slug.clone()),
        merchant_id: Set(current.id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The current slug an old one redirects to, if any.
pub async fn redirected_slug(db: &impl ConnectionTrait, old: &str) -> ApiResult<Option<String>> {
    let Some(redirect) = slug_redirect::Entity::find_by_id(old.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(merchant::Entity::find_by_id(redirect.merchant_id)
        .one(db)
        .await?
        .map(|m| m.slug))
}
