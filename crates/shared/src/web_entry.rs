//! Which of the web app's two documents serves an address: the server picks the HTML file by
//! this rule and each app hands any other address back to the browser, so both agree.

/// One of the web app's entries, each its own HTML document and wasm bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebEntry {
    /// `/{slug}/...`: a shop's portal, what shoppers load on their phones.
    Portal,
    /// `/` and `/dashboard/...`: the merchant dashboard and its sign-in pages.
    Dashboard,
}

impl WebEntry {
    /// The entry serving a path (no query or fragment expected, but both are tolerated).
    pub fn for_path(path: &str) -> WebEntry {
        let first = path
            .trim_start_matches('/')
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default();
        if first.is_empty() || first == "dashboard" {
            WebEntry::Dashboard
        } else {
            WebEntry::Portal
        }
    }

    /// The HTML document in `dist/` that boots this entry.
    pub fn document(self) -> &'static str {
        match self {
            WebEntry::Portal => "portal.html",
            WebEntry::Dashboard => "index.html",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WebEntry;

    #[test]
    fn dashboard_owns_the_root_and_its_prefix_and_shops_own_the_rest() {
        for path in [
            "/",
            "",
            "/dashboard",
            "/dashboard/",
            "/dashboard/login?next=/x",
            "/?a=1",
        ] {
            assert_eq!(WebEntry::for_path(path), WebEntry::Dashboard, "{path}");
        }
        for path in ["/maple", "/maple/order/return", "/dashboards", "/maple?x=1"] {
            assert_eq!(WebEntry::for_path(path), WebEntry::Portal, "{path}");
        }
    }
}
