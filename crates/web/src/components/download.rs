//! Saves bytes fetched with a token (which a plain link cannot send) as a file download.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `file_name`; false when the browser refused.
pub fn save_bytes(file_name: &str, content_type: &str, bytes: &[u8]) -> bool {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(href) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let saved = link.is_some_and(|a| {
        a.set_href(&href);
        a.set_download(file_name);
        a.click();
        true
    });
    // The click has started the download; the object URL can go once the browser took it.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&href);
        },
        std::time::Duration::from_secs(10),
    );
    saved
}
