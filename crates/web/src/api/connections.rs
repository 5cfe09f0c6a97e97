//! Shop connection calls for the Developers page: the Shopify and WooCommerce connections and
//! the deliveries that could not become an order. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::ErrorKind;
use rebound_shared::api::connections::{
    IntegrationErrorPage, SaveShopifyConnection, SaveWooCommerceConnection, ShopConnectionView,
    ShopPlatform,
};

use super::{ApiResult, AuthorizedApi, fetch, send, send_json, url};

fn platform_url(platform: ShopPlatform) -> String {
    url(&format!("/integrations/{}", platform.as_str()))
}

impl AuthorizedApi {
    /// The platform's connection; `None` when it is not connected (the server's 404).
    pub async fn shop_connection(
        &self,
        platform: ShopPlatform,
    ) -> ApiResult<Option<ShopConnectionView>> {
        match send(self.authorize(Request::get(&platform_url(platform)))).await {
            Ok(view) => Ok(Some(view)),
            Err(p) if p.kind == ErrorKind::NotFound => Ok(None),
            Err(p) => Err(p),
        }
    }

    pub async fn save_shopify(
        &self,
        body: &SaveShopifyConnection,
    ) -> ApiResult<ShopConnectionView> {
        let request = Request::put(&platform_url(ShopPlatform::Shopify));
        send_json(self.authorize(request), body).await
    }

    pub async fn save_woocommerce(
        &self,
        body: &SaveWooCommerceConnection,
    ) -> ApiResult<ShopConnectionView> {
        let request = Request::put(&platform_url(ShopPlatform::Woocommerce));
        send_json(self.authorize(request), body).await
    }

    pub async fn disconnect_shop(&self, platform: ShopPlatform) -> ApiResult<()> {
        let request = self
            .authorize(Request::delete(&platform_url(platform)))
            .build()
            .map_err(super::bad_request)?;
        fetch(request).await.map(|_| ())
    }

    /// The newest deliveries that did not become an order.
    pub async fn list_integration_errors(&self) -> ApiResult<IntegrationErrorPage> {
        send(self.authorize(Request::get(&url("/integrations/errors")))).await
    }
}
