//! The error vocabulary: one `ErrorKind` every client can match on, and the RFC 9457 problem
//! document the API answers with whenever something goes wrong.

use serde::{Deserialize, Serialize};

/// What went wrong, in terms a client can act on. Serialised as `snake_case` in `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The request body or parameters break a rule; `errors` names each field.
    Validation,
    /// The request could not be read (bad JSON, wrong content type).
    BadRequest,
    /// No valid credentials were given.
    Unauthorized,
    /// The caller is known but their role does not allow this.
    Forbidden,
    /// The shop requires two-factor sign-in and the caller has not turned it on: only
    /// enrolment, `/me` and signing out are open until they do.
    TwoFactorRequired,
    /// Nothing here, or nothing this caller may see.
    NotFound,
    /// The path exists but does not take this method; `Allow` lists the ones it takes.
    MethodNotAllowed,
    /// The request clashes with existing data (a taken slug, an email already registered).
    Conflict,
    /// Too many attempts; see `Retry-After`.
    RateLimited,
    /// The upload or body is too large.
    PayloadTooLarge,
    /// The content is not of an accepted type.
    UnsupportedMediaType,
    /// A dependency (database, mail server) is not answering.
    Unavailable,
    /// A fault on our side; the request id in the problem helps us find it.
    Internal,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 13] = [
        ErrorKind::Validation,
        ErrorKind::BadRequest,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::TwoFactorRequired,
        ErrorKind::NotFound,
        ErrorKind::MethodNotAllowed,
        ErrorKind::Conflict,
        ErrorKind::RateLimited,
        ErrorKind::PayloadTooLarge,
        ErrorKind::UnsupportedMediaType,
        ErrorKind::Unavailable,
        ErrorKind::Internal,
    ];

    /// The HTTP status the API answers with for this kind.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Validation => 422,
            ErrorKind::BadRequest => 400,
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::TwoFactorRequired => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::MethodNotAllowed => 405,
            ErrorKind::Conflict => 409,
            ErrorKind::RateLimited => 429,
            ErrorKind::PayloadTooLarge => 413,
            ErrorKind::UnsupportedMediaType => 415,
            ErrorKind::Unavailable => 503,
            ErrorKind::Internal => 500,
        }
    }

    /// Stable short title for the problem document (RFC 9457 `title`).
    pub fn title(self) -> &'static str {
        match self {
            ErrorKind::Validation => "Some fields are not valid",
            ErrorKind::BadRequest => "The request could not be read",
            ErrorKind::Unauthorized => "Sign-in required",
            ErrorKind::Forbidden => "Not allowed for your role",
            ErrorKind::TwoFactorRequired => "Two-factor sign-in required",
            ErrorKind::NotFound => "Not found",
            ErrorKind::MethodNotAllowed => "Method not allowed",
            ErrorKind::Conflict => "Already exists",
            ErrorKind::RateLimited => "Too many attempts",
            ErrorKind::PayloadTooLarge => "Too large",
            ErrorKind::UnsupportedMediaType => "Unsupported file type",
            ErrorKind::Unavailable => "Temporarily unavailable",
            ErrorKind::Internal => "Something went wrong on our side",
        }
    }

    /// The problem `type` URI: a stable identifier, documented in the API reference.
    pub fn type_uri(self) -> String {
        let slug = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!("https://rebound.dev/problems/{}", slug.replace('_', "-"))
    }
}

/// One broken rule on one field, e.g. `{"field": "slug", "code": "reserved", ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The JSON field name, dotted for nested fields (`address.postal_code`).
    pub field: String,
    /// A machine-readable code (`required`, `length`, `email`, `reserved`, `taken`, ...).
    pub code: String,
    /// A human sentence in English; the web app shows its own translation by `code`.
    pub message: String,
}

impl FieldError {
    /// For an error on a list element's field, `items[3].amount_minor`, the element's place
    /// (`3`) when `list` is `items` and `field` is `amount_minor`.
    pub fn index_in(&self, list: &str, field: &str) -> Option<usize> {
        let rest = self.field.strip_prefix(list)?.strip_prefix('[')?;
        let (index, tail) = rest.split_once(']')?;
        if tail.strip_prefix('.')? != field {
            return None;
        }
        index.parse().ok()
    }
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "https://rebound.dev/problems/validation",
    "title": "Some fields are not valid",
    "status": 422,
    "detail": "2 fields are not valid",
    "kind": "validation",
    "errors": [{"field": "slug", "code": "reserved", "message": "this address is reserved"}]
})))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub kind: ErrorKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        Problem {
            type_uri: kind.type_uri(),
            title: kind.title().to_owned(),
            status: kind.status(),
            detail: detail.into(),
            kind,
            errors: Vec::new(),
            request_id: None,
        }
    }

    /// The first error reported for `field`, if any: what a form shows under that input.
    pub fn field(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_list_element_a_field_error_names() {
        let on = |field: &str| FieldError {
            field: field.to_owned(),
            code: "x".to_owned(),
            message: String::new(),
        };
        assert_eq!(
            on("items[3].amount_minor").index_in("items", "amount_minor"),
            Some(3)
        );
        assert_eq!(
            on("items[0].return_item_id").index_in("items", "amount_minor"),
            None
        );
        assert_eq!(
            on("lines[0].amount_minor").index_in("items", "amount_minor"),
            None
        );
        assert_eq!(
            on("items[x].amount_minor").index_in("items", "amount_minor"),
            None
        );
        assert_eq!(on("reason").index_in("items", "amount_minor"), None);
    }

    use super::*;

    #[test]
    fn every_kind_has_a_distinct_type_uri_and_an_error_status() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            assert!(seen.insert(kind.type_uri()), "{kind:?}");
            assert!(kind.status() >= 400, "{kind:?}");
        }
        assert_eq!(
            ErrorKind::RateLimited.type_uri(),
            "https://rebound.dev/problems/rate-limited"
        );
    }

    #[test]
    fn problem_serialises_type_and_skips_empty_errors() {
        let json = serde_json::to_value(Problem::new(ErrorKind::NotFound, "no such order"))
            .unwrap_or_default();
        assert_eq!(json["type"], "https://rebound.dev/problems/not-found");
        assert_eq!(json["status"], 404);
        assert!(json.get("errors").is_none());
    }
}
