//! The catalogue calls: the dashboard's list and overdue instant exchanges, the portal's
//! search for another product to exchange for. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::catalogue::{CataloguePage, ImportedCatalogue};
use rebound_shared::api::exchanges::{ExchangeChoice, OverdueExchanges};

use super::{ApiResult, AuthorizedApi, ShopperApi, segment, send, send_file, url};

impl AuthorizedApi {
    /// The catalogue's variants matching `q` (a SKU or words of the title), a page at a time.
    pub async fn catalogue(&self, q: &str, cursor: Option<&str>) -> ApiResult<CataloguePage> {
        let mut path = format!(
            "/catalogue?limit=50&q={}",
            String::from(js_sys::encode_uri_component(q.trim()))
        );
        if let Some(c) = cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// Products from a file in Shopify's product export layout, priced in `currency`.
    pub async fn import_catalogue(
        &self,
        file: &web_sys::File,
        currency: &str,
    ) -> ApiResult<ImportedCatalogue> {
        let path = format!("/catalogue/import?currency={}", segment(currency.trim()));
        send_file(self.authorize(Request::post(&url(&path))), file).await
    }

    /// Instant exchanges still waiting for the returned items past the shop's days.
    pub async fn overdue_exchanges(&self) -> ApiResult<OverdueExchanges> {
        send(self.authorize(Request::get(&url("/exchanges/overdue")))).await
    }
}

impl ShopperApi {
    /// Products of the shop to exchange for, in stock, matching `q` (a SKU or title words).
    pub async fn exchange_catalogue(&self, q: &str) -> ApiResult<Vec<ExchangeChoice>> {
        let rest = format!(
            "/exchange-catalogue?q={}",
            String::from(js_sys::encode_uri_component(q.trim()))
        );
        send(self.authorize(Request::get(&self.path(&rest)))).await
    }
}
