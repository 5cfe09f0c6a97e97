//! The public face of a merchant: what the shopper portal may know before any lookup.

use crate::db::Tenant;
use crate::db::entities::merchant;
use crate::error::{ApiError, ApiResult};
use crate::services::settings::{self, reasons};
use rebound_shared::api::portal::{
    PortalAftercare, PortalConfig, PortalReason, PortalReturns, ReturnsClosed,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

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

/// Why the shop takes no returns yet: without a return address no label can be made, so the
/// portal says returns open soon rather than promise one.
pub(crate) async fn returns_closed(
    db: &impl ConnectionTrait,
    tenant: Tenant,
) -> ApiResult<Option<ReturnsClosed>> {
    let address = settings::carrier_settings::default_return_address(db, tenant).await?;
    Ok(address.is_none().then_some(ReturnsClosed::NoReturnAddress))
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
        branding: settings::portal_branding(m),
        returns: PortalReturns {
            resolutions: returns.resolutions,
            return_methods: returns.return_methods,
            return_window_days: returns.return_window_days,
            reasons,
            closed: returns_closed(db, tenant).await?,
        },
        aftercare: PortalAftercare {
            tracking_enabled: aftercare.tracking_enabled,
            address_edits_enabled: aftercare.address_edits_enabled,
            order_cancellation_enabled: aftercare.order_cancellation_enabled,
            issue_types: aftercare.issue_types,
            support_email: aftercare.support_email,
        },
    })
}
