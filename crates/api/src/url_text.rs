//! The URL is text a client sends too: a query value or a path segment with a control character
//! (NUL and the like, percent-encoded) is refused like one in a JSON body, with a 422 naming the
//! parameter, before any handler sees it. PostgreSQL refuses NUL in text, so letting one through
//! to a search or a lookup would be a 500 there and a stored oddity on SQLite.

use crate::auth::current_staff::credentials_refused;
use crate::error::ApiError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use percent_encoding::percent_decode_str;
use rebound_shared::domain::{CONTROL_CHARACTER, forbidden_control};
use rebound_shared::{ErrorKind, FieldError};

/// Middleware: runs after the credentials are settled, so refused credentials still answer 401.
pub async fn refuse_control_characters(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // The route's pattern (which names the path's parameters) is looked up only for a URL that
    // holds a control character: before routing, `match_pattern` walks every route of the app,
    // which a profile showed costing every request as much as routing itself.
    if !credentials_refused(&req) && may_hold_control(req.path(), req.query_string()) {
        let pattern = req.match_pattern();
        let fields = offending_fields(req.path(), pattern.as_deref(), req.query_string());
        if !fields.is_empty() {
            return Err(refusal(fields).into());
        }
    }
    next.call(req).await
}

/// Whether the URL could hold a control character at all: one arrives percent-encoded (`%00`,
/// `%C2%85`) or as a raw byte (below 0x20, 0x7F, or a UTF-8 sequence), so a URL with none of
/// these is clean without decoding anything.
fn may_hold_control(path: &str, query: &str) -> bool {
    let suspicious = |s: &str| s.bytes().any(|b| b == b'%' || !(0x20..0x7f).contains(&b));
    suspicious(path) || suspicious(query)
}

/// The names of the query parameters and path parameters whose decoded text holds a control
/// character. A path segment outside a `{param}` of the matched route is named `path`.
fn offending_fields(path: &str, pattern: Option<&str>, query: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let names: Vec<&str> = pattern.map(|p| p.split('/').collect()).unwrap_or_default();
    for (i, segment) in path.split('/').enumerate() {
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        if forbidden_control(&decoded).is_some() {
            let name = names
                .get(i)
                .and_then(|n| n.strip_prefix('{'))
                .and_then(|n| n.strip_suffix('}'))
                .map(|n| n.split(':').next().unwrap_or(n))
                .unwrap_or("path");
            fields.push(name.to_owned());
        }
    }
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if forbidden_control(&key).is_some() || forbidden_control(&value).is_some() {
            fields.push(key.into_owned());
        }
    }
    fields.dedup();
    fields
}

fn refusal(fields: Vec<String>) -> ApiError {
    let errors = fields
        .into_iter()
        .map(|field| FieldError {
            field,
            code: CONTROL_CHARACTER.to_owned(),
            message: "contains a control character".to_owned(),
        })
        .collect();
    let mut e = ApiError::new(
        ErrorKind::Validation,
        "the address of this request contains a control character",
    );
    e.errors = errors;
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_query_parameter_or_path_parameter_that_holds_a_control_character() {
        let none = offending_fields(
            "/api/v1/orders/MC-1",
            Some("/api/v1/orders/{number}"),
            "q=a%20b",
        );
        assert!(none.is_empty());
        assert_eq!(
            offending_fields("/api/v1/orders/MC%001", Some("/api/v1/orders/{number}"), ""),
            ["number"]
        );
        assert_eq!(
            offending_fields("/api/v1/orders", None, "q=a%00&status=x"),
            ["q"]
        );
        assert_eq!(
            offending_fields("/api/v1/x%07", None, "%01=1"),
            ["path", "\u{1}"]
        );
        // Tabs and line breaks are text; NUL, BEL and DEL are not.
        assert!(offending_fields("/a", None, "q=a%09b%0Ac").is_empty());
        assert_eq!(offending_fields("/a", None, "q=%7F"), ["q"]);
    }

    #[test]
    fn the_quick_check_lets_no_control_character_through() {
        // Every URL the full check refuses must be one the quick check looks at.
        for (path, query) in [
            ("/api/v1/orders/MC%001", ""),
            ("/a", "q=a%00"),
            ("/a", "q=%7F"),
            ("/a", "q=%C2%85"),
            ("/a\u{85}", ""),
            ("/a\u{7}", ""),
        ] {
            assert!(
                !offending_fields(path, None, query).is_empty(),
                "{path}?{query}"
            );
            assert!(may_hold_control(path, query), "{path}?{query}");
        }
        // Plain URLs skip the decoding and the route lookup.
        assert!(!may_hold_control("/api/v1/portal/maple/order", ""));
        assert!(!may_hold_control(
            "/api/v1/returns",
            "status=pending&limit=25"
        ));
    }
}
