//! Who may show a page in a frame. A shop's portal pages may be framed by the shop's own sites
//! (its `frame-ancestors` setting, sent as CSP); every other response, the dashboard first,
//! keeps `X-Frame-Options: SAMEORIGIN` so it cannot be clickjacked from elsewhere.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use rebound_shared::domain::FrameOrigin;

/// The CSP a portal page is sent with: this server itself plus the shop's sites.
pub fn portal_policy(origins: &[FrameOrigin]) -> Option<HeaderValue> {
    let mut sources = vec!["'self'".to_owned()];
    sources.extend(origins.iter().map(|o| o.to_string()));
    HeaderValue::from_str(&format!("frame-ancestors {}", sources.join(" "))).ok()
}

/// Middleware: any response that did not state its own `frame-ancestors` is same-origin only.
pub async fn default_frame_policy(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    let states_own = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("frame-ancestors"));
    if !states_own {
        response.headers_mut().insert(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_policy_lists_self_then_the_shop_sites() {
        let origins = [
            FrameOrigin::parse("https://maple.example").unwrap(),
            FrameOrigin::parse("https://*.maple.example").unwrap(),
        ];
        assert_eq!(
            portal_policy(&origins).unwrap(),
            "frame-ancestors 'self' https://maple.example https://*.maple.example"
        );
        assert_eq!(portal_policy(&[]).unwrap(), "frame-ancestors 'self'");
    }
}
