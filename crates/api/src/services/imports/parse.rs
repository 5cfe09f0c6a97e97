//! Reading an uploaded file: its encoding, its rows (a malformed line is reported and skipped,
//! never the end of the file), and the cell-level rules (prices, dates, formulas), as plain
//! functions with no I/O.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rebound_shared::api::imports::ImportField;
use std::collections::BTreeMap;

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
    /// Where the current reader started: byte offset in `text` and line number.
    offset: usize,
    first_line: u64,
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
    let first_line = rdr.position().line();
    let rows = Rows {
        text,
        delimiter,
        width: header.len(),
        offset: start,
        first_line,
        reader: reader(text.as_bytes().get(start..).unwrap_or_default(), delimiter),
        record: csv::StringRecord::new(),
    };
    Ok((header, rows))
}

/// A header cell that is plainly a value: an email, a number, a date.
fn looks_like_data(cell: &str) -> bool {
    cell.contains('@') && cell.contains('.')
        || cell.parse::<f64>().is_ok()
        || parse_placed_at(cell).is_ok()
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
            let line = self.first_line + position.line() - 1;
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells: Vec<String> = self.record.iter().map(str::to_owned).collect();
            let spans_lines = cells.iter().any(|c| c.contains(['\n', '\r']));
            // Well-formed quoting pairs its quotes (`"` open, `""` inside, `"` close): an odd
            // count in a record that runs over several lines is a quote never closed.
            let start = self.offset + position.byte() as usize;
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
            let rest = self.text.get(start..).unwrap_or_default();
            let first = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let raw_line = rest[..first].trim_end_matches(['\r', '\n']).to_owned();
            self.offset = start + first;
            self.first_line = line + 1;
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

/// Header names reduced to letters and digits, `#` read as "number": "Order #", "order_number"
/// and "Order Number" all become `ordernumber`.
pub fn normalise_header(name: &str) -> String {
    name.to_lowercase()
        .replace('#', "number")
        .replace("n°", "number")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Header names (normalised) that mean each field, our own key first. Shopify's export names
/// ("Lineitem sku", "Shipping Zip") match once their prefix is set aside.
fn synonyms(field: ImportField) -> &'static [&'static str] {
    use ImportField::*;
    match field {
        OrderNumber => &[
            "ordernumber",
            "order",
            "orderno",
            "orderid",
            "ordername",
            "orderref",
        ],
        CustomerName => &[
            "customername",
            "customer",
            "fullname",
            "name",
            "recipient",
            "shipto",
        ],
        Email => &["email", "emailaddress", "customeremail", "mail"],
        Phone => &["phone", "phonenumber", "telephone", "tel", "mobile"],
        AddressLine1 => &[
            "addressline1",
            "address1",
            "address",
            "street",
            "line1",
            "streetaddress",
        ],
        AddressLine2 => &["addressline2", "address2", "line2", "apartment", "suite"],
        City => &["city", "town"],
        Region => &[
            "region",
            "province",
            "state",
            "provincecode",
            "statecode",
            "county",
        ],
        PostalCode => &["postalcode", "postcode", "zip", "zipcode", "postal", "plz"],
        Country => &["country", "countrycode"],
        Currency => &["currency", "currencycode"],
        PlacedAt => &[
            "placedat",
            "orderdate",
            "date",
            "createdat",
            "orderedat",
            "purchasedate",
        ],
        Sku => &["sku", "productsku", "itemsku", "variantsku"],
        Title => &[
            "title",
            "productname",
            "product",
            "itemname",
            "producttitle",
            "item",
        ],
        Variant => &["variant", "varianttitle", "option", "size"],
        Quantity => &["quantity", "qty", "units"],
        UnitPrice => &["unitprice", "price", "itemprice", "priceeach"],
        ImageUrl => &["imageurl", "image", "imagesrc", "picture"],
        Returnable => &["returnable", "isreturnable", "canreturn"],
        ParentSku => &["parentsku", "attachedto", "bundlesku"],
        Carrier => &["carrier", "trackingcompany", "shippingcarrier", "courier"],
        TrackingNumber => &["trackingnumber", "tracking", "trackingno", "trackingcode"],
    }
}

/// How well a header name fits a field: exact synonym 3, behind a `shipping`/`lineitem`
/// prefix 2, behind `billing` 1 (the shipping address is the one returns go back from).
fn fit(normalised: &str, field: ImportField) -> u8 {
    let names = synonyms(field);
    if names.contains(&normalised) {
        return 3;
    }
    for (prefix, score) in [
        ("shipping", 2),
        ("lineitem", 2),
        ("item", 2),
        ("billing", 1),
    ] {
        if let Some(rest) = normalised.strip_prefix(prefix)
            && names.contains(&rest)
        {
            return score;
        }
    }
    if field == ImportField::Title && normalised == "lineitemname" {
        return 2;
    }
    0
}

/// A guess of the mapping from the header names; each column is used at most once.
pub fn suggest_mapping(columns: &[String]) -> BTreeMap<ImportField, String> {
    let normalised: Vec<String> = columns.iter().map(|c| normalise_header(c)).collect();
    // In Shopify's export "Name" is the order ("#1001"), the customer is "Shipping Name".
    let shopify = normalised.iter().any(|n| n.starts_with("lineitem"));
    let mut used = vec![false; columns.len()];
    let mut out = BTreeMap::new();
    for field in ImportField::ALL {
        let best = normalised
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, n)| {
                let score = if shopify && n == "name" {
                    u8::from(field == ImportField::OrderNumber) * 3
                } else {
                    fit(n, field)
                };
                (i, score)
            })
            .filter(|(_, score)| *score > 0)
            // Highest score, then leftmost.
            .max_by_key(|(i, score)| (*score, std::cmp::Reverse(*i)));
        if let Some((i, _)) = best {
            used[i] = true;
            out.insert(field, columns[i].clone());
        }
    }
    out
}

/// A cell a spreadsheet would run as a formula: `=`, `@`, or `+`/`-` not followed by a digit
/// (`+1 555…` and `-5` are values).
pub fn looks_like_formula(cell: &str) -> bool {
    let mut chars = cell.trim_start().chars();
    match chars.next() {
        Some('=' | '@') => true,
        Some('+' | '-') => chars
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && c != '.'),
        _ => false,
    }
}

/// A cell made safe to open in a spreadsheet: one that would start a formula gets a leading
/// apostrophe, which shows the text as typed.
pub fn neutralise_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Digits after the decimal point in the currency's minor unit (ISO 4217).
pub fn minor_unit_digits(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// A price in major units ("19.99", "1,299.00", "19,99", "$5") as integer minor units.
pub fn parse_price(raw: &str, currency: &str) -> Result<i64, String> {
    let digits = minor_unit_digits(currency);
    let bad = || format!("\"{}\" is not a price such as 19.99", clip(raw));
    let cleaned: String = raw
        .trim()
        .trim_start_matches(['$', '€', '£', '¥'])
        .trim_end_matches(['$', '€', '£', '¥'])
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let negative = cleaned.starts_with('-');
    let unsigned = cleaned.trim_start_matches(['-', '+']);
    if negative {
        return Err("a price cannot be negative".into());
    }
    // The last of `.` and `,` is the decimal point, unless exactly three digits follow it in a
    // currency without three decimals ("1,299"): then it separates thousands.
    let (whole, fraction) = match unsigned.rfind(['.', ',']) {
        Some(i) => {
            let decimals = unsigned.len() - i - 1;
            if decimals == 3 && digits != 3 {
                (unsigned, "")
            } else if decimals <= digits as usize {
                (&unsigned[..i], &unsigned[i + 1..])
            } else {
                return Err(format!(
                    "{currency} prices have at most {digits} decimals; \"{}\" has more",
                    clip(raw)
                ));
            }
        }
        None => (unsigned, ""),
    };
    let whole: String = whole.chars().filter(|c| !matches!(c, ',' | '.')).collect();
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let mut minor: i64 = 0;
    for c in whole.chars() {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(c as u8 - b'0')))
            .ok_or_else(bad)?;
    }
    for i in 0..digits as usize {
        let d = fraction.as_bytes().get(i).map_or(0, |b| b - b'0');
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(d)))
            .ok_or_else(bad)?;
    }
    Ok(minor)
}

/// When the order was placed: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (UTC, or with an offset as in
/// Shopify's export) or `YYYY-MM-DD` (midnight UTC).
pub fn parse_placed_at(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"] {
        if let Ok(at) = DateTime::parse_from_str(raw, format) {
            return Ok(at.with_timezone(&Utc));
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(raw, format) {
            return Ok(at.and_utc());
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        && let Some(at) = day.and_hms_opt(0, 0, 0)
    {
        return Ok(at.and_utc());
    }
    Err(format!(
        "\"{}\" is not a date such as 2026-11-01 or 2026-11-01 14:30",
        clip(raw)
    ))
}

/// A whole number of units.
pub fn parse_quantity(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    t.parse::<i32>()
        .or_else(
            |_| match t.strip_suffix(".0").or_else(|| t.strip_suffix(".00")) {
                Some(whole) => whole.parse::<i32>(),
                None => t.parse::<i32>(),
            },
        )
        .map_err(|_| format!("\"{}\" is not a whole number", clip(raw)))
}

/// yes/no, true/false, 1/0 (any case); blank means returnable.
pub fn parse_returnable(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" | "oui" => Ok(true),
        "no" | "n" | "false" | "0" | "non" => Ok(false),
        _ => Err(format!("\"{}\" is not yes or no", clip(raw))),
    }
}

/// A value quoted in a reason, cut short: a 1 MB cell must not become a 1 MB message.
pub fn clip(raw: &str) -> String {
    const MAX: usize = 40;
    if raw.chars().count() <= MAX {
        raw.to_owned()
    } else {
        format!("{}…", raw.chars().take(MAX).collect::<String>())
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

    #[test]
    fn suggests_a_mapping_from_common_names() {
        let columns: Vec<String> = [
            "Order #",
            "Customer",
            "E-mail",
            "Shipping Address1",
            "Shipping City",
            "Zip",
            "Country",
            "Currency",
            "Date",
            "Lineitem sku",
            "Lineitem name",
            "Qty",
            "Price",
            "Billing Zip",
            "Postcode ",
        ]
        .map(String::from)
        .to_vec();
        let m = suggest_mapping(&columns);
        let get = |f| m.get(&f).map(String::as_str);
        assert_eq!(get(ImportField::OrderNumber), Some("Order #"));
        assert_eq!(get(ImportField::Email), Some("E-mail"));
        assert_eq!(get(ImportField::PostalCode), Some("Zip"));
        assert_eq!(get(ImportField::Sku), Some("Lineitem sku"));
        assert_eq!(get(ImportField::Title), Some("Lineitem name"));
        assert_eq!(get(ImportField::Quantity), Some("Qty"));
        assert_eq!(get(ImportField::UnitPrice), Some("Price"));
        assert_eq!(get(ImportField::AddressLine1), Some("Shipping Address1"));
        assert_eq!(get(ImportField::CustomerName), Some("Customer"));
        let shopify =
            suggest_mapping(&["Name".into(), "Shipping Name".into(), "Lineitem sku".into()]);
        assert_eq!(
            shopify.get(&ImportField::OrderNumber).map(String::as_str),
            Some("Name")
        );
        assert_eq!(
            shopify.get(&ImportField::CustomerName).map(String::as_str),
            Some("Shipping Name")
        );
    }

    #[test]
    fn formulas_are_recognised_and_neutralised() {
        for f in [
            "=1+1",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "-HYPERLINK(\"x\")",
            " =x",
        ] {
            assert!(looks_like_formula(f), "{f}");
        }
        for v in ["+1 555 0100", "-5", "Jane", "", "-", "a=b"] {
            assert!(!looks_like_formula(v), "{v}");
        }
        assert_eq!(neutralise_cell("=1+1"), "'=1+1");
        assert_eq!(neutralise_cell("-5"), "'-5");
        assert_eq!(neutralise_cell("Jane"), "Jane");
    }

    #[test]
    fn prices_become_minor_units() {
        assert_eq!(parse_price("19.99", "CAD"), Ok(1999));
        assert_eq!(parse_price("19,99", "EUR"), Ok(1999));
        assert_eq!(parse_price("1,299.50", "USD"), Ok(129_950));
        assert_eq!(parse_price("1.299,50", "EUR"), Ok(129_950));
        assert_eq!(parse_price("1,299", "USD"), Ok(129_900));
        assert_eq!(parse_price("$5", "USD"), Ok(500));
        assert_eq!(parse_price("1500", "JPY"), Ok(1500));
        assert_eq!(parse_price("1.5", "KWD"), Ok(1500));
        assert_eq!(parse_price(".5", "CAD"), Ok(50));
        assert!(parse_price("-1.00", "CAD").is_err_and(|e| e.contains("negative")));
        assert!(parse_price("1.9999", "CAD").is_err());
        assert!(parse_price("abc", "CAD").is_err());
        assert!(parse_price("", "CAD").is_err());
        assert!(parse_price("99999999999999999999", "CAD").is_err());
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        let at = |s: &str| parse_placed_at(s).map(|d| d.to_rfc3339()).ok();
        let noon = Some("2026-11-01T12:00:00+00:00".to_owned());
        assert_eq!(at("2026-11-01T12:00:00Z"), noon);
        assert_eq!(at("2026-11-01T08:00:00-04:00"), noon);
        assert_eq!(at("2026-11-01 12:00"), noon);
        assert_eq!(at("2026-11-01 12:00:00"), noon);
        assert_eq!(at("2026-11-01 07:00:00 -0500"), noon);
        assert_eq!(
            at("2026-11-01"),
            Some("2026-11-01T00:00:00+00:00".to_owned())
        );
        assert_eq!(at("01/11/2026"), None);
    }

    #[test]
    fn quantities_and_flags() {
        assert_eq!(parse_quantity(" 3 "), Ok(3));
        assert_eq!(parse_quantity("2.0"), Ok(2));
        assert!(parse_quantity("2.5").is_err());
        assert_eq!(parse_returnable("No"), Ok(false));
        assert_eq!(parse_returnable(""), Ok(true));
        assert_eq!(parse_returnable("1"), Ok(true));
        assert!(parse_returnable("maybe").is_err());
    }
}
