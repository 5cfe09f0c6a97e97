//! `spawn_app()` and the `TestApp` every test talks to.

pub mod imports;
pub mod portal;
pub mod process;

use rebound_api::config::Config;
use rebound_api::startup::Application;
use reqwest::{Client, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use std::path::PathBuf;

pub const PASSWORD: &str = "correct horse battery";
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret";

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub db: DatabaseConnection,
    /// Where its data lives: a second instance given this shares it.
    pub database_url: String,
    /// Kept so the folder lives as long as the app.
    pub _data_dir: tempfile::TempDir,
}

/// A signed-in staff member of a freshly registered merchant.
#[derive(Debug, Clone)]
pub struct Account {
    pub token: String,
    pub merchant_id: String,
    pub staff_id: String,
    pub slug: String,
}

/// How the tests talk to a server: redirects are answers to read, not to follow.
pub fn test_client() -> reqwest::ClientBuilder {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // The server closes a connection idle for 5 s (actix's keep-alive); a client that
        // kept it longer could send on a closing socket and read a failure that is not the
        // server's answer (seen on a saturated machine). Idle connections go first here.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(customise: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::for_tests(data_dir.path().to_path_buf());
    if let Some(url) = postgres_url() {
        config.database_url = fresh_postgres_database(&url).await;
    }
    customise(&mut config);
    let database_url = config.database_url.clone();
    let app = Application::build(config)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: test_client().build().expect("client"),
        db,
        database_url,
        _data_dir: data_dir,
    }
}

fn postgres_url() -> Option<String> {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

/// One database per test, so tests never see each other's rows.
pub async fn fresh_postgres_database(server_url: &str) -> String {
    let name = format!("rebound_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(server_url)
        .await
        .expect("connect to postgres");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (base, _) = server_url
        .rsplit_once('/')
        .expect("database url has a path");
    format!("{base}/{name}")
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut req = self.client.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut req = self.client.put(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    pub async fn register(&self, slug: &str) -> Account {
        let account = self.register_new_shop(slug).await;
        self.follow_returns_tab(&account).await;
        account
    }

    /// A shop exactly as signing up makes it: its return policy is seed 004's two tiers.
    pub async fn register_new_shop(&self, slug: &str) -> Account {
        let email = format!("owner@{slug}.example");
        let response = self
            .post(
                "/api/v1/merchants",
                None,
                &json!({
                    "company_name": format!("Shop {slug}"),
                    "slug": slug,
                    "owner_name": "Owner",
                    "owner_email": email,
                    "password": PASSWORD,
                }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "register {slug}");
        account_from(response.json().await.expect("session json"), slug)
    }

    /// Puts the shop back on the rules its Returns tab implies (one window from delivery, the
    /// non-returnable list), as shops from before return policies are: the tests written for
    /// that window keep testing it, while a new shop starts with seed 004's two tiers
    /// (`policies.rs` tests those).
    pub async fn follow_returns_tab(&self, shop: &Account) {
        use rebound_api::db::entities::merchant_settings;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let id: uuid::Uuid = shop.merchant_id.parse().expect("merchant uuid");
        merchant_settings::Entity::update_many()
            .col_expr(
                merchant_settings::Column::Policies,
                Expr::value(Option::<String>::None),
            )
            .filter(merchant_settings::Column::MerchantId.eq(id))
            .exec(&self.db)
            .await
            .expect("policies cleared");
    }

    /// Invites `email` with `role` as `owner`, accepts, and returns the new member's account.
    pub async fn add_staff(&self, owner: &Account, email: &str, role: &str) -> Account {
        let invitation: Value = self
            .post(
                "/api/v1/staff/invitations",
                Some(&owner.token),
                &json!({"email": email, "role": role}),
            )
            .await
            .json()
            .await
            .expect("invitation json");
        let token = invitation["token"].as_str().expect("token once");
        let response = self
            .post(
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                &json!({"name": "Colleague", "password": PASSWORD}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        account_from(response.json().await.expect("session json"), &owner.slug)
    }
}

fn account_from(session: Value, slug: &str) -> Account {
    Account {
        token: session["access_token"].as_str().expect("token").to_owned(),
        merchant_id: session["merchant"]["id"]
            .as_str()
            .expect("merchant id")
            .to_owned(),
        staff_id: session["staff"]["id"]
            .as_str()
            .expect("staff id")
            .to_owned(),
        slug: slug.to_owned(),
    }
}

/// Asserts an RFC 9457 answer and returns the document.
pub async fn assert_problem(response: Response, status: StatusCode, kind: &str) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem json");
    assert_eq!(body["status"], status.as_u16());
    assert_eq!(body["kind"], kind);
    assert!(
        body["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("https://rebound.dev/problems/"))
    );
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
    body
}

pub fn field_codes(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The `n` a `SELECT COUNT(*) AS n ...` statement answers.
pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get("", "n").expect("n")
}
