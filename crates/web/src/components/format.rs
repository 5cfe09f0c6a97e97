//! Moments and amounts as the viewer reads them: their time zone, the interface language's
//! conventions.

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

/// An amount in minor units, such as "CA$289.00" or "289,00 $ CA".
pub fn money(minor: i64, currency: &str, locale: Locale) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
    let locales = js_sys::Array::of1(&intl_tag(locale).into());
    let formatter = js_sys::Intl::NumberFormat::new(&locales, &options);
    let amount = JsValue::from_f64(minor as f64 / 100.0);
    formatter
        .format()
        .call1(&JsValue::NULL, &amount)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{:.2} {currency}", minor as f64 / 100.0))
}
