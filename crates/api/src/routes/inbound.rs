//! `/inbound/…`: webhook deliveries from shop platforms. Public (no staff credentials): the
//! connection's unguessable key in the URL finds the merchant, the HMAC signature of the raw
//! body proves the platform sent it.

use crate::error::ApiResult;
use crate::extract::read_body;
use crate::openapi::BinaryFile;
use crate::services::integrations::inbound::{self, Delivery};
use crate::state::AppState;
use actix_web::{HttpRequest, post, web};
use rebound_shared::Problem;
use rebound_shared::api::connections::{InboundReceipt, ShopPlatform};
use utoipa_actix_web::service_config::ServiceConfig;

/// Shopify's largest order payloads are a few hundred KB.
const BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(receive_shopify).service(receive_woocommerce);
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// A Shopify webhook (`orders/create`, `orders/updated`, `orders/cancelled`,
/// `fulfillments/create`, `fulfillments/update`), written onto the order and its shipments;
/// `products/create` and `products/update` onto the catalogue (variants by SKU, priced in the
/// currency of the shop's orders).
/// Any other topic is answered 200 and ignored; a delivery id seen before is answered 200 and
/// changes nothing.
#[utoipa::path(tag = "integrations",
    params(
        ("merchant_key" = String, Path, description = "The key in the URL the Shopify connection shows"),
        ("X-Shopify-Hmac-Sha256" = Option<String>, Header, description = "Base64 HMAC-SHA256 of the raw body under the connection's secret"),
        ("X-Shopify-Topic" = Option<String>, Header, description = "`orders/create`, `orders/updated`, `orders/cancelled`, `fulfillments/create`, `fulfillments/update`, `products/create` or `products/update`; others are ignored"),
        ("X-Shopify-Webhook-Id" = Option<String>, Header, description = "The delivery's id: a second delivery with the same id changes nothing"),
    ),
    request_body(content = inline(BinaryFile), content_type = "application/json", description = "The order or fulfilment, as Shopify sends it"),
    responses(
        (status = 200, description = "Taken (written, a replay, or a topic Rebound ignores)", body = InboundReceipt),
        (status = 401, description = "The signature is missing or wrong, or no secret is set: nothing is read or stored", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No connection has this key", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 4 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The payload does not make an order (no email, an unknown currency, its order not arrived yet…): kept in the integration errors", body = Problem, content_type = "application/problem+json")
))]
#[post("/inbound/shopify/{merchant_key}")]
pub async fn receive_shopify(
    state: web::Data<AppState>,
    req: HttpRequest,
    merchant_key: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<web::Json<InboundReceipt>> {
    let body = read_body(payload, BODY_LIMIT).await?;
    let delivery = Delivery {
        platform: ShopPlatform::Shopify,
        key: &merchant_key,
        signature: header(&req, "X-Shopify-Hmac-Sha256"),
        topic: header(&req, "X-Shopify-Topic"),
        delivery_id: header(&req, "X-Shopify-Webhook-Id"),
        body: &body,
    };
    Ok(web::Json(
        inbound::receive(&state.db, &state.links, delivery).await?,
    ))
}

/// A WooCommerce webhook (`order.created`, `order.updated`), written onto the order;
/// `product.created` and `product.updated` onto the catalogue (a product with a SKU). Any other
/// topic, and WooCommerce's unsigned ping (`webhook_id=…`) when the webhook is saved, are
/// answered 200 and ignored; a delivery id seen before is answered 200 and changes nothing.
#[utoipa::path(tag = "integrations",
    params(
        ("merchant_key" = String, Path, description = "The key in the URL the WooCommerce connection shows"),
        ("X-WC-Webhook-Signature" = Option<String>, Header, description = "Base64 HMAC-SHA256 of the raw body under the connection's secret"),
        ("X-WC-Webhook-Topic" = Option<String>, Header, description = "`order.created`, `order.updated`, `product.created` or `product.updated`; others are ignored"),
        ("X-WC-Webhook-Delivery-ID" = Option<String>, Header, description = "The delivery's id: a second delivery with the same id changes nothing"),
    ),
    request_body(content = inline(BinaryFile), content_type = "application/json", description = "The order, as WooCommerce's REST API (v3) writes it"),
    responses(
        (status = 200, description = "Taken (written, a replay, a ping, or a topic Rebound ignores)", body = InboundReceipt),
        (status = 401, description = "The signature is missing or wrong, or no secret is set: nothing is read or stored", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No connection has this key", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 4 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The payload does not make an order (no email, an unknown currency…): kept in the integration errors", body = Problem, content_type = "application/problem+json")
))]
#[post("/inbound/woocommerce/{merchant_key}")]
pub async fn receive_woocommerce(
    state: web::Data<AppState>,
    req: HttpRequest,
    merchant_key: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<web::Json<InboundReceipt>> {
    let body = read_body(payload, BODY_LIMIT).await?;
    let delivery = Delivery {
        platform: ShopPlatform::Woocommerce,
        key: &merchant_key,
        signature: header(&req, "X-WC-Webhook-Signature"),
        topic: header(&req, "X-WC-Webhook-Topic"),
        delivery_id: header(&req, "X-WC-Webhook-Delivery-ID"),
        body: &body,
    };
    Ok(web::Json(
        inbound::receive(&state.db, &state.links, delivery).await?,
    ))
}
