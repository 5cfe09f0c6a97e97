//! Products from the shop platforms (Shopify `products/update`, WooCommerce
//! `product.updated`), mapped onto the catalogue's upsert by SKU. Neither payload names a
//! currency (prices are in the shop's own): the mapping keeps the prices as the platform
//! wrote them, and the shop's currency is read when the delivery is applied.

use super::mapping::{Unmappable, clipped, first_text};
use rebound_shared::api::catalogue::{OptionValue, UpsertVariant};
use rebound_shared::limits;
use serde::Deserialize;

/// A variant as a platform sends it: the catalogue's fields, its price still as text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformVariant {
    /// `price_minor` and `currency` are filled in when the shop's currency is known.
    pub variant: UpsertVariant,
    pub price: String,
    /// None: the platform does not count this product's stock (the catalogue's count stays).
    pub stock: Option<i32>,
}

/// A price in a platform's payload: text (`"19.99"`) or a number (`199.99`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Price {
    Text(String),
    Number(serde_json::Number),
}

impl Price {
    fn text(&self) -> String {
        match self {
            Price::Text(t) => t.trim().to_owned(),
            Price::Number(n) => n.to_string(),
        }
    }
}

/// An image address as platforms write it: Shopify's CDN links may leave the scheme out.
fn image_url(src: Option<&str>) -> Option<String> {
    let src = first_text([src])?;
    let url = match src.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => src.to_owned(),
    };
    rebound_shared::domain::validate_http_url(&url)
        .is_ok()
        .then_some(url)
}

fn tags_of(raw: impl IntoIterator<Item = String>) -> Vec<String> {
    let tags: Vec<String> = raw
        .into_iter()
        .map(|t| {
            t.trim()
                .chars()
                .take(limits::TAG as usize)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    rebound_shared::api::orders::normalised_tags(&tags)
        .into_iter()
        .take(limits::TAGS as usize)
        .collect()
}

fn variant(
    sku: &str,
    product: String,
    title: String,
    options: Vec<OptionValue>,
    image_url: Option<String>,
    tags: Vec<String>,
) -> UpsertVariant {
    UpsertVariant {
        sku: sku.chars().take(limits::SKU as usize).collect(),
        product,
        title,
        options,
        price_minor: 0,
        currency: String::new(),
        stock_on_hand: 0,
        image_url,
        tags,
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyProduct {
    pub id: u64,
    pub title: Option<String>,
    pub handle: Option<String>,
    /// `"mens t-shirt example"` or `"a, b"`: comma-separated.
    pub tags: Option<String>,
    #[serde(default)]
    pub variants: Vec<ShopifyVariant>,
    #[serde(default)]
    pub options: Vec<ShopifyOption>,
    #[serde(default)]
    pub images: Vec<ShopifyImage>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyVariant {
    pub sku: Option<String>,
    pub price: Option<Price>,
    pub option1: Option<String>,
    pub option2: Option<String>,
    pub option3: Option<String>,
    pub inventory_quantity: Option<i64>,
    /// Null: Shopify does not track this variant's stock.
    pub inventory_management: Option<String>,
    pub image_id: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyOption {
    pub name: Option<String>,
    pub position: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyImage {
    pub id: Option<u64>,
    pub src: Option<String>,
}

/// The product's variants that have a SKU (a variant without one cannot be exchanged for:
/// the catalogue knows variants by SKU). Option names come from the product's options by
/// position (`Title` when Shopify has only its default option).
pub fn shopify_product(p: ShopifyProduct) -> Result<Vec<PlatformVariant>, Unmappable> {
    let title = clipped(p.title.as_deref(), limits::ITEM_TITLE)
        .ok_or_else(|| Unmappable::new("title", "the product has no title"))?;
    let product = first_text([p.handle.as_deref()]).map_or_else(|| p.id.to_string(), str::to_owned);
    let tags = tags_of(
        p.tags
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::to_owned),
    );
    let option_name = |position: u32| {
        p.options
            .iter()
            .find(|o| o.position == Some(position))
            .and_then(|o| clipped(o.name.as_deref(), 64))
            .unwrap_or_else(|| format!("Option {position}"))
    };
    let first_image = p.images.first().and_then(|i| image_url(i.src.as_deref()));
    Ok(p.variants
        .iter()
        .filter_map(|v| {
            let sku = first_text([v.sku.as_deref()])?;
            let options = [&v.option1, &v.option2, &v.option3]
                .into_iter()
                .zip(1..)
                .filter_map(|(value, position)| {
                    Some(OptionValue {
                        name: option_name(position),
                        value: clipped(value.as_deref(), 100)?,
                    })
                })
                .collect();
            let image = v
                .image_id
                .and_then(|id| p.images.iter().find(|i| i.id == Some(id)))
                .and_then(|i| image_url(i.src.as_deref()))
                .or_else(|| first_image.clone());
            Some(PlatformVariant {
                variant: variant(
                    sku,
                    product.clone(),
                    title.clone(),
                    options,
                    image,
                    tags.clone(),
                ),
                price: v.price.as_ref().map(Price::text).unwrap_or_default(),
                stock: v
                    .inventory_management
                    .as_ref()
                    .map(|_| v.inventory_quantity.unwrap_or(0).clamp(0, 1_000_000) as i32),
            })
        })
        .collect())
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooProduct {
    pub id: u64,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub sku: Option<String>,
    pub price: Option<Price>,
    pub regular_price: Option<Price>,
    #[serde(default)]
    pub manage_stock: bool,
    pub stock_quantity: Option<i64>,
    pub stock_status: Option<String>,
    #[serde(default)]
    pub images: Vec<ShopifyImage>,
    #[serde(default)]
    pub tags: Vec<WooTag>,
    #[serde(default)]
    pub attributes: Vec<WooAttribute>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooTag {
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WooAttribute {
    pub name: Option<String>,
    /// A variation's own attribute: its one value.
    pub option: Option<String>,
    /// A product's attribute: its values; one value describes the product.
    #[serde(default)]
    pub options: Vec<String>,
}

/// A WooCommerce product (or variation) with a SKU, as one variant; none without a SKU.
/// Its options are the attributes with one value. A stock WooCommerce does not manage is
/// none when in stock (the catalogue's count stays), 0 when out of stock.
pub fn woo_product(p: WooProduct) -> Result<Vec<PlatformVariant>, Unmappable> {
    let Some(sku) = first_text([p.sku.as_deref()]) else {
        return Ok(Vec::new());
    };
    let title = clipped(p.name.as_deref(), limits::ITEM_TITLE)
        .ok_or_else(|| Unmappable::new("title", "the product has no name"))?;
    let product = first_text([p.slug.as_deref()]).map_or_else(|| p.id.to_string(), str::to_owned);
    let options = p
        .attributes
        .iter()
        .filter_map(|a| {
            let value = a
                .option
                .clone()
                .or_else(|| (a.options.len() == 1).then(|| a.options[0].clone()))?;
            Some(OptionValue {
                name: clipped(a.name.as_deref(), 64)?,
                value: clipped(Some(&value), 100)?,
            })
        })
        .take(rebound_shared::api::catalogue::OPTIONS_MAX)
        .collect();
    let price = p
        .price
        .as_ref()
        .map(Price::text)
        .filter(|t| !t.is_empty())
        .or_else(|| p.regular_price.as_ref().map(Price::text))
        .unwrap_or_default();
    let stock = if p.manage_stock {
        Some(p.stock_quantity.unwrap_or(0).clamp(0, 1_000_000) as i32)
    } else if p.stock_status.as_deref() == Some("outofstock") {
        Some(0)
    } else {
        None
    };
    let image = p.images.first().and_then(|i| image_url(i.src.as_deref()));
    let tags = tags_of(p.tags.iter().filter_map(|t| t.name.clone()));
    Ok(vec![PlatformVariant {
        variant: variant(sku, product, title, options, image, tags),
        price,
        stock,
    }])
}
