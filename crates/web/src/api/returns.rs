//! The return journey's calls: on the portal, what the order may return, submitting a return
//! or a withdrawal and following them. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::carrier::{IssueLabel, LabelView, ShippingEstimate};
use rebound_shared::api::return_queue::{
    BulkApprove, BulkApproveResult, RejectReturn, ReturnDetail, ReturnPage,
};
use rebound_shared::api::returns::{
    CreateReturn, ReturnOptions, ReturnView, SubmitWithdrawal, WithdrawalOptions,
};
use rebound_shared::domain::ReturnStatus;
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, ShopperApi, segment, send, send_json, url};

/// What the returns queue asks for: a status tab, a search (return number, order number or
/// email), defective returns only, and the cursor of the page to continue from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReturnQuery {
    pub status: Option<ReturnStatus>,
    pub search: String,
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

    pub async fn reject_return(&self, id: Uuid, body: &RejectReturn) -> ApiResult<ReturnDetail> {
        let path = format!("/returns/{id}/reject");
        send_json(self.authorize(Request::post(&url(&path))), body).await
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
