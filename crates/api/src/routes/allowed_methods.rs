//! 405 for a path the API has, asked with a method it does not take, with `Allow` listing the
//! methods it does. The table comes from the OpenAPI document, which is built from the router,
//! so it cannot drift from the routes.

use crate::error::ApiError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};
use rebound_shared::ErrorKind;
use utoipa::openapi::OpenApi;

/// Each documented path and the methods it answers.
#[derive(Debug)]
pub struct AllowedMethods(Vec<Documented>);

#[derive(Debug)]
struct Documented {
    /// The template's text before its first `{`: a path that does not start with it cannot
    /// match, which a string comparison says without running the template's matcher. This
    /// table is asked on every request; most templates are ruled out here.
    literal_prefix: String,
    /// Likewise after its last `}`: many templates share `/api/v1/portal/`.
    literal_suffix: String,
    /// `{` in the template: fewer is more literal.
    dynamic: usize,
    def: ResourceDef,
    methods: Vec<Method>,
}

impl AllowedMethods {
    pub fn from_document(doc: &OpenApi) -> AllowedMethods {
        let paths = doc.paths.paths.iter().map(|(path, item)| {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::OPTIONS, item.options.is_some()),
                (Method::HEAD, item.head.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::TRACE, item.trace.is_some()),
            ]
            .into_iter()
            .filter_map(|(method, present)| present.then_some(method))
            .collect();
            Documented {
                literal_prefix: path.split('{').next().unwrap_or_default().to_owned(),
                literal_suffix: path.rsplit('}').next().unwrap_or_default().to_owned(),
                dynamic: path.matches('{').count(),
                def: ResourceDef::new(path.as_str()),
                methods,
            }
        });
        AllowedMethods(paths.collect())
    }

    /// `None` when the method is fine or no documented path matches (then a 404 is right);
    /// otherwise every method the matching paths take.
    pub fn refusal(&self, path: &str, method: &Method) -> Option<Vec<Method>> {
        // The most literal template wins, as in routing and in OpenAPI: `/returns/bulk-approve`
        // is not `/returns/{id}`, so `Allow` lists only the methods of the literal path.
        let matching = || {
            self.0.iter().filter(|d| {
                path.starts_with(&d.literal_prefix)
                    && path.ends_with(&d.literal_suffix)
                    && d.def.is_match(path)
            })
        };
        let fewest = matching().map(|d| d.dynamic).min()?;
        let mut allowed: Vec<Method> = Vec::new();
        for documented in matching().filter(|d| d.dynamic == fewest) {
            if documented.methods.contains(method) {
                return None;
            }
            for m in &documented.methods {
                if !allowed.contains(m) {
                    allowed.push(m.clone());
                }
            }
        }
        (!allowed.is_empty()).then_some(allowed)
    }
}

/// Middleware: answers 405 before routing would fall through to "page not found".
pub async fn refuse_other_methods(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let refusal = req
        .app_data::<web::Data<AllowedMethods>>()
        .and_then(|table| table.refusal(req.path(), req.method()));
    let Some(allowed) = refusal else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let allow = allowed
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let error = ApiError::new(
        ErrorKind::MethodNotAllowed,
        format!("{} is not allowed here; use {allow}", req.method()),
    );
    let mut response = error.error_response();
    if let Ok(value) = header::HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    Ok(req.into_response(response).map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem, PathsBuilder};

    #[test]
    fn lists_the_methods_of_every_matching_path() {
        let op = || OperationBuilder::new().build();
        let mut doc = OpenApi::default();
        doc.paths = PathsBuilder::new()
            .path("/orders/{number}", PathItem::new(HttpMethod::Get, op()))
            .path("/orders/{number}", PathItem::new(HttpMethod::Put, op()))
            .path("/orders", PathItem::new(HttpMethod::Get, op()))
            .build();
        let table = AllowedMethods::from_document(&doc);
        assert_eq!(table.refusal("/orders/A1", &Method::GET), None);
        assert_eq!(
            table.refusal("/orders/A1", &Method::DELETE),
            Some(vec![Method::GET, Method::PUT])
        );
        assert_eq!(table.refusal("/nowhere", &Method::DELETE), None);
    }

    #[test]
    fn a_literal_path_is_not_its_templated_neighbour() {
        let op = || OperationBuilder::new().build();
        let mut doc = OpenApi::default();
        doc.paths = PathsBuilder::new()
            .path("/returns/{id}", PathItem::new(HttpMethod::Get, op()))
            .path(
                "/returns/bulk-approve",
                PathItem::new(HttpMethod::Post, op()),
            )
            .build();
        let table = AllowedMethods::from_document(&doc);
        assert_eq!(
            table.refusal("/returns/bulk-approve", &Method::OPTIONS),
            Some(vec![Method::POST])
        );
        assert_eq!(
            table.refusal("/returns/R1", &Method::POST),
            Some(vec![Method::GET])
        );
    }
}
