//! The browser step of `cargo xtask bench`: builds both web entries, then times a shop's
//! portal to its lookup form in headless Chromium on a throttled phone profile, against the
//! dashboard's sign-in in the same run (tests/benches/web_load.rs).

use std::path::Path;

use anyhow::Result;

use crate::cmd::{self, say};
use crate::{setup, web};

pub fn bench(root: &Path, quick: bool) -> Result<()> {
    setup::setup(
        root,
        setup::Options {
            browser: true,
            postgres: false,
        },
    )?;
    web::build(root)?;
    say!("timing the portal's lookup form on Fast 3G with a 4x CPU slowdown");
    let mut command = cmd::cargo();
    // The browser tests' package selection and profile: their build is reused as it is
    // (a `-p rebound-e2e` or bench-profile build would compile the server's dependencies
    // again with another feature set). The server is not what this step times.
    command
        .args(["bench", "--workspace", "--exclude", "rebound-web"])
        .args(["--profile", "dev", "--bench", "web_load"])
        .env("REBOUND_WEB_DIST", root.join("dist"))
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("CHROME_BIN", "/usr/bin/chromium")
        .env("RUST_LOG", "warn")
        .current_dir(root);
    if quick {
        command.args(["--", "--quick"]);
    }
    cmd::run(&mut command)
}
