//! The order a shopper's token opens: the one check every portal use case starts with.

use crate::auth::OrderAccess;
use crate::db::Tenant;
use crate::db::entities::order;
use crate::error::{ApiError, ApiResult};
use crate::services::settings;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The order the token opens, checked against the shop in the URL.
pub(crate) async fn opened_order(
    db: &impl ConnectionTrait,
    access: OrderAccess,
    slug: &str,
) -> ApiResult<order::Model> {
    let deny = || ApiError::unauthorized("look your order up again to continue");
    let o = Tenant::new(access.merchant_id)
        .find::<order::Entity>()
        .filter(order::Column::Id.eq(access.order_id))
        .one(db)
        .await?
        .ok_or_else(deny)?;
    let m = crate::db::entities::merchant::Entity::find_by_id(access.merchant_id)
        .one(db)
        .await?
        .ok_or_else(deny)?;
    if m.slug != slug
        && settings::redirected_slug(db, slug).await?.as_deref() != Some(m.slug.as_str())
    {
        return Err(deny());
    }
    Ok(o)
}
