//! The one typed HTTP client: every request the app makes lives here. Failures come back as the
//! server's RFC 9457 `Problem`; a network failure or an unreadable answer is turned into one
//! too, so every screen handles a single error type.

use gloo_net::http::{Request, RequestBuilder, Response};
use rebound_shared::api::API_V1;
use rebound_shared::api::auth::{Me, RegisterMerchant, Session, StaffView};
use rebound_shared::api::portal::PortalConfig;
use rebound_shared::api::staff::{AcceptInvitation, InvitationView, InviteStaff};
use rebound_shared::{ErrorKind, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod analytics;
mod api_keys;
mod catalogue;
mod connections;
mod helpdesk;
mod imports;
mod mail;
mod onboarding;
mod orders;
mod policies;
mod portal;
mod returns;
mod risk;
mod settings;
mod staff;
mod two_factor;
mod webhooks;
pub use analytics::Card;
pub use helpdesk::{answer_survey, survey, unsubscribe};
pub use onboarding::{request_password_reset, reset_password};
pub use orders::OrderQuery;
pub use portal::{LookupRefusal, ShopperApi, lookup_order};
pub use returns::{ReturnQuery, new_request_id};
pub use settings::BrandAsset;
pub use two_factor::{SignIn, SignInRefusal, login, login_second_step};

pub type ApiResult<T> = Result<T, Problem>;

fn url(path: &str) -> String {
    format!("{API_V1}{path}")
}

/// A path segment typed by someone (a slug from the address bar, a token from a link).
fn segment(raw: &str) -> String {
    String::from(js_sys::encode_uri_component(raw))
}

/// Create a merchant and its owner; the answer is the owner's session.
pub async fn register_merchant(body: &RegisterMerchant) -> ApiResult<Session> {
    send_json(Request::post(&url("/merchants")), body).await
}

/// Accept a staff invitation; the answer is the new staff member's session.
pub async fn accept_invitation(token: &str, body: &AcceptInvitation) -> ApiResult<Session> {
    let path = format!("/invitations/{}/accept", segment(token));
    send_json(Request::post(&url(&path)), body).await
}

/// A shop's public branding and portal options, by portal slug. The answer's `slug` is the
/// shop's current one: it differs from the asked one when the shop was renamed.
pub async fn portal_config(slug: &str) -> ApiResult<PortalConfig> {
    let path = format!("/portal/{}", segment(slug));
    send(Request::get(&url(&path))).await
}

/// The calls a signed-in staff member makes; every request carries their bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizedApi {
    token: String,
}

impl AuthorizedApi {
    pub fn new(token: impl Into<String>) -> AuthorizedApi {
        AuthorizedApi {
            token: token.into(),
        }
    }

    fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("Authorization", &format!("Bearer {}", self.token))
    }

    /// Who is signed in, their shop and what their role allows.
    pub async fn me(&self) -> ApiResult<Me> {
        send(self.authorize(Request::get(&url("/me")))).await
    }

    pub async fn list_staff(&self) -> ApiResult<Vec<StaffView>> {
        send(self.authorize(Request::get(&url("/staff")))).await
    }

    pub async fn invite_staff(&self, body: &InviteStaff) -> ApiResult<InvitationView> {
        send_json(
            self.authorize(Request::post(&url("/staff/invitations"))),
            body,
        )
        .await
    }
}

async fn send<T: DeserializeOwned>(request: RequestBuilder) -> ApiResult<T> {
    let request = request
        .header("Accept", "application/json")
        .build()
        .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
    read(request).await
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> ApiResult<T> {
    let request = request
        .header("Accept", "application/json")
        .json(body)
        .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
    read(request).await
}

/// Sends `file` as the raw body with its own content type; the server checks type and size.
async fn send_file<T: DeserializeOwned>(
    request: RequestBuilder,
    file: &web_sys::File,
) -> ApiResult<T> {
    let content_type = file.type_();
    let request = request
        .header("Accept", "application/json")
        .header(
            "Content-Type",
            if content_type.is_empty() {
                "application/octet-stream"
            } else {
                &content_type
            },
        )
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
    read(request).await
}

/// A request that could not even be built is the client's own fault.
fn bad_request(e: gloo_net::Error) -> Problem {
    Problem::new(ErrorKind::BadRequest, e.to_string())
}

/// Sends a request and hands back the answer when it succeeded, the problem otherwise.
async fn fetch(request: Request) -> ApiResult<Response> {
    let response = request
        .send()
        .await
        .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(problem_of(response).await)
    }
}

async fn read<T: DeserializeOwned>(request: Request) -> ApiResult<T> {
    let response = request
        .send()
        .await
        .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))?;
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| Problem::new(ErrorKind::Internal, format!("unreadable answer: {e}")));
    }
    Err(problem_of(response).await)
}

/// The problem document of a failed answer; a proxy's HTML error page becomes a problem of the
/// kind its status stands for.
async fn problem_of(response: Response) -> Problem {
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    serde_json::from_str::<Problem>(&body).unwrap_or_else(|_| {
        let kind = ErrorKind::ALL
            .into_iter()
            .find(|k| k.status() == status)
            .unwrap_or(if status >= 500 {
                ErrorKind::Internal
            } else {
                ErrorKind::BadRequest
            });
        let mut problem = Problem::new(kind, format!("HTTP {status}"));
        problem.status = status;
        problem
    })
}
