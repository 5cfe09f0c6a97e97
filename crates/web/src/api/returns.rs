//! The return journey's calls: on the portal, what the order may return, submitting a return
//! or a withdrawal and following them. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::carrier::{IssueLabel, LabelView, ShippingEstimate};
use rebound_shared::api::return_queue::{
    BulkApprove, BulkApproveResult, InspectReturn, IssueStoreCredit, RefundReturn, RejectReturn,
    ReplaceReturn, ReturnDetail, ReturnPage,
};
use rebound_shared::api::returns::{
    CreateReturn, ReturnOptions, ReturnView, SubmitWithdrawal, WithdrawalOptions,
};
use rebound_shared::api::settings::Resolution;
use rebound_shared::domain::ReturnStatus;
use serde::Serialize;
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, ShopperApi, segment, send, send_json, url};

/// What the returns queue asks for: a status tab, a search (return number, order number or
/// email), a reason, a resolution, a creation period, defective returns only, and the cursor of
/// the page to continue from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReturnQuery {
    pub status: Option<ReturnStatus>,
    pub search: String,
    pub reason_id: Option<Uuid>,
    pub resolution: Option<Resolution>,
    /// RFC 3339 instants: created at or after `from`, before `to`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub defective_only: bool,
    pub cursor: Option<String>,
}

impl ReturnQuery {
    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.as_str()));
        }
        let search = self.search.trim();
        if !search.is_empty() {
            parts.push(format!("q={}", segment(search)));
        }
        if let Some(reason) = self.reason_id {
            parts.push(format!("reason_id={reason}"));
        }
        if let Some(resolution) = self.resolution {
            parts.push(format!("resolution={}", resolution.as_str()));
        }
        if let Some(from) = &self.from {
            parts.push(format!("from={}", segment(from)));
        }
        if let Some(to) = &self.to {
            parts.push(format!("to={}", segment(to)));
        }
        if self.defective_only {
            parts.push("defective=true".to_owned());
        }
        if let Some(cursor) = &self.cursor {
            parts.push(format!("cursor={}", segment(cursor)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

impl AuthorizedApi {
    /// Every return the query's filters match as CSV bytes (its cursor is ignored: all rows).
    /// Fetched rather than linked, because the request needs the bearer token.
    pub async fn export_returns_csv(&self, query: &ReturnQuery) -> ApiResult<Vec<u8>> {
        let all = ReturnQuery {
            cursor: None,
            ..query.clone()
        };
        let path = format!("/returns/export.csv{}", all.query_string());
        let request = self
            .authorize(Request::get(&url(&path)))
            .header("Accept", "text/csv")
            .build()
            .map_err(super::bad_request)?;
        super::fetch(request).await?.binary().await.map_err(|e| {
            rebound_shared::Problem::new(rebound_shared::ErrorKind::Unavailable, e.to_string())
        })
    }

    /// One page of the returns queue, newest first, with the count of each status.
    pub async fn list_returns(&self, query: &ReturnQuery) -> ApiResult<ReturnPage> {
        let path = format!("/returns{}", query.query_string());
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// A return's whole case: items, photos, timeline, label, allowed actions.
    pub async fn return_detail(&self, id: Uuid) -> ApiResult<ReturnDetail> {
        send(self.authorize(Request::get(&url(&format!("/returns/{id}"))))).await
    }

    /// A bodiless action (`approve`, `receive`); answers with the case after it.
    pub async fn return_action(&self, id: Uuid, action: &str) -> ApiResult<ReturnDetail> {
        let path = format!("/returns/{id}/{action}");
        send(self.authorize(Request::post(&url(&path)))).await
    }

    /// An action with a body (`reject`, `inspect`, `refund`, `store-credit`, `replace`);
    /// answers with the case after it.
    async fn return_action_with(
        &self,
        id: Uuid,
        action: &str,
        body: &impl Serialize,
    ) -> ApiResult<ReturnDetail> {
        let path = format!("/returns/{id}/{action}");
        send_json(self.authorize(Request::post(&url(&path))), body).await
    }

    pub async fn reject_return(&self, id: Uuid, body: &RejectReturn) -> ApiResult<ReturnDetail> {
        self.return_action_with(id, "reject", body).await
    }

    /// Records each line's condition; damaged lines follow the shop's damaged-item policy.
    pub async fn inspect_return(&self, id: Uuid, body: &InspectReturn) -> ApiResult<ReturnDetail> {
        self.return_action_with(id, "inspect", body).await
    }

    pub async fn refund_return(&self, id: Uuid, body: &RefundReturn) -> ApiResult<ReturnDetail> {
        self.return_action_with(id, "refund", body).await
    }

    pub async fn store_credit_return(
        &self,
        id: Uuid,
        body: &IssueStoreCredit,
    ) -> ApiResult<ReturnDetail> {
        self.return_action_with(id, "store-credit", body).await
    }

    /// Sends the replacement: a new shipment on the order.
    pub async fn replace_return(&self, id: Uuid, body: &ReplaceReturn) -> ApiResult<ReturnDetail> {
        self.return_action_with(id, "replace", body).await
    }

    /// What sending the parcel back costs with each of the carrier's services.
    pub async fn return_estimate(&self, id: Uuid) -> ApiResult<ShippingEstimate> {
        let path = format!("/returns/{id}/estimate");
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// Buys the label (asking again answers with the same label).
    pub async fn issue_return_label(&self, id: Uuid, body: &IssueLabel) -> ApiResult<LabelView> {
        let path = format!("/returns/{id}/label");
        send_json(self.authorize(Request::post(&url(&path))), body).await
    }

    pub async fn bulk_approve(&self, body: &BulkApprove) -> ApiResult<BulkApproveResult> {
        send_json(
            self.authorize(Request::post(&url("/returns/bulk-approve"))),
            body,
        )
        .await
    }
}

/// A random id made once per form, sent as `client_request_id` and `Idempotency-Key`: a double
/// click or a retry after a timeout finds the first return instead of making a second.
pub fn new_request_id() -> String {
    let from_crypto = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok())
        .and_then(|crypto| {
            let make = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?;
            let make: js_sys::Function = wasm_bindgen::JsCast::dyn_into(make).ok()?;
            make.call0(&crypto).ok()?.as_string()
        });
    from_crypto.unwrap_or_else(|| {
        // Older browsers: enough randomness for "this form, this minute".
        let part = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
        format!("{:08x}{:08x}{:08x}{:08x}", part(), part(), part(), part())
    })
}

impl ShopperApi {
    /// Per item what is left to return (and why none), the shop's reasons, resolutions and
    /// methods.
    pub async fn return_options(&self) -> ApiResult<ReturnOptions> {
        send(self.authorize(Request::get(&self.path("/returns/options")))).await
    }

    /// The order's returns, newest first.
    pub async fn returns(&self) -> ApiResult<Vec<ReturnView>> {
        send(self.authorize(Request::get(&self.path("/returns")))).await
    }

    /// Safe to send again: the same `client_request_id` answers with the first return.
    pub async fn create_return(&self, body: &CreateReturn) -> ApiResult<ReturnView> {
        let mut request = self.authorize(Request::post(&self.path("/returns")));
        if let Some(key) = &body.client_request_id {
            request = request.header("Idempotency-Key", key);
        }
        send_json(request, body).await
    }

    /// Cancels one of the order's returns before anything was sent; its label is voided.
    pub async fn cancel_return(&self, id: Uuid) -> ApiResult<ReturnView> {
        send(self.authorize(Request::post(&self.path(&format!("/returns/{id}/cancel"))))).await
    }

    pub async fn withdrawal_options(&self) -> ApiResult<WithdrawalOptions> {
        send(self.authorize(Request::get(&self.path("/withdrawal")))).await
    }

    pub async fn submit_withdrawal(&self, body: &SubmitWithdrawal) -> ApiResult<ReturnView> {
        let mut request = self.authorize(Request::post(&self.path("/withdrawal")));
        if let Some(key) = &body.client_request_id {
            request = request.header("Idempotency-Key", key);
        }
        send_json(request, body).await
    }
}
