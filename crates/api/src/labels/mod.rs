//! Return labels: a 4×6 inch PDF (sender, recipient, return number, tracking number, a Code 128
//! barcode and a QR code, both drawn as vectors so they print sharp at any resolution), the QR
//! code alone as a PNG for box-free drop-off, and the signed links that download them.
//!
//! Text uses the PDF's built-in Helvetica, so no font is embedded or downloaded. Its encoding
//! (WinAnsi) covers the accents of French and the other Western European languages; a
//! character outside it prints as `?`.

pub mod links;

pub use links::LinkSigner;

use anyhow::Context;
use barcoders::sym::code128::Code128;
use printpdf::{
    BuiltinFont, Color, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, WindingOrder,
};
use qrcode::QrCode;

/// 4 × 6 inches, in points.
pub const PAGE_WIDTH: f32 = 288.0;
pub const PAGE_HEIGHT: f32 = 432.0;
const MARGIN: f32 = 14.0;

/// A name and the lines of its address, as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedParty {
    pub name: String,
    /// Street lines, then "City Region Postal code", then the country.
    pub lines: Vec<String>,
}

/// Everything printed on a label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelContent {
    pub shop_name: String,
    pub carrier_name: String,
    pub service_name: String,
    /// The shopper.
    pub from: PrintedParty,
    /// The merchant's return address.
    pub to: PrintedParty,
    pub return_number: String,
    pub tracking_number: String,
    pub weight_grams: u32,
}

/// What the QR code says: enough for a drop-off counter to find the parcel's label.
pub fn qr_payload(return_number: &str, tracking_number: &str) -> String {
    format!("REBOUND:{return_number}:{tracking_number}")
}

/// The label as a one-page PDF of 288 × 432 pt.
pub fn render_label(label: &LabelContent) -> anyhow::Result<Vec<u8>> {
    let mut ops = Vec::new();
    let black = Color::Greyscale(Greyscale::new(0.0, None));
    ops.push(Op::SetFillColor { col: black.clone() });
    ops.push(Op::SetOutlineColor { col: black });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.8) });

    let right = PAGE_WIDTH - MARGIN;
    let full = right - MARGIN;
    text(
        &mut ops,
        Bold,
        12.0,
        MARGIN,
        412.0,
        full,
        &format!("{} - {}", label.carrier_name, label.service_name),
    );
    text(
        &mut ops,
        Regular,
        8.0,
        MARGIN,
        399.0,
        full,
        &format!("Return to {}", label.shop_name),
    );
    rule(&mut ops, 392.0);

    // FROM (the shopper) on the left, the drop-off QR code on the right.
    let qr_size = 92.0;
    let left_width = right - qr_size - MARGIN - 8.0;
    text(&mut ops, Bold, 7.0, MARGIN, 380.0, left_width, "FROM");
    party(&mut ops, &label.from, 9.0, 11.0, 368.0, left_width);
    let payload = qr_payload(&label.return_number, &label.tracking_number);
    qr_vector(&mut ops, &payload, right - qr_size, 290.0, qr_size)?;
    text(
        &mut ops,
        Regular,
        6.0,
        right - qr_size + 8.0,
        283.0,
        qr_size,
        "Scan for box-free drop-off",
    );
    rule(&mut ops, 276.0);

    // TO (the merchant's return address), large.
    text(&mut ops, Bold, 8.0, MARGIN, 263.0, full, "TO");
    text(&mut ops, Bold, 14.0, MARGIN, 246.0, full, &label.shop_name);
    party(&mut ops, &label.to, 12.0, 14.0, 230.0, full);
    rule(&mut ops, 160.0);

    text(
        &mut ops,
        Bold,
        16.0,
        MARGIN,
        140.0,
        // Leaves room for the weight on the right.
        full - 70.0,
        &format!("RETURN {}", label.return_number),
    );
    text(
        &mut ops,
        Regular,
        9.0,
        right - 60.0,
        140.0,
        60.0,
        &format!("{:.1} kg", f64::from(label.weight_grams) / 1000.0),
    );
    code128_vector(&mut ops, &label.tracking_number, MARGIN, 58.0, full, 70.0)?;
    text(
        &mut ops,
        Regular,
        11.0,
        MARGIN + 40.0,
        42.0,
        full,
        &format!("Tracking {}", label.tracking_number),
    );
    text(
        &mut ops,
        Regular,
        7.0,
        MARGIN,
        20.0,
        full,
        "Drop off at any post office or parcel counter. Keep your receipt.",
    );

    let page = PdfPage {
        media_box: Rect::from_wh(Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)),
        trim_box: Rect::from_wh(Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)),
        crop_box: Rect::from_wh(Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)),
        ops,
    };
    let mut warnings = Vec::new();
    let bytes = PdfDocument::new(&format!("Return label {}", label.return_number))
        .with_pages(vec![page])
        .save(&PdfSaveOptions::default(), &mut warnings);
    Ok(bytes)
}

/// The QR code alone, black on white with its quiet zone, 8 pixels per module.
pub fn qr_png(payload: &str) -> anyhow::Result<Vec<u8>> {
    const SCALE: u32 = 8;
    let modules = QrModules::new(payload)?;
    let side = (modules.width + 2 * QR_QUIET) * SCALE;
    let image = image::GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / SCALE, y / SCALE);
        let dark = mx >= QR_QUIET && my >= QR_QUIET && modules.dark(mx - QR_QUIET, my - QR_QUIET);
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .context("encoding the QR code as PNG")?;
    Ok(out.into_inner())
}

/// The quiet zone the QR specification asks for, in modules.
const QR_QUIET: u32 = 4;

struct QrModules {
    width: u32,
    dark: Vec<bool>,
}

impl QrModules {
    fn new(payload: &str) -> anyhow::Result<QrModules> {
        let code = QrCode::new(payload.as_bytes()).context("making the QR code")?;
        let width = u32::try_from(code.width()).context("QR code width")?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Ok(QrModules { width, dark })
    }

    fn dark(&self, x: u32, y: u32) -> bool {
        x < self.width && y < self.width && self.dark[(y * self.width + x) as usize]
    }
}

/// The QR code as filled squares in a `size`-point square whose lower-left corner is (x, y);
/// a row's adjacent dark modules are one rectangle.
fn qr_vector(ops: &mut Vec<Op>, payload: &str, x: f32, y: f32, size: f32) -> anyhow::Result<()> {
    let modules = QrModules::new(payload)?;
    let module = size / (modules.width + 2 * QR_QUIET) as f32;
    for row in 0..modules.width {
        let mut col = 0;
        while col < modules.width {
            if !modules.dark(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < modules.width && modules.dark(col, row) {
                col += 1;
            }
            // PDF y grows upwards; QR rows go down from the top.
            filled(
                ops,
                x + (QR_QUIET + start) as f32 * module,
                y + size - (QR_QUIET + row + 1) as f32 * module,
                (col - start) as f32 * module,
                module,
            );
        }
    }
    Ok(())
}

/// The Code 128 symbol of `data` as bars across `width` points (quiet zones of ten modules
/// included). All-digit data of even length uses code set C (two digits per symbol).
fn code128_vector(
    ops: &mut Vec<Op>,
    data: &str,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
) -> anyhow::Result<()> {
    let modules = code128_modules(data)?;
    const QUIET: usize = 10;
    let module = width / (modules.len() + 2 * QUIET) as f32;
    let mut i = 0;
    while i < modules.len() {
        if modules[i] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < modules.len() && modules[i] == 1 {
            i += 1;
        }
        filled(
            ops,
            x + (QUIET + start) as f32 * module,
            y,
            (i - start) as f32 * module,
            height,
        );
    }
    Ok(())
}

/// The modules (1 = bar) of `data` in Code 128, start, check symbol and stop included.
pub fn code128_modules(data: &str) -> anyhow::Result<Vec<u8>> {
    let set_c = !data.is_empty()
        && data.len().is_multiple_of(2)
        && data.chars().all(|c| c.is_ascii_digit());
    let prefixed = if set_c {
        format!("\u{0106}{data}")
    } else {
        format!("\u{0181}{data}")
    };
    let code = Code128::new(prefixed)
        .map_err(|e| anyhow::anyhow!("{data} cannot be a Code 128 barcode: {e}"))?;
    Ok(code.encode())
}

fn filled(ops: &mut Vec<Op>, x: f32, y: f32, width: f32, height: f32) {
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(x),
            y: Pt(y),
            width: Pt(width),
            height: Pt(height),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    });
}

/// A horizontal line across the label.
fn rule(ops: &mut Vec<Op>, y: f32) {
    let point = |x: f32| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    };
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![point(MARGIN), point(PAGE_WIDTH - MARGIN)],
            is_closed: false,
        },
    });
}

#[derive(Clone, Copy)]
enum Weight {
    Regular,
    Bold,
}
use Weight::{Bold, Regular};

/// One line of text whose baseline starts at (x, y), cut to fit `max_width`.
fn text(ops: &mut Vec<Op>, weight: Weight, size: f32, x: f32, y: f32, max_width: f32, s: &str) {
    let font = match weight {
        Regular => BuiltinFont::Helvetica,
        Bold => BuiltinFont::HelveticaBold,
    };
    ops.extend([
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::Builtin(font),
            size: Pt(size),
        },
        Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        },
        Op::ShowText {
            items: vec![TextItem::Text(fit(s, size, max_width))],
        },
        Op::EndTextSection,
    ]);
}

/// Cuts `s` to what fits in `max_width` at `size` points, ending with "…" when cut. Helvetica's
/// characters average about 0.56 em; measuring each glyph would need the font's metrics.
fn fit(s: &str, size: f32, max_width: f32) -> String {
    let s = s.trim();
    let max_chars = (max_width / (size * 0.56)).floor().max(1.0) as usize;
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A name then its address lines, one every `leading` points downwards from `top`.
fn party(ops: &mut Vec<Op>, p: &PrintedParty, size: f32, leading: f32, top: f32, width: f32) {
    let mut y = top;
    for line in std::iter::once(&p.name).chain(p.lines.iter()) {
        if !line.trim().is_empty() {
            text(ops, Regular, size, MARGIN, y, width, line);
            y -= leading;
        }
    }
}

#[cfg(test)]
mod tests;
