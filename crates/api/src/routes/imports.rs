//! CSV order import: upload a file, start it with a column mapping, follow its progress, read
//! the rejected rows (paginated, or as a CSV to open in a spreadsheet).

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use crate::extract::{TypedJson, read_body};
use crate::openapi::BinaryFile;
use crate::routes::page::Limit;
use crate::services::orders::imports::{self, MAX_FILE_BYTES};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use rebound_shared::api::imports::{ImportView, RejectedRowPage, StartImport};
use rebound_shared::{ErrorKind, Problem};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(upload_import)
        .service(list_imports)
        .service(start_import)
        .service(get_import)
        .service(list_rejections)
        .service(rejections_csv);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The file's name as the merchant chose it, shown in the list of imports.
    file_name: Option<String>,
}

fn too_large() -> ApiError {
    ApiError::field(
        ErrorKind::PayloadTooLarge,
        "file",
        "too_large",
        &format!(
            "the file is larger than {} MB; split it into smaller files",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Upload a CSV of orders (one row per line item): the raw file as the body, up to 64 MB.
/// UTF-8, UTF-16 (with a byte-order mark) or Windows-1252; comma, semicolon or tab separated.
/// Answers with the columns, the first rows and a suggested mapping; nothing is imported yet.
#[utoipa::path(tag = "imports", security(("bearer" = [])),
    params(UploadQuery),
    request_body(content = inline(BinaryFile), content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 201, body = ImportView),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty, not text, no header, blank or repeated column names", body = Problem, content_type = "application/problem+json")
))]
#[post("/imports")]
pub async fn upload_import(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    req: HttpRequest,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    let raw = read_body(payload, MAX_FILE_BYTES).await.map_err(|e| {
        if e.kind == ErrorKind::PayloadTooLarge {
            too_large()
        } else {
            e
        }
    })?;
    let view = imports::create_import(
        &state.db,
        &state.storage,
        &caller,
        query.file_name.as_deref(),
        raw,
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The merchant's recent imports (50), newest first.
#[utoipa::path(tag = "imports", security(("bearer" = [])), responses(
    (status = 200, body = Vec<ImportView>),
    (status = 403, body = Problem, content_type = "application/problem+json")
))]
#[get("/imports")]
pub async fn list_imports(
    state: web::Data<AppState>,
    caller: CurrentStaff,
) -> ApiResult<web::Json<Vec<ImportView>>> {
    Ok(web::Json(imports::list_imports(&state.db, &caller).await?))
}

/// Start an uploaded import with a column mapping. The rows are imported in the background;
/// follow `GET /imports/{id}`. Rows sharing an order number make one order; orders are
/// created or updated as by `PUT /orders/{number}`, so importing a file twice duplicates
/// nothing.
#[utoipa::path(tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = StartImport,
    responses(
        (status = 202, description = "Running", body = ImportView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already started", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A required field is not mapped, or a mapped column does not exist (`mapping.<field>`)", body = Problem, content_type = "application/problem+json")
))]
#[post("/imports/{id}/start")]
pub async fn start_import(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    TypedJson(body): TypedJson<StartImport>,
) -> ApiResult<HttpResponse> {
    let view = imports::start_import(
        &state.db,
        &state.storage,
        state.lease,
        &state.stopping,
        &caller,
        *id,
        body,
    )
    .await?;
    Ok(HttpResponse::Accepted().json(view))
}

/// One import and its progress.
#[utoipa::path(tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = ImportView),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/imports/{id}")]
pub async fn get_import(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ImportView>> {
    Ok(web::Json(
        imports::get_import(&state.db, &caller, *id).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RejectionQuery {
    #[param(schema_with = crate::services::orders::imports::report::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit<100, 500>,
}

/// The rows an import set aside, in file order, with the field at fault and why.
#[utoipa::path(tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path), RejectionQuery), responses(
    (status = 200, body = RejectedRowPage),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor", body = Problem, content_type = "application/problem+json")
))]
#[get("/imports/{id}/rejections")]
pub async fn list_rejections(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    query: web::Query<RejectionQuery>,
) -> ApiResult<web::Json<RejectedRowPage>> {
    Ok(web::Json(
        imports::list_rejections(
            &state.db,
            &caller,
            *id,
            query.cursor.as_deref().filter(|c| !c.is_empty()),
            query.limit.get()?,
        )
        .await?,
    ))
}

/// The rejected rows as a CSV: line, field, reason and the row's original cells. Cells that a
/// spreadsheet would run as formulas are prefixed with `'`.
#[utoipa::path(tag = "imports", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = String, content_type = "text/csv"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[get("/imports/{id}/rejections.csv")]
pub async fn rejections_csv(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (name, bytes) = imports::rejections_csv(&state.db, &caller, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}
