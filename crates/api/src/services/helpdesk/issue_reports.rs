//! The issue-reports queue: problems shoppers reported on their orders, open until staff
//! close them, each with an optional assignee; filtered and keyset-paginated.

use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::begin_write;
use crate::db::entities::{issue_report, order, staff};
use crate::error::{ApiError, ApiResult};
use crate::services::keyset::PageSize;
use crate::services::orders::photos::{AttachKind, PhotoUrls, views_for};
use chrono::{DateTime, Utc};
use rebound_shared::api::orders::{AssignIssue, IssueReportPage, IssueReportView, IssueStatus};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug)]
pub struct IssueFilter {
    pub status: Option<IssueStatus>,
    pub assignee_id: Option<Uuid>,
    /// Reported at or after.
    pub from: Option<DateTime<Utc>>,
    /// Reported before.
    pub to: Option<DateTime<Utc>>,
    pub cursor: Option<String>,
    pub limit: PageSize,
}

/// The same `<micros>_<id>` form as the other keyset lists.
fn encode_cursor(r: &issue_report::Model) -> String {
    crate::services::keyset::encode(r.created_at, r.id)
}

/// Newest first, keyset-paginated on (created_at, id); a fixed number of queries per page.
pub async fn list_issue_reports(
    db: &DatabaseConnection,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    filter: IssueFilter,
) -> ApiResult<IssueReportPage> {
    caller.require(Permission::ReadReturns)?;
    let limit = filter.limit.rows();
    let mut query = caller.tenant.find::<issue_report::Entity>();
    if let Some(status) = filter.status {
        query = query.filter(issue_report::Column::Status.eq(status.as_str()));
    }
    if let Some(assignee) = filter.assignee_id {
        query = query.filter(issue_report::Column::AssigneeId.eq(assignee));
    }
    if let Some(from) = filter.from {
        query = query.filter(issue_report::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(issue_report::Column::CreatedAt.lt(to));
    }
    if let Some(cursor) = filter.cursor.as_deref() {
        let (at, id) = crate::services::keyset::decode(cursor)?;
        query = query.filter(
            Condition::any()
                .add(issue_report::Column::CreatedAt.lt(at))
                .add(
                    Condition::all()
                        .add(issue_report::Column::CreatedAt.eq(at))
                        .add(issue_report::Column::Id.lt(id)),
                ),
        );
    }
    let mut rows = query
        .order_by_desc(issue_report::Column::CreatedAt)
        .order_by_desc(issue_report::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_cursor = (rows.len() as u64 > limit)
        .then(|| {
            rows.truncate(limit as usize);
            rows.last().map(encode_cursor)
        })
        .flatten();
    let open_count = caller
        .tenant
        .find::<issue_report::Entity>()
        .filter(issue_report::Column::Status.eq(IssueStatus::Open.as_str()))
        .count(db)
        .await?;
    Ok(IssueReportPage {
        issues: views(db, urls, caller.tenant, rows).await?,
        next_cursor,
        open_count,
    })
}

/// Reports as staff see them, with order numbers, photos and assignees: three queries
/// whatever the number of reports.
pub async fn views(
    db: &impl ConnectionTrait,
    urls: &PhotoUrls,
    tenant: Tenant,
    reports: Vec<issue_report::Model>,
) -> ApiResult<Vec<IssueReportView>> {
    let numbers: HashMap<Uuid, String> = tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.is_in(reports.iter().map(|r| r.order_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.number))
        .collect();
    let names: HashMap<Uuid, String> = tenant
        .find::<staff::Entity>()
        .filter(
            staff::Column::Id.is_in(
                reports
                    .iter()
                    .filter_map(|r| r.assignee_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut photos = views_for(
        db,
        tenant,
        urls,
        AttachKind::IssueReport,
        reports.iter().map(|r| r.id).collect(),
    )
    .await?;
    Ok(reports
        .into_iter()
        .filter_map(|r| {
            let issue_type =
                serde_json::from_value(serde_json::Value::String(r.issue_type)).ok()?;
            Some(IssueReportView {
                id: r.id,
                order_number: numbers.get(&r.order_id).cloned().unwrap_or_default(),
                issue_type,
                message: r.message,
                photos: photos.remove(&r.id).unwrap_or_default(),
                created_at: r.created_at,
                status: r.status,
                // A removed colleague's reports read as unassigned.
                assignee_name: r.assignee_id.and_then(|id| names.get(&id).cloned()),
                assignee_id: r.assignee_id.filter(|id| names.contains_key(id)),
                closed_at: r.closed_at,
            })
        })
        .collect())
}

async fn find_report(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    id: Uuid,
) -> ApiResult<issue_report::Model> {
    caller
        .tenant
        .get::<issue_report::Entity>(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("issue report"))
}

async fn one_view(
    db: &impl ConnectionTrait,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    report: issue_report::Model,
) -> ApiResult<IssueReportView> {
    views(db, urls, caller.tenant, vec![report])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("issue report with an unknown type")))
}

/// Closes or reopens a report. Setting the status it already has changes nothing.
pub async fn set_issue_status(
    db: &DatabaseConnection,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    id: Uuid,
    status: IssueStatus,
) -> ApiResult<IssueReportView> {
    caller.require(Permission::HandleReturns)?;
    let txn = begin_write(db).await?;
    let report = find_report(&txn, caller, id).await?;
    let saved = if report.status == status {
        report
    } else {
        let mut row: issue_report::ActiveModel = report.into();
        row.status = Set(status);
        row.closed_at = Set((status == IssueStatus::Closed).then(Utc::now));
        row.update(&txn).await?
    };
    let view = one_view(&txn, urls, caller, saved).await?;
    txn.commit().await?;
    Ok(view)
}

/// Gives a report to a colleague of the same merchant, or to nobody.
pub async fn assign_issue(
    db: &DatabaseConnection,
    urls: &PhotoUrls,
    caller: &CurrentStaff,
    id: Uuid,
    req: AssignIssue,
) -> ApiResult<IssueReportView> {
    caller.require(Permission::HandleReturns)?;
    let txn = begin_write(db).await?;
    let report = find_report(&txn, caller, id).await?;
    if let Some(assignee) = req.assignee_id {
        let known = caller
            .tenant
            .get::<staff::Entity>(assignee)
            .count(&txn)
            .await?
            > 0;
        if !known {
            return Err(ApiError::field(
                ErrorKind::Validation,
                "assignee_id",
                "unknown",
                "choose a staff member of this shop",
            ));
        }
    }
    let mut row: issue_report::ActiveModel = report.into();
    row.assignee_id = Set(req.assignee_id);
    let saved = row.update(&txn).await?;
    let view = one_view(&txn, urls, caller, saved).await?;
    txn.commit().await?;
    Ok(view)
}
