//! Properties of the parsers that read what outsiders send, over inputs no one would write by
//! hand: CSV imports (encodings, quotes, line breaks; the report's formula-safe cells), image
//! uploads sniffed by their bytes, and Shopify / WooCommerce payloads. They never panic, what
//! they accept reads back the same, and what they refuse is refused with a field to name.
//! proptest keeps any failing case in `crates/api/proptest-regressions/`, committed so it is
//! tried first on every run.

mod csv_import;
mod payloads;
mod uploads;
