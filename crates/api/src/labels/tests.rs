//! The label read back as a carrier's scanner and a PDF reader would: the page size, the text,
//! the barcode decoded from the drawn bars, and the QR code decoded from pixels.

use super::*;
use lopdf::content::Content;
use lopdf::{Document, Object};

fn sample() -> LabelContent {
    LabelContent {
        shop_name: "Maple & Co".into(),
        carrier_name: "Parcel Post".into(),
        service_name: "Regular Parcel".into(),
        from: PrintedParty {
            name: "Chloé Côté".into(),
            lines: vec![
                "123 rue Oberkampf".into(),
                "Montréal QC H2X 1Y4".into(),
                "CA".into(),
            ],
        },
        to: PrintedParty {
            name: "Returns centre".into(),
            lines: vec![
                "500 Maple Street".into(),
                "Montréal QC H2X 3A1".into(),
                "CA".into(),
            ],
        },
        return_number: "R-2001".into(),
        tracking_number: "7023441000123452".into(),
        weight_grams: 1000,
    }
}

fn pdf() -> (Document, lopdf::ObjectId) {
    let bytes = render_label(&sample()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "one page");
    let page = *pages.values().next().unwrap();
    (doc, page)
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// Every filled rectangle drawn on the page: (x, y, width, height).
fn filled_rects(doc: &Document, page: lopdf::ObjectId) -> Vec<(f32, f32, f32, f32)> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut out = Vec::new();
    let mut pending = None;
    for op in content.operations {
        match op.operator.as_str() {
            "re" => {
                let v: Vec<f32> = op.operands.iter().map(number).collect();
                pending = Some((v[0], v[1], v[2], v[3]));
            }
            "f" | "f*" | "F" => out.extend(pending.take()),
            _ => pending = None,
        }
    }
    out
}

#[test]
fn the_page_is_4_by_6_inches() {
    let (doc, page) = pdf();
    let dict = doc.get_object(page).unwrap().as_dict().unwrap();
    let media_box: Vec<f32> = dict
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(number)
        .collect();
    assert_eq!(media_box, vec![0.0, 0.0, 288.0, 432.0]);
}

#[test]
fn return_and_tracking_numbers_read_back_as_text() {
    let (doc, page) = pdf();
    let page_number = doc
        .get_pages()
        .into_iter()
        .find(|(_, id)| *id == page)
        .map(|(n, _)| n)
        .unwrap();
    let text = doc.extract_text(&[page_number]).unwrap();
    assert!(text.contains("RETURN R-2001"), "{text}");
    assert!(text.contains("Tracking 7023441000123452"), "{text}");
    assert!(text.contains("Regular Parcel"), "{text}");
    assert!(text.contains("500 Maple Street"), "{text}");
    assert!(text.contains("FROM") && text.contains("TO"), "{text}");
}

/// Code 128 symbol widths (bar, space, bar, space, bar, space) by value, from the
/// specification (ISO/IEC 15417), independent of the encoder under test.
const CODE128_WIDTHS: [&str; 106] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232",
];
const START_C: usize = 105;
const STOP: &str = "2331112";

/// Decodes code set C (digits) from bar and space widths counted in modules.
fn decode_code128_c(widths: &[usize]) -> Result<String, String> {
    if widths.len() < 13 || !(widths.len() - 7).is_multiple_of(6) {
        return Err(format!(
            "{} elements is not a Code 128 symbol",
            widths.len()
        ));
    }
    let as_text = |w: &[usize]| w.iter().map(|n| n.to_string()).collect::<String>();
    let (symbols, stop) = widths.split_at(widths.len() - 7);
    if as_text(stop) != STOP {
        return Err(format!("no stop pattern: {}", as_text(stop)));
    }
    let values: Vec<usize> = symbols
        .chunks(6)
        .map(|c| {
            let t = as_text(c);
            CODE128_WIDTHS
                .iter()
                .position(|w| *w == t)
                .ok_or(format!("unknown symbol {t}"))
        })
        .collect::<Result<_, _>>()?;
    let (start, rest) = values.split_first().ok_or("empty")?;
    let (check, data) = rest.split_last().ok_or("no check symbol")?;
    if *start != START_C {
        return Err(format!("starts with {start}, not code set C"));
    }
    let sum: usize = start
        + data
            .iter()
            .enumerate()
            .map(|(i, v)| (i + 1) * v)
            .sum::<usize>();
    if sum % 103 != *check {
        return Err("wrong check symbol".into());
    }
    Ok(data.iter().map(|v| format!("{v:02}")).collect())
}

#[test]
fn the_drawn_barcode_decodes_to_the_tracking_number() {
    let (doc, page) = pdf();
    // The barcode's bars are the tall rectangles; the QR code's squares are small.
    let mut bars: Vec<_> = filled_rects(&doc, page)
        .into_iter()
        .filter(|r| r.3 > 50.0)
        .collect();
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(bars.len() > 20, "{} bars", bars.len());
    let module = bars.iter().map(|b| b.2).fold(f32::MAX, f32::min);
    let modules = |w: f32| (w / module).round() as usize;
    let mut widths = Vec::new();
    for (i, bar) in bars.iter().enumerate() {
        widths.push(modules(bar.2));
        if let Some(next) = bars.get(i + 1) {
            widths.push(modules(next.0 - (bar.0 + bar.2)));
        }
    }
    assert_eq!(decode_code128_c(&widths), Ok("7023441000123452".to_owned()));
    // And the decoder is not fooled by a changed bar.
    widths[7] += 1;
    assert!(decode_code128_c(&widths).is_err());
}

#[test]
fn odd_or_alphanumeric_tracking_numbers_still_encode() {
    assert!(code128_modules("1Z999AA10123456784").is_ok());
    assert!(code128_modules("12345").is_ok());
    // Code set C packs two digits per 11-module symbol: shorter than set B.
    let c = code128_modules("70234410001234").unwrap_or_default();
    let b = code128_modules("7023441000123A").unwrap_or_default();
    assert!(c.len() < b.len());
}

fn decode_qr(image: image::GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[test]
fn the_qr_png_decodes_to_the_payload() {
    let png = qr_png("REBOUND:R-2001:7023441000123452").unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let image = image::load_from_memory(&png).unwrap().to_luma8();
    assert_eq!(decode_qr(image), "REBOUND:R-2001:7023441000123452");
}

#[test]
fn the_drawn_qr_code_decodes_to_the_payload() {
    let (doc, page) = pdf();
    let squares: Vec<_> = filled_rects(&doc, page)
        .into_iter()
        .filter(|r| r.3 < 10.0)
        .collect();
    assert!(squares.len() > 20);
    // Paint the squares at 4 pixels per point, with a white margin, as a printer would.
    let scale = 4.0;
    let (min_x, max_y) = squares.iter().fold((f32::MAX, f32::MIN), |(x, y), r| {
        (x.min(r.0), y.max(r.1 + r.3))
    });
    let side = 120.0 * scale;
    let image = image::GrayImage::from_fn(side as u32, side as u32, |px, py| {
        let x = min_x - 10.0 + px as f32 / scale;
        let y = max_y + 10.0 - py as f32 / scale;
        let dark = squares
            .iter()
            .any(|r| x >= r.0 && x < r.0 + r.2 && y >= r.1 && y < r.1 + r.3);
        image::Luma([if dark { 0 } else { 255 }])
    });
    assert_eq!(decode_qr(image), qr_payload("R-2001", "7023441000123452"));
}

#[test]
fn long_lines_are_cut_to_fit() {
    let cut = fit(&"x".repeat(200), 10.0, 100.0);
    assert!(cut.ends_with('…'));
    assert_eq!(cut.chars().count(), 17);
    assert_eq!(fit("  Maple & Co ", 10.0, 100.0), "Maple & Co");
}
