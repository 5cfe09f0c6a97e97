//! Image uploads, checked by what they are, not by what they are called: the bytes must decode
//! as JPEG, PNG, GIF or WebP within size and pixel limits. The image is then re-encoded, which
//! drops metadata (EXIF location, comments) and anything smuggled after the pixels.

use crate::error::ApiError;
use image::{ImageFormat, ImageReader, Limits};
use rebound_shared::ErrorKind;
use std::io::Cursor;

/// What the image is for; each use has its own limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImagePurpose {
    Logo,
    Favicon,
    Background,
    /// A shopper's photo of a defective item or a message attachment.
    Photo,
}

impl ImagePurpose {
    pub fn max_bytes(self) -> usize {
        match self {
            ImagePurpose::Favicon => 512 * 1024,
            ImagePurpose::Logo => 2 * 1024 * 1024,
            ImagePurpose::Background => 8 * 1024 * 1024,
            // Straight from a phone camera.
            ImagePurpose::Photo => 10 * 1024 * 1024,
        }
    }

    pub fn max_side(self) -> u32 {
        match self {
            ImagePurpose::Favicon => 512,
            ImagePurpose::Logo => 2048,
            ImagePurpose::Background | ImagePurpose::Photo => 6000,
        }
    }

    /// The slot an `{asset}` path segment names; an unknown name is `None` (a 404).
    pub fn parse(name: &str) -> Option<ImagePurpose> {
        BrandingImage::parse(name).map(ImagePurpose::from)
    }
}

/// The shop's own images, as `{asset}` names them in paths; the document lists them as an enum
/// so that a client never builds a path the server answers with 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum BrandingImage {
    Logo,
    Favicon,
    Background,
}

impl BrandingImage {
    pub fn parse(name: &str) -> Option<BrandingImage> {
        match name {
            "logo" => Some(BrandingImage::Logo),
            "favicon" => Some(BrandingImage::Favicon),
            "background" => Some(BrandingImage::Background),
            _ => None,
        }
    }
}

impl From<BrandingImage> for ImagePurpose {
    fn from(image: BrandingImage) -> ImagePurpose {
        match image {
            BrandingImage::Logo => ImagePurpose::Logo,
            BrandingImage::Favicon => ImagePurpose::Favicon,
            BrandingImage::Background => ImagePurpose::Background,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CheckedImage {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub extension: &'static str,
    pub width: u32,
    pub height: u32,
}

pub fn check_image(raw: &[u8], purpose: ImagePurpose) -> Result<CheckedImage, ApiError> {
    if raw.is_empty() {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "file",
            "required",
            "choose an image to upload",
        ));
    }
    if raw.len() > purpose.max_bytes() {
        return Err(ApiError::field(
            ErrorKind::PayloadTooLarge,
            "file",
            "too_large",
            &format!("the image is larger than {} KB", purpose.max_bytes() / 1024),
        ));
    }
    let unsupported = || {
        ApiError::field(
            ErrorKind::UnsupportedMediaType,
            "file",
            "image_type",
            "upload a JPG, JPEG, PNG, GIF or WEBP image",
        )
    };
    let format = image::guess_format(raw).map_err(|_| unsupported())?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(unsupported());
    }
    let too_big = |w: u32, h: u32| {
        ApiError::field(
            ErrorKind::Validation,
            "file",
            "dimensions",
            &format!(
                "the image is {w}×{h} pixels; use at most {max}×{max}",
                max = purpose.max_side()
            ),
        )
    };
    // Read the header first: a tiny file can claim huge dimensions (a decompression bomb).
    let (w, h) = ImageReader::with_format(Cursor::new(raw), format)
        .into_dimensions()
        .map_err(|_| unsupported())?;
    if w > purpose.max_side() || h > purpose.max_side() {
        return Err(too_big(w, h));
    }
    let mut reader = ImageReader::with_format(Cursor::new(raw), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(purpose.max_side());
    limits.max_image_height = Some(purpose.max_side());
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| unsupported())?;
    // JPEG stays JPEG (photos); everything else becomes PNG, lossless and metadata-free.
    // An animated GIF keeps its first frame: portals show still logos.
    let mut out = Cursor::new(Vec::new());
    let (content_type, extension) = if format == ImageFormat::Jpeg {
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88);
        decoded
            .to_rgb8()
            .write_with_encoder(encoder)
            .map_err(ApiError::internal)?;
        ("image/jpeg", "jpg")
    } else {
        decoded
            .write_to(&mut out, ImageFormat::Png)
            .map_err(ApiError::internal)?;
        ("image/png", "png")
    };
    Ok(CheckedImage {
        bytes: out.into_inner(),
        content_type,
        extension,
        width: decoded.width(),
        height: decoded.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([180, 68, 28, 255]));
        let mut out = Cursor::new(Vec::new());
        let _ = img.write_to(&mut out, ImageFormat::Png);
        out.into_inner()
    }

    #[test]
    fn accepts_a_png_and_reencodes_it() {
        let checked = check_image(&png(64, 32), ImagePurpose::Logo).ok();
        assert_eq!(
            checked
                .as_ref()
                .map(|c| (c.width, c.height, c.content_type)),
            Some((64, 32, "image/png"))
        );
    }

    #[test]
    fn refuses_scripts_and_text_whatever_their_name() {
        // The last one starts like a 1×1 GIF, then is not one.
        for raw in [
            &b"<script>alert(1)</script>"[..],
            b"%PDF-1.7",
            b"GIF89a\x01\x00\x01\x00<?php system($_GET[0]); ?>",
        ] {
            let err = check_image(raw, ImagePurpose::Logo).err().map(|e| e.kind);
            assert_eq!(err, Some(ErrorKind::UnsupportedMediaType));
        }
    }

    #[test]
    fn refuses_oversized_files_and_dimensions() {
        let err = check_image(&png(600, 600), ImagePurpose::Favicon)
            .err()
            .map(|e| e.kind);
        assert_eq!(err, Some(ErrorKind::Validation));
        let huge = vec![0u8; ImagePurpose::Favicon.max_bytes() + 1];
        let err = check_image(&huge, ImagePurpose::Favicon)
            .err()
            .map(|e| e.kind);
        assert_eq!(err, Some(ErrorKind::PayloadTooLarge));
    }
}
