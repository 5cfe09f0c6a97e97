//! The CSV order import: upload, start with a column mapping, poll, read the rejected rows.
//! Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::api::imports::{ImportView, RejectedRowPage, StartImport};
use rebound_shared::{ErrorKind, Problem};
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, fetch, segment, send, send_file, send_json, url};

impl AuthorizedApi {
    /// Sends the file as the raw body; the answer holds its columns, a preview and a guess at
    /// the mapping.
    pub async fn upload_import(&self, file: &web_sys::File) -> ApiResult<ImportView> {
        let path = format!("/imports?file_name={}", segment(&file.name()));
        send_file(self.authorize(Request::post(&url(&path))), file).await
    }

    /// Starts the import; a 422 names the missing or unknown mapping as `mapping.<field>`.
    pub async fn start_import(&self, id: Uuid, body: &StartImport) -> ApiResult<ImportView> {
        let path = format!("/imports/{id}/start");
        send_json(self.authorize(Request::post(&url(&path))), body).await
    }

    pub async fn import(&self, id: Uuid) -> ApiResult<ImportView> {
        send(self.authorize(Request::get(&url(&format!("/imports/{id}"))))).await
    }

    /// The first page of rejected rows.
    pub async fn import_rejections(&self, id: Uuid) -> ApiResult<RejectedRowPage> {
        let path = format!("/imports/{id}/rejections");
        send(self.authorize(Request::get(&url(&path)))).await
    }

    /// Every rejected row as CSV bytes (the link needs the bearer token, so it is fetched).
    pub async fn import_rejections_csv(&self, id: Uuid) -> ApiResult<Vec<u8>> {
        let path = format!("/imports/{id}/rejections.csv");
        let request = self
            .authorize(Request::get(&url(&path)))
            .header("Accept", "text/csv")
            .build()
            .map_err(|e| Problem::new(ErrorKind::BadRequest, e.to_string()))?;
        fetch(request)
            .await?
            .binary()
            .await
            .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))
    }
}
