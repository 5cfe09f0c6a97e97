//! The risk calls: the shop's thresholds and the shoppers view. Part of the one typed client
//! (`crate::api`), split out to keep each file short.

use gloo_net::http::Request;
use rebound_shared::api::risk::{RiskSettingsView, ShopperList};
use rebound_shared::domain::risk::RiskThresholds;

use super::{ApiResult, AuthorizedApi, send, send_json, url};

impl AuthorizedApi {
    pub async fn risk_settings(&self) -> ApiResult<RiskSettingsView> {
        send(self.authorize(Request::get(&url("/settings/risk")))).await
    }

    pub async fn save_risk_settings(&self, body: &RiskThresholds) -> ApiResult<RiskSettingsView> {
        send_json(self.authorize(Request::put(&url("/settings/risk"))), body).await
    }

    /// The top returners of the last twelve months.
    pub async fn shoppers(&self, limit: u32) -> ApiResult<ShopperList> {
        send(self.authorize(Request::get(&url(&format!("/shoppers?limit={limit}"))))).await
    }
}
