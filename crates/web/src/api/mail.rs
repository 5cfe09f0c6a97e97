//! The mail calls: sent mail, the notification settings and templates, and the survey results
//! for analytics. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::notifications::{
    LocalisedTemplate, MailEvent, MailEventSettings, MailTemplate, SentMailPage, SentMailView,
    SetMailEvent,
};
use rebound_shared::api::surveys::SurveyStats;
use uuid::Uuid;

use super::helpdesk::send_json_empty;
use super::{ApiResult, AuthorizedApi, segment, send, send_json, url};

impl AuthorizedApi {
    /// One page of mail, newest first.
    pub async fn sent_mail(&self, cursor: Option<&str>) -> ApiResult<SentMailPage> {
        let path = match cursor {
            Some(c) => format!("/mail?cursor={}", segment(c)),
            None => "/mail".to_owned(),
        };
        send(self.authorize(Request::get(&url(&path)))).await
    }

    pub async fn sent_mail_detail(&self, id: Uuid) -> ApiResult<SentMailView> {
        let path = format!("/mail/{id}");
        send(self.authorize(Request::get(&url(&path)))).await
    }

    pub async fn mail_settings(&self) -> ApiResult<Vec<MailEventSettings>> {
        send(self.authorize(Request::get(&url("/settings/mail")))).await
    }

    /// Answers 204: the event is on or off.
    pub async fn set_mail_event(&self, event: MailEvent, enabled: bool) -> ApiResult<()> {
        let path = format!("/settings/mail/{}", event.key());
        send_json_empty(
            self.authorize(Request::put(&url(&path))),
            &SetMailEvent { enabled },
        )
        .await
    }

    pub async fn save_mail_template(
        &self,
        event: MailEvent,
        locale: &str,
        body: &MailTemplate,
    ) -> ApiResult<LocalisedTemplate> {
        let path = format!("/settings/mail/{}/{}", event.key(), segment(locale));
        send_json(self.authorize(Request::put(&url(&path))), body).await
    }

    /// Back to the default wording; the answer is that wording.
    pub async fn reset_mail_template(
        &self,
        event: MailEvent,
        locale: &str,
    ) -> ApiResult<LocalisedTemplate> {
        let path = format!("/settings/mail/{}/{}", event.key(), segment(locale));
        send(self.authorize(Request::delete(&url(&path)))).await
    }

    pub async fn survey_stats(&self) -> ApiResult<SurveyStats> {
        send(self.authorize(Request::get(&url("/analytics/surveys")))).await
    }
}
