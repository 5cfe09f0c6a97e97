//! Orders in from shop platforms: the Shopify and WooCommerce connections staff set up (the
//! URL to paste into the platform, the webhook secret, the last event received) and the list
//! of deliveries that could not become an order.

use crate::domain::rule;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// A shop platform Rebound takes orders from by webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShopPlatform {
    Shopify,
    Woocommerce,
}

impl ShopPlatform {
    pub const ALL: [ShopPlatform; 2] = [ShopPlatform::Shopify, ShopPlatform::Woocommerce];

    pub fn as_str(self) -> &'static str {
        match self {
            ShopPlatform::Shopify => "shopify",
            ShopPlatform::Woocommerce => "woocommerce",
        }
    }

    pub fn parse(raw: &str) -> Option<ShopPlatform> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }
}

/// A Shopify shop's own domain, as the admin shows it: `maple-co.myshopify.com`.
pub const SHOPIFY_DOMAIN_PATTERN: &str = r"^[a-z0-9][a-z0-9-]{0,59}\.myshopify\.com$";
const SHOPIFY_SUFFIX: &str = ".myshopify.com";

/// A WooCommerce site's address: `https://shop.example` or `https://example.com/shop`.
pub const SITE_URL_PATTERN: &str =
    r"^https?://[a-z0-9.-]{1,253}(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]{0,500})?$";

/// A webhook signing secret: visible ASCII without spaces (Shopify's hex keys, WooCommerce's
/// generated passwords with punctuation).
pub const WEBHOOK_SECRET_PATTERN: &str = r"^[!-~]{8,200}$";
pub const WEBHOOK_SECRET_MIN: usize = 8;
pub const WEBHOOK_SECRET_MAX: usize = 200;

/// Checks exactly what [`SHOPIFY_DOMAIN_PATTERN`] says.
pub fn validate_shopify_domain(raw: &str) -> Result<(), ValidationError> {
    let refuse = || Err(rule("shop_domain", "use the shop's myshopify.com domain"));
    let Some(name) = raw.strip_suffix(SHOPIFY_SUFFIX) else {
        return refuse();
    };
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if first_ok && rest_ok && name.len() <= 60 {
        Ok(())
    } else {
        refuse()
    }
}

/// Checks exactly what [`SITE_URL_PATTERN`] says.
pub fn validate_site_url(raw: &str) -> Result<(), ValidationError> {
    let refuse = || {
        Err(rule(
            "site_url",
            "use the site's address, such as https://shop.example",
        ))
    };
    let Some(rest) = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
    else {
        return refuse();
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = (1..=253).contains(&host.len())
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    let path_ok = path.is_none_or(|p| {
        p.len() <= 500
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~' | '/' | '-'))
    });
    if host_ok && port_ok && path_ok {
        Ok(())
    } else {
        refuse()
    }
}

/// Checks exactly what [`WEBHOOK_SECRET_PATTERN`] says.
pub fn validate_webhook_secret(raw: &str) -> Result<(), ValidationError> {
    let visible = raw.chars().all(|c| c.is_ascii_graphic());
    if visible && (WEBHOOK_SECRET_MIN..=WEBHOOK_SECRET_MAX).contains(&raw.len()) {
        Ok(())
    } else {
        Err(rule(
            "webhook_secret",
            "use 8 to 200 visible characters, no spaces",
        ))
    }
}

/// Connect Shopify, or change the connection. Leave `webhook_secret` out to keep the one set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"shop_domain": "maple-co.myshopify.com", "webhook_secret": "c2b7f0e4a1d9…"})))]
pub struct SaveShopifyConnection {
    #[validate(custom(function = "validate_shopify_domain"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = shopify_domain_schema))]
    pub shop_domain: String,
    /// The key Shopify signs webhooks with (Settings > Notifications > Webhooks, or the app's
    /// client secret).
    #[validate(custom(function = "validate_webhook_secret"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = webhook_secret_schema))]
    pub webhook_secret: Option<String>,
}

/// Connect WooCommerce, or change the connection. Leave `webhook_secret` out to keep the one
/// set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"site_url": "https://shop.example", "webhook_secret": "k(3Jw!pQ…"})))]
pub struct SaveWooCommerceConnection {
    #[validate(custom(function = "validate_site_url"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = site_url_schema))]
    pub site_url: String,
    /// The secret typed in WooCommerce > Settings > Advanced > Webhooks.
    #[validate(custom(function = "validate_webhook_secret"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = webhook_secret_schema))]
    pub webhook_secret: Option<String>,
}

#[cfg(feature = "openapi")]
fn pattern_schema(pattern: &str, example: &str) -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)])
        .build()
}

#[cfg(feature = "openapi")]
fn shopify_domain_schema() -> utoipa::openapi::schema::Object {
    pattern_schema(SHOPIFY_DOMAIN_PATTERN, "maple-co.myshopify.com")
}

#[cfg(feature = "openapi")]
fn site_url_schema() -> utoipa::openapi::schema::Object {
    pattern_schema(SITE_URL_PATTERN, "https://shop.example")
}

#[cfg(feature = "openapi")]
fn webhook_secret_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    // Optional and nullable: null or absent keeps the secret already set.
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(WEBHOOK_SECRET_PATTERN))
        .examples([serde_json::json!("c2b7f0e4a1d94e2b")])
        .build()
}

/// What became of a delivery from a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InboundOutcome {
    /// The order or shipment was written.
    Stored,
    /// This delivery id was taken before: nothing changed.
    Duplicate,
    /// A topic Rebound does not use, or the platform's ping: nothing changed.
    Ignored,
    /// The payload did not map onto an order: see the integration errors.
    Failed,
}

impl InboundOutcome {
    pub const ALL: [InboundOutcome; 4] = [
        InboundOutcome::Stored,
        InboundOutcome::Duplicate,
        InboundOutcome::Ignored,
        InboundOutcome::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InboundOutcome::Stored => "stored",
            InboundOutcome::Duplicate => "duplicate",
            InboundOutcome::Ignored => "ignored",
            InboundOutcome::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<InboundOutcome> {
        Self::ALL.into_iter().find(|o| o.as_str() == raw)
    }
}

/// The answer to a platform's delivery (platforms only read the status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboundReceipt {
    pub outcome: InboundOutcome,
    /// The Rebound order the delivery wrote or pointed at.
    pub order_number: Option<String>,
}

/// The last delivery a connection received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LastEvent {
    /// The platform's topic: `orders/create`, `order.updated`…
    pub topic: String,
    pub outcome: InboundOutcome,
    pub received_at: DateTime<Utc>,
}

/// A connection as staff see it. The secret is never shown back, only its last characters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopConnectionView {
    pub platform: ShopPlatform,
    /// The Shopify shop domain or the WooCommerce site URL.
    pub shop: String,
    /// Paste this into the platform as the webhook's delivery URL.
    pub webhook_url: String,
    /// Deliveries are refused (401) until a secret is set.
    pub secret_set: bool,
    /// The secret's last four characters, to recognise it.
    pub secret_hint: Option<String>,
    pub last_event: Option<LastEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A delivery that could not become an order, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrationErrorView {
    pub id: Uuid,
    pub platform: ShopPlatform,
    pub topic: String,
    /// The platform's delivery id (`X-Shopify-Webhook-Id`, `X-WC-Webhook-Delivery-ID`).
    pub delivery_id: Option<String>,
    /// The platform's order number or id, when the payload had one.
    pub order_ref: Option<String>,
    /// The field at fault, in Rebound's order terms (`email`, `shipping_address.postal_code`).
    pub field: Option<String>,
    pub detail: String,
    pub received_at: DateTime<Utc>,
}

/// One page of integration errors, newest first: pass `next_cursor` back as `cursor`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrationErrorPage {
    pub errors: Vec<IntegrationErrorView>,
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn agrees(pattern: &str, check: fn(&str) -> Result<(), ValidationError>, samples: &[&str]) {
        let re = Regex::new(pattern).unwrap();
        for s in samples {
            assert_eq!(
                re.is_match(s),
                check(s).is_ok(),
                "{pattern} and its check on {s:?}"
            );
        }
    }

    #[test]
    fn shopify_domain_check_is_its_pattern() {
        agrees(
            SHOPIFY_DOMAIN_PATTERN,
            validate_shopify_domain,
            &[
                "maple-co.myshopify.com",
                "a.myshopify.com",
                "-a.myshopify.com",
                "Maple.myshopify.com",
                ".myshopify.com",
                "maple.shopify.com",
                "maple.myshopify.com.evil",
                &format!("{}.myshopify.com", "a".repeat(60)),
                &format!("{}.myshopify.com", "a".repeat(61)),
            ],
        );
        assert!(validate_shopify_domain("maple-co.myshopify.com").is_ok());
    }

    #[test]
    fn site_url_check_is_its_pattern() {
        agrees(
            SITE_URL_PATTERN,
            validate_site_url,
            &[
                "https://shop.example",
                "http://shop.example:8080/store/",
                "https://shop.example/",
                "https://Shop.example",
                "ftp://shop.example",
                "https://",
                "https://shop.example:123456",
                "https://shop.example?x=1",
                "https://user@shop.example",
                "https://shop.example/a b",
            ],
        );
        assert!(validate_site_url("https://example.com/shop").is_ok());
    }

    #[test]
    fn webhook_secret_check_is_its_pattern() {
        agrees(
            WEBHOOK_SECRET_PATTERN,
            validate_webhook_secret,
            &[
                "short",
                "k(3Jw!pQ[]{}<>~`+=,.;:/?|",
                "with space inside",
                "tab\tinside1",
                "é-accented-secret",
                &"x".repeat(200),
                &"x".repeat(201),
            ],
        );
    }

    #[test]
    fn platforms_and_outcomes_read_back() {
        for p in ShopPlatform::ALL {
            assert_eq!(ShopPlatform::parse(p.as_str()), Some(p));
        }
        for o in InboundOutcome::ALL {
            assert_eq!(InboundOutcome::parse(o.as_str()), Some(o));
        }
    }
}
