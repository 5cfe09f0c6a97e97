//! The issue-reports queue (`/issue-reports`): list with filters, close, reopen, assign.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::extract::ValidatedJson;
use crate::routes::page::Limit;
use crate::services::helpdesk::issue_reports::{self, IssueFilter};
use crate::state::AppState;
use actix_web::{get, post, put, web};
use chrono::{DateTime, Utc};
use rebound_shared::Problem;
use rebound_shared::api::orders::{AssignIssue, IssueReportPage, IssueReportView, IssueStatus};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_issue_reports)
        .service(close_issue_report)
        .service(reopen_issue_report)
        .service(assign_issue_report);
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct IssueQuery {
    status: Option<IssueStatus>,
    /// Only reports assigned to this staff member.
    assignee_id: Option<Uuid>,
    /// Reported at or after this moment (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Reported before this moment (RFC 3339).
    to: Option<DateTime<Utc>>,
    #[param(schema_with = crate::services::keyset::cursor_schema, required = false)]
    cursor: Option<String>,
    #[serde(default)]
    #[param(inline, required = false)]
    limit: Limit,
}

/// The issue-reports queue, newest first, keyset-paginated, with the number of open reports.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(IssueQuery), responses(
    (status = 200, body = IssueReportPage),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Bad cursor or filter", body = Problem, content_type = "application/problem+json")
))]
#[get("/issue-reports")]
pub async fn list_issue_reports(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    query: web::Query<IssueQuery>,
) -> ApiResult<web::Json<IssueReportPage>> {
    let q = query.into_inner();
    let filter = IssueFilter {
        status: q.status,
        assignee_id: q.assignee_id,
        from: q.from,
        to: q.to,
        cursor: q.cursor,
        limit: q.limit.get()?,
    };
    Ok(web::Json(
        issue_reports::list_issue_reports(&state.db, &state.photo_urls, &caller, filter).await?,
    ))
}

/// Close an issue report (handled). Idempotent.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = IssueReportView),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[post("/issue-reports/{id}/close")]
pub async fn close_issue_report(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<IssueReportView>> {
    Ok(web::Json(
        issue_reports::set_issue_status(
            &state.db,
            &state.photo_urls,
            &caller,
            *id,
            IssueStatus::Closed,
        )
        .await?,
    ))
}

/// Reopen a closed issue report. Idempotent.
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = IssueReportView),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json")
))]
#[post("/issue-reports/{id}/reopen")]
pub async fn reopen_issue_report(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<IssueReportView>> {
    Ok(web::Json(
        issue_reports::set_issue_status(
            &state.db,
            &state.photo_urls,
            &caller,
            *id,
            IssueStatus::Open,
        )
        .await?,
    ))
}

/// Assign an issue report to a staff member of the shop, or to nobody (`null`).
#[utoipa::path(tag = "orders", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = AssignIssue, responses(
    (status = 200, body = IssueReportView),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "Not a staff member of this shop", body = Problem, content_type = "application/problem+json")
))]
#[put("/issue-reports/{id}/assignee")]
pub async fn assign_issue_report(
    state: web::Data<AppState>,
    caller: CurrentStaff,
    id: web::Path<Uuid>,
    ValidatedJson(body): ValidatedJson<AssignIssue>,
) -> ApiResult<web::Json<IssueReportView>> {
    Ok(web::Json(
        issue_reports::assign_issue(&state.db, &state.photo_urls, &caller, *id, body).await?,
    ))
}
