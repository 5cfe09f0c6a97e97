//! The shopper's calls: find an order, then read and act on it with the order's own bearer
//! token. Part of the one typed client (`crate::api`).

use gloo_net::http::{Request, RequestBuilder};
use rebound_shared::api::orders::{
    CancelOrder, ChangeAddress, IssueReportView, OrderAccess, OrderLookup, OrderView, PhotoView,
    ReportIssue,
};
use rebound_shared::{ErrorKind, Problem};

use super::{ApiResult, problem_of, segment, send, send_file, send_json, url};

/// Why a lookup failed, with the wait the server asked for when it was rate-limited.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupRefusal {
    pub problem: Problem,
    /// Seconds, from the `Retry-After` header of a 429.
    pub retry_after: Option<u64>,
}

impl From<Problem> for LookupRefusal {
    fn from(problem: Problem) -> LookupRefusal {
        LookupRefusal {
            problem,
            retry_after: None,
        }
    }
}

/// Order number (or tracking number) plus email (or postal code) → a token for that order.
pub async fn lookup_order(slug: &str, body: &OrderLookup) -> Result<OrderAccess, LookupRefusal> {
    let path = format!("/portal/{}/lookup", segment(slug));
    let request = Request::post(&url(&path))
        .header("Accept", "application/json")
        .json(body)
        .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))?;
    if response.ok() {
        return response.json::<OrderAccess>().await.map_err(|e| {
            Problem::new(ErrorKind::Internal, format!("unreadable answer: {e}")).into()
        });
    }
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.trim().parse::<u64>().ok());
    Err(LookupRefusal {
        problem: problem_of(response).await,
        retry_after,
    })
}

/// The calls about one looked-up order, in one shop's portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopperApi {
    slug: String,
    token: String,
}

impl ShopperApi {
    pub fn new(slug: impl Into<String>, token: impl Into<String>) -> ShopperApi {
        ShopperApi {
            slug: slug.into(),
            token: token.into(),
        }
    }

    pub(super) fn path(&self, rest: &str) -> String {
        url(&format!("/portal/{}/order{rest}", segment(&self.slug)))
    }

    pub(super) fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("Authorization", &format!("Bearer {}", self.token))
    }

    /// The order with its items, shipments and tracking events.
    pub async fn order(&self) -> ApiResult<OrderView> {
        send(self.authorize(Request::get(&self.path("")))).await
    }

    /// Refused with 409 once something has shipped, 403 when the shop takes no changes.
    pub async fn change_address(&self, body: &ChangeAddress) -> ApiResult<OrderView> {
        send_json(self.authorize(Request::put(&self.path("/address"))), body).await
    }

    /// Refused with 409 once something has shipped, 403 when the shop takes no cancellations.
    pub async fn cancel_order(&self, body: &CancelOrder) -> ApiResult<OrderView> {
        send_json(self.authorize(Request::post(&self.path("/cancel"))), body).await
    }

    /// Uploads one photo for a report; the answer's id goes into `ReportIssue::photo_ids`.
    pub async fn upload_photo(&self, file: &web_sys::File) -> ApiResult<PhotoView> {
        send_file(self.authorize(Request::post(&self.path("/photos"))), file).await
    }

    pub async fn report_issue(&self, body: &ReportIssue) -> ApiResult<IssueReportView> {
        send_json(self.authorize(Request::post(&self.path("/issues"))), body).await
    }
}
