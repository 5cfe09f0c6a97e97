//! Request extractors shared by every route: `ValidatedJson` reads a JSON body and applies the
//! shared validation rules, and the body/path/query error handlers answer with problem+json.

use crate::error::ApiError;
use actix_web::{FromRequest, HttpRequest, dev::Payload, error::JsonPayloadError, web};
use futures_util::future::LocalBoxFuture;
use rebound_shared::ErrorKind;
use serde::de::DeserializeOwned;
use validator::Validate;

/// A JSON body that has been parsed and validated; handlers never see an invalid request.
#[derive(Debug)]
pub struct ValidatedJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedJson<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<T>::from_request(req, payload);
        Box::pin(async move {
            let body = json.await?.into_inner();
            body.validate().map_err(ApiError::from)?;
            Ok(ValidatedJson(body))
        })
    }
}

/// Body limits and readable messages for malformed JSON.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(256 * 1024)
        .error_handler(|err, _req| {
            let api = match &err {
                JsonPayloadError::ContentType => ApiError::new(
                    ErrorKind::UnsupportedMediaType,
                    "send the body as application/json",
                ),
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => {
                    ApiError::new(ErrorKind::PayloadTooLarge, "the body is too large")
                }
                JsonPayloadError::Deserialize(e) => json_field_error(e),
                other => ApiError::bad_request(format!("the body could not be read: {other}")),
            };
            api.into()
        })
}

/// serde reports a missing field in prose; name the field so the form can show it.
fn json_field_error(e: &serde_json::Error) -> ApiError {
    let text = e.to_string();
    let missing = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (e.classify(), missing) {
        (serde_json::error::Category::Data, Some(field)) => ApiError::field(
            ErrorKind::Validation,
            field,
            "required",
            "this field is required",
        ),
        (serde_json::error::Category::Data, None) => ApiError::new(
            ErrorKind::Validation,
            format!("the body does not match the expected shape: {text}"),
        ),
        _ => ApiError::bad_request(format!("the body is not valid JSON: {text}")),
    }
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|err, _| ApiError::bad_request(format!("bad path parameter: {err}")).into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|err, _| ApiError::bad_request(format!("bad query parameter: {err}")).into())
}

/// Reads a raw body up to `limit` bytes, answering 413 as a problem document past it.
pub async fn read_body(mut payload: web::Payload, limit: usize) -> Result<bytes::Bytes, ApiError> {
    use futures_util::StreamExt;
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::bad_request(format!("the upload was interrupted: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::field(
                ErrorKind::PayloadTooLarge,
                "file",
                "too_large",
                &format!("the file is larger than {} KB", limit / 1024),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
