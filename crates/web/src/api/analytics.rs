//! The analytics cards: one call per card over a period; the caller's weekly summary by mail. Part of the one typed client
//! (`crate::api`), split out to keep each file short.

use gloo_net::http::Request;
use rebound_shared::api::analytics::WeeklySummary;
use serde::de::DeserializeOwned;

use super::{ApiResult, AuthorizedApi, send, send_json, url};

/// The cards the server answers, by the last segment of their path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    ReturnRate,
    Reasons,
    Resolutions,
    Speed,
    Shoppers,
}

impl Card {
    fn path(self) -> &'static str {
        match self {
            Card::ReturnRate => "return-rate",
            Card::Reasons => "reasons",
            Card::Resolutions => "resolutions",
            Card::Speed => "speed",
            Card::Shoppers => "shoppers",
        }
    }
}

impl AuthorizedApi {
    /// One card over `from`..=`to` (`YYYY-MM-DD`, UTC days).
    pub async fn analytics_card<T: DeserializeOwned>(
        &self,
        card: Card,
        from: &str,
        to: &str,
    ) -> ApiResult<T> {
        let path = format!(
            "/analytics/{}?from={}&to={}",
            card.path(),
            js_sys::encode_uri_component(from),
            js_sys::encode_uri_component(to)
        );
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// Whether the signed-in owner or manager gets the weekly summary by mail.
    pub async fn weekly_summary(&self) -> ApiResult<WeeklySummary> {
        send(self.authorize(Request::get(&url("/me/weekly-summary")))).await
    }

    pub async fn set_weekly_summary(&self, body: &WeeklySummary) -> ApiResult<WeeklySummary> {
        send_json(
            self.authorize(Request::put(&url("/me/weekly-summary"))),
            body,
        )
        .await
    }
}
