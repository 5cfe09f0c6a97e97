//! Webhook endpoint calls for the Developers page: the endpoints, their signing secret, the
//! test event and the delivery log. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::webhooks::{
    WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointInput, WebhookEndpointView,
    WebhookSecretView,
};
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, fetch, send, send_json, url};

fn endpoint_url(id: Uuid, rest: &str) -> String {
    url(&format!("/webhooks/endpoints/{id}{rest}"))
}

impl AuthorizedApi {
    pub async fn list_webhook_endpoints(&self) -> ApiResult<Vec<WebhookEndpointView>> {
        send(self.authorize(Request::get(&url("/webhooks/endpoints")))).await
    }

    pub async fn create_webhook_endpoint(
        &self,
        body: &WebhookEndpointInput,
    ) -> ApiResult<WebhookEndpointView> {
        send_json(
            self.authorize(Request::post(&url("/webhooks/endpoints"))),
            body,
        )
        .await
    }

    pub async fn webhook_endpoint(&self, id: Uuid) -> ApiResult<WebhookEndpointView> {
        send(self.authorize(Request::get(&endpoint_url(id, "")))).await
    }

    pub async fn update_webhook_endpoint(
        &self,
        id: Uuid,
        body: &WebhookEndpointInput,
    ) -> ApiResult<WebhookEndpointView> {
        send_json(self.authorize(Request::put(&endpoint_url(id, ""))), body).await
    }

    pub async fn delete_webhook_endpoint(&self, id: Uuid) -> ApiResult<()> {
        let request = self
            .authorize(Request::delete(&endpoint_url(id, "")))
            .build()
            .map_err(super::bad_request)?;
        fetch(request).await.map(|_| ())
    }

    pub async fn reveal_webhook_secret(&self, id: Uuid) -> ApiResult<WebhookSecretView> {
        send(self.authorize(Request::get(&endpoint_url(id, "/secret")))).await
    }

    pub async fn rotate_webhook_secret(&self, id: Uuid) -> ApiResult<WebhookSecretView> {
        send(self.authorize(Request::post(&endpoint_url(id, "/rotate-secret")))).await
    }

    pub async fn send_webhook_test(&self, id: Uuid) -> ApiResult<WebhookDeliveryView> {
        send(self.authorize(Request::post(&endpoint_url(id, "/test")))).await
    }

    /// The newest deliveries first; `cursor` continues from a page's `next_cursor`.
    pub async fn list_webhook_deliveries(
        &self,
        id: Uuid,
        cursor: Option<&str>,
    ) -> ApiResult<WebhookDeliveryPage> {
        let query = cursor.map_or_else(String::new, |c| format!("?cursor={}", super::segment(c)));
        send(self.authorize(Request::get(&endpoint_url(
            id,
            &format!("/deliveries{query}"),
        ))))
        .await
    }

    pub async fn resend_webhook_delivery(
        &self,
        id: Uuid,
        delivery: Uuid,
    ) -> ApiResult<WebhookDeliveryView> {
        let path = format!("/deliveries/{delivery}/resend");
        send(self.authorize(Request::post(&endpoint_url(id, &path)))).await
    }
}
