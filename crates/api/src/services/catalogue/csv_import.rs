//! Products from a CSV in Shopify's product export layout (one row per variant, rows of a
//! product sharing its `Handle`; title, option names, tags and status on the product's first
//! row only; rows holding nothing but an extra image). A sibling of the order import: the file
//! is decoded, its header checked and its rows read by the same `parse`, headers matched with
//! the same `normalise_header`, prices read by the same `parse_price`; the variants then take
//! the API's bulk upsert path (`write_variants`), in one transaction. Catalogues are small
//! next to order histories, so this runs in the request, with no mapping step.

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult};
use crate::services::catalogue::write_variants;
use crate::services::orders::imports::cells::{parse_price, parse_quantity, refused_cell};
use crate::services::orders::imports::parse::{self, Row};
use crate::services::orders::imports::suggest::normalise_header;
use chrono::Utc;
use rebound_shared::api::catalogue::{
    ImportedCatalogue, OPTIONS_MAX, OptionValue, RejectedProductRow, UpsertVariant,
};
use rebound_shared::domain::{Currency, validate_http_url};
use rebound_shared::{ErrorKind, Permission};
use std::collections::HashMap;
use validator::Validate;

/// The largest product file taken: tens of thousands of variants.
pub const MAX_PRODUCT_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Variants one file may hold.
const MAX_VARIANTS: usize = 50_000;
/// Shopify's option columns: `Option1 Name` / `Option1 Value` up to 3.
const OPTION_COLUMNS: usize = 3;

/// The columns read, by where they sit in the file.
struct Columns {
    names: Vec<String>,
    handle: usize,
    sku: usize,
    price: usize,
    title: Option<usize>,
    stock: Option<usize>,
    image: Option<usize>,
    variant_image: Option<usize>,
    tags: Option<usize>,
    status: Option<usize>,
    /// (name column, value column) per option.
    options: Vec<(usize, usize)>,
}

impl Columns {
    /// Finds each column by its normalised header: Shopify's name first, then plain ones.
    fn find(header: &[String]) -> Result<Columns, parse::FileProblem> {
        let normalised: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
        let at = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| normalised.iter().position(|h| h == n))
        };
        let required = |names: &[&str], shown: &str| {
            at(names).ok_or_else(|| parse::FileProblem {
                code: "missing_column",
                message: format!("the file has no \"{shown}\" column"),
            })
        };
        let options = (1..=OPTION_COLUMNS)
            .filter_map(|n| {
                Some((
                    at(&[format!("option{n}name").as_str()])?,
                    at(&[format!("option{n}value").as_str()])?,
                ))
            })
            .collect();
        Ok(Columns {
            handle: required(&["handle", "product", "productid"], "Handle")?,
            sku: required(&["variantsku", "sku"], "Variant SKU")?,
            price: required(&["variantprice", "price"], "Variant Price")?,
            title: at(&["title", "producttitle", "productname", "name"]),
            stock: at(&[
                "variantinventoryqty",
                "inventoryqty",
                "stockonhand",
                "stock",
                "quantity",
            ]),
            image: at(&["imagesrc", "imageurl", "image"]),
            variant_image: at(&["variantimage"]),
            tags: at(&["tags"]),
            status: at(&["status"]),
            options,
            names: header.to_vec(),
        })
    }
}

/// What the product's first row says for all its rows.
#[derive(Default, Clone)]
struct Product {
    title: String,
    option_names: Vec<String>,
    tags: Vec<String>,
    image: Option<String>,
    status: String,
}

fn cell(cells: &[String], at: Option<usize>) -> &str {
    at.and_then(|i| cells.get(i)).map_or("", |c| c.trim())
}

/// A link kept only when it is one the API would take.
fn link(raw: &str) -> Option<String> {
    (!raw.is_empty() && validate_http_url(raw).is_ok()).then(|| raw.to_owned())
}

/// Units on hand, read as the orders import reads a quantity (`5`, `5.0`): Shopify writes a
/// negative count for oversold variants, and none or a blank cell is 0.
fn stock(raw: &str) -> Result<i32, String> {
    if raw.is_empty() {
        return Ok(0);
    }
    Ok(parse_quantity(raw)?.clamp(0, 1_000_000))
}

/// The file's variants, checked, and its rows that are not variants, with why.
fn plan(
    raw: &[u8],
    currency: &str,
) -> Result<(Vec<UpsertVariant>, Vec<RejectedProductRow>), parse::FileProblem> {
    let decoded = parse::decode(raw)?;
    let (header, rows) = parse::read_header(&decoded.text)?;
    let columns = Columns::find(&header)?;
    let mut products: HashMap<String, Product> = HashMap::new();
    let mut lines_of_sku: HashMap<String, u64> = HashMap::new();
    let mut variants = Vec::new();
    let mut rejected = Vec::new();
    let mut reject = |line: u64, column: usize, reason: String| {
        rejected.push(RejectedProductRow {
            line,
            column: columns.names.get(column).cloned().unwrap_or_default(),
            reason,
        });
    };
    for row in rows {
        let (line, cells) = match row {
            Row::Cells { line, cells } => (line, cells),
            Row::Malformed { line, reason, .. } => {
                reject(line, columns.handle, reason);
                continue;
            }
        };
        if let Some((i, why)) = cells
            .iter()
            .enumerate()
            .find_map(|(i, c)| refused_cell(c).map(|why| (i, why)))
        {
            reject(line, i, why.to_owned());
            continue;
        }
        let handle = cell(&cells, Some(columns.handle));
        if handle.is_empty() {
            reject(line, columns.handle, "the row has no product handle".into());
            continue;
        }
        // The product's first row carries what its other rows leave blank.
        let product = products
            .entry(handle.to_owned())
            .or_insert_with(|| Product {
                title: cell(&cells, columns.title).to_owned(),
                option_names: columns
                    .options
                    .iter()
                    .map(|(name, _)| cell(&cells, Some(*name)).to_owned())
                    .collect(),
                tags: cell(&cells, columns.tags)
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
                image: link(cell(&cells, columns.image)),
                status: cell(&cells, columns.status).to_lowercase(),
            });
        let sku = cell(&cells, Some(columns.sku));
        let price = cell(&cells, Some(columns.price));
        if sku.is_empty() && price.is_empty() {
            // An extra image of the product (Shopify writes one row per image).
            continue;
        }
        if !product.status.is_empty() && product.status != "active" {
            let status = product.status.clone();
            reject(
                line,
                columns.status.unwrap_or(columns.handle),
                format!("the product is {status} in the shop, not for sale"),
            );
            continue;
        }
        if sku.is_empty() {
            reject(
                line,
                columns.sku,
                "the variant has no SKU, which exchanges and order items are matched by".into(),
            );
            continue;
        }
        if let Some(first) = lines_of_sku.get(sku) {
            reject(
                line,
                columns.sku,
                format!("this SKU is already on line {first}"),
            );
            continue;
        }
        let price_minor = match parse_price(price, currency) {
            Ok(p) => p,
            Err(why) => {
                reject(line, columns.price, why);
                continue;
            }
        };
        let stock_on_hand = match stock(cell(&cells, columns.stock)) {
            Ok(n) => n,
            Err(why) => {
                reject(line, columns.stock.unwrap_or(columns.sku), why);
                continue;
            }
        };
        let options: Vec<OptionValue> = columns
            .options
            .iter()
            .zip(&product.option_names)
            .map(|((_, value), name)| (name.clone(), cell(&cells, Some(*value)).to_owned()))
            // Shopify's placeholder for a product without options.
            .filter(|(name, value)| {
                !name.is_empty()
                    && !value.is_empty()
                    && (name != "Title" || value != "Default Title")
            })
            .take(OPTIONS_MAX)
            .map(|(name, value)| OptionValue { name, value })
            .collect();
        let variant = UpsertVariant {
            sku: sku.to_owned(),
            product: handle.to_owned(),
            title: if product.title.is_empty() {
                handle.to_owned()
            } else {
                product.title.clone()
            },
            options,
            price_minor,
            currency: currency.to_owned(),
            stock_on_hand,
            image_url: link(cell(&cells, columns.variant_image)).or_else(|| product.image.clone()),
            tags: product.tags.clone(),
        };
        if let Err(errors) = variant.validate() {
            let (field, why) = errors
                .field_errors()
                .into_iter()
                .next()
                .map(|(f, e)| {
                    let message = e
                        .first()
                        .and_then(|e| e.message.as_ref())
                        .map_or_else(|| "is not valid".to_owned(), ToString::to_string);
                    (f.to_string(), message)
                })
                .unwrap_or_else(|| (String::new(), "is not valid".into()));
            let column = match field.as_str() {
                "title" => columns.title.unwrap_or(columns.handle),
                "tags" => columns.tags.unwrap_or(columns.handle),
                "options" => columns.options.first().map_or(columns.handle, |o| o.1),
                "price_minor" => columns.price,
                "stock_on_hand" => columns.stock.unwrap_or(columns.sku),
                "product" => columns.handle,
                _ => columns.sku,
            };
            reject(line, column, why);
            continue;
        }
        lines_of_sku.insert(sku.to_owned(), line);
        variants.push(variant);
    }
    if variants.len() > MAX_VARIANTS {
        return Err(parse::FileProblem {
            code: "too_many",
            message: format!("the file has more than {MAX_VARIANTS} variants; split it"),
        });
    }
    Ok((variants, rejected))
}

/// `POST /catalogue/import`: the variants of a product CSV, priced in `currency` (Shopify's
/// export carries no currency: prices are in the shop's).
pub async fn import_products_csv(
    db: &sea_orm::DatabaseConnection,
    caller: &CurrentStaff,
    currency: &str,
    raw: bytes::Bytes,
) -> ApiResult<ImportedCatalogue> {
    caller.require(Permission::ManageOrders)?;
    let currency = Currency::parse(currency.trim())
        .map_err(|_| {
            ApiError::field(
                ErrorKind::Validation,
                "currency",
                "currency",
                "use an ISO 4217 currency code such as EUR",
            )
        })?
        .code()
        .to_owned();
    // Decoding and checking a large file is CPU work: off the request thread.
    let (variants, rejected) = tokio::task::spawn_blocking(move || plan(&raw, &currency))
        .await
        .map_err(ApiError::internal)?
        .map_err(|p| ApiError::field(ErrorKind::Validation, "file", p.code, &p.message))?;
    let txn = begin_write(db).await?;
    let done = write_variants(&txn, caller.tenant, variants, Utc::now()).await?;
    txn.commit().await?;
    Ok(ImportedCatalogue {
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::stock;

    #[test]
    fn stock_reads_counts_as_the_orders_import_does_and_oversold_as_none() {
        assert_eq!(stock(""), Ok(0));
        assert_eq!(stock("12"), Ok(12));
        assert_eq!(stock("5.0"), Ok(5));
        assert_eq!(stock("-3"), Ok(0));
        assert_eq!(stock("2000000"), Ok(1_000_000));
        assert!(stock("lots").is_err());
        assert!(stock("2.5").is_err());
    }
}
