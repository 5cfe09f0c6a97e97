//! Request extractors shared by every route: `ValidatedJson` reads a JSON body and applies the
//! shared validation rules, and the body/path/query error handlers answer with problem+json.
//!
//! Every JSON body goes through [`read_json`]: the bytes become a `serde_json::Value` (only
//! malformed JSON is a 400), every string in it is checked for control characters, then the
//! value becomes the request type with the path of any mismatch (`items[0].quantity`), so a
//! type error names its field like a missing field does.

use crate::error::ApiError;
use actix_web::{FromRequest, HttpRequest, dev::Payload, error::JsonPayloadError, web};
use futures_util::future::LocalBoxFuture;
use rebound_shared::domain::{CONTROL_CHARACTER, forbidden_control};
use rebound_shared::{ErrorKind, FieldError};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;
use validator::Validate;

/// A JSON body that has been parsed and validated; handlers never see an invalid request.
#[derive(Debug)]
pub struct ValidatedJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedJson<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_json::<T>(req, payload);
        Box::pin(async move {
            let body = body.await?;
            body.validate().map_err(ApiError::from)?;
            Ok(ValidatedJson(body))
        })
    }
}

/// A JSON body for a type with no rules of its own: read as strictly as `ValidatedJson`.
#[derive(Debug)]
pub struct TypedJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for TypedJson<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_json::<T>(req, payload);
        Box::pin(async move { Ok(TypedJson(body.await?)) })
    }
}

/// Reads the body as JSON (limits, content type and syntax through [`json_config`]), refuses
/// control characters in the text the request type reads, and deserialises it naming the field
/// of any mismatch.
///
/// A property the type does not have is ignored whatever it holds, as the document says (its
/// objects are open): a client may send back a view it read, with its read-only fields.
fn read_json<T: DeserializeOwned + 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> LocalBoxFuture<'static, Result<T, actix_web::Error>> {
    let json = web::Json::<Value>::from_request(req, payload);
    Box::pin(async move {
        let mut value = json.await?.into_inner();
        integral_numbers_as_integers(&mut value);
        let mut ignored = BTreeSet::new();
        let read = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
            &value,
            &mut |path| {
                ignored.insert(field_name(&path));
            },
        ));
        // Control characters first, as they were before any type error: the same answer
        // whichever the client fixes first.
        refuse_control_characters_in(&value, &ignored)?;
        read.map_err(|e| typed_error(&e).into())
    })
}

/// A field path as the other errors write it: `items[0].note`.
fn field_name(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", field_name(parent)),
        Path::Map { parent, key } => match field_name(parent) {
            at if at.is_empty() => key.clone(),
            at => format!("{at}.{key}"),
        },
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => field_name(parent),
    }
}

/// `5.0` is an integer to JSON Schema (and to JavaScript, where every number is a float), so a
/// whole number written with a fraction is read as the integer it is; serde would refuse it for
/// an integer field. Only values an `f64` holds exactly (below 2^53) are changed.
fn integral_numbers_as_integers(value: &mut Value) {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(n) => {
            if let Some(f) = n
                .as_f64()
                .filter(|f| n.is_f64() && f.fract() == 0.0 && f.abs() < EXACT)
            {
                // In range and whole: the conversion is exact.
                let whole = f as i64;
                *value = Value::from(whole);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// Every string (and object key) in the body, with its path, checked by the shared text rule.
#[cfg(test)]
fn refuse_control_characters(value: &Value) -> Result<(), ApiError> {
    refuse_control_characters_in(value, &BTreeSet::new())
}

/// As above, leaving out the properties at the `ignored` paths (the request type has none).
fn refuse_control_characters_in(value: &Value, ignored: &BTreeSet<String>) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    collect_control_characters(value, String::new(), ignored, &mut errors);
    if errors.is_empty() {
        return Ok(());
    }
    let detail = match errors.as_slice() {
        [one] => format!("{}: {}", one.field, one.message),
        many => format!("{} fields are not valid", many.len()),
    };
    let mut e = ApiError::new(ErrorKind::Validation, detail);
    e.errors = errors;
    Err(e)
}

fn collect_control_characters(
    value: &Value,
    path: String,
    ignored: &BTreeSet<String>,
    out: &mut Vec<FieldError>,
) {
    fn refuse(out: &mut Vec<FieldError>, field: String) {
        out.push(FieldError {
            field,
            code: CONTROL_CHARACTER.to_owned(),
            message: "contains a control character; only tabs and line breaks are allowed"
                .to_owned(),
        });
    }
    match value {
        Value::String(text) if forbidden_control(text).is_some() => refuse(out, path),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_control_characters(item, format!("{path}[{i}]"), ignored, out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let field = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if ignored.contains(&field) {
                    continue;
                }
                if forbidden_control(key).is_some() {
                    refuse(out, field.escape_debug().to_string());
                } else {
                    collect_control_characters(item, field, ignored, out);
                }
            }
        }
        _ => {}
    }
}

/// A well-formed body whose shape or types do not match: a 422 naming the field.
fn typed_error(e: &serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let text = e.inner().to_string();
    let at = match e.path().to_string() {
        root if root == "." => String::new(),
        path => path,
    };
    let missing = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    if let Some(field) = missing {
        let field = if at.is_empty() {
            field.to_owned()
        } else {
            format!("{at}.{field}")
        };
        return ApiError::field(
            ErrorKind::Validation,
            &field,
            "required",
            "this field is required",
        );
    }
    if at.is_empty() {
        return ApiError::new(
            ErrorKind::Validation,
            format!("the body does not match the expected shape: {text}"),
        );
    }
    let mut e = ApiError::field(ErrorKind::Validation, &at, "type", &text);
    e.detail = format!("{at}: {text}");
    e
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
                // Bodies are read as a `Value` first: only malformed JSON gets here.
                JsonPayloadError::Deserialize(e) => {
                    ApiError::bad_request(format!("the body is not valid JSON: {e}"))
                }
                other => ApiError::bad_request(format!("the body could not be read: {other}")),
            };
            api.into()
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_every_text_with_a_control_character() {
        let body = json!({
            "name": "ok\tfine\r\n",
            "items": [{"title": "a\u{0}b"}, {"title": "fine"}],
            "address": {"line1": "\u{1b}[31m"}
        });
        let fields: Vec<String> = refuse_control_characters(&body)
            .err()
            .map(|e| e.errors.into_iter().map(|f| f.field).collect())
            .unwrap_or_default();
        assert_eq!(fields, ["address.line1", "items[0].title"]);
    }
}
