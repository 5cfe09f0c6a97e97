//! CSV order import through the HTTP API: good, malformed and hostile files.

use crate::helpers::imports::{finished, import, order, rejections, start, upload, uploaded};
use crate::helpers::{Account, assert_problem, field_codes, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

const HEADER: &str = "Order #,Customer,E-mail,Address,City,Zip,Country,Currency,Date,Lineitem sku,Lineitem name,Qty,Price,Carrier,Tracking number\n";

fn row(number: &str, name: &str, email: &str, postal: &str, sku: &str, price: &str) -> String {
    format!(
        "{number},{name},{email},1 Main St,Toronto,{postal},CA,CAD,2026-11-01 10:00,{sku},Item {sku},2,{price},,\n"
    )
}

#[tokio::test]
async fn a_good_file_imports_and_importing_it_again_duplicates_nothing() {
    let app = spawn_app().await;
    let shop = app.register("importer").await;
    let mut file = String::from(HEADER);
    file.push_str(&row(
        "1001",
        "Jane Doe",
        "jane@example.com",
        "M5V 2T6",
        "A",
        "19.99",
    ));
    file.push_str(&row(
        "1002",
        "Ann Lee",
        "ann@example.com",
        "H2X1Y4",
        "A",
        "5",
    ));
    // Order 1001's second item, further down, order-level cells left blank as Shopify does.
    file.push_str("1001,,,,,,,,,B,Item B,1,2.50,Canada Post,1234 5678 9012\n");
    file.push_str(&row(
        "1003",
        "Bo Chan",
        "bo@example.com",
        "K1A 0B1",
        "C",
        "\"1,299.00\"",
    ));

    let view = uploaded(&app, &shop, file.clone()).await;
    assert_eq!(view["status"], "uploaded");
    assert_eq!(view["file_name"], "orders.csv");
    assert_eq!(view["encoding"], "utf-8");
    assert_eq!(view["total_rows"], 4);
    assert_eq!(view["columns"].as_array().unwrap().len(), 15);
    assert_eq!(view["preview"][0][1], "Jane Doe");
    let suggested = &view["suggested_mapping"];
    assert_eq!(suggested["order_number"], "Order #");
    assert_eq!(suggested["email"], "E-mail");
    assert_eq!(suggested["postal_code"], "Zip");
    assert_eq!(suggested["sku"], "Lineitem sku");
    assert_eq!(suggested["quantity"], "Qty");
    assert_eq!(suggested["unit_price"], "Price");
    assert_eq!(suggested["tracking_number"], "Tracking number");

    let id = view["id"].as_str().unwrap().to_owned();
    let response = start(&app, &shop, &id, suggested).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let running: Value = response.json().await.unwrap();
    assert!(running["status"] == "running" || running["status"] == "completed");
    let done = finished(&app, &shop, &id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(
        (
            &done["orders_created"],
            &done["orders_updated"],
            &done["rows_rejected"]
        ),
        (&json!(3), &json!(0), &json!(0))
    );
    assert_eq!(done["processed_rows"], 4);
    assert!(done["finished_at"].is_string());

    let o = order(&app, &shop, "1001").await;
    assert_eq!(o["email"], "jane@example.com");
    assert_eq!(o["shipping_address"]["postal_code"], "M5V 2T6");
    let items: Vec<(&str, i64)> = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["sku"].as_str().unwrap(),
                i["unit_price_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(items, vec![("A", 1999), ("B", 250)]);
    assert_eq!(o["shipments"][0]["tracking_number"], "123456789012");
    assert_eq!(o["status"], "in_transit");
    assert_eq!(o["placed_at"], "2026-11-01T10:00:00Z");
    assert_eq!(
        order(&app, &shop, "1003").await["items"][0]["unit_price_minor"],
        129_900
    );

    // Starting twice is refused; the same file again updates, creates nothing.
    assert_problem(
        start(&app, &shop, &id, suggested).await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    let again = import(&app, &shop, file).await;
    assert_eq!(
        (
            &again["orders_created"],
            &again["orders_updated"],
            &again["rows_rejected"]
        ),
        (&json!(0), &json!(3), &json!(0))
    );
    let same = order(&app, &shop, "1001").await;
    assert_eq!(same, o, "a re-import changes nothing");
    let page: Value = app
        .get("/api/v1/orders?limit=100", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["orders"].as_array().unwrap().len(), 3);
    let list: Value = app
        .get("/api/v1/imports", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["id"], again["id"], "newest first");
    let in_transit: Value = app
        .get("/api/v1/orders?status=in_transit", Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(in_transit["orders"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_rows_are_rejected_with_line_and_field_and_good_rows_land() {
    let app = spawn_app().await;
    let shop = app.register("badrows").await;
    let mut file = String::from(HEADER);
    file.push_str(&row(
        "1",
        "Jane Doe",
        "jane@example.com",
        "M5V 2T6",
        "A",
        "19.99",
    )); // 2
    file.push_str("2,Wrong,count\n"); // 3
    file.push_str(&row("3", "Bad Mail", "not-an-email", "M5V 2T6", "A", "1")); // 4
    file.push_str(&row("4", "Bad Postal", "p@example.com", "90210", "A", "1")); // 5
    file.push_str(&row(
        "5",
        "Negative",
        "n@example.com",
        "M5V 2T6",
        "A",
        "-3.00",
    )); // 6
    file.push_str(&row("6", "Conflict", "c@example.com", "M5V 2T6", "A", "1")); // 7
    file.push_str(&row(
        "6",
        "Conflict",
        "other@example.com",
        "M5V 2T6",
        "B",
        "1",
    )); // 8
    file.push_str(
        "7,\"Unclosed,q@example.com,1 Main St,Toronto,M5V 2T6,CA,CAD,2026-11-01,A,Item,1,1,,\n",
    ); // 9
    file.push_str(&row(
        "8",
        "Last One",
        "last@example.com",
        "M5V 2T6",
        "A",
        "1",
    )); // 10
    let done = import(&app, &shop, file).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["orders_created"], 2);
    assert_eq!(done["rows_rejected"], 7);
    assert_eq!(done["processed_rows"], 9);
    let id = done["id"].as_str().unwrap();
    let got: Vec<(u64, Value)> = rejections(&app, &shop, id)
        .await
        .into_iter()
        .map(|(l, f, _)| (l, f))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, Value::Null),
            (4, json!("email")),
            (5, json!("postal_code")),
            (6, json!("unit_price")),
            (7, json!("email")),
            (8, json!("email")),
            (9, Value::Null),
        ]
    );
    let reasons = rejections(&app, &shop, id).await;
    assert!(reasons[0].2.contains("cells"), "{}", reasons[0].2);
    assert!(reasons[3].2.contains("negative"), "{}", reasons[3].2);
    assert!(reasons[4].2.contains("disagree"), "{}", reasons[4].2);
    assert!(reasons[6].2.contains("quote"), "{}", reasons[6].2);
    order(&app, &shop, "1").await;
    order(&app, &shop, "8").await;

    // Keyset pages of two walk the whole report once.
    let mut lines = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = app
            .get(
                &format!("/api/v1/imports/{id}/rejections?limit=2&cursor={cursor}"),
                Some(&shop.token),
            )
            .await
            .json()
            .await
            .unwrap();
        lines.extend(
            page["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["line"].as_u64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
        if cursor.is_empty() {
            break;
        }
    }
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn starting_without_required_columns_names_each_of_them() {
    let app = spawn_app().await;
    let shop = app.register("missing").await;
    let view = uploaded(&app, &shop, "Order,Sku,Qty\n1,A,1\n").await;
    let id = view["id"].as_str().unwrap();
    let mut mapping = view["suggested_mapping"].clone();
    mapping["title"] = json!("Product name");
    let problem = assert_problem(
        start(&app, &shop, id, &mapping).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let fields = field_codes(&problem);
    for (field, code) in [
        ("mapping.email", "required"),
        ("mapping.currency", "required"),
        ("mapping.unit_price", "required"),
        ("mapping.title", "unknown_column"),
    ] {
        assert!(
            fields.contains(&(field.to_owned(), code.to_owned())),
            "{field} {code} in {fields:?}"
        );
    }
    assert!(!fields.iter().any(|(f, _)| f == "mapping.sku"));
    // Nothing started: the import still waits for a mapping.
    let again: Value = app
        .get(&format!("/api/v1/imports/{id}"), Some(&shop.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["status"], "uploaded");
}

#[tokio::test]
async fn utf16_and_windows_1252_files_keep_their_accents() {
    let app = spawn_app().await;
    let shop = app.register("accents").await;
    let text = format!(
        "{HEADER}{}",
        row(
            "2001",
            "Élodie Müller",
            "elodie@example.com",
            "H2X 1Y4",
            "A",
            "10"
        )
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let done = import(&app, &shop, utf16).await;
    assert_eq!(done["encoding"], "utf-16le");
    assert_eq!(done["orders_created"], 1, "{done}");
    assert_eq!(
        order(&app, &shop, "2001").await["customer_name"],
        "Élodie Müller"
    );

    let cp1252: Vec<u8> = text
        .replace("2001", "2002")
        .chars()
        .map(|c| match c {
            'É' => 0xC9,
            'ü' => 0xFC,
            other => other as u8,
        })
        .collect();
    let done = import(&app, &shop, cp1252).await;
    assert_eq!(done["encoding"], "windows-1252");
    assert_eq!(
        order(&app, &shop, "2002").await["customer_name"],
        "Élodie Müller"
    );
}

#[tokio::test]
async fn files_that_are_not_csv_are_refused_by_content() {
    let app = spawn_app().await;
    let shop = app.register("refuse").await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    for (body, code) in [
        (png, "not_csv"),
        (Vec::new(), "empty"),
        (
            b"Order,Email,order\n1,a@b.c,2\n".to_vec(),
            "duplicate_column",
        ),
        (b"Order,,Sku\n1,2,3\n".to_vec(), "blank_column"),
        (b"1001,jane@example.com,A\n".to_vec(), "no_header"),
        (b"Order,Sku\n".to_vec(), "no_rows"),
    ] {
        let problem = assert_problem(
            upload(&app, &shop, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            vec![("file".to_owned(), code.to_owned())]
        );
    }
}

#[tokio::test]
async fn formulas_and_huge_cells_are_rejected_and_the_report_is_safe_to_open() {
    let app = spawn_app().await;
    let shop = app.register("hostile").await;
    let mut file = String::from(HEADER);
    file.push_str(&row(
        "1",
        "=HYPERLINK(\"http://evil\";\"x\")",
        "a@example.com",
        "M5V 2T6",
        "A",
        "1",
    )); // 2
    file.push_str(&row(
        "2",
        "Jane",
        "b@example.com",
        "M5V 2T6",
        "@SUM(1)",
        "1",
    )); // 3
    file.push_str(&row(
        "3",
        &"x".repeat(1024 * 1024),
        "c@example.com",
        "M5V 2T6",
        "A",
        "1",
    )); // 4
    file.push_str(&row("4", "Fine", "d@example.com", "M5V 2T6", "A", "1")); // 5
    file.push_str(&row("5", "Minus", "e@example.com", "M5V 2T6", "A", "-2")); // 6
    let done = import(&app, &shop, file).await;
    assert_eq!(done["orders_created"], 1, "{done}");
    let id = done["id"].as_str().unwrap();
    let got = rejections(&app, &shop, id).await;
    let fields: Vec<(u64, Value)> = got.iter().map(|(l, f, _)| (*l, f.clone())).collect();
    assert_eq!(
        fields,
        vec![
            (2, json!("customer_name")),
            (3, json!("sku")),
            (4, json!("customer_name")),
            (6, json!("unit_price")),
        ]
    );
    assert!(got[0].2.contains("formula"));
    assert!(got[1].2.contains("formula"));
    assert!(got[2].2.contains("200"), "{}", got[2].2);

    let response = app
        .get(
            &format!("/api/v1/imports/{id}/rejections.csv"),
            Some(&shop.token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(
        bytes.len() < 20_000,
        "the 1 MB cell is cut short in the report"
    );
    let text = std::str::from_utf8(&bytes)
        .unwrap()
        .trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let first: Vec<&str> = header.iter().take(4).collect();
    assert_eq!(first, ["line", "field", "reason", "Order #"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 4);
    assert_eq!(&records[0][4], "'=HYPERLINK(\"http://evil\";\"x\")");
    assert_eq!(&records[1][12], "'@SUM(1)");
    assert_eq!(&records[3][15], "'-2");
    for cell in records.iter().flat_map(|r| r.iter()) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "unsafe cell {cell}"
        );
    }
}

#[tokio::test]
async fn uploads_over_the_cap_are_refused_with_413() {
    let app = spawn_app().await;
    let shop = app.register("toolarge").await;
    let mut body = HEADER.as_bytes().to_vec();
    body.resize(64 * 1024 * 1024 + 1, b'x');
    assert_problem(
        upload(&app, &shop, body).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
}

#[tokio::test]
async fn another_merchant_sees_nothing_of_an_import() {
    let app = spawn_app().await;
    let shop = app.register("owner-shop").await;
    let other = app.register("other-shop").await;
    let file = format!(
        "{HEADER}{}",
        row("1", "Jane", "j@example.com", "M5V 2T6", "A", "1")
    );
    let view = uploaded(&app, &shop, file).await;
    let id = view["id"].as_str().unwrap();
    for path in [
        format!("/api/v1/imports/{id}"),
        format!("/api/v1/imports/{id}/rejections"),
        format!("/api/v1/imports/{id}/rejections.csv"),
    ] {
        assert_problem(
            app.get(&path, Some(&other.token)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    assert_problem(
        start(&app, &other, id, &view["suggested_mapping"]).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let list: Value = app
        .get("/api/v1/imports", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn an_orders_key_imports_and_a_settings_key_may_not() {
    let app = spawn_app().await;
    let shop = app.register("keyimport").await;
    let mut keys = Vec::new();
    for scope in ["orders:write", "settings:read"] {
        let created: Value = app
            .post(
                "/api/v1/api-keys",
                Some(&shop.token),
                &json!({"name": scope, "scopes": [scope]}),
            )
            .await
            .json()
            .await
            .unwrap();
        keys.push(Account {
            token: created["secret"].as_str().unwrap().to_owned(),
            ..shop.clone()
        });
    }
    let file = format!(
        "{HEADER}{}",
        row("9", "Key", "k@example.com", "M5V 2T6", "A", "1")
    );
    let done = import(&app, &keys[0], file.clone()).await;
    assert_eq!(done["orders_created"], 1);
    assert_problem(
        upload(&app, &keys[1], file.into()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn an_import_left_running_by_a_stopped_server_is_resumed() {
    use rebound_api::db::entities::import;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = spawn_app().await;
    let shop = app.register("crashed").await;
    let file = format!(
        "{HEADER}{}{}",
        row("1", "Jane", "j@example.com", "M5V 2T6", "A", "1"),
        row("2", "Joe", "joe@example.com", "M5V 2T6", "B", "1")
    );
    let view = uploaded(&app, &shop, file).await;
    let id: uuid::Uuid = view["id"].as_str().unwrap().parse().unwrap();
    // What a server from before imports were jobs leaves behind when it stops mid-import:
    // the import running, its mapping chosen, no job to finish it.
    let mut row: import::ActiveModel = import::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.status = Set("running".into());
    row.mapping = Set(Some(view["suggested_mapping"].to_string()));
    row.update(&app.db).await.unwrap();

    // What the next start runs: a job, which the worker picks up and finishes.
    let adopted = rebound_api::services::orders::imports::adopt_orphans(&app.db)
        .await
        .unwrap();
    assert_eq!(adopted, 1);
    let after = finished(&app, &shop, &id.to_string()).await;
    assert_eq!(after["status"], "completed", "{after}");
    assert_eq!(after["orders_created"], 2, "{after}");
    assert_eq!(after["processed_rows"], 2, "{after}");
    // A second start finds nothing left to adopt.
    assert_eq!(
        rebound_api::services::orders::imports::adopt_orphans(&app.db)
            .await
            .unwrap(),
        0
    );
}
