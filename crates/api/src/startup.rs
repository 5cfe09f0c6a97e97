//! Builds the application: database, keys, demo data, routes, and the bound HTTP server.

use crate::auth::TokenKeys;
use crate::config::Config;
use crate::error::ApiError;
use crate::notify::worker::WorkerConfig;
use crate::notify::{Links, Mailer};
use crate::routes::allowed_methods::AllowedMethods;
use crate::routes::{self, web_app};
use crate::services::orders::photos::PhotoUrls;
use crate::services::orders::shopper::LookupLimiter;
use crate::state::AppState;
use crate::storage::Storage;
use crate::telemetry::RequestSpan;
use crate::{db, demo, extract, notify, telemetry};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    mail: (Mailer, WorkerConfig, notify::jobs::JobDeps),
    webhooks: notify::webhook_sender::SenderConfig,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        telemetry::init(config.log_json);
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data folder {}", config.data_dir.display()))?;
        let db = db::connect(
            &config.database_url,
            config.db_pool_size,
            config.statement_counter.clone(),
        )
        .await
        .context("connecting to the database")?;
        crate::services::orders::imports::adopt_orphans(&db)
            .await
            .map_err(|e| anyhow::anyhow!("adopting interrupted imports: {}", e.detail))?;
        let secret = match &config.jwt_secret {
            Some(s) => s.clone(),
            None => load_or_create_secret(&config.data_dir)?,
        };
        if config.demo_data {
            demo::seed(&db)
                .await
                .map_err(|e| anyhow::anyhow!("loading demo data: {e}"))?;
        }
        let storage = match &config.s3_bucket {
            Some(bucket) => Storage::s3(bucket)?,
            None => Storage::local(&config.data_dir.join("uploads"))?,
        };
        let listener =
            TcpListener::bind(&config.bind).with_context(|| format!("binding {}", config.bind))?;
        let port = listener.local_addr()?.port();
        let public_url = config.public_url.clone().unwrap_or_else(|| {
            let host = config.bind.rsplit_once(':').map_or("127.0.0.1", |(h, _)| h);
            let host = if host == "0.0.0.0" { "127.0.0.1" } else { host };
            format!("http://{host}:{port}")
        });
        let mailer = match &config.smtp_url {
            Some(url) => Mailer::smtp(url)?,
            None => Mailer::files(&config.data_dir.join("mail"))?,
        };
        let worker = WorkerConfig {
            poll: Duration::from_millis(config.outbox_poll_ms.max(10)),
            retry_base: Duration::from_millis(config.outbox_retry_ms.max(10)),
            max_backoff: Duration::from_secs(3600),
            lease: Duration::from_millis(config.lease_ms.max(100)),
            from_address: config.mail_from.clone(),
        };
        let jobs = notify::jobs::JobDeps::new(storage.clone(), &public_url, secret.as_bytes());
        let (per_client, per_order) = (config.lookups_per_minute, config.lookups_per_minute / 2);
        let lookups = LookupLimiter::new(per_client, per_order);
        // Several instances run on PostgreSQL: their lookups count against one limit.
        let lookups = match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                lookups.shared_across_instances(per_client, per_order)
            }
            _ => lookups,
        };
        let state = web::Data::new(AppState {
            links: Links::new(&public_url, secret.as_bytes()),
            db,
            tokens: TokenKeys::new(secret.as_bytes()),
            label_links: crate::labels::LinkSigner::new(secret.as_bytes()),
            photo_urls: PhotoUrls::new(secret.as_bytes()),
            storage,
            lookups,
            key_limiter: crate::auth::key_limiter::KeyLimiter::new(
                config.api_key_requests_per_minute,
            ),
            read_cache: crate::read_cache::ReadCache::default(),
            webhooks_allow_private: config.webhooks_allow_private,
            lease: Duration::from_millis(config.lease_ms.max(100)),
            stopping: jobs.stopping.clone(),
            sign_in_backoff: Duration::from_millis(config.sign_in_backoff_ms),
        });
        let dist = config
            .web_dist
            .clone()
            .filter(|d| d.join("index.html").is_file())
            .map(|d| web::Data::new(web_app::WebDist(d)));
        if dist.is_none() {
            tracing::warn!("no built web app (REBOUND_WEB_DIST); serving the API only");
        }
        let server_state = state.clone();
        let server = HttpServer::new(move || {
            let (app, api) = App::new()
                .into_utoipa_app()
                .openapi(crate::openapi::build())
                .map(|app| {
                    // Innermost first: credentials are settled before any handler reads a body or a
                    // URL is refused for control characters in it,
                    // and a wrong method is refused before routing falls through to 404.
                    app.wrap(from_fn(crate::read_cache::forget_after_writes))
                        .wrap(from_fn(crate::url_text::refuse_control_characters))
                        .wrap(from_fn(crate::auth::current_staff::settle_credentials))
                        .wrap(from_fn(routes::allowed_methods::refuse_other_methods))
                        .wrap(from_fn(routes::framing::default_frame_policy))
                        .wrap(
                            DefaultHeaders::new()
                                .add(("X-Content-Type-Options", "nosniff"))
                                .add(("Referrer-Policy", "strict-origin-when-cross-origin")),
                        )
                        .wrap(Compress::default())
                        .wrap(TracingLogger::<RequestSpan>::new())
                        .app_data(server_state.clone())
                        .app_data(extract::json_config())
                        .app_data(extract::path_config())
                        .app_data(extract::query_config())
                })
                .service(routes::health::healthz)
                .service(routes::health::readyz)
                .service(scope::scope(rebound_shared::api::API_V1).configure(routes::configure_v1))
                .split_for_parts();
            let app = app
                .app_data(web::Data::new(AllowedMethods::from_document(&api)))
                .route(
                    "/api/docs",
                    web::get().to(|| async {
                        HttpResponse::PermanentRedirect()
                            .insert_header(("Location", "/api/docs/"))
                            .finish()
                    }),
                )
                // The document as `openapi::build` finishes it (its passes run after the routes
                // are registered, which this app's own registration would undo).
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}")
                        .url("/api/openapi.json", crate::openapi::build()),
                );
            match &dist {
                Some(dist) => app
                    .app_data(dist.clone())
                    .default_service(web::to(web_app::serve)),
                None => app.default_service(web::to(|| async {
                    Err::<HttpResponse, _>(ApiError::not_found("page"))
                })),
            }
        })
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            state,
            mail: (mailer, worker, jobs),
            webhooks: notify::webhook_sender::SenderConfig {
                allow_private: config.webhooks_allow_private,
                poll: Duration::from_millis(config.outbox_poll_ms.max(10)),
                retry_base: Duration::from_millis(config.outbox_retry_ms.max(10)),
                max_backoff: Duration::from_secs(8 * 3600),
                lease: Duration::from_millis(config.lease_ms.max(100)),
            },
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database, for tests that check what was stored.
    pub fn db(&self) -> DatabaseConnection {
        self.state.db.clone()
    }

    /// Serves until stopped, with the mail worker running beside the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let (mailer, config, jobs) = self.mail;
        let links = jobs.links.clone();
        let mut worker = tokio::spawn(notify::worker::run(
            self.state.db.clone(),
            mailer,
            jobs,
            config,
        ));
        let mut webhooks = tokio::spawn(notify::webhook_sender::run(
            self.state.db.clone(),
            links,
            self.webhooks,
            self.state.stopping.clone(),
        ));
        let state = self.state.clone();
        let pruning = tokio::spawn(async move {
            let mut every = tokio::time::interval(LookupLimiter::PRUNE_EVERY);
            loop {
                every.tick().await;
                state.lookups.prune();
                state.lookups.prune_shared(&state.db).await;
                state.key_limiter.prune();
                if let Err(e) = crate::services::accounts::sign_in_slowdown::prune(&state.db).await
                {
                    tracing::warn!(error = %e.detail, "pruning old failed sign-ins failed");
                }
            }
        });
        let state = self.state.clone();
        let watching = tokio::spawn(async move {
            crate::read_cache::watch::clear_on_writes(state.db.clone(), &state.read_cache).await;
        });
        // actix stops accepting on SIGTERM and answers what it accepted; then this returns.
        let result = self.server.await;
        // Then the background work stops at its safe points and gives its leases back, so
        // another instance takes it over at once rather than when the leases run out. A piece
        // stuck longer than this keeps its lease, which runs out as after a crash.
        self.state.stopping.request();
        let within = Duration::from_secs(30);
        let stopped = tokio::time::timeout(within, async {
            let _ = (&mut worker).await;
            let _ = (&mut webhooks).await;
            self.state.stopping.until_idle(within).await
        })
        .await;
        worker.abort();
        webhooks.abort();
        if !matches!(stopped, Ok(true)) {
            tracing::warn!(
                "background work still running at exit; its leases run out by themselves"
            );
        }
        pruning.abort();
        watching.abort();
        result
    }
}

/// The signing secret is generated once and kept beside the database, so tokens survive a
/// restart without anyone having to configure a secret for a local run.
fn load_or_create_secret(data_dir: &Path) -> anyhow::Result<String> {
    let path = data_dir.join("jwt_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_owned();
        if existing.len() >= 32 {
            return Ok(existing);
        }
    }
    let secret = crate::services::random_token().context("reading the system random source")?;
    std::fs::write(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(secret)
}
