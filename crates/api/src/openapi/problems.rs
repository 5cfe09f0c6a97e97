//! The problem responses that come from the request pipeline rather than from a handler, added
//! to every operation whose shape makes them possible: a handler's annotation lists what its
//! use case refuses (403, 409, ...), this pass lists what the extractors in front of it refuse.

use std::collections::BTreeMap;

use utoipa::Modify;
use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::request_body::RequestBody;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, ResponseBuilder};

/// The shared responses, by status: the name of the component and what it means.
const PIPELINE: [(&str, &str, &str); 8] = [
    (
        "400",
        "BadRequest",
        "The request could not be read: a body that is not JSON, or a path or query parameter of the wrong type",
    ),
    (
        "401",
        "Unauthorized",
        "No credentials, or a token or API key that is not valid (any more)",
    ),
    (
        "403",
        "TwoFactorRequired",
        "The shop requires two-factor sign-in and this staff member has not turned it on (`kind` `two_factor_required`): until they do, only `/me` and `/me/two-factor…` answer them",
    ),
    ("404", "NotFound", "Nothing is found at this address"),
    ("413", "PayloadTooLarge", "The body is larger than allowed"),
    (
        "415",
        "UnsupportedMediaType",
        "The body is not sent as `application/json`",
    ),
    (
        "422",
        "Unprocessable",
        "The body or a parameter breaks a rule; `errors` names each field at fault",
    ),
    (
        "429",
        "TooManyRequests",
        "This API key made more requests this minute than it may (`REBOUND_API_KEY_REQUESTS_PER_MINUTE`, 600 unless the server says otherwise); `Retry-After` says how many seconds to wait",
    ),
];

pub struct PipelineProblems;

impl Modify for PipelineProblems {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (status, name, description) in PIPELINE {
            let mut response = ResponseBuilder::new().description(description).content(
                "application/problem+json",
                Content::new(Some(Ref::from_schema_name("Problem"))),
            );
            if status == "429" {
                response = response.header("Retry-After", retry_after());
            }
            components
                .responses
                .insert(name.to_owned(), RefOr::T(response.build()));
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for status in statuses(path, operation) {
                    add(operation, status);
                }
            }
        }
    }
}

/// Whether a staff member who must enrol in two-factor sign-in first may call `path` (its
/// handlers take `SignedInStaff` rather than `CurrentStaff`): `/me` and enrolment.
fn open_before_enrolment(path: &str) -> bool {
    path == "/api/v1/me" || path.starts_with("/api/v1/me/two-factor")
}

/// What the extractors can answer for this operation.
fn statuses(path: &str, operation: &Operation) -> Vec<&'static str> {
    let mut statuses = Vec::new();
    let secured = operation
        .security
        .as_ref()
        .is_some_and(|requirements| !requirements.is_empty());
    if secured {
        statuses.push("401");
        // Every route an API key can call counts against the key's rate limit; the portal's
        // routes take the shopper's order token instead.
        let portal = operation
            .tags
            .as_ref()
            .is_some_and(|tags| tags.iter().any(|t| t == "portal"));
        if !portal {
            statuses.push("429");
            if !open_before_enrolment(path) {
                statuses.push("403");
            }
        }
    }
    let parameters: Vec<_> = operation
        .parameters
        .iter()
        .flatten()
        .filter_map(|parameter| match parameter {
            RefOr::T(parameter) => Some(parameter),
            RefOr::Ref(_) => None,
        })
        .collect();
    // A path names something to find; an unknown one is a 404.
    if parameters
        .iter()
        .any(|p| p.parameter_in == ParameterIn::Path)
    {
        statuses.push("404");
    }
    // A typed parameter (a UUID, a number, a date, a flag) can fail to parse, and so can a
    // query enum; a path enum answers 404 through its own extractor instead.
    if parameters.iter().any(|p| {
        let schema = p.schema.as_ref();
        match p.parameter_in {
            ParameterIn::Path => !plain_string(schema) && !is_enum(schema),
            _ => !plain_string(schema) || is_enum(schema),
        }
    }) {
        statuses.push("400");
    }
    // Any path or query text with a control character is a 422 naming the parameter
    // (`url_text`), and so is a page cursor the server did not hand out.
    if parameters
        .iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query))
    {
        statuses.push("422");
    }
    match &operation.request_body {
        Some(RefOr::T(body)) if takes_json(body) => {
            statuses.extend(["400", "413", "415", "422"]);
        }
        // Raw uploads are read up to a size limit.
        Some(RefOr::T(_)) => statuses.push("413"),
        _ => {}
    }
    statuses
}

/// The `Retry-After` header of a 429: whole seconds.
fn retry_after() -> Header {
    HeaderBuilder::new()
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1))
                .build(),
        ))
        .description(Some("Seconds to wait before the next request"))
        .build()
}

fn takes_json(body: &RequestBody) -> bool {
    body.content.contains_key("application/json")
}

/// A string schema without a format (optional or not): any text deserializes into it.
fn plain_string(schema: Option<&RefOr<utoipa::openapi::Schema>>) -> bool {
    let Some(value) = as_json(schema) else {
        return true;
    };
    let string = match value.get("type") {
        Some(serde_json::Value::String(kind)) => kind == "string",
        Some(serde_json::Value::Array(kinds)) => {
            kinds.iter().all(|kind| kind == "string" || kind == "null")
        }
        _ => false,
    };
    string && value.get("format").is_none()
}

/// An inline enum, or a reference (this API's referenced parameter schemas are all enums).
fn is_enum(schema: Option<&RefOr<utoipa::openapi::Schema>>) -> bool {
    as_json(schema).is_some_and(|value| value.get("enum").is_some() || value.get("$ref").is_some())
}

fn as_json(schema: Option<&RefOr<utoipa::openapi::Schema>>) -> Option<serde_json::Value> {
    serde_json::to_value(schema?).ok()
}

/// Adds the shared response for `status` unless the handler documented its own.
fn add(operation: &mut Operation, status: &str) {
    let Some((_, name, _)) = PIPELINE.iter().find(|(code, _, _)| *code == status) else {
        return;
    };
    let responses: &mut BTreeMap<String, RefOr<utoipa::openapi::Response>> =
        &mut operation.responses.responses;
    responses
        .entry(status.to_owned())
        .or_insert_with(|| RefOr::Ref(Ref::from_response_name(*name)));
}
