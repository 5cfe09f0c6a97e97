//! The return policy calls for the settings' Policies tab: the rules (read and saved whole), the
//! shop's currency their amounts are written in, and the "try it" box. Part of the one typed
//! client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::policies::{PoliciesView, PolicyTrial, TryPolicies, UpdatePolicies};
use serde::Deserialize;

use super::{ApiResult, AuthorizedApi, send, send_json, url};

/// The one field of the carrier's rate table the tab needs: fee amounts are in its currency.
#[derive(Deserialize)]
struct TableCurrency {
    currency: String,
}

impl AuthorizedApi {
    pub async fn policies(&self) -> ApiResult<PoliciesView> {
        send(self.authorize(Request::get(&url("/settings/policies")))).await
    }

    pub async fn save_policies(&self, body: &UpdatePolicies) -> ApiResult<PoliciesView> {
        send_json(
            self.authorize(Request::put(&url("/settings/policies"))),
            body,
        )
        .await
    }

    pub async fn try_policies(&self, body: &TryPolicies) -> ApiResult<PolicyTrial> {
        send_json(
            self.authorize(Request::post(&url("/settings/policies/try"))),
            body,
        )
        .await
    }

    /// The shop's currency (its rate table's), which the server checks fee amounts against.
    pub async fn shop_currency(&self) -> ApiResult<String> {
        let table: TableCurrency =
            send(self.authorize(Request::get(&url("/settings/carrier")))).await?;
        Ok(table.currency)
    }
}
