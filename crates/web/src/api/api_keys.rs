//! API key calls for the Developers page: list, create (the answer carries the secret, once),
//! revoke. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::api_keys::{ApiKeyView, CreateApiKey, CreatedApiKey};
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, fetch, send, send_json, url};

impl AuthorizedApi {
    pub async fn list_api_keys(&self) -> ApiResult<Vec<ApiKeyView>> {
        send(self.authorize(Request::get(&url("/api-keys")))).await
    }

    pub async fn create_api_key(&self, body: &CreateApiKey) -> ApiResult<CreatedApiKey> {
        send_json(self.authorize(Request::post(&url("/api-keys"))), body).await
    }

    pub async fn revoke_api_key(&self, id: Uuid) -> ApiResult<()> {
        let request = self
            .authorize(Request::delete(&url(&format!("/api-keys/{id}"))))
            .build()
            .map_err(super::bad_request)?;
        fetch(request).await.map(|_| ())
    }
}
