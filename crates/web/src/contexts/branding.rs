//! A shop's branding on its portal: the colours as CSS custom properties on the portal root,
//! and the shop's name and favicon on the browser tab while the portal is open.

use leptos::prelude::*;
use rebound_shared::api::portal::PortalBranding;
use rebound_shared::domain::{HexColour, contrast_ratio};
use wasm_bindgen::JsCast;

/// The branding of the portal being shown, for every portal screen.
#[derive(Debug, Clone, Copy)]
pub struct Branding(pub RwSignal<Option<PortalBranding>>);

impl Branding {
    pub fn provide() -> Branding {
        let branding = Branding(RwSignal::new(None));
        provide_context(branding);
        branding
    }
}

pub fn use_branding() -> Branding {
    expect_context::<Branding>()
}

/// The inline style of the portal root: the shop's colours, plus the derived colours that keep
/// text readable (WCAG AA, 4.5:1) whatever the shop picked.
pub fn brand_style(branding: &PortalBranding) -> String {
    let mut style = format!(
        "--brand-primary: {}; --brand-accent: {}; --brand-bg: {}; --brand-text: {};",
        branding.primary_colour,
        branding.accent_colour,
        branding.background_colour,
        branding.text_colour
    );
    let primary = HexColour::parse(&branding.primary_colour).ok();
    let background = HexColour::parse(&branding.background_colour).ok();
    if let Some(primary) = primary {
        style.push_str(&format!(
            " --brand-on-primary: {};",
            primary.readable_text()
        ));
    }
    // Links and headings use the primary colour only where it reads well on the background.
    if let (Some(primary), Some(background)) = (primary, background) {
        let link = if contrast_ratio(primary, background) >= 4.5 {
            primary.to_string()
        } else {
            background.readable_text().to_string()
        };
        style.push_str(&format!(" --brand-link: {link};"));
    }
    if let Some(image) = &branding.background_image_url {
        let safe = image.replace(['"', '\\', '\n', ')'], "");
        style.push_str(&format!(" --brand-image: url(\"{safe}\");"));
    }
    style
}

/// Puts the shop's name in the tab title and its favicon in the tab; `restore_document` undoes
/// it when the visitor leaves the portal.
pub fn apply_to_document(branding: &PortalBranding) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(&branding.company_name);
    if let Some(favicon) = &branding.favicon_url {
        set_favicon(&document, favicon);
    }
}

pub fn restore_document(default_title: &str, default_favicon: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(default_title);
    if let Some(href) = default_favicon {
        set_favicon(&document, href);
    }
}

/// The current favicon address, to restore later.
pub fn current_favicon() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let link = icon_link(&document)?;
    Some(link.href())
}

fn icon_link(document: &web_sys::Document) -> Option<web_sys::HtmlLinkElement> {
    document
        .query_selector("link[rel~='icon']")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlLinkElement>()
        .ok()
}

fn set_favicon(document: &web_sys::Document, href: &str) {
    if let Some(link) = icon_link(document) {
        link.set_href(href);
        // The default icon is SVG; a shop's may be PNG or ICO, so let the browser sniff it.
        link.set_type("");
        return;
    }
    let created = document
        .create_element("link")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlLinkElement>().ok());
    if let (Some(link), Some(head)) = (created, document.head()) {
        link.set_rel("icon");
        link.set_href(href);
        let _ = head.append_child(&link);
    }
}
