//! Upload sniffing: what an upload is comes from its bytes. Random bytes, and random bytes
//! behind a real image signature, are refused as a problem with the file (never a panic, never
//! a server error); a real PNG, JPEG, GIF or WEBP of any small size is recognised with its
//! size; an image carrying a passenger after its end is kept without it.

use crate::images::{ImagePurpose, check_image};
use image::{ImageFormat, Rgb, RgbImage};
use proptest::prelude::*;
use rebound_shared::ErrorKind;
use std::io::Cursor;

fn purpose() -> impl Strategy<Value = ImagePurpose> {
    prop::sample::select(vec![
        ImagePurpose::Logo,
        ImagePurpose::Favicon,
        ImagePurpose::Background,
        ImagePurpose::Photo,
    ])
}

fn format() -> impl Strategy<Value = ImageFormat> {
    prop::sample::select(vec![
        ImageFormat::Png,
        ImageFormat::Jpeg,
        ImageFormat::Gif,
        ImageFormat::WebP,
    ])
}

fn encoded(format: ImageFormat, w: u32, h: u32, colour: [u8; 3]) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        // Not one flat colour, so the encoders do some work.
        Rgb([colour[0] ^ (x as u8), colour[1] ^ (y as u8), colour[2]])
    });
    let mut out = Cursor::new(Vec::new());
    let _ = img.write_to(&mut out, format);
    out.into_inner()
}

/// The signatures the sniffing looks at, each followed by bytes that are not an image.
fn signature() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        b"\x89PNG\r\n\x1a\n".to_vec(),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec(),
        b"\xFF\xD8\xFF".to_vec(),
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00".to_vec(),
        b"GIF89a".to_vec(),
        b"GIF87a\xff\xff\xff\xff".to_vec(),
        b"RIFF\x00\x00\x00\x00WEBPVP8 ".to_vec(),
        b"RIFF\xff\xff\xff\xffWEBPVP8L".to_vec(),
        b"RIFF\x24\x00\x00\x00WEBPVP8X".to_vec(),
    ])
}

/// A refusal is about the file: 413, 415 or 422 naming `file`, never a 500.
fn refused_as_a_file_problem(raw: &[u8], purpose: ImagePurpose) -> Result<(), TestCaseError> {
    if let Err(e) = check_image(raw, purpose) {
        prop_assert!(
            matches!(
                e.kind,
                ErrorKind::Validation
                    | ErrorKind::UnsupportedMediaType
                    | ErrorKind::PayloadTooLarge
            ),
            "{:?}: {}",
            e.kind,
            e.detail
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_are_refused_as_a_file_problem(
        raw in prop::collection::vec(any::<u8>(), 0..512),
        purpose in purpose(),
    ) {
        refused_as_a_file_problem(&raw, purpose)?;
    }

    #[test]
    fn a_signature_followed_by_noise_is_refused_as_a_file_problem(
        head in signature(),
        tail in prop::collection::vec(any::<u8>(), 0..256),
        purpose in purpose(),
    ) {
        let raw = [head, tail].concat();
        refused_as_a_file_problem(&raw, purpose)?;
    }

    #[test]
    fn a_real_image_is_recognised_with_its_size(
        format in format(),
        w in 1_u32..48,
        h in 1_u32..48,
        colour in any::<[u8; 3]>(),
        purpose in purpose(),
    ) {
        let raw = encoded(format, w, h, colour);
        let checked = check_image(&raw, purpose)
            .map_err(|e| TestCaseError::fail(format!("{format:?} {w}×{h}: {}", e.detail)))?;
        prop_assert_eq!((checked.width, checked.height), (w, h));
        let expected = if format == ImageFormat::Jpeg { "image/jpeg" } else { "image/png" };
        prop_assert_eq!(checked.content_type, expected);
    }

    #[test]
    fn a_cut_image_is_refused_as_a_file_problem(
        format in format(),
        keep in 0.0_f64..1.0,
        purpose in purpose(),
    ) {
        let raw = encoded(format, 24, 16, [10, 200, 30]);
        let cut = &raw[..((raw.len() as f64) * keep) as usize];
        refused_as_a_file_problem(cut, purpose)?;
    }

    #[test]
    fn a_passenger_after_the_image_is_not_kept(
        format in prop::sample::select(vec![ImageFormat::Png, ImageFormat::Gif, ImageFormat::WebP]),
        passenger in prop::collection::vec(any::<u8>(), 24..96),
    ) {
        let mut raw = encoded(format, 16, 16, [180, 68, 28]);
        raw.extend_from_slice(&passenger);
        let checked = check_image(&raw, ImagePurpose::Photo)
            .map_err(|e| TestCaseError::fail(format!("{format:?} with a passenger: {}", e.detail)))?;
        prop_assert!(
            !checked.bytes.windows(passenger.len()).any(|w| w == passenger.as_slice()),
            "the passenger survived"
        );
    }
}
