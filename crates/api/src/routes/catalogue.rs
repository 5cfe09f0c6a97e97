//! `/catalogue`: the shop's products and variants.

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ValidatedJson, read_body};
use crate::openapi::BinaryFile;
use crate::routes::page::Limit;
use crate::services::catalogue::csv_import::{self, MAX_PRODUCT_FILE_BYTES};
use crate::services::catalogue::{self, CatalogueFilter};
use crate::services::returns::overdue_exchanges as overdue;
use crate::state::AppState;
use actix_web::{get, post, put, web};
use rebound_shared::api::catalogue::{
    CataloguePage, ImportedCatalogue, UpsertVariants, UpsertedVariants,
};
use rebound_shared::api::exchanges::OverdueExchanges;
use rebound_shared::{ErrorKind, Problem};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upsert_variants)
        .service(import_products)
        .service(list_catalogue)
        .service(overdue_exchanges);
}

/// Create or update up to 500 variants by SKU, in one transaction. Idempotent: the same body
/// again writes nothing (`unchanged`). What approved exchanges hold (`reserved`) is kept.
#[utoipa::path(tag = "catalogue", security(("bearer" = [])),
    request_body = UpsertVariants,
    responses(
        (status = 200, description = "What was created, updated and left as it was", body = UpsertedVariants),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage orders and products", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks its rule, or a SKU is sent twice (`variants[i].sku`)", body = Problem, content_type = "application/problem+json")
))]
#[put("/catalogue/variants")]
pub async fn upsert_variants(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    ValidatedJson(body): ValidatedJson<UpsertVariants>,
) -> ApiResult<web::Json<UpsertedVariants>> {
    Ok(web::Json(
        catalogue::upsert_variants(&state.db, &caller, body.variants).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CatalogueQuery {
    /// A SKU, or text of the product title (any case).
    q: Option<String>,
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The catalogue's variants, most recently changed first, keyset-paginated, with their stock.
#[utoipa::path(tag = "catalogue", security(("bearer" = [])), params(CatalogueQuery), responses(
    (status = 200, body = CataloguePage),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "The caller may not read orders and products", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor or limit", body = Problem, content_type = "application/problem+json")
))]
#[get("/catalogue")]
pub async fn list_catalogue(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<CatalogueQuery>,
) -> ApiResult<web::Json<CataloguePage>> {
    let q = query.into_inner();
    let filter = CatalogueFilter {
        q: q.q,
        cursor: q.cursor,
        limit: q.limit.get()?,
    };
    Ok(web::Json(
        catalogue::list_variants(&state.db, &caller, filter).await?,
    ))
}

/// Instant exchanges whose returned items have not arrived (the return is still `approved`
/// or `in_transit`) although the new items shipped at least the shop's
/// `exchanges.instant.overdue_after_days` ago (14 unless set): the oldest shipment first, at
/// most 100.
#[utoipa::path(tag = "catalogue", security(("bearer" = [])), responses(
    (status = 200, body = OverdueExchanges),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "The caller may not read returns", body = Problem, content_type = "application/problem+json")
))]
#[get("/exchanges/overdue")]
pub async fn overdue_exchanges(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<OverdueExchanges>> {
    Ok(web::Json(
        overdue::overdue_exchanges(&state.db, &caller).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportProductsQuery {
    /// The currency of the file's prices (Shopify's product export carries none: the shop's).
    /// Needed: without it the answer is a 422 naming `currency`, as for an unknown code.
    #[param(example = "EUR")]
    #[serde(default)]
    currency: String,
}

/// Import products from a CSV in Shopify's product export layout (Products > Export, or the
/// admin's sample template): `Handle` groups the rows of a product; `Title`, `Option1 Name` to
/// `Option3 Name`, `Tags` and `Status` are read from its first row; each row's `Variant SKU`,
/// `Variant Price`, `Option1 Value` to `Option3 Value`, `Variant Inventory Qty` (none: 0) and
/// `Variant Image` (else the product's `Image Src`) make a variant. Rows holding only an image
/// are skipped; rows of draft or archived products, and rows breaking a rule, are listed in
/// `rejected` with their line and column. The variants are then upserted by SKU as by
/// `PUT /catalogue/variants`, in one transaction: importing the file again changes nothing.
/// UTF-8, UTF-16 (with a byte-order mark) or Windows-1252; comma, semicolon or tab separated;
/// up to 16 MB.
#[utoipa::path(tag = "catalogue", security(("bearer" = [])),
    params(ImportProductsQuery),
    request_body(content = inline(BinaryFile), content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "What was created, updated and left as it was, and the rows set aside", body = ImportedCatalogue),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage orders and products", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an ISO 4217 `currency`; or a `file` that is empty, not text, without a header, a `Handle`, `Variant SKU` or `Variant Price` column, or with more than 50,000 variants", body = Problem, content_type = "application/problem+json")
))]
#[post("/catalogue/import")]
pub async fn import_products(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<ImportProductsQuery>,
    payload: web::Payload,
) -> ApiResult<web::Json<ImportedCatalogue>> {
    let raw = read_body(payload, MAX_PRODUCT_FILE_BYTES)
        .await
        .map_err(|e| {
            if e.kind == ErrorKind::PayloadTooLarge {
                ApiError::field(
                    ErrorKind::PayloadTooLarge,
                    "file",
                    "too_large",
                    "the file is larger than 16 MB; split it into smaller files",
                )
            } else {
                e
            }
        })?;
    Ok(web::Json(
        csv_import::import_products_csv(&state.db, &caller, &query.currency, raw).await?,
    ))
}
