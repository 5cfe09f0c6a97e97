//! Helpers for Rebound's end-to-end tests: the real server (with the demo shop) in-process, the
//! built web app from `dist/`, and a headless Chromium driven through chromedriver.

// Test scaffolding: a failure to start a temp dir, a server or a browser should stop the test at
// once with its message, which is what `expect` does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub use rebound_api::demo::{DEMO_COMPANY, DEMO_EMAIL, DEMO_PASSWORD, DEMO_PRIMARY, DEMO_SLUG};

/// The demo shop owner's name, as the dashboard shows it.
pub const DEMO_OWNER: &str = "Avery Martin";

/// How long a person would wait for a screen before calling it broken.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The workspace root (this crate lives in `<root>/tests`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits inside the workspace")
        .to_path_buf()
}

/// The built web app: `REBOUND_WEB_DIST`, else `<root>/dist`. Panics with the command to run
/// when it has not been built, because every browser test would otherwise fail obscurely.
pub fn web_dist() -> PathBuf {
    let dist = std::env::var_os("REBOUND_WEB_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "the web app is not built: {} is missing. Run `trunk build --release --offline` at the \
         workspace root (or `cargo xtask run` once) before the browser tests.",
        dist.join("index.html").display()
    );
    dist
}

/// axe-core's script: `REBOUND_AXE_JS`, else the copy `cargo xtask setup --browser` puts in
/// `<root>/.tools`. Read once per test binary.
fn axe_script() -> &'static str {
    static SCRIPT: OnceLock<String> = OnceLock::new();
    SCRIPT.get_or_init(|| {
        let path = std::env::var_os("REBOUND_AXE_JS")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace_root().join(".tools/node_modules/axe-core/axe.min.js"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read axe-core at {} ({e}). Run `cargo xtask setup --browser` (or set \
                 REBOUND_AXE_JS) before the browser tests.",
                path.display()
            )
        })
    })
}

/// The server, the browser and the temp folder of one test; dropping it stops the browser.
pub struct TestApp {
    pub address: String,
    pub browser: Client,
    /// The screens axe-core has already checked in this test (keyed by `screen_key`).
    checked_screens: Mutex<HashSet<String>>,
    _driver: Driver,
    _data_dir: tempfile::TempDir,
}

/// chromedriver, killed when the test ends (also when it panics).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the API with the demo shop and the built web app, then a headless Chromium.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// The same, with the server's configuration changed first (a real SMTP server, say).
pub async fn spawn_app_with(customise: impl FnOnce(&mut rebound_api::config::Config)) -> TestApp {
    let dist = web_dist();
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut config = rebound_api::config::Config::for_tests(data_dir.path().to_path_buf());
    config.web_dist = Some(dist);
    config.demo_data = true;
    customise(&mut config);
    let app = rebound_api::startup::Application::build(config)
        .await
        .expect("the server starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let (driver, browser) = start_browser().await;
    TestApp {
        address,
        browser,
        checked_screens: Mutex::default(),
        _driver: driver,
        _data_dir: data_dir,
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

async fn start_browser() -> (Driver, Client) {
    // Two rustls crypto providers are compiled in; pick one (a second call is a harmless no-op).
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let chrome = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {chromedriver} (set CHROMEDRIVER): {e}"));
    let driver = Driver(child);

    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chrome,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en-US",
                // The app honours reduced motion (no transitions), so axe reads each screen's
                // settled colours, not a button halfway through a 150 ms colour change (a
                // contrast finding that came and went with the machine's load).
                "--force-prefers-reduced-motion"
            ],
            "prefs": { "intl.accept_languages": "en-US,en" }
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    // chromedriver takes a moment to listen; retry the session until it answers.
    let started = Instant::now();
    let browser = loop {
        match ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => break client,
            Err(e) if started.elapsed() < PATIENCE => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("chromedriver did not start a session: {e}"),
        }
    };
    (driver, browser)
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn open(&self, path: &str) {
        self.browser
            .goto(&self.url(path))
            .await
            .unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    }

    /// Runs `script` (a function body, `arguments` available) and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.browser
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns something truthy, then returns it.
    pub async fn wait_js(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        let started = Instant::now();
        loop {
            let value = self.js(script, args.clone()).await;
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
                _ => true,
            };
            if truthy {
                return value;
            }
            if started.elapsed() > PATIENCE {
                let text = self.visible_text().await;
                panic!("timed out waiting for {what}; the page shows:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Everything a person can read on the page.
    pub async fn visible_text(&self) -> String {
        self.js(
            "return document.body ? document.body.innerText : '';",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Waits until `text` is visible somewhere on the page.
    pub async fn see(&self, text: &str) {
        self.wait_js(
            &format!("the text {text:?}"),
            "return document.body && document.body.innerText.includes(arguments[0]);",
            vec![json!(text)],
        )
        .await;
        self.check_new_screen().await;
    }

    /// Waits for an element matching `css`.
    pub async fn element(&self, css: &str) -> Element {
        self.browser
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until `script` returns an element, and returns it.
    pub async fn element_where(&self, what: &str, script: &str, args: Vec<Value>) -> Element {
        let started = Instant::now();
        loop {
            let value = self.js(script, args.clone()).await;
            // A returned element arrives as `{"element-6066-...": "<id>"}`.
            if let Some(id) = value
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(Value::as_str)
            {
                return Element::from_element_id(self.browser.clone(), id.to_owned().into());
            }
            if started.elapsed() > PATIENCE {
                let text = self.visible_text().await;
                panic!("timed out waiting for {what}; the page shows:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The input labelled `label` (by `<label for>` or by a wrapping `<label>`).
    pub async fn labelled(&self, label: &str) -> Element {
        let script = r#"
            const want = arguments[0];
            for (const l of document.querySelectorAll('label')) {
                if (!l.textContent.trim().startsWith(want)) continue;
                const input = l.htmlFor ? document.getElementById(l.htmlFor)
                                        : l.querySelector('input,select,textarea');
                if (input) return input.id ? ('#' + CSS.escape(input.id)) : null;
            }
            return null;"#;
        let selector = self
            .wait_js(
                &format!("an input labelled {label:?}"),
                script,
                vec![json!(label)],
            )
            .await;
        let input = self.element(selector.as_str().unwrap_or_default()).await;
        self.check_new_screen().await;
        input
    }

    /// Types `text` into the input labelled `label`, replacing what was there.
    pub async fn fill(&self, label: &str, text: &str) {
        let input = self.labelled(label).await;
        input.clear().await.expect("clear the input");
        input.send_keys(text).await.expect("type into the input");
    }

    /// Clicks the button (or link) whose visible text is `text`.
    pub async fn click_text(&self, text: &str) {
        let script = r#"
            const want = arguments[0];
            const el = [...document.querySelectorAll('button,a,[role=button]')]
                .find(e => e.offsetParent !== null && e.textContent.trim() === want);
            if (!el) return false;
            el.click();
            return true;"#;
        self.wait_js(
            &format!("a button or link {text:?}"),
            script,
            vec![json!(text)],
        )
        .await;
    }

    /// Saves a screenshot as `name.png` in `$REBOUND_SHOTS` when that is set (to look at the
    /// screens a test walks through); does nothing otherwise.
    pub async fn shot(&self, name: &str) {
        let Ok(folder) = std::env::var("REBOUND_SHOTS") else {
            return;
        };
        let png = self.browser.screenshot().await.expect("screenshot");
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        std::fs::write(PathBuf::from(folder).join(format!("{name}.png")), png)
            .expect("write the screenshot");
    }

    /// Picks `file` in the page's file input, as a person choosing it in the dialog would.
    pub async fn choose_file(&self, file: &std::path::Path) {
        let input = self
            .element_where(
                "the file input",
                "return document.querySelector('input[type=file]');",
                vec![],
            )
            .await;
        input
            .send_keys(&file.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("choose {}: {e}", file.display()));
    }

    /// Resizes the browser window, such as 390 wide for a phone.
    pub async fn resize(&self, width: u32, height: u32) {
        self.browser
            .set_window_size(width, height)
            .await
            .expect("resize the window");
    }

    /// The path of the page the browser shows.
    pub async fn path(&self) -> String {
        self.browser
            .current_url()
            .await
            .expect("current url")
            .path()
            .to_owned()
    }

    /// Waits until the browser shows `path`.
    pub async fn wait_path(&self, path: &str) {
        self.wait_js(
            &format!("the address {path}"),
            "return location.pathname === arguments[0];",
            vec![json!(path)],
        )
        .await;
        self.check_new_screen().await;
    }

    /// Signs in as the demo owner and waits for the dashboard.
    pub async fn sign_in_as_demo_owner(&self) {
        self.open("/dashboard/login").await;
        self.fill("Email", DEMO_EMAIL).await;
        self.fill("Password", DEMO_PASSWORD).await;
        self.submit().await;
        self.see(DEMO_OWNER).await;
    }

    /// Signs the demo owner in through the API and keeps the session where the app keeps it
    /// (localStorage), skipping the sign-in screen: password hashing in a debug build on a busy
    /// machine can outlast the helpers' patience. Opens the portal first for the origin; the
    /// shopper's order token lives in sessionStorage, so both sessions work in one tab.
    /// Returns the staff token, for calls a test makes on the side.
    pub async fn sign_in_by_api(&self) -> String {
        self.open(&format!("/{DEMO_SLUG}")).await;
        let token = self
            .js(
                "const [email, password] = arguments;
                 return (async () => {
                   const r = await fetch('/api/v1/auth/login', { method: 'POST',
                     headers: { 'Content-Type': 'application/json' },
                     body: JSON.stringify({ email, password }) });
                   if (!r.ok) return null;
                   const token = (await r.json()).access_token;
                   localStorage.setItem('rebound.token', token);
                   return token;
                 })();",
                vec![json!(DEMO_EMAIL), json!(DEMO_PASSWORD)],
            )
            .await;
        token.as_str().expect("the demo owner signs in").to_owned()
    }

    /// Submits the first visible form's submit button.
    pub async fn submit(&self) {
        let script = r#"
            const b = [...document.querySelectorAll('form button[type=submit]')]
                .find(e => e.offsetParent !== null && !e.disabled);
            if (!b) return false;
            b.click();
            return true;"#;
        self.wait_js("a submit button", script, vec![]).await;
    }

    /// The computed value of the CSS custom property `name` on the element that sets it inline
    /// (the portal root).
    pub async fn brand_property(&self, name: &str) -> String {
        let script = r#"
            const name = arguments[0];
            const el = [...document.querySelectorAll('[style]')]
                .find(e => e.style.getPropertyValue(name));
            return el ? getComputedStyle(el).getPropertyValue(name).trim() : null;"#;
        self.wait_js(
            &format!("an element with {name}"),
            script,
            vec![json!(name)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Checks the screen the test ends on, then closes the browser session.
    pub async fn finish(self) {
        self.check_new_screen().await;
        let _ = self.browser.clone().close().await;
    }

    /// What makes a screen for the accessibility check: the path and the headings and selected
    /// tab in view. A wizard step or a settings tab is a new screen at the same address.
    async fn screen_key(&self) -> String {
        self.js(
            "const shown = [...document.querySelectorAll('h1,h2,h3,[role=tab][aria-selected=true]')]
                 .filter(e => e.offsetParent !== null)
                 .map(e => e.textContent.trim());
             return location.pathname + ' | ' + shown.join(' | ');",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Runs axe-core on the screen unless this test has checked it already. Called by the
    /// helpers that wait for a screen (`see`, `wait_path`, `labelled`) and by `finish`, so
    /// every screen a test reaches is checked without the test asking.
    async fn check_new_screen(&self) {
        let key = self.screen_key().await;
        let new = self
            .checked_screens
            .lock()
            .expect("the checked screens")
            .insert(key.clone());
        if new {
            self.check_accessibility(&key).await;
        }
    }

    /// Runs axe-core (injected on first use in each page) on the whole document and panics
    /// with a readable list when it finds a serious or critical violation: rule, impact, what
    /// it asks for, and each offending element's selector.
    pub async fn check_accessibility(&self, screen: &str) {
        let present = self
            .js("return typeof window.axe === 'object';", vec![])
            .await;
        if present != json!(true) {
            // Through WebDriver rather than a <script> tag: a Content-Security-Policy that
            // forbids inline scripts does not apply to it. axe attaches itself to `window`.
            let injected = self
                .js(
                    &format!("{}\n;return typeof window.axe === 'object';", axe_script()),
                    vec![],
                )
                .await;
            assert_eq!(injected, json!(true), "axe-core did not load on {screen}");
        }
        let found = self
            .js(
                // Plus WCAG 2.5.3 "label in name", which axe still ships as experimental (off).
                // Frames stay out: the only ones are sandboxed mail previews (no script runs
                // there, so axe would wait for them in vain); the frame element is still checked.
                "return axe.run(document, { resultTypes: ['violations'], iframes: false,
                     rules: { 'label-content-name-mismatch': { enabled: true } } }).then(r =>
                   r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                  targets: v.nodes.map(n => n.target.join(' ')) })));",
                vec![],
            )
            .await;
        let violations = found.as_array().cloned().unwrap_or_default();
        if violations.is_empty() {
            return;
        }
        let list: Vec<String> = violations
            .iter()
            .map(|v| {
                let targets: Vec<&str> = v["targets"]
                    .as_array()
                    .map(|t| t.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                format!(
                    "- {} ({}): {}\n    {}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or(""),
                    targets.join("\n    ")
                )
            })
            .collect();
        panic!(
            "axe-core finds {} serious or critical violation(s) on {screen}:\n{}",
            violations.len(),
            list.join("\n")
        );
    }
}
