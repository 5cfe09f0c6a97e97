//! The calls of the first-run checklist, the password reset screens and the issue-reports
//! queue. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::auth::{MailLocale, RequestPasswordReset, ResetPassword};
use rebound_shared::api::onboarding::{Onboarding, OnboardingEvent, RecordOnboarding};
use rebound_shared::api::orders::{AssignIssue, IssueReportPage, IssueReportView, IssueStatus};
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, fetch, segment, send, send_json, url};

/// "Forgot password?": the server answers the same whether the address has an account or not.
pub async fn request_password_reset(email: &str, locale: MailLocale) -> ApiResult<()> {
    let body = RequestPasswordReset {
        email: email.to_owned(),
        locale: Some(locale),
    };
    let request = Request::post(&url("/auth/password-reset"))
        .header("Accept", "application/json")
        .json(&body)
        .map_err(super::bad_request)?;
    fetch(request).await.map(|_| ())
}

/// Sets a new password with the token from the reset link.
pub async fn reset_password(token: &str, password: &str) -> ApiResult<()> {
    let body = ResetPassword {
        password: password.to_owned(),
    };
    let path = format!("/auth/password-reset/{}", segment(token));
    let request = Request::post(&url(&path))
        .header("Accept", "application/json")
        .json(&body)
        .map_err(super::bad_request)?;
    fetch(request).await.map(|_| ())
}

impl AuthorizedApi {
    pub async fn onboarding(&self) -> ApiResult<Onboarding> {
        send(self.authorize(Request::get(&url("/onboarding")))).await
    }

    pub async fn record_onboarding(&self, event: OnboardingEvent) -> ApiResult<Onboarding> {
        send_json(
            self.authorize(Request::post(&url("/onboarding"))),
            &RecordOnboarding { event },
        )
        .await
    }

    /// One page of the issue-reports queue with `status`, after `cursor`.
    pub async fn issue_reports(
        &self,
        status: IssueStatus,
        cursor: Option<&str>,
    ) -> ApiResult<IssueReportPage> {
        let mut path = format!("/issue-reports?status={}", status.as_str());
        if let Some(cursor) = cursor {
            path.push_str(&format!("&cursor={}", segment(cursor)));
        }
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// Closes (`close`) or reopens (`reopen`) an issue report.
    pub async fn set_issue_status(
        &self,
        id: Uuid,
        status: IssueStatus,
    ) -> ApiResult<IssueReportView> {
        let verb = match status {
            IssueStatus::Closed => "close",
            IssueStatus::Open => "reopen",
        };
        send(self.authorize(Request::post(&url(&format!("/issue-reports/{id}/{verb}"))))).await
    }

    /// Hands an issue report to a staff member, or to nobody.
    pub async fn assign_issue(
        &self,
        id: Uuid,
        assignee_id: Option<Uuid>,
    ) -> ApiResult<IssueReportView> {
        send_json(
            self.authorize(Request::put(&url(&format!("/issue-reports/{id}/assignee")))),
            &AssignIssue { assignee_id },
        )
        .await
    }
}
