//! Serves the built web app: real files from `dist/`, and for client-side routes the document
//! of the entry that owns the address (`portal.html` for a shop's pages, `index.html` for the
//! dashboard). Trunk names assets with a content hash, so those are cached for a year; the
//! documents are always revalidated so a deploy is picked up at once. The build writes brotli
//! and gzip copies beside each asset (`x.wasm.br`, `x.wasm.gz`): they are sent as they are to a
//! client that accepts them, so nothing is compressed per request.

use crate::error::ApiError;
use crate::state::AppState;
use actix_files::NamedFile;
use actix_web::http::header::{
    AcceptEncoding, CACHE_CONTROL, CONTENT_SECURITY_POLICY, ContentEncoding, Encoding, Header,
    HeaderValue, LOCATION, VARY,
};
use actix_web::{HttpRequest, HttpResponse, web};
use rebound_shared::web_entry::WebEntry;
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
        None => (entry_document(&dist.0, path), "no-cache"),
    };
    let mut response = open_negotiated(&req, &file)
        .await
        .map_err(|_| ApiError::not_found("web app (build it with `cargo xtask build-web`)"))?
        .into_response(&req);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if has_precompressed(&file) {
        // Caches must key on the encoding: one URL, a brotli, a gzip and a plain body.
        response
            .headers_mut()
            .insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    if let Some(policy) = portal_frame_policy(&state, path).await? {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, policy);
    }
    Ok(response)
}

/// The HTML document that boots the entry owning `path`; a build with one entry (no
/// `portal.html`) serves `index.html` for everything, as before the split.
fn entry_document(dist: &Path, path: &str) -> PathBuf {
    let document = dist.join(WebEntry::for_path(path).document());
    if document.is_file() {
        document
    } else {
        dist.join("index.html")
    }
}

/// The file as stored, or its brotli or gzip copy when the client accepts that encoding (by
/// q-values, brotli first on a tie: actix ranks brotli > zstd > gzip).
async fn open_negotiated(req: &HttpRequest, file: &Path) -> std::io::Result<NamedFile> {
    let accepted = AcceptEncoding::parse(req).unwrap_or_else(|_| AcceptEncoding(Vec::new()));
    let mut offered = vec![Encoding::identity()];
    for (encoding, suffix) in PRECOMPRESSED {
        if sibling(file, suffix).is_file() {
            offered.push(encoding);
        }
    }
    let chosen = if accepted.0.is_empty() {
        // No header at all: "any coding is acceptable", but plain bytes are the safe answer.
        None
    } else {
        accepted.negotiate(offered.iter())
    };
    let chosen = PRECOMPRESSED
        .into_iter()
        .find(|(encoding, _)| Some(encoding) == chosen.as_ref());
    let Some((encoding, suffix)) = chosen else {
        return NamedFile::open_async(file).await;
    };
    // The type of what is inside (`x.wasm`), not of the `.br` file.
    let content_type = actix_files::file_extension_to_mime(
        file.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default(),
    );
    Ok(NamedFile::open_async(sibling(file, suffix))
        .await?
        .set_content_type(content_type)
        .disable_content_disposition()
        .set_content_encoding(if encoding == Encoding::brotli() {
            ContentEncoding::Brotli
        } else {
            ContentEncoding::Gzip
        }))
}

/// The encodings the build writes beside each asset, with their file suffix.
const PRECOMPRESSED: [(Encoding, &str); 2] = [(Encoding::gzip(), "gz"), (Encoding::brotli(), "br")];

fn has_precompressed(file: &Path) -> bool {
    PRECOMPRESSED
        .iter()
        .any(|(_, suffix)| sibling(file, suffix).is_file())
}

/// `x.wasm` -> `x.wasm.br`.
fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
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

/// Trunk's hashed names look like `portal-3f9a1c2b7d4e5f60_bg.wasm` or `main-171a2b2020abe9a.css`:
/// the hash is a 64-bit number in hex, so it may lose leading zeros, and wasm-bindgen adds `_bg`.
fn is_hashed_asset(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.strip_suffix("_bg").unwrap_or(s))
        .and_then(|s| s.rsplit_once('-'))
        .is_some_and(|(_, hash)| {
            (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
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
        // What Trunk 0.21 really writes: wasm-bindgen's `_bg`, a hash that lost a leading zero.
        assert!(is_hashed_asset(Path::new(
            "portal-9b0a517d73fb044d_bg.wasm"
        )));
        assert!(is_hashed_asset(Path::new("main-171a2b2020abe9a.css")));
        assert!(!is_hashed_asset(Path::new("index.html")));
        assert!(!is_hashed_asset(Path::new("logo-dark.png")));
    }
}
