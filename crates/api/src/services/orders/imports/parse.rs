//! Reading an uploaded file: its encoding (refusing what is not text) and its rows, a
//! malformed line reported and skipped, never the end of the file. Plain functions, no I/O.

use super::cells::parse_placed_at;

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub code: &'static str,
    pub message: String,
}

fn problem(code: &'static str, message: impl Into<String>) -> FileProblem {
    FileProblem {
        code,
        message: message.into(),
    }
}

/// The file as text, and the name of the encoding it was read with.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Reads the bytes as UTF-8 (byte-order mark dropped), UTF-16 when a byte-order mark says so,
/// or else Windows-1252, which is what Excel writes when it does not write UTF-8. Refuses what
/// is not text at all.
pub fn decode(raw: &[u8]) -> Result<Decoded, FileProblem> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(problem("empty", "the file is empty"));
    }
    if let Some(kind) = binary_kind(raw) {
        return Err(problem(
            "not_csv",
            format!("this is {kind}, not a CSV file; export or save it as CSV first"),
        ));
    }
    let (text, encoding) = match encoding_rs::Encoding::for_bom(raw) {
        Some((enc, bom)) => {
            let (text, had_errors) = enc.decode_without_bom_handling(&raw[bom..]);
            if had_errors {
                return Err(problem(
                    "encoding",
                    format!("the file says it is {} but is not", enc.name()),
                ));
            }
            (text.into_owned(), enc)
        }
        None => match std::str::from_utf8(raw) {
            Ok(text) => (text.to_owned(), encoding_rs::UTF_8),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
                (text.into_owned(), encoding_rs::WINDOWS_1252)
            }
        },
    };
    // NUL and other control characters do not occur in text a person typed.
    let controls = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if controls > 0 {
        return Err(problem(
            "not_csv",
            "the file contains binary data, not text; export or save it as CSV first",
        ));
    }
    let encoding = match encoding.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        _ => "windows-1252",
    };
    Ok(Decoded { text, encoding })
}

/// Files people upload by mistake, recognised by their first bytes.
fn binary_kind(raw: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "a ZIP archive (an Excel .xlsx workbook is one)",
        ),
        (b"\xD0\xCF\x11\xE0", "an old Excel .xls workbook"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| raw.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// The cell separator: the one of `,`, `;` and tab that occurs most in the header line
/// (Excel in many European locales writes `;`).
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// One line of the file as the importer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Cells {
        line: u64,
        cells: Vec<String>,
    },
    /// A line that could not be split into the header's cells; the rest of the file goes on.
    Malformed {
        line: u64,
        cells: Vec<String>,
        reason: String,
    },
}

#[cfg(test)]
impl Row {
    pub fn line(&self) -> u64 {
        match self {
            Row::Cells { line, .. } | Row::Malformed { line, .. } => *line,
        }
    }
}

/// The header and the data rows of a decoded file, read one record at a time.
///
/// An unbalanced quote makes a CSV reader swallow everything up to the next quote, often the
/// rest of the file; when a record spanning several lines has the wrong number of cells, only
/// its first line is reported and reading starts again on the line after it.
pub struct Rows<'a> {
    text: &'a str,
    delimiter: u8,
    width: usize,
    /// Where the current reader started: byte offset in `text`.
    offset: usize,
    /// A byte offset in `text` already counted, and the line it is on. Lines are counted from
    /// the text rather than taken from the reader, which counts a `\r\n` late: a file written
    /// on Windows would have every row reported a line early.
    counted_at: usize,
    counted_line: u64,
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
}

fn reader(slice: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(slice)
}

/// Reads and checks the header: present, no blank or repeated names, not a data row.
pub fn read_header(text: &str) -> Result<(Vec<String>, Rows<'_>), FileProblem> {
    let delimiter = delimiter(text);
    let mut rdr = reader(text.as_bytes(), delimiter);
    let mut record = csv::StringRecord::new();
    let found = rdr
        .read_record(&mut record)
        .map_err(|e| problem("header", format!("the header row cannot be read: {e}")))?;
    let header: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
    if !found || header.iter().all(String::is_empty) {
        return Err(problem("no_header", "the file has no header row"));
    }
    for (i, name) in header.iter().enumerate() {
        if name.is_empty() {
            return Err(problem(
                "blank_column",
                format!("column {} of the header has no name", i + 1),
            ));
        }
        if name.chars().count() > 100 {
            return Err(problem(
                "no_header",
                format!("column {} of the header is not a column name", i + 1),
            ));
        }
        if header[..i].iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Err(problem(
                "duplicate_column",
                format!("the header has two columns named \"{name}\""),
            ));
        }
    }
    if let Some(cell) = header.iter().find(|c| looks_like_data(c)) {
        return Err(problem(
            "no_header",
            format!("the first row holds values (\"{cell}\"), not column names; add a header row"),
        ));
    }
    let start = rdr.position().byte() as usize;
    let rows = Rows {
        text,
        delimiter,
        width: header.len(),
        offset: start,
        counted_at: 0,
        counted_line: 1,
        reader: reader(text.as_bytes().get(start..).unwrap_or_default(), delimiter),
        record: csv::StringRecord::new(),
    };
    Ok((header, rows))
}

/// The length of `text`'s first line with its line break (`\n`, `\r\n` or a lone `\r`).
fn line_end(text: &str) -> usize {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => i + 2,
        Some(i) => i + 1,
        None => text.len(),
    }
}

/// A header cell that is plainly a value: an email, a number, a date.
fn looks_like_data(cell: &str) -> bool {
    cell.contains('@') && cell.contains('.')
        || cell.parse::<f64>().is_ok()
        || parse_placed_at(cell).is_ok()
}

impl Rows<'_> {
    /// The line `at` (a byte offset at or after the last one asked for) is on, counting only
    /// the text read since.
    fn line_at(&mut self, at: usize) -> u64 {
        // A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files), as the CSV reader reads
        // them: counting only `\n` put every row of a `\r` file on line 1.
        let bytes = self.text.as_bytes();
        let newlines = (self.counted_at..at.min(bytes.len()))
            .filter(|&i| match bytes[i] {
                b'\n' => true,
                b'\r' => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        self.counted_line += newlines as u64;
        self.counted_at = self.counted_at.max(at);
        self.counted_line
    }
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                // The text is valid UTF-8 and in memory: nothing else can fail. Stop cleanly.
                Err(_) => return None,
            }
            let position = self.record.position()?.clone();
            let start = self.offset + position.byte() as usize;
            // The record's first byte, past a line break the reader may not have consumed.
            let begins = start
                + self.text.as_bytes().get(start..).map_or(0, |rest| {
                    rest.iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count()
                });
            let line = self.line_at(begins);
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells: Vec<String> = self.record.iter().map(str::to_owned).collect();
            let spans_lines = cells.iter().any(|c| c.contains(['\n', '\r']));
            // Well-formed quoting pairs its quotes (`"` open, `""` inside, `"` close): an odd
            // count in a record that runs over several lines is a quote never closed.
            let end = self.offset + self.reader.position().byte() as usize;
            let unbalanced = spans_lines
                && self
                    .text
                    .get(start..end)
                    .is_some_and(|raw| raw.bytes().filter(|b| *b == b'"').count() % 2 == 1);
            if cells.len() == self.width && !unbalanced {
                return Some(Row::Cells { line, cells });
            }
            if !spans_lines {
                return Some(Row::Malformed {
                    line,
                    reason: format!(
                        "this row has {} cells; the header has {}",
                        cells.len(),
                        self.width
                    ),
                    cells,
                });
            }
            // Start again on the line after this record's first line.
            let rest = self.text.get(begins..).unwrap_or_default();
            let first = line_end(rest);
            let raw_line = rest[..first].trim_end_matches(['\r', '\n']).to_owned();
            self.offset = begins + first;
            self.reader = reader(
                self.text.as_bytes().get(self.offset..).unwrap_or_default(),
                self.delimiter,
            );
            return Some(Row::Malformed {
                line,
                cells: vec![raw_line],
                reason: "a quote opened in this row is never closed".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Row> {
        let (_, rows) = read_header(text).expect("header");
        rows.collect()
    }

    #[test]
    fn decodes_utf8_with_bom_utf16_and_windows_1252() {
        let utf8 = decode("\u{feff}name\nÉlodie\n".as_bytes()).expect("utf-8");
        assert_eq!(
            (utf8.text.as_str(), utf8.encoding),
            ("name\nÉlodie\n", "utf-8")
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("name\nÉlodie\n".encode_utf16().flat_map(u16::to_le_bytes));
        let utf16 = decode(&utf16).expect("utf-16");
        assert_eq!(
            (utf16.text.as_str(), utf16.encoding),
            ("name\nÉlodie\n", "utf-16le")
        );
        let cp1252 = decode(b"name\n\xC9lodie \x80\n").expect("cp1252");
        assert_eq!(
            (cp1252.text.as_str(), cp1252.encoding),
            ("name\nÉlodie €\n", "windows-1252")
        );
    }

    #[test]
    fn refuses_empty_and_binary_files() {
        assert_eq!(decode(b"  \n").map_err(|p| p.code).err(), Some("empty"));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0").map_err(|p| p.code).err(),
            Some("not_csv")
        );
        assert_eq!(
            decode(b"a,b\n1,\x00\x01\x02").map_err(|p| p.code).err(),
            Some("not_csv")
        );
    }

    #[test]
    fn refuses_bad_headers() {
        let code = |t: &str| read_header(t).err().map(|p| p.code);
        assert_eq!(code("a,,c\n1,2,3\n"), Some("blank_column"));
        assert_eq!(code("Email,email\n1,2\n"), Some("duplicate_column"));
        assert_eq!(code("1001,jane@example.com\n"), Some("no_header"));
        assert_eq!(code("order,email\n1,2\n"), None);
    }

    #[test]
    fn reads_rows_with_line_numbers_and_skips_blank_ones() {
        let got = rows("a,b\n1,2\n\n,\n\"x\ny\",3\n4,5\n");
        assert_eq!(
            got,
            vec![
                Row::Cells {
                    line: 2,
                    cells: vec!["1".into(), "2".into()]
                },
                Row::Cells {
                    line: 5,
                    cells: vec!["x\ny".into(), "3".into()]
                },
                Row::Cells {
                    line: 7,
                    cells: vec!["4".into(), "5".into()]
                },
            ]
        );
    }

    #[test]
    fn a_bad_quote_or_cell_count_costs_one_line() {
        let got = rows("a,b\n1,2\n3,\"oops\n5,6\n7\n8,9\n");
        let lines: Vec<(u64, bool)> = got
            .iter()
            .map(|r| (r.line(), matches!(r, Row::Cells { .. })))
            .collect();
        assert_eq!(
            lines,
            vec![(2, true), (3, false), (4, true), (5, false), (6, true)]
        );
    }

    #[test]
    fn counts_lines_in_old_mac_files_ended_by_a_lone_cr() {
        // Found by the properties: every row of such a file was reported on line 1.
        let read = rows("name,email\rAda,ada@example.com\r\rBob\rCy,cy@example.com\r");
        let lines: Vec<u64> = read.iter().map(Row::line).collect();
        assert_eq!(lines, vec![2, 4, 5]);
        assert!(matches!(read[1], Row::Malformed { .. }));
    }

    #[test]
    fn counts_lines_the_same_with_windows_line_ends() {
        let got = rows("a,b\r\n1,2\r\n\r\n\"x\",4\r\n5,6,7\r\n8,9");
        let lines: Vec<(u64, bool)> = got
            .iter()
            .map(|r| (r.line(), matches!(r, Row::Cells { .. })))
            .collect();
        assert_eq!(lines, [(2, true), (4, true), (5, false), (6, true)]);
    }

    #[test]
    fn reads_semicolon_files() {
        let got = rows("a;b\n1;2\n");
        assert_eq!(
            got,
            vec![Row::Cells {
                line: 2,
                cells: vec!["1".into(), "2".into()]
            }]
        );
    }
}
