//! Hostile uploads: images that declare billions of pixels in a few bytes (PNG, GIF, WEBP),
//! truncated images, images that are also HTML or a ZIP, empty files and 50 MB bodies. Each
//! is refused with a problem naming the file, or (a polyglot) stored re-encoded without its
//! passenger; nothing else is stored and the process's memory stays bounded.

use crate::helpers::portal::{PLAIN, portal_order};
use crate::helpers::{TestApp, assert_problem, field_codes, spawn_app};
use crate::photos::{png, upload};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

/// RFC 1952's CRC-32, for PNG chunks written by hand.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A valid PNG header declaring `w`×`h` pixels, then a tiny compressed stream: a
/// decompression bomb's shape (a real one would inflate to gigabytes).
fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend(chunk(b"IHDR", &ihdr));
    // zlib of a run of zeros.
    out.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0x00, 0x00],
    ));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// A GIF whose logical screen is 65535×65535.
fn gif_bomb() -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&u16::MAX.to_le_bytes());
    out.extend_from_slice(&u16::MAX.to_le_bytes());
    out.extend_from_slice(&[0x00, 0x00, 0x00]);
    // One image descriptor of the same size, a minimal LZW stream, the trailer.
    out.push(0x2C);
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&u16::MAX.to_le_bytes());
    out.extend_from_slice(&u16::MAX.to_le_bytes());
    out.extend_from_slice(&[0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]);
    out
}

/// An extended WEBP whose canvas is 16384×16384.
fn webp_bomb() -> Vec<u8> {
    let mut vp8x = vec![0u8; 4];
    let side = (16384u32 - 1).to_le_bytes();
    vp8x.extend_from_slice(&side[..3]);
    vp8x.extend_from_slice(&side[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend_from_slice(b"VP8X");
    body.extend_from_slice(&(vp8x.len() as u32).to_le_bytes());
    body.extend_from_slice(&vp8x);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Kilobytes of memory this process holds right now (Linux).
fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

async fn stored(app: &TestApp) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM photos",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn hostile_images_are_refused_and_nothing_is_kept() {
    let app = spawn_app().await;
    let shop = app.register("hostile").await;
    let o = portal_order(&app, &shop, &PLAIN).await;
    let before = resident_kb();

    let refused: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "PNG bomb",
            png_bomb(100_000, 100_000),
            StatusCode::UNPROCESSABLE_ENTITY,
            "dimensions",
        ),
        (
            "GIF bomb",
            gif_bomb(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "dimensions",
        ),
        // The canvas alone, with no frame after it: the decoder refuses it before any
        // allocation, as not an image at all.
        (
            "WEBP bomb",
            webp_bomb(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image_type",
        ),
        (
            "truncated PNG",
            png(64, 64)[..60].to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image_type",
        ),
        (
            "HTML",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image_type",
        ),
        (
            "empty file",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "required",
        ),
    ];
    for (what, bytes, status, code) in refused {
        let answer = upload(&app, &o, bytes).await;
        assert_eq!(answer.status(), status, "{what}");
        let problem: Value = answer.json().await.unwrap();
        assert_eq!(
            field_codes(&problem),
            vec![("file".to_owned(), code.to_owned())],
            "{what}: {problem}"
        );
    }
    // 50 MB: refused from its declared length, never buffered whole.
    let problem = assert_problem(
        upload(&app, &o, vec![0x89; 50 * 1024 * 1024]).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("file".into(), "too_large".into())]
    );
    assert_eq!(stored(&app).await, 0, "a refused upload left a photo");
    // The 50 MB body passed through this process (client and server share it): anything near
    // decoding a 10-gigapixel bomb would show as gigabytes here.
    let grown_mb = resident_kb().saturating_sub(before) / 1024;
    assert!(grown_mb < 256, "memory grew by {grown_mb} MB");

    // Polyglots: a real image carrying an HTML page or a ZIP archive after its end. The
    // image is kept, re-encoded: what is served is only pixels.
    for (what, passenger) in [
        (
            "HTML",
            b"<html><script>alert(document.cookie)</script></html>".to_vec(),
        ),
        (
            "ZIP",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00secret.txt".to_vec(),
        ),
    ] {
        let mut bytes = png(16, 16);
        bytes.extend_from_slice(&passenger);
        let answer = upload(&app, &o, bytes).await;
        assert_eq!(answer.status(), StatusCode::CREATED, "{what}");
        let photo: Value = answer.json().await.unwrap();
        let shown = app.get(photo["url"].as_str().unwrap(), None).await;
        assert_eq!(shown.status(), StatusCode::OK);
        assert_eq!(shown.headers()["content-type"], "image/png");
        assert_eq!(shown.headers()["x-content-type-options"], "nosniff");
        let body = shown.bytes().await.unwrap();
        assert!(
            !body
                .windows(passenger.len().min(8))
                .any(|w| w == &passenger[..w.len()]),
            "{what} survived in the stored image"
        );
        assert!(image::load_from_memory(&body).is_ok());
    }
    assert_eq!(stored(&app).await, 2);
}
