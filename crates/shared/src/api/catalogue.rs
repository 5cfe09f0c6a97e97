//! The shop's catalogue: products and their variants, as the shop (its API client, a CSV
//! export, a Shopify or WooCommerce webhook) sends them, and as the dashboard and the portal's
//! exchange step read them back.

use crate::api::orders::{validate_currency, validate_tags};
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// The most variants one bulk upsert takes.
pub const UPSERT_MAX: usize = 500;
/// The most option values one variant has (Shopify allows three).
pub const OPTIONS_MAX: usize = 5;

/// One option of a variant: `Size` = `M`, `Colour` = `Blue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionValue {
    #[validate(length(min = 1, max = 64, message = "use 1 to 64 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, example = "Size")
    )]
    pub name: String,
    #[validate(length(min = 1, max = 100, message = "use 1 to 100 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, example = "M")
    )]
    pub value: String,
}

/// The option values as one line: `M / Blue`.
pub fn options_label(options: &[OptionValue]) -> String {
    options
        .iter()
        .map(|o| o.value.as_str())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// One variant, created or brought up to date by its SKU.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertVariant {
    /// Unique in the shop: the variant's identity, and what order items link to.
    #[validate(length(min = 1, max = limits::SKU, message = "use 1 to 64 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, example = "TEE-BLU-M")
    )]
    pub sku: String,
    /// The shop's product id or handle: variants that share it are one product.
    #[validate(length(min = 1, max = 255, message = "use 1 to 255 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 255, example = "linen-tee")
    )]
    pub product: String,
    /// The product's title.
    #[validate(length(min = 1, max = limits::ITEM_TITLE, message = "use 1 to 200 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, example = "Linen tee")
    )]
    pub title: String,
    /// In the shop's order; each name once.
    #[serde(default)]
    #[validate(nested, custom(function = "validate_options"))]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub options: Vec<OptionValue>,
    /// Integer minor units of `currency`.
    #[validate(range(min = 0, message = "a price cannot be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub price_minor: i64,
    #[validate(custom(function = "validate_currency"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::currency))]
    pub currency: String,
    /// Units in the warehouse, as the shop counts them. Approved exchanges hold units of it
    /// (`reserved`); a count below what they hold leaves nothing to promise until it grows.
    #[validate(range(min = 0, max = 1_000_000, message = "use 0 to 1000000"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1_000_000))]
    pub stock_on_hand: i32,
    #[validate(custom(function = "crate::domain::validate_http_url"))]
    pub image_url: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "validate_tags"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::tags))]
    pub tags: Vec<String>,
}

fn validate_options(options: &[OptionValue]) -> Result<(), ValidationError> {
    if options.len() > OPTIONS_MAX {
        return Err(crate::domain::rule_owned(
            "too_many",
            format!("send at most {OPTIONS_MAX} options"),
        ));
    }
    for (i, o) in options.iter().enumerate() {
        if options[..i]
            .iter()
            .any(|p| p.name.trim().eq_ignore_ascii_case(o.name.trim()))
        {
            return Err(crate::domain::rule_owned(
                "duplicate",
                "each option name once".into(),
            ));
        }
    }
    Ok(())
}

/// Variants to create or bring up to date, matched by SKU. Sending the same body again
/// changes nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertVariants {
    #[validate(length(min = 1, max = 500, message = "send 1 to 500 variants"), nested)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    pub variants: Vec<UpsertVariant>,
}

/// What a bulk upsert did, by count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertedVariants {
    pub created: u32,
    pub updated: u32,
    /// Sent as they were stored: nothing written.
    pub unchanged: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantView {
    pub id: Uuid,
    pub sku: String,
    pub product: String,
    pub title: String,
    pub options: Vec<OptionValue>,
    pub price_minor: i64,
    pub currency: String,
    pub stock_on_hand: i32,
    /// Held by approved exchanges that have not shipped yet.
    pub reserved: i32,
    /// What can still be promised: on hand less reserved.
    pub available: i32,
    pub image_url: Option<String>,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// A page of the catalogue, most recently changed first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CataloguePage {
    pub variants: Vec<VariantView>,
    pub next_cursor: Option<String>,
}

/// A row of a product CSV that did not become a variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectedProductRow {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    /// The file's column at fault, as its header names it (`Variant SKU`).
    pub column: String,
    pub reason: String,
}

/// What a product CSV import did: variants by count, rows set aside with why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedCatalogue {
    pub created: u32,
    pub updated: u32,
    /// In the file as they were stored: nothing written.
    pub unchanged: u32,
    /// Rows that are neither a variant nor an extra image of one, in file order.
    pub rejected: Vec<RejectedProductRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant() -> UpsertVariant {
        UpsertVariant {
            sku: "TEE-M".into(),
            product: "tee".into(),
            title: "Tee".into(),
            options: vec![OptionValue {
                name: "Size".into(),
                value: "M".into(),
            }],
            price_minor: 2500,
            currency: "EUR".into(),
            stock_on_hand: 3,
            image_url: None,
            tags: Vec::new(),
        }
    }

    fn fields(v: &UpsertVariant) -> Vec<String> {
        v.validate()
            .err()
            .map(|e| e.errors().keys().map(|k| k.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_plain_variant_passes_and_each_rule_names_its_field() {
        assert!(fields(&variant()).is_empty());
        let mut v = variant();
        v.options.push(OptionValue {
            name: " size".into(),
            value: "L".into(),
        });
        assert_eq!(fields(&v), ["options"]);
        let v = UpsertVariant {
            price_minor: -1,
            ..variant()
        };
        assert_eq!(fields(&v), ["price_minor"]);
        let v = UpsertVariant {
            currency: "EURO".into(),
            ..variant()
        };
        assert_eq!(fields(&v), ["currency"]);
        let v = UpsertVariant {
            stock_on_hand: -2,
            ..variant()
        };
        assert_eq!(fields(&v), ["stock_on_hand"]);
    }

    #[test]
    fn the_label_joins_values_in_order() {
        let mut v = variant();
        v.options.push(OptionValue {
            name: "Colour".into(),
            value: "Blue".into(),
        });
        assert_eq!(options_label(&v.options), "M / Blue");
    }
}
