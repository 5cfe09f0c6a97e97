//! A platform's webhook delivery, received: the connection found by its URL key, the HMAC of
//! the raw body checked before anything is read, a delivery id seen before answered without
//! change, the payload mapped and written through the existing order and shipment upserts, and
//! a payload that does not map kept in the integration errors for the merchant.

use super::mapping::{self, ShopEvent, Unmappable};
use super::products::PlatformVariant;
use super::{shopify, woocommerce};
use crate::auth::CurrentStaff;
use crate::db::entities::{
    integration_error, order, shop_connection, shop_order_link, shop_webhook_receipt,
};
use crate::db::{Tenant, write_alone};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::services::{catalogue, orders};
use base64::Engine;
use chrono::Utc;
use hmac::{Hmac, Mac};
use rebound_shared::api::api_keys::ApiScope;
use rebound_shared::api::catalogue::UpsertVariant;
use rebound_shared::api::connections::{InboundOutcome, InboundReceipt, ShopPlatform};
use rebound_shared::api::orders::AddTrackingEvent;
use rebound_shared::{ErrorKind, Role};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sha2::Sha256;
use uuid::Uuid;
use validator::Validate;

/// What the route read from the request, nothing parsed yet.
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    pub platform: ShopPlatform,
    /// The last part of the URL.
    pub key: &'a str,
    /// `X-Shopify-Hmac-Sha256` or `X-WC-Webhook-Signature`.
    pub signature: Option<&'a str>,
    /// `X-Shopify-Topic` or `X-WC-Webhook-Topic`.
    pub topic: Option<&'a str>,
    /// `X-Shopify-Webhook-Id` or `X-WC-Webhook-Delivery-ID`.
    pub delivery_id: Option<&'a str>,
    pub body: &'a [u8],
}

/// Whether `header` is the base64 HMAC-SHA256 of `body` under `secret`, compared in constant
/// time (the `hmac` crate's `verify_slice`), so the answer's timing tells nothing.
pub fn signature_matches(secret: &str, body: &[u8], header: &str) -> bool {
    let Ok(given) = base64::engine::general_purpose::STANDARD.decode(header.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

/// WooCommerce's ping when a webhook is saved: a form body `webhook_id=<n>`, unsigned.
pub fn is_woocommerce_ping(body: &[u8]) -> bool {
    let mut pairs = form_urlencoded::parse(body);
    let first = pairs.next();
    pairs.next().is_none()
        && first.is_some_and(|(k, v)| {
            k == "webhook_id" && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Who the upserts see as the caller: the connection itself, allowed orders and nothing else.
fn acting_as(c: &shop_connection::Model) -> CurrentStaff {
    CurrentStaff {
        staff_id: c.id,
        role: Role::Agent,
        api_scopes: Some(vec![ApiScope::OrdersRead, ApiScope::OrdersWrite]),
        tenant: Tenant::new(c.merchant_id),
    }
}

fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

pub async fn receive(
    db: &DatabaseConnection,
    links: &Links,
    delivery: Delivery<'_>,
) -> ApiResult<InboundReceipt> {
    let connection = shop_connection::Entity::find()
        .filter(shop_connection::Column::InboundKey.eq(delivery.key))
        .filter(shop_connection::Column::Platform.eq(delivery.platform.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("connection"))?;
    // WooCommerce pings the URL, unsigned, when the webhook is saved: it must see a 200 to
    // activate the webhook. Nothing is read or written for it.
    if delivery.platform == ShopPlatform::Woocommerce
        && delivery.signature.is_none()
        && is_woocommerce_ping(delivery.body)
    {
        return Ok(InboundReceipt {
            outcome: InboundOutcome::Ignored,
            order_number: None,
        });
    }
    let Some(secret) = connection.webhook_secret.as_deref() else {
        return Err(ApiError::unauthorized(
            "no webhook secret is set for this connection yet",
        ));
    };
    let signed = delivery
        .signature
        .is_some_and(|s| signature_matches(secret, delivery.body, s));
    if !signed {
        return Err(ApiError::unauthorized(
            "the webhook signature is missing or does not match the secret",
        ));
    }

    let topic = delivery.topic.map(str::trim).unwrap_or_default();
    let delivery_id = delivery
        .delivery_id
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| clip(d, 128));
    let mapped = match delivery.platform {
        ShopPlatform::Shopify => {
            shopify::ShopifyTopic::parse(topic).map(|t| shopify::map(t, delivery.body))
        }
        ShopPlatform::Woocommerce => {
            woocommerce::WooCommerceTopic::parse(topic).map(|t| woocommerce::map(t, delivery.body))
        }
    };
    // Platforms retry anything but a 2xx: a topic Rebound does not use is taken and dropped.
    let Some(mapped) = mapped else {
        note_last_event(db, &connection, topic, InboundOutcome::Ignored).await?;
        return Ok(InboundReceipt {
            outcome: InboundOutcome::Ignored,
            order_number: None,
        });
    };
    if let Some(id) = delivery_id.as_deref() {
        let seen = shop_webhook_receipt::Entity::find()
            .filter(shop_webhook_receipt::Column::ConnectionId.eq(connection.id))
            .filter(shop_webhook_receipt::Column::DeliveryId.eq(id))
            .one(db)
            .await?
            .is_some();
        if seen {
            note_last_event(db, &connection, topic, InboundOutcome::Duplicate).await?;
            return Ok(InboundReceipt {
                outcome: InboundOutcome::Duplicate,
                order_number: None,
            });
        }
    }
    let applied = match mapped {
        Ok(event) => apply(db, links, &connection, event).await,
        Err(unmappable) => Err(Refused::Unmappable(unmappable)),
    };
    match applied {
        Ok((outcome, order_number)) => {
            if let Some(id) = delivery_id {
                // A replay racing this one may have written its receipt first: one is enough.
                shop_webhook_receipt::Entity::insert(shop_webhook_receipt::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    connection_id: Set(connection.id),
                    delivery_id: Set(id),
                    topic: Set(clip(topic, 64)),
                    received_at: Set(Utc::now()),
                })
                .on_conflict_do_nothing_on([
                    shop_webhook_receipt::Column::ConnectionId,
                    shop_webhook_receipt::Column::DeliveryId,
                ])
                .exec(db)
                .await?;
            }
            note_last_event(db, &connection, topic, outcome).await?;
            Ok(InboundReceipt {
                outcome,
                order_number,
            })
        }
        Err(Refused::Fault(e)) => Err(e),
        // Not taken as received: the platform's retry (after the merchant fixed the product
        // or the address) is read again.
        Err(Refused::Unmappable(why)) => {
            keep_error(db, &connection, topic, delivery_id, &why).await?;
            note_last_event(db, &connection, topic, InboundOutcome::Failed).await?;
            Err(ApiError::field(
                ErrorKind::Validation,
                &why.field,
                "unmappable",
                &why.detail,
            ))
        }
    }
}

enum Refused {
    /// The payload does not make an order: a 422 and a row in the integration errors.
    Unmappable(Unmappable),
    /// Anything else (the database is down): answered as it is, and the platform retries.
    Fault(ApiError),
}

/// An error of the upserts: their rules broken by the payload are the payload's fault.
fn refused(order_ref: &str, e: ApiError) -> Refused {
    match e.kind {
        ErrorKind::Validation | ErrorKind::NotFound | ErrorKind::Conflict => {
            let field = e
                .errors
                .first()
                .map_or_else(|| "payload".to_owned(), |f| f.field.clone());
            let detail = e
                .errors
                .first()
                .map_or_else(|| e.detail.clone(), |f| f.message.clone());
            Refused::Unmappable(Unmappable::new(&field, detail).about(Some(order_ref.to_owned())))
        }
        _ => Refused::Fault(e),
    }
}

/// Writes a mapped delivery through the order and shipment upserts.
async fn apply(
    db: &DatabaseConnection,
    links: &Links,
    connection: &shop_connection::Model,
    event: ShopEvent,
) -> Result<(InboundOutcome, Option<String>), Refused> {
    let caller = acting_as(connection);
    match event {
        ShopEvent::Order {
            external_id,
            number,
            order,
        } => {
            order
                .validate()
                .map_err(|e| refused(&number, ApiError::from(e)))?;
            let (_, view) = orders::upsert_order(db, links, &caller, &number, *order)
                .await
                .map_err(|e| refused(&number, e))?;
            link_order(db, connection, &external_id, &view.number)
                .await
                .map_err(Refused::Fault)?;
            Ok((InboundOutcome::Stored, Some(view.number)))
        }
        ShopEvent::Shipments {
            external_order_id,
            shipments,
            scan,
        } => {
            let number = shop_order_link::Entity::find()
                .filter(shop_order_link::Column::ConnectionId.eq(connection.id))
                .filter(shop_order_link::Column::ExternalId.eq(&external_order_id))
                .one(db)
                .await
                .map_err(|e| Refused::Fault(e.into()))?
                .map(|l| l.order_number)
                .ok_or_else(|| {
                    Refused::Unmappable(
                        Unmappable::new(
                            "order",
                            format!(
                                "order {external_order_id} has not arrived yet: its fulfilment is taken once the order is"
                            ),
                        )
                        .about(Some(external_order_id.clone())),
                    )
                })?;
            if shipments.is_empty() {
                return Ok((InboundOutcome::Ignored, Some(number)));
            }
            for shipment in &shipments {
                shipment
                    .validate()
                    .map_err(|e| refused(&number, ApiError::from(e)))?;
            }
            for shipment in shipments {
                let tracking = shipment.tracking_number.clone();
                orders::upsert_shipment(db, links, &caller, &number, shipment)
                    .await
                    .map_err(|e| refused(&number, e))?;
                if let Some(scan) = scan {
                    let event = AddTrackingEvent {
                        kind: scan.kind,
                        description: None,
                        location: None,
                        occurred_at: scan.occurred_at,
                    };
                    orders::add_tracking_event(db, links, &caller, &tracking, event)
                        .await
                        .map_err(|e| refused(&number, e))?;
                }
            }
            Ok((InboundOutcome::Stored, Some(number)))
        }
        ShopEvent::Products {
            product_ref,
            variants,
        } => {
            if variants.is_empty() {
                // Nothing with a SKU: nothing the catalogue could hold.
                return Ok((InboundOutcome::Ignored, None));
            }
            catalogue_products(db, &caller, &product_ref, variants).await?;
            Ok((InboundOutcome::Stored, None))
        }
    }
}

/// A platform's variants through the catalogue's upsert, priced in the shop's currency: its
/// latest order's (the platforms send product prices without one), else the one the
/// catalogue already has for the SKU. A variant whose stock the platform does not count keeps
/// the catalogue's.
async fn catalogue_products(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    product_ref: &str,
    variants: Vec<PlatformVariant>,
) -> Result<(), Refused> {
    let fault = |e: sea_orm::DbErr| Refused::Fault(e.into());
    let known = catalogue::by_skus(
        db,
        caller.tenant,
        variants.iter().map(|v| v.variant.sku.clone()),
    )
    .await
    .map_err(Refused::Fault)?;
    let latest = caller
        .tenant
        .find::<order::Entity>()
        .order_by_desc(order::Column::PlacedAt)
        .one(db)
        .await
        .map_err(fault)?
        .map(|o| o.currency);
    let mut upserts = Vec::with_capacity(variants.len());
    for v in variants {
        let current = known.get(&v.variant.sku);
        let code = latest
            .clone()
            .or_else(|| current.map(|c| c.currency.clone()))
            .ok_or_else(|| {
                Refused::Unmappable(
                    Unmappable::new(
                        "currency",
                        "the shop's currency is not known yet: Rebound reads it from the shop's orders, so send an order first",
                    )
                    .about(Some(product_ref.to_owned())),
                )
            })?;
        let currency = mapping::currency(Some(&code))
            .map_err(|e| Refused::Unmappable(e.about(Some(product_ref.to_owned()))))?;
        let price_minor = mapping::amount_minor(&v.price, currency, "price")
            .map_err(|e| Refused::Unmappable(e.about(Some(product_ref.to_owned()))))?;
        upserts.push(UpsertVariant {
            price_minor,
            currency: code,
            stock_on_hand: v
                .stock
                .or_else(|| current.map(|c| c.stock_on_hand))
                .unwrap_or(0),
            ..v.variant
        });
    }
    for v in &upserts {
        v.validate()
            .map_err(|e| refused(product_ref, ApiError::from(e)))?;
    }
    catalogue::upsert_variants(db, caller, upserts)
        .await
        .map_err(|e| refused(product_ref, e))?;
    Ok(())
}

/// Remembers which Rebound order the platform's order id became: fulfilments name the id.
async fn link_order(
    db: &DatabaseConnection,
    connection: &shop_connection::Model,
    external_id: &str,
    number: &str,
) -> ApiResult<()> {
    shop_order_link::Entity::insert(shop_order_link::ActiveModel {
        id: Set(Uuid::now_v7()),
        connection_id: Set(connection.id),
        external_id: Set(clip(external_id, 64)),
        order_number: Set(number.to_owned()),
    })
    .on_conflict(
        OnConflict::columns([
            shop_order_link::Column::ConnectionId,
            shop_order_link::Column::ExternalId,
        ])
        .update_column(shop_order_link::Column::OrderNumber)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// One row per failing delivery: the platform's retries of it bring the row up to date
/// instead of adding more.
async fn keep_error(
    db: &DatabaseConnection,
    connection: &shop_connection::Model,
    topic: &str,
    delivery_id: Option<String>,
    why: &Unmappable,
) -> ApiResult<()> {
    let now = Utc::now();
    let existing = match delivery_id.as_deref() {
        Some(id) => {
            integration_error::Entity::find()
                .filter(integration_error::Column::ConnectionId.eq(connection.id))
                .filter(integration_error::Column::DeliveryId.eq(id))
                .one(db)
                .await?
        }
        None => None,
    };
    let order_ref = why.order_ref.as_deref().map(|r| clip(r, 64));
    let field = Some(clip(&why.field, 100));
    match existing {
        Some(row) => {
            let mut row: integration_error::ActiveModel = row.into();
            row.field = Set(field);
            row.detail = Set(why.detail.clone());
            row.order_ref = Set(order_ref);
            row.received_at = Set(now);
            row.update(db).await?;
        }
        None => {
            integration_error::ActiveModel {
                id: Set(Uuid::now_v7()),
                merchant_id: Set(connection.merchant_id),
                connection_id: Set(connection.id),
                platform: Set(connection.platform.clone()),
                topic: Set(clip(topic, 64)),
                delivery_id: Set(delivery_id),
                order_ref: Set(order_ref),
                field: Set(field),
                detail: Set(why.detail.clone()),
                received_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The connection's "last received event", for the merchant to see that deliveries arrive.
async fn note_last_event(
    db: &DatabaseConnection,
    connection: &shop_connection::Model,
    topic: &str,
    outcome: InboundOutcome,
) -> ApiResult<()> {
    let topic = if topic.is_empty() { "(none)" } else { topic };
    let noted = shop_connection::Entity::update_many()
        .filter(shop_connection::Column::Id.eq(connection.id))
        .col_expr(
            shop_connection::Column::LastEventTopic,
            sea_orm::sea_query::Expr::value(clip(topic, 64)),
        )
        .col_expr(
            shop_connection::Column::LastEventOutcome,
            sea_orm::sea_query::Expr::value(outcome.as_str()),
        )
        .col_expr(
            shop_connection::Column::LastEventAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        );
    write_alone(db, noted).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_the_base64_hmac_of_the_raw_body() {
        // Computed apart: `printf '{"id":1}' | openssl dgst -sha256 -hmac secret-key -binary | base64`.
        let header = "Bbz0dyzu/8RTWT4E7Idq/v68VRdzwviXmrZQS0C9HQY=";
        assert!(signature_matches("secret-key", br#"{"id":1}"#, header));
        assert!(!signature_matches("secret-key", br#"{"id":2}"#, header));
        assert!(!signature_matches("other-key", br#"{"id":1}"#, header));
        assert!(!signature_matches(
            "secret-key",
            br#"{"id":1}"#,
            "not base64!"
        ));
        assert!(!signature_matches("secret-key", br#"{"id":1}"#, ""));
    }

    #[test]
    fn only_woocommerces_own_ping_is_a_ping() {
        assert!(is_woocommerce_ping(b"webhook_id=42"));
        assert!(!is_woocommerce_ping(b"webhook_id=42&x=1"));
        assert!(!is_woocommerce_ping(b"webhook_id="));
        assert!(!is_woocommerce_ping(br#"{"webhook_id":42}"#));
    }
}
