//! Shoppers: the top returners of a period and the ones the shop's risk thresholds flag,
//! counted by the same two grouped statements as the shoppers view.

use super::sql::CardScope;
use crate::db::Tenant;
use crate::error::ApiResult;
use crate::services::returns::risk::{Window, top_returners};
use rebound_shared::api::analytics::{ShoppersCard, TOP_SHOPPERS};
use sea_orm::ConnectionTrait;

/// The product filter does not apply: a shopper's habits are about all they return.
pub async fn shoppers_card(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    scope: &CardScope,
) -> ApiResult<ShoppersCard> {
    let window = Window {
        since: scope.range.start(),
        until: Some(scope.range.end()),
    };
    let (shoppers, currency) = top_returners(db, tenant, window, TOP_SHOPPERS).await?;
    Ok(ShoppersCard {
        period: super::period(&CardScope {
            range: scope.range,
            product: None,
        }),
        currency: currency.code().to_owned(),
        flagged: u32::try_from(shoppers.iter().filter(|s| !s.flags.is_empty()).count())
            .unwrap_or(u32::MAX),
        shoppers,
    })
}
