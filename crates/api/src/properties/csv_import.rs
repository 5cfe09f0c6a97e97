//! The CSV import's reading: any cells, written by a real CSV writer with any of the three
//! separators and saved in any of the encodings the importer reads, come back as the same
//! cells on the same lines; any bytes or text at all never panic; and a cell of the rejections
//! report never starts what a spreadsheet would run as a formula.

use crate::services::orders::imports::cells::neutralise_cell;
use crate::services::orders::imports::parse::{Row, decode, read_header};
use proptest::prelude::*;

/// Text with what makes CSV hard: quotes, separators, line breaks, spaces, accents, emoji.
fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z0-9]{1,6}",
            "[\"\n\r,;\t ]{1,3}",
            "[éèàçÉ€£ÿ]{1,3}",
            "\\PC{1,6}",
        ],
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop::sample::select(vec![
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1252,
    ])
}

/// The text as a file in `encoding`; none when the encoding cannot hold it.
fn encode(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    Some(match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Windows1252 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            if unmappable {
                return None;
            }
            bytes.into_owned()
        }
    })
}

/// Line breaks as an editor counts them: `\n`, `\r\n`, or a lone `\r` (old Mac files).
fn line_breaks(text: &[u8]) -> u64 {
    (0..text.len())
        .filter(|&i| match text[i] {
            b'\n' => true,
            b'\r' => text.get(i + 1) != Some(&b'\n'),
            _ => false,
        })
        .count() as u64
}

/// A file of `rows` under a three-column header, and each row's line in it.
fn write_file(rows: &[Vec<String>], delimiter: u8) -> (String, Vec<u64>) {
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let _ = out.write_record(["Order #", "Customer", "Note"]);
    let mut lines = Vec::new();
    for row in rows {
        let _ = out.flush();
        lines.push(line_breaks(out.get_ref()) + 1);
        let _ = out.write_record(row);
    }
    let bytes = out.into_inner().unwrap_or_default();
    (String::from_utf8(bytes).unwrap_or_default(), lines)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn cells_come_back_the_same_on_their_lines_in_every_encoding(
        rows in prop::collection::vec(prop::collection::vec(cell(), 3), 0..8),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        encoding in encoding(),
    ) {
        let (text, lines) = write_file(&rows, delimiter);
        let Some(bytes) = encode(&text, encoding) else {
            return Ok(());
        };
        let decoded = decode(&bytes).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        // Windows-1252 bytes that also happen to be valid UTF-8 are read as UTF-8: the
        // importer's documented guess. Every other file reads back exactly.
        if !(matches!(encoding, Encoding::Windows1252) && std::str::from_utf8(&bytes).is_ok()) {
            prop_assert_eq!(&decoded.text, &text);
        }
        if decoded.text != text {
            return Ok(());
        }
        let (header, read) = read_header(&decoded.text)
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(header, vec!["Order #", "Customer", "Note"]);
        let expected: Vec<Row> = rows
            .iter()
            .zip(lines)
            .filter(|(cells, _)| !cells.iter().all(|c| c.trim().is_empty()))
            .map(|(cells, line)| Row::Cells { line, cells: cells.clone() })
            .collect();
        prop_assert_eq!(read.collect::<Vec<_>>(), expected);
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panicking(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..256),
            "\\PC{0,40}(\n\\PC{0,40}){0,4}".prop_map(String::into_bytes),
            "[a,;\t\"\r\n ]{0,80}".prop_map(String::into_bytes),
        ],
    ) {
        if let Ok(decoded) = decode(&bytes)
            && let Ok((header, rows)) = read_header(&decoded.text)
        {
            prop_assert!(!header.is_empty());
            let total_lines = line_breaks(decoded.text.as_bytes()) + 1;
            let mut last = 0;
            for row in rows.take(1_000) {
                let line = match row {
                    Row::Cells { line, .. } | Row::Malformed { line, .. } => line,
                };
                prop_assert!(line > last && line <= total_lines, "line {} after {}", line, last);
                last = line;
            }
        }
    }

    #[test]
    fn a_report_cell_never_starts_a_formula(raw in "[=+\\-@\t\r ]{0,2}\\PC{0,10}|\\PC{0,10}") {
        let safe = neutralise_cell(&raw);
        prop_assert!(
            !safe.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{:?} → {:?}", raw, safe
        );
        // Only a leading apostrophe is ever added: the text is still all there.
        let quoted = format!("'{raw}");
        prop_assert!(safe == raw || safe == quoted, "{:?} → {:?}", raw, safe);
    }
}
