//! The Shopify and WooCommerce connections owners and managers set up (one per platform per
//! merchant), and the list of deliveries that could not become an order.

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{integration_error, shop_connection};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::services::accounts::audit;
use crate::services::keyset::{self, PageSize};
use crate::services::orders::Upserted;
use crate::services::random_token;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::connections::{
    InboundOutcome, IntegrationErrorPage, IntegrationErrorView, LastEvent, SaveShopifyConnection,
    SaveWooCommerceConnection, ShopConnectionView, ShopPlatform,
};
use rebound_shared::api::settings::Change;
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

/// The path a platform posts to, under the API's base: its last part is the connection's
/// unguessable key, never the merchant's id.
pub fn inbound_path(platform: ShopPlatform, key: &str) -> String {
    format!(
        "{}/inbound/{}/{key}",
        rebound_shared::api::API_V1,
        platform.as_str()
    )
}

pub(crate) fn view(links: &Links, c: shop_connection::Model) -> ApiResult<ShopConnectionView> {
    let platform = ShopPlatform::parse(&c.platform)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown platform {}", c.platform)))?;
    let last_event = match (c.last_event_topic, c.last_event_outcome, c.last_event_at) {
        (Some(topic), Some(outcome), Some(received_at)) => Some(LastEvent {
            topic,
            outcome: InboundOutcome::parse(&outcome)
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown outcome {outcome}")))?,
            received_at,
        }),
        _ => None,
    };
    let secret_hint = c.webhook_secret.as_deref().map(|s| {
        let tail: String = s
            .chars()
            .skip(s.chars().count().saturating_sub(4))
            .collect();
        format!("…{tail}")
    });
    Ok(ShopConnectionView {
        platform,
        webhook_url: links.absolute(&inbound_path(platform, &c.inbound_key)),
        shop: c.shop,
        secret_set: secret_hint.is_some(),
        secret_hint,
        last_event,
        created_at: c.created_at,
        updated_at: c.updated_at,
    })
}

async fn find(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    platform: ShopPlatform,
) -> ApiResult<Option<shop_connection::Model>> {
    Ok(caller
        .tenant
        .find::<shop_connection::Entity>()
        .filter(shop_connection::Column::Platform.eq(platform.as_str()))
        .one(db)
        .await?)
}

fn not_connected(platform: ShopPlatform) -> ApiError {
    ApiError::not_found(match platform {
        ShopPlatform::Shopify => "Shopify connection",
        ShopPlatform::Woocommerce => "WooCommerce connection",
    })
}

pub async fn get_connection(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    platform: ShopPlatform,
) -> ApiResult<ShopConnectionView> {
    caller.require(Permission::ManageSettings)?;
    let found = find(db, caller, platform)
        .await?
        .ok_or_else(|| not_connected(platform))?;
    view(links, found)
}

pub async fn save_shopify(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    input: SaveShopifyConnection,
) -> ApiResult<(Upserted, ShopConnectionView)> {
    let shop = input.shop_domain.trim().to_owned();
    save(
        db,
        links,
        caller,
        ShopPlatform::Shopify,
        shop,
        input.webhook_secret,
    )
    .await
}

pub async fn save_woocommerce(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    input: SaveWooCommerceConnection,
) -> ApiResult<(Upserted, ShopConnectionView)> {
    let shop = input.site_url.trim().trim_end_matches('/').to_owned();
    save(
        db,
        links,
        caller,
        ShopPlatform::Woocommerce,
        shop,
        input.webhook_secret,
    )
    .await
}

/// Creates the connection (with a fresh inbound key) or changes it; a secret left out keeps
/// the one set. The URL to paste never changes while the connection lives.
async fn save(
    db: &DatabaseConnection,
    links: &Links,
    caller: &CurrentStaff,
    platform: ShopPlatform,
    shop: String,
    secret: Option<String>,
) -> ApiResult<(Upserted, ShopConnectionView)> {
    caller.require(Permission::ManageSettings)?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let (outcome, saved, from) = match find(&txn, caller, platform).await? {
        Some(current) => {
            let from = json!(current.shop);
            let mut row: shop_connection::ActiveModel = current.into();
            row.shop = Set(shop);
            if let Some(secret) = secret {
                row.webhook_secret = Set(Some(secret));
            }
            row.updated_at = Set(now);
            (Upserted::Updated, row.update(&txn).await?, from)
        }
        None => {
            let created = shop_connection::ActiveModel {
                id: Set(Uuid::now_v7()),
                merchant_id: Set(caller.tenant.merchant_id()),
                platform: Set(platform.as_str().to_owned()),
                shop: Set(shop),
                webhook_secret: Set(secret),
                inbound_key: Set(random_token().map_err(ApiError::internal)?),
                last_event_topic: Set(None),
                last_event_outcome: Set(None),
                last_event_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            (Upserted::Created, created, json!(null))
        }
    };
    // The secret is never written to the audit log, only the shop it belongs to.
    let change = Change {
        field: format!("{}_connection", platform.as_str()),
        from,
        to: json!(saved.shop),
    };
    audit::record(&txn, caller, "integrations", vec![change]).await?;
    txn.commit().await?;
    Ok((outcome, view(links, saved)?))
}

/// Removes the connection: its URL stops answering at once. Orders it brought stay.
pub async fn delete_connection(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    platform: ShopPlatform,
) -> ApiResult<()> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let found = find(&txn, caller, platform)
        .await?
        .ok_or_else(|| not_connected(platform))?;
    let change = Change {
        field: format!("{}_connection", platform.as_str()),
        from: json!(found.shop),
        to: json!(null),
    };
    caller
        .tenant
        .delete::<shop_connection::Entity>()
        .filter(shop_connection::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    audit::record(&txn, caller, "integrations", vec![change]).await?;
    txn.commit().await?;
    Ok(())
}

/// Deliveries that did not become an order, newest first, keyset-paginated on
/// (received_at, id): one query per page.
pub async fn list_errors(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    cursor: Option<&str>,
    limit: PageSize,
) -> ApiResult<IntegrationErrorPage> {
    caller.require(Permission::ManageSettings)?;
    let rows_wanted = limit.rows();
    let mut query = caller.tenant.find::<integration_error::Entity>();
    if let Some(cursor) = cursor {
        let (at, id) = keyset::decode(cursor)?;
        query = query.filter(
            Condition::any()
                .add(integration_error::Column::ReceivedAt.lt(at))
                .add(
                    Condition::all()
                        .add(integration_error::Column::ReceivedAt.eq(at))
                        .add(integration_error::Column::Id.lt(id)),
                ),
        );
    }
    let mut rows = query
        .order_by_desc(integration_error::Column::ReceivedAt)
        .order_by_desc(integration_error::Column::Id)
        .limit(rows_wanted + 1)
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > rows_wanted {
        rows.truncate(rows_wanted as usize);
        rows.last().map(|r| keyset::encode(r.received_at, r.id))
    } else {
        None
    };
    let errors = rows
        .into_iter()
        .map(|r| {
            Ok(IntegrationErrorView {
                platform: ShopPlatform::parse(&r.platform).ok_or_else(|| {
                    ApiError::internal(anyhow::anyhow!("unknown platform {}", r.platform))
                })?,
                id: r.id,
                topic: r.topic,
                delivery_id: r.delivery_id,
                order_ref: r.order_ref,
                field: r.field,
                detail: r.detail,
                received_at: r.received_at,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(IntegrationErrorPage {
        errors,
        next_cursor,
    })
}
