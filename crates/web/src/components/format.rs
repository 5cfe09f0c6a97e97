//! Moments as the viewer reads them: their time zone, the interface language's conventions.
//! Amounts are `rebound_shared::domain::Money`'s, the same as in mails.

use chrono::{DateTime, Utc};
use wasm_bindgen::JsValue;

use crate::i18n::Locale;

/// The browser's own tag (`fr-CA`, `en-GB`) when it speaks the interface language, so dates
/// follow the viewer's region; else the bare language.
fn intl_tag(locale: Locale) -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|tag| Locale::from_tag(tag) == Some(locale))
        .unwrap_or_else(|| locale.tag().to_owned())
}

fn format(at: &DateTime<Utc>, locale: Locale, options: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let settings = js_sys::Object::new();
    for (name, value) in options {
        let _ = js_sys::Reflect::set(&settings, &(*name).into(), &(*value).into());
    }
    String::from(date.to_locale_string(&intl_tag(locale), &settings))
}

/// Date and time, such as "12 Mar 2026, 14:05".
pub fn date_time(at: &DateTime<Utc>, locale: Locale) -> String {
    format(
        at,
        locale,
        &[("dateStyle", "medium"), ("timeStyle", "short")],
    )
}

/// The date alone, such as "Thursday, 12 March".
pub fn long_date(at: &DateTime<Utc>, locale: Locale) -> String {
    format(
        at,
        locale,
        &[("weekday", "long"), ("day", "numeric"), ("month", "long")],
    )
}

/// The date alone, short: "12 Mar 2026".
pub fn short_date(at: &DateTime<Utc>, locale: Locale) -> String {
    format(at, locale, &[("dateStyle", "medium")])
}

/// Machine-readable, for `<time datetime>`.
pub fn iso(at: &DateTime<Utc>) -> String {
    at.to_rfc3339()
}
