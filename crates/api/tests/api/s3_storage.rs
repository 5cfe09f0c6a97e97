//! Files in an S3-compatible bucket: the real binary, configured as an operator would
//! (`REBOUND_S3_BUCKET` and the standard `AWS_*` variables), against a real S3-API server
//! on loopback: moto's standalone server (PyPI `moto[server]`, which `cargo xtask test`
//! installs into `.tools/s3-venv` and names in `REBOUND_S3_TEST_SERVER`). A shopper's photo
//! and a return label land as objects in the bucket (listed and read through the S3 API) and
//! are served back byte for byte; a refused upload adds nothing to the bucket; the local
//! data folder gets no uploads at all.
//!
//! moto emulates the S3 API (path-style buckets, listings, regions); it is not AWS: it does
//! not check request signatures by default, and what only AWS does (IAM policies, its limits
//! and errors) is not tested here.

use crate::helpers::portal::{PLAIN, add_return_address, portal_order};
use crate::helpers::process::{Server, free_port};
use crate::helpers::{field_codes, test_client};
use crate::labels::order_with_return;
use crate::photos::upload;
use crate::smtp::SmtpServer;
use bytes::Bytes;
use futures_util::TryStreamExt;
use object_store::ObjectStore;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use rebound_api::db::entities::{photo, return_label};
use reqwest::{Client, StatusCode};
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Where `cargo xtask test` says the S3 server is.
const SERVER_ENV: &str = "REBOUND_S3_TEST_SERVER";
const BUCKET: &str = "rebound-files";
/// moto accepts any key pair; the server signs every request with it (SigV4) as on AWS.
const KEY_ID: &str = "rebound-test";
const SECRET: &str = "rebound-test-secret";
const REGION: &str = "eu-west-3";

/// moto's S3 server as a child process, killed when dropped.
struct S3Server {
    child: Child,
    port: u16,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3Server {
    async fn start(dir: &Path) -> S3Server {
        let binary: PathBuf = std::env::var_os(SERVER_ENV).map(PathBuf::from).unwrap_or_else(|| {
            panic!(
                "{SERVER_ENV} is not set: this test needs an S3-compatible server. `cargo xtask \
                 test` installs one (PyPI moto[server], into .tools/s3-venv) and sets it; to run \
                 this test alone after that: {SERVER_ENV}=$PWD/.tools/s3-venv/bin/moto_server \
                 cargo test --workspace --exclude rebound-web --test api s3_storage"
            )
        });
        let port = free_port();
        let log = std::fs::File::create(dir.join("s3-server.log")).expect("s3 log");
        let child = Command::new(&binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {} ({SERVER_ENV}): {e}", binary.display()));
        let server = S3Server { child, port };
        let client = Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while client.get(server.endpoint()).send().await.is_err() {
            assert!(
                Instant::now() < deadline,
                "the S3 server did not come up; see {}",
                dir.join("s3-server.log").display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The bucket, through the S3 API with the server's own credentials.
    fn bucket(&self) -> AmazonS3 {
        AmazonS3Builder::new()
            .with_endpoint(self.endpoint())
            .with_allow_http(true)
            .with_region(REGION)
            .with_bucket_name(BUCKET)
            .with_access_key_id(KEY_ID)
            .with_secret_access_key(SECRET)
            .build()
            .expect("bucket client")
    }

    async fn create_bucket(&self) {
        // CreateBucket outside us-east-1 names its region, as on AWS.
        let made = Client::new()
            .put(format!("{}/{BUCKET}", self.endpoint()))
            .body(format!(
                "<CreateBucketConfiguration><LocationConstraint>{REGION}</LocationConstraint>\
                 </CreateBucketConfiguration>"
            ))
            .send()
            .await
            .expect("create bucket");
        assert!(
            made.status().is_success(),
            "create bucket: {}",
            made.status()
        );
    }
}

/// Every object in the bucket with its bytes.
async fn objects(bucket: &AmazonS3) -> BTreeMap<String, Bytes> {
    let listed: Vec<_> = bucket
        .list(None)
        .try_collect()
        .await
        .expect("bucket listed");
    let mut found = BTreeMap::new();
    for meta in listed {
        let bytes = bucket
            .get(&meta.location)
            .await
            .expect("object read")
            .bytes()
            .await
            .expect("object bytes");
        found.insert(meta.location.to_string(), bytes);
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_and_labels_live_in_the_bucket_and_come_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s3 = S3Server::start(dir.path()).await;
    s3.create_bucket().await;
    let bucket = s3.bucket();
    assert!(objects(&bucket).await.is_empty());

    let database_url = match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(server) => crate::helpers::fresh_postgres_database(&server).await,
        None => rebound_api::config::sqlite_url(dir.path()),
    };
    let smtp = SmtpServer::start().await;
    let port = free_port();
    let endpoint = s3.endpoint();
    // What an operator sets for an S3-compatible service on plain HTTP: the endpoint (path-
    // style addressing is object_store's default), its region and keys, and leave to use
    // HTTP (HTTPS only otherwise).
    let _server = Server::start(
        dir.path(),
        &database_url,
        port,
        &smtp.url(),
        &[
            ("REBOUND_S3_BUCKET", BUCKET),
            ("AWS_ENDPOINT", &endpoint),
            ("AWS_ALLOW_HTTP", "true"),
            ("AWS_REGION", REGION),
            ("AWS_ACCESS_KEY_ID", KEY_ID),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
        ],
    )
    .await;
    let db = Database::connect(&database_url).await.expect("connect");
    let app = crate::helpers::process::app_at(port, &db, &database_url, test_client());
    let shop = app.register("bucket-shop").await;
    let o = portal_order(&app, &shop, &PLAIN).await;

    // A shopper's photo: stored (re-encoded) as one object under the key its row names, and
    // served back exactly as stored.
    let made = upload(&app, &o, crate::photos::png(40, 30)).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let shown: Value = made.json().await.expect("photo json");
    let id: uuid::Uuid = shown["id"]
        .as_str()
        .expect("photo id")
        .parse()
        .expect("uuid");
    let row = photo::Entity::find_by_id(id)
        .one(&db)
        .await
        .expect("photo read")
        .expect("photo row");
    let stored = objects(&bucket).await;
    let object = stored
        .get(&row.storage_key)
        .unwrap_or_else(|| panic!("{} not in the bucket: {stored:?}", row.storage_key));
    assert_eq!(object.len(), usize::try_from(row.byte_size).expect("size"));
    let served = app.get(shown["url"].as_str().expect("url"), None).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(&served.bytes().await.expect("body"), object);

    // A refused upload adds nothing to the bucket.
    let before: Vec<String> = objects(&bucket).await.into_keys().collect();
    let refused = upload(
        &app,
        &o,
        b"<!doctype html><script>alert(1)</script>".to_vec(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let problem: Value = refused.json().await.expect("problem");
    assert_eq!(
        field_codes(&problem),
        vec![("file".to_owned(), "image_type".to_owned())]
    );
    let after: Vec<String> = objects(&bucket).await.into_keys().collect();
    assert_eq!(after, before, "a refused upload reached the bucket");

    // A return label: its PDF and QR code are objects, served back byte for byte.
    add_return_address(&app, &shop).await;
    let return_id = order_with_return(&app, &shop, "2001").await;
    let issued = app
        .post(
            &format!("/api/v1/returns/{return_id}/label"),
            Some(&shop.token),
            &json!({"service": "regular"}),
        )
        .await;
    assert_eq!(issued.status(), StatusCode::CREATED);
    let label = return_label::Entity::find()
        .filter(return_label::Column::ReturnId.eq(return_id))
        .one(&db)
        .await
        .expect("label read")
        .expect("label row");
    let stored = objects(&bucket).await;
    for (key, path, content_type) in [
        (&label.pdf_key, "label.pdf", "application/pdf"),
        (&label.qr_key, "label-qr.png", "image/png"),
    ] {
        let object = stored
            .get(key)
            .unwrap_or_else(|| panic!("{key} not in the bucket: {:?}", stored.keys()));
        let served = app
            .get(
                &format!("/api/v1/returns/{return_id}/{path}"),
                Some(&shop.token),
            )
            .await;
        assert_eq!(served.status(), StatusCode::OK, "{path}");
        assert_eq!(served.headers()["content-type"], content_type);
        assert_eq!(&served.bytes().await.expect("body"), object, "{path}");
    }
    assert!(stored[&label.pdf_key].starts_with(b"%PDF-"));
    // Nothing went to the local folder instead.
    assert!(
        !dir.path().join("uploads").exists(),
        "files were written to the local data folder"
    );
}
