//! The open issue-reports count: the nav's Issues badge and the queue share it (each page of
//! the queue carries the count).

use rebound_shared::api::orders::IssueStatus;

use crate::api::AuthorizedApi;
use crate::components::count_badge::Count;

/// Marks the count of open issue reports.
#[derive(Debug)]
pub enum OpenIssueReports {}

pub type OpenIssues = Count<OpenIssueReports>;

/// Provided by the dashboard's shell, so the nav and the queue share one count.
pub fn provide_open_issues() -> OpenIssues {
    OpenIssues::provide()
}

pub fn use_open_issues() -> OpenIssues {
    OpenIssues::used()
}

pub async fn fetch_open_issues(api: AuthorizedApi) -> Option<u64> {
    let page = api.issue_reports(IssueStatus::Open, None).await.ok()?;
    Some(page.open_count)
}
