//! Amounts: integer minor units in an ISO 4217 currency whose exponent (JPY 0, EUR 2, KWD 3)
//! comes from the `iso_currency` table. Reading what people type, showing amounts in English and
//! French, and the plain form an input holds all live here, so the server, the mails and the web
//! forms agree to the last decimal.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use validator::ValidationError;

use super::{rule, rule_owned};

/// An ISO 4217 currency that has a minor unit (so not gold or the SDR): the only way in is a
/// known code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// A code as stored and sent: three capital letters that ISO 4217 knows, such as `CAD`.
    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        let known = (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
            .then(|| iso_currency::Currency::from_code(code))
            .flatten()
            .filter(|c| c.exponent().is_some());
        known.map(Self).ok_or_else(|| {
            rule(
                "currency",
                "use an ISO 4217 currency code such as CAD or EUR",
            )
        })
    }

    /// The three-letter code, `CAD`.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Digits after the decimal mark: 0 for JPY, 2 for EUR, 3 for KWD.
    pub fn exponent(self) -> u32 {
        self.0.exponent().map_or(2, u32::from)
    }

    /// How an amount names its currency. `$` is shared by eighteen currencies, so it carries the
    /// country's letters ("CA$" in English, "$CA" in French, as Unicode's locale data writes
    /// them); any other one-character currency sign (€, £, ¥, ₹) stands alone; a currency
    /// without such a sign (KWD's is Arabic script, SEK's "kr" is a word) shows its code.
    fn mark(self, lang: Lang) -> Mark {
        let symbol = self.0.symbol().symbol;
        let letters = &self.code()[..2];
        if symbol == "$" {
            Mark::Sign(match lang {
                Lang::En => format!("{letters}$"),
                Lang::Fr => format!("${letters}"),
            })
        } else if is_currency_sign(&symbol) {
            Mark::Sign(symbol)
        } else {
            Mark::Code(self.code())
        }
    }
}

/// One character of Unicode's currency-symbol class that is not the generic `¤`.
fn is_currency_sign(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('£' | '¥' | '\u{20a0}'..='\u{20cf}'), None)
    )
}

enum Mark {
    Sign(String),
    Code(&'static str),
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = ValidationError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::parse(code)
    }
}

impl TryFrom<String> for Currency {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::parse(&code).map_err(|_| format!("{code:?} is not an ISO 4217 currency code"))
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> Self {
        currency.code().to_owned()
    }
}

/// The conventions an amount is written in. Anything but French reads as English, as the rest
/// of the product does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// From a language tag: `fr`, `fr-CA` → French; anything else → English.
    pub fn from_tag(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    fn decimal_mark(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Fr => ',',
        }
    }

    fn group_mark(self) -> char {
        match self {
            Lang::En => ',',
            // French groups thousands with a narrow no-break space.
            Lang::Fr => '\u{202f}',
        }
    }
}

/// An amount of money: integer minor units of one currency, never a float. On the wire
/// `{"minor": 500, "currency": "EUR"}`: the currency names the exponent, so `500` is €5.00
/// and ¥500 alike without a decimal that could be misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Minor units: cents for EUR, yen for JPY, fils for KWD.
    minor: i64,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::currency))]
    currency: Currency,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Minor units: cents for EUR, yen for JPY, fils for KWD.
    pub const fn minor(self) -> i64 {
        self.minor
    }

    pub const fn currency(self) -> Currency {
        self.currency
    }

    /// Reads an amount typed in major units, English or French: `1,234.50`, `1 234,50` (any
    /// space, the narrow no-break one included), `49,9`, `.5`, `12`. The last `.` or `,` is the
    /// decimal mark, unless the same mark also comes earlier (`1,234,567`) or exactly three
    /// digits follow it in a currency without three decimals (`1,299` USD, `1.500` JPY): then
    /// it groups thousands. At most the currency's decimals (none for JPY, three for KWD);
    /// never negative.
    pub fn parse(raw: &str, currency: Currency) -> Result<Self, ValidationError> {
        let exponent = currency.exponent();
        let cleaned: String = raw
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\''))
            .collect();
        if cleaned.is_empty() {
            return Err(rule("required", "enter an amount"));
        }
        let example = || {
            rule_owned(
                "amount",
                format!("use digits, such as {}", Money::example(currency).input()),
            )
        };
        if !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(example());
        }
        let (whole, fraction) = match cleaned.rfind(['.', ',']) {
            None => (cleaned.as_str(), ""),
            Some(at) => {
                let (before, after) = (&cleaned[..at], &cleaned[at + 1..]);
                let mark = if cleaned[at..].starts_with('.') {
                    '.'
                } else {
                    ','
                };
                let other = if mark == '.' { ',' } else { '.' };
                let groups = before.contains(mark)
                    || (after.len() == 3
                        && exponent != 3
                        && !before.is_empty()
                        && !before.contains(other));
                if groups {
                    (cleaned.as_str(), "")
                } else {
                    (before, after)
                }
            }
        };
        if whole.is_empty() && fraction.is_empty() {
            return Err(example());
        }
        let whole = ungroup(whole).ok_or_else(example)?;
        if fraction.len() > exponent as usize {
            return Err(match exponent {
                0 => rule_owned(
                    "decimals",
                    format!("{} amounts have no decimals", currency.code()),
                ),
                n => rule_owned("decimals", format!("use at most {n} decimals")),
            });
        }
        let too_large = || rule("too_large", "this amount is too large");
        let mut minor: i64 = 0;
        let padded = fraction
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(exponent as usize);
        for digit in whole.bytes().chain(padded) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(digit - b'0')))
                .ok_or_else(too_large)?;
        }
        Ok(Self::new(minor, currency))
    }

    /// Reads an amount a machine wrote: a plain decimal with `.` as the mark and no grouping
    /// (`89.99`, `1500.0`, `3`), as shop platforms send prices (Shopify's decimal strings,
    /// WooCommerce's totals). Unlike [`Money::parse`], three decimals never mean thousands.
    /// Trailing zeros past the currency's decimals are fine (`1500.0` JPY); other digits there
    /// are refused, never rounded; never negative.
    pub fn parse_decimal(raw: &str, currency: Currency) -> Result<Self, ValidationError> {
        let exponent = currency.exponent() as usize;
        let bad = || {
            rule_owned(
                "amount",
                format!(
                    "use a plain decimal amount, such as {}",
                    Money::example(currency).input()
                ),
            )
        };
        let raw = raw.trim();
        let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || raw.ends_with('.') {
            return Err(bad());
        }
        let (kept, extra) = fraction.split_at(fraction.len().min(exponent));
        if extra.bytes().any(|b| b != b'0') {
            return Err(match exponent {
                0 => rule_owned(
                    "decimals",
                    format!("{} amounts have no decimals", currency.code()),
                ),
                n => rule_owned("decimals", format!("use at most {n} decimals")),
            });
        }
        let too_large = || rule("too_large", "this amount is too large");
        let mut minor: i64 = 0;
        let padded = kept.bytes().chain(std::iter::repeat(b'0')).take(exponent);
        for digit in whole.bytes().chain(padded) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(digit - b'0')))
                .ok_or_else(too_large)?;
        }
        Ok(Self::new(minor, currency))
    }

    /// An amount to show in a sentence: `CA$1,234.50`, `¥500`, `KWD 1.500` in English;
    /// `1 234,50 $CA`, `500 ¥`, `1,500 KWD` in French (the sign after the amount, as French
    /// writes it).
    pub fn format(self, lang: Lang) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        let number = self.number(lang, true);
        match (lang, self.currency.mark(lang)) {
            (Lang::En, Mark::Sign(s)) => format!("{sign}{s}{number}"),
            (Lang::En, Mark::Code(c)) => format!("{sign}{c}\u{a0}{number}"),
            (Lang::Fr, Mark::Sign(s)) => format!("{sign}{number}\u{a0}{s}"),
            (Lang::Fr, Mark::Code(c)) => format!("{sign}{number}\u{a0}{c}"),
        }
    }

    /// The amount followed by its code, `115.00 CAD` (`115,00 CAD` in French): for notes kept
    /// as text, where a sign could be misread once the order is out of sight.
    pub fn format_with_code(self, lang: Lang) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        format!(
            "{sign}{} {}",
            self.number(lang, false),
            self.currency.code()
        )
    }

    /// What an input holds before anyone types: `49.90`, `1.500` (KWD), `500` (JPY). Read back
    /// by [`Money::parse`] to the same amount.
    pub fn input(self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        format!("{sign}{}", self.number(Lang::En, false))
    }

    /// What `quantity` units at this unit price came to; see [`line_paid`].
    pub fn times(self, quantity: i32) -> Self {
        Self::new(line_paid(self.minor, quantity), self.currency)
    }

    /// A round amount for hints: 49.90 in a two-decimal currency, 49.900 in KWD, 49 in JPY.
    pub fn example(currency: Currency) -> Self {
        let exponent = currency.exponent();
        Self::new(4990 * 10_i64.pow(exponent) / 100, currency)
    }

    fn number(self, lang: Lang, grouped: bool) -> String {
        number(self.minor, self.currency.exponent(), lang, grouped)
    }

    /// [`Money::format`] for an amount stored beside its currency's code. A code ISO 4217 does
    /// not know (an order stored before codes were checked) shows with two decimals and the code,
    /// as every amount was shown then.
    pub fn show(minor: i64, code: &str, lang: Lang) -> String {
        match Currency::parse(code) {
            Ok(currency) => Money::new(minor, currency).format(lang),
            Err(_) => Self::unknown(minor, code, lang),
        }
    }

    /// [`Money::format_with_code`] for an amount stored beside its currency's code; an unknown
    /// code as in [`Money::show`].
    pub fn show_with_code(minor: i64, code: &str, lang: Lang) -> String {
        match Currency::parse(code) {
            Ok(currency) => Money::new(minor, currency).format_with_code(lang),
            Err(_) => Self::unknown(minor, code, lang),
        }
    }

    fn unknown(minor: i64, code: &str, lang: Lang) -> String {
        let sign = if minor < 0 { "-" } else { "" };
        format!("{sign}{} {code}", number(minor, 2, lang, false))
    }
}

/// The unsigned digits of `minor` with `exponent` decimals and the language's decimal mark,
/// grouped by thousands if asked.
fn number(minor: i64, exponent: u32, lang: Lang, grouped: bool) -> String {
    let abs = minor.unsigned_abs();
    let scale = 10_u64.pow(exponent);
    let whole = (abs / scale).to_string();
    let whole = if grouped {
        group(&whole, lang.group_mark())
    } else {
        whole
    };
    if exponent == 0 {
        whole
    } else {
        format!(
            "{whole}{}{:0width$}",
            lang.decimal_mark(),
            abs % scale,
            width = exponent as usize
        )
    }
}

/// `1234567` → `1,234,567`.
fn group(digits: &str, mark: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

/// The digits of a whole part, its thousands marks checked and removed: the first group has one
/// to three digits, every later group exactly three (`1,234,567`, `1.234`); `None` if misplaced.
fn ungroup(whole: &str) -> Option<String> {
    let mut groups = whole.split(['.', ',']);
    let first = groups.next().unwrap_or_default();
    let mut digits = first.to_owned();
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        grouped = true;
        digits.push_str(g);
    }
    if grouped && (first.is_empty() || first.len() > 3) {
        return None;
    }
    Some(digits)
}

/// What was paid for `quantity` units at `unit_price_minor`, in minor units of the order's
/// currency: the most a refund of that line may give back. Saturates rather than wrapping on
/// absurd imports; a negative quantity is worth nothing.
pub fn line_paid(unit_price_minor: i64, quantity: i32) -> i64 {
    unit_price_minor.saturating_mul(i64::from(quantity.max(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_decimals_read_exactly() {
        let usd = Currency::parse("USD").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        let kwd = Currency::parse("KWD").unwrap();
        assert_eq!(Money::parse_decimal("89.99", usd).unwrap().minor(), 8999);
        assert_eq!(Money::parse_decimal("1.500", usd).unwrap().minor(), 150);
        assert_eq!(Money::parse_decimal("3", usd).unwrap().minor(), 300);
        assert_eq!(Money::parse_decimal("1500.0", jpy).unwrap().minor(), 1500);
        assert_eq!(Money::parse_decimal("1.500", kwd).unwrap().minor(), 1500);
        for bad in ["", "-1.00", "1,299.00", "1.", ".5", "1.2.3", "12 00", "1e3"] {
            assert!(Money::parse_decimal(bad, usd).is_err(), "{bad:?}");
        }
        assert!(Money::parse_decimal("1.999", usd).is_err());
        assert!(Money::parse_decimal("1500.5", jpy).is_err());
        assert!(Money::parse_decimal("99999999999999999999", usd).is_err());
    }

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    fn parse(raw: &str, code: &str) -> Result<i64, String> {
        Money::parse(raw, cur(code))
            .map(Money::minor)
            .map_err(|e| e.code.into_owned())
    }

    fn show(minor: i64, code: &str, lang: Lang) -> String {
        Money::new(minor, cur(code)).format(lang)
    }

    #[test]
    fn the_exponent_comes_from_iso_4217() {
        assert_eq!(cur("JPY").exponent(), 0);
        assert_eq!(cur("EUR").exponent(), 2);
        assert_eq!(cur("CAD").exponent(), 2);
        assert_eq!(cur("KWD").exponent(), 3);
        for bad in ["", "cad", "CA", "CADD", "ZZZ", "XAU", "XXX", " CAD"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            serde_json::to_string(&cur("KWD")).unwrap(),
            "\"KWD\"".to_owned()
        );
        assert!(serde_json::from_str::<Currency>("\"ABC\"").is_err());
    }

    #[test]
    fn reads_what_people_type_in_english_and_french() {
        assert_eq!(parse("49.90", "EUR"), Ok(4990));
        assert_eq!(parse("49,9", "EUR"), Ok(4990));
        assert_eq!(parse(" 12 ", "CAD"), Ok(1200));
        assert_eq!(parse("1,234.50", "CAD"), Ok(123_450));
        assert_eq!(parse("1\u{202f}234,50", "EUR"), Ok(123_450));
        assert_eq!(parse("1\u{a0}234,50", "EUR"), Ok(123_450));
        assert_eq!(parse("1 234,50", "EUR"), Ok(123_450));
        assert_eq!(parse("1.234,50", "EUR"), Ok(123_450));
        assert_eq!(parse("1,234,567", "CAD"), Ok(123_456_700));
        assert_eq!(parse("1,299", "CAD"), Ok(129_900));
        assert_eq!(parse(".5", "CAD"), Ok(50));
        assert_eq!(parse("0.01", "EUR"), Ok(1));
    }

    #[test]
    fn yen_have_no_decimals() {
        assert_eq!(parse("500", "JPY"), Ok(500), "not 50000");
        assert_eq!(parse("1,500", "JPY"), Ok(1500));
        assert_eq!(parse("1\u{202f}500", "JPY"), Ok(1500));
        assert_eq!(parse("500.5", "JPY"), Err("decimals".into()));
        assert_eq!(parse("500,00", "JPY"), Err("decimals".into()));
    }

    #[test]
    fn dinars_have_three_decimals() {
        assert_eq!(parse("1.500", "KWD"), Ok(1500), "not 150000");
        assert_eq!(parse("1,500", "KWD"), Ok(1500));
        assert_eq!(parse("1.5", "KWD"), Ok(1500));
        assert_eq!(parse("1,234.567", "KWD"), Ok(1_234_567));
        assert_eq!(parse("1\u{202f}234,567", "KWD"), Ok(1_234_567));
        assert_eq!(parse("1.2345", "KWD"), Err("decimals".into()));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "abc",
            "-5",
            "1.2.3",
            "12e3",
            ".",
            "4,99 €",
            "1,23,4",
            "1234,567.5",
            "1.23,45",
        ] {
            assert!(parse(bad, "EUR").is_err(), "{bad:?} should be refused");
        }
        assert_eq!(parse("  ", "EUR"), Err("required".into()));
        assert_eq!(parse("1.999", "CAD"), Ok(199_900), "three digits group");
        assert_eq!(parse("1.9999", "CAD"), Err("decimals".into()));
        assert_eq!(
            parse("999999999999999999999", "CAD"),
            Err("too_large".into())
        );
        let hint = Money::parse("x", cur("KWD")).unwrap_err();
        assert_eq!(hint.message.as_deref(), Some("use digits, such as 49.900"));
        let hint = Money::parse("5.5", cur("JPY")).unwrap_err();
        assert_eq!(
            hint.message.as_deref(),
            Some("JPY amounts have no decimals")
        );
    }

    #[test]
    fn shows_amounts_in_english() {
        assert_eq!(show(150, "CAD", Lang::En), "CA$1.50");
        assert_eq!(show(123_450, "CAD", Lang::En), "CA$1,234.50");
        assert_eq!(show(500, "JPY", Lang::En), "¥500");
        assert_eq!(show(1_500_000, "JPY", Lang::En), "¥1,500,000");
        assert_eq!(show(1500, "KWD", Lang::En), "KWD\u{a0}1.500");
        assert_eq!(show(4990, "EUR", Lang::En), "€49.90");
        assert_eq!(show(5, "USD", Lang::En), "US$0.05");
        assert_eq!(show(-250, "CAD", Lang::En), "-CA$2.50");
    }

    #[test]
    fn shows_amounts_in_french() {
        assert_eq!(show(150, "CAD", Lang::Fr), "1,50\u{a0}$CA");
        assert_eq!(show(123_450, "EUR", Lang::Fr), "1\u{202f}234,50\u{a0}€");
        assert_eq!(show(500, "JPY", Lang::Fr), "500\u{a0}¥");
        assert_eq!(show(1500, "KWD", Lang::Fr), "1,500\u{a0}KWD");
        assert_eq!(show(-250, "CAD", Lang::Fr), "-2,50\u{a0}$CA");
    }

    #[test]
    fn notes_name_the_code() {
        let m = Money::new(11_500, cur("CAD"));
        assert_eq!(m.format_with_code(Lang::En), "115.00 CAD");
        assert_eq!(m.format_with_code(Lang::Fr), "115,00 CAD");
        assert_eq!(
            Money::new(500, cur("JPY")).format_with_code(Lang::En),
            "500 JPY"
        );
    }

    #[test]
    fn stored_codes_show_even_when_unknown() {
        assert_eq!(Money::show(1500, "KWD", Lang::En), "KWD\u{a0}1.500");
        assert_eq!(Money::show_with_code(500, "JPY", Lang::Fr), "500 JPY");
        assert_eq!(Money::show(1500, "ZZZ", Lang::Fr), "15,00 ZZZ");
    }

    #[test]
    fn inputs_read_back_to_the_same_amount() {
        assert_eq!(Money::new(1500, cur("KWD")).input(), "1.500");
        assert_eq!(Money::new(500, cur("JPY")).input(), "500");
        assert_eq!(Money::new(4990, cur("EUR")).input(), "49.90");
        assert_eq!(Money::new(5, cur("CAD")).input(), "0.05");
        for code in ["JPY", "EUR", "CAD", "KWD"] {
            for minor in [0, 1, 99, 100, 1500, 4990, 123_456, 98_765_432] {
                let m = Money::new(minor, cur(code));
                assert_eq!(
                    Money::parse(&m.input(), m.currency()),
                    Ok(m),
                    "{code} input"
                );
                for lang in [Lang::En, Lang::Fr] {
                    // What is shown, without its currency mark, reads back too.
                    let shown = m.number(lang, true);
                    assert_eq!(
                        Money::parse(&shown, m.currency()),
                        Ok(m),
                        "{code} {lang:?} {shown:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn languages_from_tags() {
        assert_eq!(Lang::from_tag("fr"), Lang::Fr);
        assert_eq!(Lang::from_tag("fr-CA"), Lang::Fr);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn amounts_travel_as_minor_units_and_a_code() {
        let m = Money::new(500, cur("JPY"));
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"minor":500,"currency":"JPY"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Money>(r#"{"minor":5,"currency":"ZZZ"}"#).is_err());
    }

    #[test]
    fn a_line_is_worth_its_units() {
        assert_eq!(line_paid(2500, 3), 7500);
        assert_eq!(line_paid(2500, -1), 0);
        assert_eq!(line_paid(i64::MAX, 2), i64::MAX);
        assert_eq!(Money::new(1500, cur("KWD")).times(2).minor(), 3000);
    }
}
