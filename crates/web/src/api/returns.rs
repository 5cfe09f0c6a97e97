//! The return journey's calls: on the portal, what the order may return, submitting a return
//! or a withdrawal and following them. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::returns::{
    CreateReturn, ReturnOptions, ReturnView, SubmitWithdrawal, WithdrawalOptions,
};

use super::{ApiResult, ShopperApi, send, send_json};

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
