//! Serves the built web app: real files from `dist/`, `index.html` for client-side routes.
//! Trunk names assets with a content hash, so those are cached for a year; `index.html` is
//! always revalidated so a deploy is picked up at once. Compression is the app's middleware.

use crate::error::ApiError;
use crate::state::AppState;
use actix_files::NamedFile;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, HeaderValue, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone)]
pub struct WebDist(pub PathBuf);

pub async fn serve(
    req: HttpRequest,
    dist: web::Data<WebDist>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    if path.starts_with("/api/") {
        return Err(ApiError::not_found("endpoint"));
    }
    if let Some(location) = old_slug_redirect(&state, path).await? {
        return Ok(HttpResponse::PermanentRedirect()
            .insert_header((LOCATION, location))
            .finish());
    }
    let file = safe_join(&dist.0, path).filter(|p| p.is_file());
    let (file, cache) = match file {
        Some(f) if is_hashed_asset(&f) => (f, "public, max-age=31536000, immutable"),
        Some(f) => (f, "public, max-age=300"),
        // A missing file with an extension is a broken link, not a page of the app.
        None if Path::new(path).extension().is_some() => return Err(ApiError::not_found("file")),
        None => (dist.0.join("index.html"), "no-cache"),
    };
    let named = NamedFile::open_async(&file)
        .await
        .map_err(|_| ApiError::not_found("web app (build it with `cargo xtask build-web`)"))?;
    let mut response = named.into_response(&req);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Some(policy) = portal_frame_policy(&state, path).await? {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, policy);
    }
    Ok(response)
}

/// A page of a shop's portal may be framed by the shop's own sites; nothing else served here
/// says so, and so stays same-origin only (see `routes::framing`).
async fn portal_frame_policy(
    state: &AppState,
    path: &str,
) -> Result<Option<HeaderValue>, ApiError> {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    // Reserved words (`dashboard`, `api`) and file names are never slugs.
    if rebound_shared::domain::Slug::parse(first).is_err() {
        return Ok(None);
    }
    Ok(
        crate::services::settings::embedding::frame_ancestors_for_slug(&state.db, first)
            .await?
            .and_then(|origins| crate::routes::framing::portal_policy(&origins)),
    )
}

/// A portal page under a shop's former slug moves to the same page under the current one.
async fn old_slug_redirect(state: &AppState, path: &str) -> Result<Option<String>, ApiError> {
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let first = parts.next().unwrap_or_default();
    if rebound_shared::domain::Slug::parse(first).is_err() {
        return Ok(None);
    }
    let rest = parts.next().map(|r| format!("/{r}")).unwrap_or_default();
    Ok(crate::services::settings::redirected_slug(&state.db, first)
        .await?
        .map(|current| format!("/{current}{rest}")))
}

/// Joins a URL path under `root`, refusing anything that could climb out of it.
fn safe_join(root: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    let mut out = root.to_path_buf();
    for part in relative.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Trunk's hashed names look like `rebound-web-3f9a1c2b7d4e5f60.wasm`.
fn is_hashed_asset(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.rsplit_once('-'))
        .is_some_and(|(_, hash)| hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_climb_out_of_dist() {
        let root = Path::new("/srv/dist");
        assert_eq!(
            safe_join(root, "/a/b.js"),
            Some(PathBuf::from("/srv/dist/a/b.js"))
        );
        assert_eq!(safe_join(root, "/../etc/passwd"), None);
        assert_eq!(safe_join(root, "/a/../../x"), None);
    }

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset(Path::new(
            "rebound-web-3f9a1c2b7d4e5f60.wasm"
        )));
        assert!(is_hashed_asset(Path::new("main-0123456789abcdef.css")));
        assert!(!is_hashed_asset(Path::new("index.html")));
        assert!(!is_hashed_asset(Path::new("logo-dark.png")));
    }
}
