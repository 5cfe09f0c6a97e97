//! The settings calls: the three tabs, return reasons and addresses, brand images and the
//! audit log. Part of the one typed client (`crate::api`), split out to keep each file short.

use gloo_net::http::Request;
use rebound_shared::api::onboarding::EmbeddingSettings;
use rebound_shared::api::settings::{
    AftercareSettings, AuditEntry, BrandingSettings, BrandingView, ReorderReasons,
    ReturnAddressInput, ReturnAddressView, ReturnReasonInput, ReturnReasonView, ReturnsSettings,
    Settings,
};
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, problem_of, read, segment, send, send_json, url};

/// The three images a shop can upload on the Branding tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrandAsset {
    Logo,
    Favicon,
    Background,
}

impl BrandAsset {
    pub const ALL: [BrandAsset; 3] = [
        BrandAsset::Logo,
        BrandAsset::Favicon,
        BrandAsset::Background,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BrandAsset::Logo => "logo",
            BrandAsset::Favicon => "favicon",
            BrandAsset::Background => "background",
        }
    }
}

impl AuthorizedApi {
    /// Every settings tab in one read.
    pub async fn settings(&self) -> ApiResult<Settings> {
        send(self.authorize(Request::get(&url("/settings")))).await
    }

    pub async fn save_returns(&self, body: &ReturnsSettings) -> ApiResult<ReturnsSettings> {
        send_json(
            self.authorize(Request::put(&url("/settings/returns"))),
            body,
        )
        .await
    }

    pub async fn save_branding(&self, body: &BrandingSettings) -> ApiResult<BrandingView> {
        send_json(
            self.authorize(Request::put(&url("/settings/branding"))),
            body,
        )
        .await
    }

    /// The shop's sites allowed to frame the portal.
    pub async fn embedding(&self) -> ApiResult<EmbeddingSettings> {
        send(self.authorize(Request::get(&url("/settings/embedding")))).await
    }

    pub async fn save_embedding(&self, body: &EmbeddingSettings) -> ApiResult<EmbeddingSettings> {
        send_json(
            self.authorize(Request::put(&url("/settings/embedding"))),
            body,
        )
        .await
    }

    pub async fn save_aftercare(&self, body: &AftercareSettings) -> ApiResult<AftercareSettings> {
        send_json(
            self.authorize(Request::put(&url("/settings/aftercare"))),
            body,
        )
        .await
    }

    /// Sends the chosen file as the raw body; the server checks its type and size.
    pub async fn upload_brand_asset(
        &self,
        asset: BrandAsset,
        file: &web_sys::File,
    ) -> ApiResult<BrandingView> {
        let path = format!("/settings/branding/{}", asset.as_str());
        let content_type = file.type_();
        let request = self
            .authorize(Request::put(&url(&path)))
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

    pub async fn remove_brand_asset(&self, asset: BrandAsset) -> ApiResult<BrandingView> {
        let path = format!("/settings/branding/{}", asset.as_str());
        send(self.authorize(Request::delete(&url(&path)))).await
    }

    pub async fn add_reason(&self, body: &ReturnReasonInput) -> ApiResult<ReturnReasonView> {
        send_json(
            self.authorize(Request::post(&url("/settings/reasons"))),
            body,
        )
        .await
    }

    pub async fn update_reason(
        &self,
        id: Uuid,
        body: &ReturnReasonInput,
    ) -> ApiResult<ReturnReasonView> {
        let path = format!("/settings/reasons/{id}");
        send_json(self.authorize(Request::put(&url(&path))), body).await
    }

    pub async fn reorder_reasons(&self, ids: Vec<Uuid>) -> ApiResult<Vec<ReturnReasonView>> {
        let body = ReorderReasons { ids };
        send_json(
            self.authorize(Request::put(&url("/settings/reasons-order"))),
            &body,
        )
        .await
    }

    pub async fn retire_reason(&self, id: Uuid) -> ApiResult<ReturnReasonView> {
        let path = format!("/settings/reasons/{id}/retire");
        send(self.authorize(Request::post(&url(&path)))).await
    }

    pub async fn restore_reason(&self, id: Uuid) -> ApiResult<ReturnReasonView> {
        let path = format!("/settings/reasons/{id}/restore");
        send(self.authorize(Request::post(&url(&path)))).await
    }

    pub async fn add_return_address(
        &self,
        body: &ReturnAddressInput,
    ) -> ApiResult<ReturnAddressView> {
        send_json(
            self.authorize(Request::post(&url("/settings/return-addresses"))),
            body,
        )
        .await
    }

    pub async fn update_return_address(
        &self,
        id: Uuid,
        body: &ReturnAddressInput,
    ) -> ApiResult<ReturnAddressView> {
        let path = format!("/settings/return-addresses/{}", segment(&id.to_string()));
        send_json(self.authorize(Request::put(&url(&path))), body).await
    }

    /// Answers 204 with no body.
    pub async fn delete_return_address(&self, id: Uuid) -> ApiResult<()> {
        let path = format!("/settings/return-addresses/{id}");
        let request = self
            .authorize(Request::delete(&url(&path)))
            .header("Accept", "application/json")
            .build()
            .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))?;
        if response.ok() {
            Ok(())
        } else {
            Err(problem_of(response).await)
        }
    }

    pub async fn audit_log(&self) -> ApiResult<Vec<AuditEntry>> {
        send(self.authorize(Request::get(&url("/audit-log")))).await
    }
}
