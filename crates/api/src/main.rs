//! `rebound` serves the product; `rebound openapi` prints the API document.

use rebound_api::config::Config;
use rebound_api::{demo, startup::Application};

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("openapi") => {
            print!("{}", rebound_api::openapi::to_json()?);
            Ok(())
        }
        None | Some("serve") => {
            let config = Config::from_env()?;
            let app = Application::build(config.clone()).await?;
            let base = config.public_url.clone().unwrap_or_else(|| {
                format!(
                    "http://{}",
                    config.bind.replace(":0", &format!(":{}", app.port()))
                )
            });
            println!("\nRebound is running.");
            if config.demo_data {
                println!("  Shopper portal:  {base}/{}", demo::DEMO_SLUG);
            }
            println!("  Dashboard:       {base}/dashboard");
            println!("  API docs:        {base}/api/docs/");
            if config.demo_data {
                println!(
                    "  Demo login:      {} / {}",
                    demo::DEMO_EMAIL,
                    demo::DEMO_PASSWORD
                );
            }
            println!();
            app.run_until_stopped().await?;
            Ok(())
        }
        Some(other) => {
            anyhow::bail!("unknown command `{other}`; use `serve` (default) or `openapi`")
        }
    }
}
