//! Every operation of the served OpenAPI document that names a record in its path, tried by
//! someone the record is not theirs: another merchant's owner, another merchant's API key with
//! every scope, and a shopper signed in to another order. Each answer must be the one a record
//! that does not exist gets (a 404, or a refusal that does not depend on the record), never a
//! 2xx, never a 5xx, never a trace of the record's shopper. The operations are read from the
//! document at run time, so a new endpoint is walked without editing this file; a new kind of
//! id in a path needs one line in `ID_SOURCES` (the test fails until it has one).

use crate::helpers::imports::uploaded;
use crate::helpers::spawn_app_with;
use rebound_api::demo;
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value as DbValue};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// Where merchant A's ids come from, by the path segment before the placeholder: the table
/// and column, read for A's merchant id (`$1`).
const ID_SOURCES: &[(&str, &str)] = &[
    (
        "api-keys",
        "SELECT id AS v FROM api_keys WHERE merchant_id = $1",
    ),
    (
        "canned-replies",
        "SELECT id AS v FROM canned_replies WHERE merchant_id = $1",
    ),
    (
        "imports",
        "SELECT id AS v FROM imports WHERE merchant_id = $1",
    ),
    (
        "issue-reports",
        "SELECT id AS v FROM issue_reports WHERE merchant_id = $1",
    ),
    (
        "labels",
        "SELECT l.id AS v FROM return_labels l JOIN returns r ON r.id = l.return_id WHERE r.merchant_id = $1",
    ),
    ("mail", "SELECT id AS v FROM outbox WHERE merchant_id = $1"),
    (
        "orders",
        "SELECT number AS v FROM orders WHERE merchant_id = $1",
    ),
    (
        "photos",
        "SELECT id AS v FROM photos WHERE merchant_id = $1",
    ),
    (
        "reasons",
        "SELECT id AS v FROM return_reasons WHERE merchant_id = $1",
    ),
    (
        "return-addresses",
        "SELECT id AS v FROM return_addresses WHERE merchant_id = $1",
    ),
    (
        "returns",
        "SELECT id AS v FROM returns WHERE merchant_id = $1",
    ),
    (
        "shipments",
        "SELECT s.tracking_number AS v FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.merchant_id = $1 AND s.tracking_number IS NOT NULL",
    ),
    (
        "invitations",
        "SELECT id AS v FROM staff_invitations WHERE merchant_id = $1",
    ),
    ("staff", "SELECT id AS v FROM staff WHERE merchant_id = $1"),
    (
        "threads",
        "SELECT id AS v FROM message_threads WHERE merchant_id = $1",
    ),
    (
        "endpoints",
        "SELECT id AS v FROM webhook_endpoints WHERE merchant_id = $1",
    ),
    (
        "deliveries",
        "SELECT id AS v FROM webhook_deliveries WHERE merchant_id = $1",
    ),
];

/// Placeholders that are not a record's id: the shop's own address (filled with A's), or a
/// secret that is itself the credential (an invitation's or a survey's token, an inbound
/// webhook's key) or a name of the caller's own settings. An operation with only these is not
/// walked.
const NOT_IDS: &[&str] = &["slug", "asset", "event", "locale", "token", "merchant_key"];

/// Operations that create the caller's own record when the id is not theirs: an order pushed
/// by number is the shop's own order of that number (orders.rs and tenancy.rs check that it
/// never touches another shop's).
const UPSERTS: &[&str] = &["PUT /api/v1/orders/{number}"];

struct Walker {
    app: crate::helpers::TestApp,
    doc: Value,
    /// What a record of A must never show to anyone else: its shoppers' emails.
    secrets: Vec<String>,
    slug: String,
}

struct Answer {
    status: StatusCode,
    problem_type: Option<String>,
    body: String,
}

#[tokio::test]
async fn no_one_reaches_another_tenants_record_through_any_operation() {
    let app = spawn_app_with(|c| c.demo_data = true).await;
    let (a, a_merchant) = sign_in(&app, demo::DEMO_EMAIL, demo::DEMO_PASSWORD).await;
    let (shopper, own_order) = shopper_of_an_order_without_returns(&app).await;
    give_a_one_of_everything(&app, &a, &shopper).await;
    let a_ids = ids_of(&app.db, &a_merchant).await;

    let b = app.register("matrix-b").await;
    let b_key = api_key(&app, &b.token).await;
    let others_return = return_of_another_order(&app.db, &a_merchant, &own_order).await;

    let doc: Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    let secrets = shopper_emails(&app.db, &a_merchant).await;
    let walker = Walker {
        app,
        doc,
        secrets,
        slug: demo::DEMO_SLUG.to_owned(),
    };

    let mut walked = 0;
    let mut not_found = BTreeMap::<&str, usize>::new();
    for (path, method, op) in walker.operations() {
        if UPSERTS.contains(&format!("{method} {path}").as_str()) {
            continue;
        }
        let names = placeholders(&path);
        if !names
            .iter()
            .any(|(_, name)| !NOT_IDS.contains(&name.as_str()))
        {
            continue;
        }
        let portal = path.starts_with("/api/v1/portal/");
        // The shopper's own shop: only another order's records are foreign to them.
        let ids: BTreeMap<&str, String> = if portal {
            BTreeMap::from([("returns", others_return.clone())])
        } else {
            a_ids.clone()
        };
        let (real, fake) = fill(&path, &names, &ids, &walker.slug);
        let query = walker.query_for(&op);
        let (real, fake) = (format!("{real}{query}"), format!("{fake}{query}"));
        let body = walker.body_for(&op);
        let actors: Vec<(&str, &str)> = if portal {
            vec![("shopper of another order", shopper.as_str())]
        } else {
            vec![
                ("another merchant's owner", b.token.as_str()),
                ("another merchant's API key", b_key.as_str()),
                ("a shopper", shopper.as_str()),
            ]
        };
        for (who, token) in actors {
            let theirs = walker.call(&method, &real, token, &body).await;
            let nobodys = walker.call(&method, &fake, token, &body).await;
            let what = format!("{method} {real} as {who}");
            assert!(
                !theirs.status.is_success() && !theirs.status.is_redirection(),
                "{what} answered {}: {}",
                theirs.status,
                theirs.body
            );
            assert!(!theirs.status.is_server_error(), "{what}: {}", theirs.body);
            assert_eq!(
                (theirs.status, &theirs.problem_type),
                (nobodys.status, &nobodys.problem_type),
                "{what} is told apart from a record that does not exist: {} vs {}",
                theirs.body,
                nobodys.body
            );
            for secret in &walker.secrets {
                assert!(
                    !theirs.body.contains(secret.as_str()),
                    "{what} shows {secret}"
                );
            }
            if theirs.status == StatusCode::NOT_FOUND {
                *not_found.entry(who).or_default() += 1;
            }
            walked += 1;
        }
    }
    // The walk is only worth its name if it reached the lookup: another merchant's owner,
    // who may do everything in their own shop, must get "not found" nearly everywhere (the
    // rest are bodies refused before any lookup, identically for a record that does not
    // exist).
    println!("walked {walked} calls; 404 by caller: {not_found:?}");
    assert!(walked > 150, "only {walked} calls");
    assert!(not_found["another merchant's owner"] >= 45, "{not_found:?}");
    assert!(
        not_found["another merchant's API key"] >= 30,
        "{not_found:?}"
    );
    assert!(not_found["shopper of another order"] >= 1, "{not_found:?}");
}

impl Walker {
    fn operations(&self) -> Vec<(String, Method, Value)> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for (verb, op) in item.as_object().unwrap() {
                let method = match verb.as_str() {
                    "get" => Method::GET,
                    "post" => Method::POST,
                    "put" => Method::PUT,
                    "patch" => Method::PATCH,
                    "delete" => Method::DELETE,
                    _ => continue,
                };
                out.push((path.clone(), method, op.clone()));
            }
        }
        out
    }

    /// The required query parameters (a signed link's `expires` and `signature`), each with a
    /// value its schema accepts: the call then reaches the check of the record itself.
    fn query_for(&self, op: &Value) -> String {
        let pairs: Vec<String> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                let name = p["name"].as_str().unwrap_or_default();
                let value = match example(&self.doc, &p["schema"], 0) {
                    Value::String(s) => s,
                    // A link that expires in an hour: only its signature is wrong.
                    Value::Number(_) if name == "expires" => {
                        (chrono::Utc::now().timestamp() + 3600).to_string()
                    }
                    other => other.to_string(),
                };
                format!("{name}={value}")
            })
            .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// A body the schema accepts, so that the call gets past the body's checks to the lookup
    /// wherever the schema can say what is valid.
    fn body_for(&self, op: &Value) -> Option<(String, Vec<u8>)> {
        let content = op["requestBody"]["content"].as_object()?;
        if let Some(json) = content.get("application/json") {
            let body = example(&self.doc, &json["schema"], 0);
            return Some(("application/json".into(), body.to_string().into_bytes()));
        }
        // Uploads: an empty form, refused the same way for every record.
        let (kind, _) = content.iter().next()?;
        Some((kind.clone(), Vec::new()))
    }

    async fn call(
        &self,
        method: &Method,
        path: &str,
        token: &str,
        body: &Option<(String, Vec<u8>)>,
    ) -> Answer {
        let mut request = self
            .app
            .client
            .request(method.clone(), self.app.url(path))
            .bearer_auth(token)
            .header("Idempotency-Key", uuid::Uuid::new_v4().to_string());
        if let Some((kind, bytes)) = body {
            request = request
                .header("content-type", kind.as_str())
                .body(bytes.clone());
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        let problem_type = serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|p| p["type"].as_str().map(str::to_owned));
        Answer {
            status,
            problem_type,
            body,
        }
    }
}

/// `(segment before, name)` of each `{placeholder}` in a path.
fn placeholders(path: &str) -> Vec<(String, String)> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        // A placeholder may share its segment with a suffix: `{label_id}.pdf`.
        if let Some(rest) = segment.strip_prefix('{') {
            let name = rest.split('}').next().unwrap_or_default();
            let before = if i > 0 { segments[i - 1] } else { "" };
            out.push((before.to_owned(), name.to_owned()));
        }
    }
    out
}

/// The path with A's ids, and the same path with ids of the same shape that no one has.
fn fill(
    path: &str,
    names: &[(String, String)],
    ids: &BTreeMap<&str, String>,
    slug: &str,
) -> (String, String) {
    let (mut real, mut fake) = (path.to_owned(), path.to_owned());
    for (before, name) in names {
        let placeholder = format!("{{{name}}}");
        if name == "slug" {
            real = real.replace(&placeholder, slug);
            fake = fake.replace(&placeholder, slug);
            continue;
        }
        if NOT_IDS.contains(&name.as_str()) {
            panic!("{path}: `{name}` beside an id: say in NOT_IDS how to fill it");
        }
        let id = ids.get(before.as_str()).unwrap_or_else(|| {
            panic!(
                "{path}: no record of merchant A for `{before}/{{{name}}}`: add its table to \
                 ID_SOURCES (and create one in give_a_one_of_everything if the demo has none)"
            )
        });
        let nobody = if uuid::Uuid::parse_str(id).is_ok() {
            uuid::Uuid::new_v4().to_string()
        } else {
            format!("NO-SUCH-{}", uuid::Uuid::new_v4().simple())
        };
        real = real.replace(&placeholder, id);
        fake = fake.replace(&placeholder, &nobody);
    }
    (real, fake)
}

/// A value the schema accepts: its example or default, else the smallest value of its type.
fn example(doc: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(doc, schema);
    if depth > 8 {
        return Value::Null;
    }
    for key in ["example", "default", "const"] {
        if let Some(v) = schema.get(key) {
            return v.clone();
        }
    }
    if let Some(first) = schema["enum"].get(0) {
        return first.clone();
    }
    if let Some(all) = schema["allOf"].as_array() {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(fields) = example(doc, part, depth + 1) {
                merged.extend(fields);
            }
        }
        return Value::Object(merged);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            let option = options
                .iter()
                .find(|o| resolve(doc, o)["type"] != "null")
                .unwrap_or(&options[0]);
            return example(doc, option, depth + 1);
        }
    }
    let kind = match &schema["type"] {
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null")
            .unwrap_or("null")
            .to_owned(),
        Value::String(kind) => kind.clone(),
        _ if schema.get("properties").is_some() => "object".into(),
        _ => "null".into(),
    };
    match kind.as_str() {
        "object" => {
            let mut fields = Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or_default();
                let value = match (name, hint(name)) {
                    (_, Some(v))
                        if resolve(doc, &schema["properties"][name])
                            .get("enum")
                            .is_none() =>
                    {
                        v
                    }
                    _ => example(doc, &schema["properties"][name], depth + 1),
                };
                fields.insert(name.to_owned(), value);
            }
            Value::Object(fields)
        }
        "array" => {
            let n = schema["minItems"].as_u64().unwrap_or(0).max(1);
            Value::Array(
                (0..n)
                    .map(|_| example(doc, &schema["items"], depth + 1))
                    .collect(),
            )
        }
        "string" => json!(match schema["format"].as_str() {
            Some("uuid") => uuid::Uuid::new_v4().to_string(),
            Some("email") => "someone@example.com".to_owned(),
            Some("date-time") => "2026-12-01T10:00:00Z".to_owned(),
            Some("date") => "2026-12-01".to_owned(),
            Some("uri") => "https://hooks.example.com/rebound".to_owned(),
            _ => "x".repeat(schema["minLength"].as_u64().unwrap_or(1).max(1) as usize),
        }),
        "integer" => json!(schema["minimum"].as_i64().unwrap_or(1).max(1)),
        "number" => json!(schema["minimum"].as_f64().unwrap_or(1.0).max(1.0)),
        "boolean" => json!(false),
        _ => Value::Null,
    }
}

/// Values a field's name asks for where its schema only says "a string" (a pattern such as a
/// country code's cannot be read back into a value).
fn hint(name: &str) -> Option<Value> {
    Some(json!(match name {
        "country" => "CA",
        "currency" => "CAD",
        "postal_code" => "H2X 3A1",
        "email" => "someone@example.com",
        "url" => "https://hooks.example.com/rebound",
        "locale" => "en",
        _ => return None,
    }))
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(pointer) => resolve(
            doc,
            doc.pointer(pointer.trim_start_matches('#'))
                .unwrap_or(&Value::Null),
        ),
        None => schema,
    }
}

/// The session's token and its merchant's id.
async fn sign_in(app: &crate::helpers::TestApp, email: &str, password: &str) -> (String, String) {
    let session: Value = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": email, "password": password}),
        )
        .await
        .json()
        .await
        .unwrap();
    (
        session["access_token"].as_str().unwrap().to_owned(),
        session["merchant"]["id"].as_str().unwrap().to_owned(),
    )
}

async fn api_key(app: &crate::helpers::TestApp, token: &str) -> String {
    let key: Value = app
        .post(
            "/api/v1/api-keys",
            Some(token),
            &json!({"name": "everything", "scopes": rebound_shared::api::api_keys::ApiScope::ALL}),
        )
        .await
        .json()
        .await
        .unwrap();
    key["secret"].as_str().unwrap().to_owned()
}

/// The demo shop has orders, returns, labels, threads and mail; what it lacks is made here.
async fn give_a_one_of_everything(app: &crate::helpers::TestApp, a: &str, shopper: &str) {
    api_key(app, a).await;
    let created = |r: reqwest::Response| async move {
        let status = r.status();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "{status}: {body}");
        body
    };
    created(
        app.post(
            "/api/v1/canned-replies",
            Some(a),
            &json!({"title": "Thanks", "body": "Thank you for your message."}),
        )
        .await,
    )
    .await;
    created(
        app.post(
            "/api/v1/staff/invitations",
            Some(a),
            &json!({"email": "new@maple.example", "role": "agent"}),
        )
        .await,
    )
    .await;
    let endpoint = created(
        app.post(
            "/api/v1/webhooks/endpoints",
            Some(a),
            &json!({"url": "https://hooks.example.com/rebound", "events": ["return.created"]}),
        )
        .await,
    )
    .await;
    created(
        app.post(
            &format!("/api/v1/portal/{}/order/issues", demo::DEMO_SLUG),
            Some(shopper),
            &json!({"issue_type": "missing_item", "message": "The scarf is not in the box."}),
        )
        .await,
    )
    .await;
    // A label: bought for the first demo return that is approved.
    let approved = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT id FROM returns WHERE status = 'approved' ORDER BY id LIMIT 1",
        ))
        .await
        .unwrap()
        .expect("an approved demo return");
    let approved: uuid::Uuid = approved.try_get("", "id").unwrap();
    created(
        app.post(
            &format!("/api/v1/returns/{approved}/label"),
            Some(a),
            &json!({"service": "expedited"}),
        )
        .await,
    )
    .await;
    let photo = app
        .client
        .post(app.url(&format!("/api/v1/portal/{}/order/photos", demo::DEMO_SLUG)))
        .bearer_auth(shopper)
        .header("content-type", "image/png")
        .body(crate::photos::png(8, 8))
        .send()
        .await
        .unwrap();
    created(photo).await;
    let endpoint = endpoint["id"].as_str().unwrap().to_owned();
    app.post(
        &format!("/api/v1/webhooks/endpoints/{endpoint}/test"),
        Some(a),
        &json!({}),
    )
    .await;
    let who = crate::helpers::Account {
        token: a.to_owned(),
        merchant_id: String::new(),
        staff_id: String::new(),
        slug: demo::DEMO_SLUG.to_owned(),
    };
    uploaded(
        app,
        &who,
        "Name,Email\n#9001,someone@example.com\n"
            .as_bytes()
            .to_vec(),
    )
    .await;
}

async fn ids_of(db: &DatabaseConnection, merchant: &str) -> BTreeMap<&'static str, String> {
    let mut ids = BTreeMap::new();
    for (segment, sql) in ID_SOURCES {
        let value = first_text(db, sql, merchant)
            .await
            .unwrap_or_else(|| panic!("merchant A has no `{segment}` record to be tried: {sql}"));
        ids.insert(*segment, value);
    }
    ids
}

/// The first row's `v` as text (uuid or string), with `$1` bound to the merchant's id.
async fn first_text(db: &DatabaseConnection, sql: &str, merchant: &str) -> Option<String> {
    let backend = db.get_database_backend();
    let uuid = uuid::Uuid::parse_str(merchant).unwrap();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => sql.to_owned(),
        _ => sql.replace("$1", "?"),
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!("{sql} ORDER BY 1 LIMIT 1"),
            [DbValue::from(uuid)],
        ))
        .await
        .unwrap()?;
    row.try_get::<uuid::Uuid>("", "v")
        .map(|u| u.to_string())
        .or_else(|_| row.try_get::<String>("", "v"))
        .ok()
}

async fn shopper_emails(db: &DatabaseConnection, merchant: &str) -> Vec<String> {
    let backend = db.get_database_backend();
    let uuid = uuid::Uuid::parse_str(merchant).unwrap();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT DISTINCT email FROM orders WHERE merchant_id = $1"
        }
        _ => "SELECT DISTINCT email FROM orders WHERE merchant_id = ?",
    };
    db.query_all_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [DbValue::from(uuid)],
    ))
    .await
    .unwrap()
    .iter()
    .filter_map(|r| r.try_get::<String>("", "email").ok())
    .collect()
}

/// A shopper signed in to a demo order that has no return: every return is another order's.
async fn shopper_of_an_order_without_returns(app: &crate::helpers::TestApp) -> (String, String) {
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT o.number AS number, o.email AS email, o.id AS id FROM orders o \
             WHERE NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.id) \
             AND o.delivered_at IS NOT NULL ORDER BY o.number LIMIT 1",
        ))
        .await
        .unwrap()
        .unwrap();
    let number: String = row.try_get("", "number").unwrap();
    let email: String = row.try_get("", "email").unwrap();
    let id: uuid::Uuid = row.try_get("", "id").unwrap();
    let session: Value = app
        .post(
            &format!("/api/v1/portal/{}/lookup", demo::DEMO_SLUG),
            None,
            &json!({"order": number, "contact": email}),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = session["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("lookup answered {session}"))
        .to_owned();
    (token, id.to_string())
}

async fn return_of_another_order(db: &DatabaseConnection, merchant: &str, order: &str) -> String {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT id AS v FROM returns WHERE merchant_id = $1 AND order_id <> $2 ORDER BY id LIMIT 1"
        }
        _ => {
            "SELECT id AS v FROM returns WHERE merchant_id = ? AND order_id <> ? ORDER BY id LIMIT 1"
        }
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                DbValue::from(uuid::Uuid::parse_str(merchant).unwrap()),
                DbValue::from(uuid::Uuid::parse_str(order).unwrap()),
            ],
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<uuid::Uuid>("", "v").unwrap().to_string()
}
