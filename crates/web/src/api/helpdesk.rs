//! The helpdesk calls: the shop's inbox and threads, canned replies and signatures (staff);
//! the order's conversations, the follow-up survey and unsubscribing (shopper). Part of the one
//! typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::helpdesk::{
    CannedReply, CannedReplyInput, PostMessage, Signature, ThreadPage, ThreadView,
};
use rebound_shared::api::notifications::Unsubscribe;
use rebound_shared::api::orders::PhotoView;
use rebound_shared::api::surveys::{SurveyAnswer, SurveyView};
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use super::{
    ApiResult, AuthorizedApi, ShopperApi, fetch, segment, send, send_file, send_json, url,
};

/// Sends a request whose success has no body (204).
async fn send_empty(request: gloo_net::http::RequestBuilder) -> ApiResult<()> {
    let request = request
        .header("Accept", "application/json")
        .build()
        .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
    fetch(request).await.map(|_| ())
}

/// The same with a JSON body.
pub(super) async fn send_json_empty<B: serde::Serialize>(
    request: gloo_net::http::RequestBuilder,
    body: &B,
) -> ApiResult<()> {
    let request = request
        .header("Accept", "application/json")
        .json(body)
        .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
    fetch(request).await.map(|_| ())
}

pub(super) async fn delete_empty(request: gloo_net::http::RequestBuilder) -> ApiResult<()> {
    send_empty(request).await
}

impl AuthorizedApi {
    /// One page of threads, latest activity first, with the shop's unread total.
    pub async fn threads(&self, unread_only: bool, cursor: Option<&str>) -> ApiResult<ThreadPage> {
        let mut path = format!("/threads?unread={unread_only}");
        if let Some(cursor) = cursor {
            path.push_str(&format!("&cursor={}", segment(cursor)));
        }
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// One thread with its messages; reading it marks it read.
    pub async fn thread(&self, id: Uuid) -> ApiResult<ThreadView> {
        let path = format!("/threads/{id}");
        send(self.authorize(Request::get(&url(&path)))).await
    }

    pub async fn post_message(&self, body: &PostMessage) -> ApiResult<ThreadView> {
        send_json(self.authorize(Request::post(&url("/messages"))), body).await
    }

    /// Uploads a photo to attach to a message about order `number`.
    pub async fn upload_message_photo(
        &self,
        number: &str,
        file: &web_sys::File,
    ) -> ApiResult<PhotoView> {
        let path = format!("/orders/{}/photos", segment(number));
        send_file(self.authorize(Request::post(&url(&path))), file).await
    }

    pub async fn canned_replies(&self) -> ApiResult<Vec<CannedReply>> {
        send(self.authorize(Request::get(&url("/canned-replies")))).await
    }

    pub async fn create_canned_reply(&self, body: &CannedReplyInput) -> ApiResult<CannedReply> {
        send_json(self.authorize(Request::post(&url("/canned-replies"))), body).await
    }

    pub async fn update_canned_reply(
        &self,
        id: Uuid,
        body: &CannedReplyInput,
    ) -> ApiResult<CannedReply> {
        let path = format!("/canned-replies/{id}");
        send_json(self.authorize(Request::put(&url(&path))), body).await
    }

    pub async fn delete_canned_reply(&self, id: Uuid) -> ApiResult<()> {
        let path = format!("/canned-replies/{id}");
        delete_empty(self.authorize(Request::delete(&url(&path)))).await
    }

    pub async fn signature(&self) -> ApiResult<Signature> {
        send(self.authorize(Request::get(&url("/me/signature")))).await
    }

    pub async fn set_signature(&self, body: &Signature) -> ApiResult<Signature> {
        send_json(self.authorize(Request::put(&url("/me/signature"))), body).await
    }
}

impl ShopperApi {
    /// The order's conversations with the shop; reading them marks them read.
    pub async fn threads(&self) -> ApiResult<Vec<ThreadView>> {
        send(self.authorize(Request::get(&self.path("/messages")))).await
    }

    pub async fn post_message(&self, body: &PostMessage) -> ApiResult<ThreadView> {
        send_json(self.authorize(Request::post(&self.path("/messages"))), body).await
    }
}

/// The survey behind a mailed link.
pub async fn survey(slug: &str, token: &str) -> ApiResult<SurveyView> {
    let path = format!("/portal/{}/survey/{}", segment(slug), segment(token));
    send(Request::get(&url(&path))).await
}

pub async fn answer_survey(slug: &str, token: &str, body: &SurveyAnswer) -> ApiResult<SurveyView> {
    let path = format!("/portal/{}/survey/{}", segment(slug), segment(token));
    send_json(Request::put(&url(&path)), body).await
}

/// The shopper's "no more optional mail from this shop"; answers 204.
pub async fn unsubscribe(slug: &str, body: &Unsubscribe) -> ApiResult<()> {
    let path = format!("/portal/{}/unsubscribe", segment(slug));
    send_json_empty(Request::post(&url(&path)), body).await
}
