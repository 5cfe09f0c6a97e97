//! The dashboard's order calls: the searchable list, one order, the shoppers' issue reports.
//! Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::fulfilment::{FulfilmentResults, MarkFulfilment, MarkFulfilments};
use rebound_shared::api::orders::{IssueReportView, OrderPage, OrderView};
use rebound_shared::api::returns::{CreateShopReturn, ReturnOptions, ReturnView};
use rebound_shared::domain::OrderStatus;

use super::{ApiResult, AuthorizedApi, segment, send, send_json, url};

/// What the orders list asks for: a search (order number, email or tracking number), a status
/// and the cursor of the page to continue from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderQuery {
    pub search: String,
    pub status: Option<OrderStatus>,
    pub cursor: Option<String>,
}

impl OrderQuery {
    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        let search = self.search.trim();
        if !search.is_empty() {
            parts.push(format!("q={}", segment(search)));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.as_str()));
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
    /// One page of orders, newest first.
    pub async fn list_orders(&self, query: &OrderQuery) -> ApiResult<OrderPage> {
        let path = format!("/orders{}", query.query_string());
        send(self.authorize(Request::get(&url(&path)))).await
    }

    pub async fn order(&self, number: &str) -> ApiResult<OrderView> {
        let path = format!("/orders/{}", segment(number));
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// What the order may still return, and what the shop's policy says per item and reason.
    pub async fn returnable(&self, number: &str) -> ApiResult<ReturnOptions> {
        let path = format!("/orders/{}/returnable", segment(number));
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// A return made for the shopper. Safe to send again: the same `client_request_id`
    /// (also sent as `Idempotency-Key`) answers with the first return.
    pub async fn create_shop_return(&self, body: &CreateShopReturn) -> ApiResult<ReturnView> {
        let mut request = self.authorize(Request::post(&url("/returns")));
        if let Some(key) = &body.submission.client_request_id {
            request = request.header("Idempotency-Key", key);
        }
        send_json(request, body).await
    }

    /// Marks one order shipped or delivered (shops without a carrier feed).
    pub async fn mark_fulfilment(
        &self,
        number: &str,
        body: &MarkFulfilment,
    ) -> ApiResult<OrderView> {
        let path = format!("/orders/{}/fulfilment", segment(number));
        send_json(self.authorize(Request::post(&url(&path))), body).await
    }

    /// Marks up to 100 orders at once; each answers on its own.
    pub async fn mark_fulfilments(&self, body: &MarkFulfilments) -> ApiResult<FulfilmentResults> {
        send_json(
            self.authorize(Request::post(&url("/orders/fulfilment"))),
            body,
        )
        .await
    }

    /// Every issue shoppers reported to this shop, newest first.
    pub async fn issues(&self) -> ApiResult<Vec<IssueReportView>> {
        send(self.authorize(Request::get(&url("/issues")))).await
    }
}
