//! The catalogue calls. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::catalogue::CataloguePage;

use super::{ApiResult, AuthorizedApi, send, url};

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
}
