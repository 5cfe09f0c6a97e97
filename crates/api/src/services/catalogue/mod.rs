//! The shop's catalogue: variants created or brought up to date by SKU (the API's bulk upsert,
//! Shopify and WooCommerce product webhooks take the same path), the dashboard's list, and
//! the stock exchanges hold (`stock`), products from a CSV in Shopify's layout (`csv_import`).

pub mod csv_import;
pub mod stock;

use crate::auth::CurrentStaff;
use crate::db::entities::catalogue_variant;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::keyset::PageSize;
use crate::services::orders::batch::{read_tags, stored_tags};
use chrono::{DateTime, Utc};
use rebound_shared::api::catalogue::{
    CataloguePage, OptionValue, UpsertVariant, UpsertedVariants, VariantView,
};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::{Condition, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Rows per multi-row statement, as the order batches.
const ROWS_PER_STATEMENT: usize = 500;

/// `PUT /catalogue/variants`: staff or a key that manages orders.
pub async fn upsert_variants(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    variants: Vec<UpsertVariant>,
) -> ApiResult<UpsertedVariants> {
    caller.require(Permission::ManageOrders)?;
    let txn = begin_write(db).await?;
    let done = write_variants(&txn, caller.tenant, variants, Utc::now()).await?;
    txn.commit().await?;
    Ok(done)
}

/// Creates or brings up to date each variant (matched by SKU in the tenant), inside the
/// caller's transaction; rows that would not change are not written. What exchanges hold
/// (`reserved`) is never the shop's to send, so it is kept.
pub(crate) async fn write_variants(
    txn: &impl ConnectionTrait,
    tenant: Tenant,
    variants: Vec<UpsertVariant>,
    now: DateTime<Utc>,
) -> ApiResult<UpsertedVariants> {
    let mut seen = HashSet::new();
    if let Some(i) = variants
        .iter()
        .position(|v| !seen.insert(v.sku.trim().to_owned()))
    {
        return Err(ApiError::field(
            ErrorKind::Validation,
            &format!("variants[{i}].sku"),
            "duplicate_sku",
            "each SKU once per request",
        ));
    }
    let skus: Vec<String> = seen.into_iter().collect();
    let mut existing: HashMap<String, catalogue_variant::Model> = HashMap::new();
    for chunk in skus.chunks(ROWS_PER_STATEMENT) {
        let found = tenant
            .find::<catalogue_variant::Entity>()
            .filter(catalogue_variant::Column::Sku.is_in(chunk.iter().cloned()))
            .all(txn)
            .await?;
        existing.extend(found.into_iter().map(|v| (v.sku.clone(), v)));
    }
    let mut done = UpsertedVariants::default();
    let mut rows = Vec::new();
    for input in variants {
        let current = existing.get(input.sku.trim());
        let wanted = variant_model(tenant, input, current, now);
        match current {
            None => done.created += 1,
            Some(c)
                if *c
                    == catalogue_variant::Model {
                        updated_at: c.updated_at,
                        ..wanted.clone()
                    } =>
            {
                done.unchanged += 1;
                continue;
            }
            Some(_) => done.updated += 1,
        }
        rows.push(wanted);
    }
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        catalogue_variant::Entity::insert_many(
            chunk
                .iter()
                .cloned()
                .map(catalogue_variant::ActiveModel::from),
        )
        .on_conflict(
            OnConflict::column(catalogue_variant::Column::Id)
                .update_columns([
                    catalogue_variant::Column::ProductKey,
                    catalogue_variant::Column::Title,
                    catalogue_variant::Column::Options,
                    catalogue_variant::Column::PriceMinor,
                    catalogue_variant::Column::Currency,
                    catalogue_variant::Column::StockOnHand,
                    catalogue_variant::Column::ImageUrl,
                    catalogue_variant::Column::Tags,
                    catalogue_variant::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    }
    Ok(done)
}

fn variant_model(
    tenant: Tenant,
    input: UpsertVariant,
    current: Option<&catalogue_variant::Model>,
    now: DateTime<Utc>,
) -> catalogue_variant::Model {
    let options: Vec<OptionValue> = input
        .options
        .into_iter()
        .map(|o| OptionValue {
            name: o.name.trim().to_owned(),
            value: o.value.trim().to_owned(),
        })
        .collect();
    catalogue_variant::Model {
        id: current.map_or_else(Uuid::now_v7, |c| c.id),
        merchant_id: tenant.merchant_id(),
        sku: input.sku.trim().to_owned(),
        product_key: input.product.trim().to_owned(),
        title: input.title.trim().to_owned(),
        options: serde_json::to_string(&options).unwrap_or_else(|_| "[]".into()),
        price_minor: input.price_minor,
        currency: input.currency,
        stock_on_hand: input.stock_on_hand,
        reserved: current.map_or(0, |c| c.reserved),
        image_url: input.image_url,
        tags: stored_tags(&input.tags),
        updated_at: now,
    }
}

pub(crate) fn read_options(stored: &str) -> Vec<OptionValue> {
    serde_json::from_str(stored).unwrap_or_default()
}

pub(crate) fn variant_view(v: catalogue_variant::Model) -> VariantView {
    VariantView {
        id: v.id,
        options: read_options(&v.options),
        available: Ord::max(v.stock_on_hand - v.reserved, 0),
        tags: read_tags(v.tags.as_deref()),
        sku: v.sku,
        product: v.product_key,
        title: v.title,
        price_minor: v.price_minor,
        currency: v.currency,
        stock_on_hand: v.stock_on_hand,
        reserved: v.reserved,
        image_url: v.image_url,
        updated_at: v.updated_at,
    }
}

/// What the catalogue list is asked for.
#[derive(Debug, Clone)]
pub struct CatalogueFilter {
    /// A SKU, or words of the title (case-insensitive).
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: PageSize,
}

/// Variants, most recently changed first, keyset-paginated.
pub async fn list_variants(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    filter: CatalogueFilter,
) -> ApiResult<CataloguePage> {
    caller.require(Permission::ReadOrders)?;
    let limit = filter.limit.rows();
    let mut query = caller.tenant.find::<catalogue_variant::Entity>();
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        query = query.filter(matching(q));
    }
    if let Some(cursor) = filter.cursor.as_deref() {
        let (at, id) = crate::services::keyset::decode(cursor)?;
        query = query.filter(
            Condition::any()
                .add(catalogue_variant::Column::UpdatedAt.lt(at))
                .add(
                    Condition::all()
                        .add(catalogue_variant::Column::UpdatedAt.eq(at))
                        .add(catalogue_variant::Column::Id.lt(id)),
                ),
        );
    }
    let mut rows = query
        .order_by_desc(catalogue_variant::Column::UpdatedAt)
        .order_by_desc(catalogue_variant::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last()
            .map(|v| crate::services::keyset::encode(v.updated_at, v.id))
    } else {
        None
    };
    Ok(CataloguePage {
        variants: rows.into_iter().map(variant_view).collect(),
        next_cursor,
    })
}

/// A SKU exactly, or the text anywhere in the title, whatever the case (PostgreSQL's `LIKE`
/// minds case, SQLite's does not: both sides are lowered).
pub(crate) fn matching(q: &str) -> Condition {
    Condition::any()
        .add(catalogue_variant::Column::Sku.eq(q))
        .add(crate::services::holds_text(
            catalogue_variant::Column::Title,
            q,
        ))
}

/// The variants with these SKUs, by SKU.
pub(crate) async fn by_skus(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    skus: impl IntoIterator<Item = String>,
) -> ApiResult<HashMap<String, catalogue_variant::Model>> {
    let skus: Vec<String> = skus.into_iter().collect();
    if skus.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(tenant
        .find::<catalogue_variant::Entity>()
        .filter(catalogue_variant::Column::Sku.is_in(skus))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.sku.clone(), v))
        .collect())
}

/// Every variant of these products, by product.
pub(crate) async fn of_products(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    products: Vec<String>,
) -> ApiResult<HashMap<String, Vec<catalogue_variant::Model>>> {
    let mut out: HashMap<String, Vec<catalogue_variant::Model>> = HashMap::new();
    if products.is_empty() {
        return Ok(out);
    }
    for v in tenant
        .find::<catalogue_variant::Entity>()
        .filter(catalogue_variant::Column::ProductKey.is_in(products))
        .order_by_asc(catalogue_variant::Column::Sku)
        .all(db)
        .await?
    {
        out.entry(v.product_key.clone()).or_default().push(v);
    }
    Ok(out)
}
