//! The Shoppers page's calls: the shop's risk thresholds, the shoppers view, and a shopper's
//! data exported or erased. Part of the one typed client (`crate::api`), split out to keep
//! each file short.

use gloo_net::http::Request;
use rebound_shared::api::risk::{RiskSettingsView, ShopperList};
use rebound_shared::api::shopper_data::{ShopperDataRequest, ShopperErasure};
use rebound_shared::domain::risk::RiskThresholds;
use rebound_shared::{ErrorKind, Problem};

use super::{ApiResult, AuthorizedApi, bad_request, fetch, send, send_json, url};

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

    /// The shopper's data file, as bytes to save: the page shows nothing of it, so it is not
    /// parsed (which keeps its many types out of the bundle).
    pub async fn export_shopper_data(&self, email: &str) -> ApiResult<Vec<u8>> {
        let body = ShopperDataRequest {
            email: email.to_owned(),
        };
        let request = self
            .authorize(Request::post(&url("/shoppers/export")))
            .header("Accept", "application/json")
            .json(&body)
            .map_err(bad_request)?;
        fetch(request)
            .await?
            .binary()
            .await
            .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))
    }

    pub async fn erase_shopper_data(&self, email: &str) -> ApiResult<ShopperErasure> {
        let body = ShopperDataRequest {
            email: email.to_owned(),
        };
        send_json(
            self.authorize(Request::post(&url("/shoppers/erase"))),
            &body,
        )
        .await
    }
}
