//! The carrier a merchant ships returns with (today: a rate table of zones, weight bands and
//! services), shipping estimates for a return, and its return label.
//!
//! Zones are matched on the shopper's address (where the parcel leaves from): the destination
//! is always the merchant's return address, so "local" means "near the return address". The
//! default table is built around that address (see `default_rate_table`).

use crate::domain::validate_country;
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// The largest parcel a band may describe (70 kg, a courier's usual limit).
pub const MAX_BAND_GRAMS: u32 = 70_000;

/// A merchant's rate-table carrier: every price for every (zone, service, weight band).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[validate(schema(function = "consistent_table", skip_on_field_errors = true))]
pub struct CarrierSettings {
    /// Printed on labels and shown beside estimates.
    #[validate(length(min = 1, max = limits::RATE_NAME, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub carrier_name: String,
    /// ISO 4217 code of every price in the table.
    #[validate(custom(function = "validate_currency"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::currency))]
    pub currency: String,
    #[validate(length(min = 1, max = 10, message = "offer 1 to 10 services"), nested)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 10))]
    pub services: Vec<ServiceLevel>,
    /// Matched most specific first: a postal-code prefix (longest first), then a country,
    /// then the fallback zone.
    #[validate(length(min = 1, max = 50, message = "define 1 to 50 zones"), nested)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub zones: Vec<Zone>,
    /// Increasing upper limits; a parcel falls in the first band it fits (limits included).
    #[validate(
        length(min = 1, max = 20, message = "define 1 to 20 weight bands"),
        nested
    )]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub weight_bands: Vec<WeightBand>,
    /// Exactly one price per (zone, service, band).
    #[validate(length(max = 10000, message = "at most 10000 prices"), nested)]
    #[cfg_attr(feature = "openapi", schema(max_items = 10000))]
    pub prices: Vec<RatePrice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceLevel {
    /// A stable code such as `regular` or `expedited`, sent back to buy a label.
    #[validate(custom(function = "validate_code"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::rate_code))]
    pub code: String,
    #[validate(length(min = 1, max = limits::RATE_NAME, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub name: String,
    /// Business days in transit, shown to staff beside the price.
    #[validate(range(min = 1, max = 60, message = "use 1 to 60 days"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 60))]
    pub transit_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Zone {
    #[validate(custom(function = "validate_code"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::rate_code))]
    pub code: String,
    #[validate(length(min = 1, max = limits::RATE_NAME, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub name: String,
    /// Whole countries (ISO 3166-1 alpha-2).
    #[serde(default)]
    #[validate(custom(function = "validate_countries"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::countries))]
    pub countries: Vec<String>,
    /// Postal codes starting with a prefix, in a country.
    #[serde(default)]
    #[validate(length(max = 500, message = "at most 500 prefixes"), nested)]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub postal_prefixes: Vec<PostalPrefix>,
    /// Matches any address no other zone matches (at most one zone).
    #[serde(default)]
    pub fallback: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostalPrefix {
    #[validate(custom(function = "validate_country"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::country))]
    pub country: String,
    /// Compared without spaces and case: `h2x` matches `H2X 1Y4`.
    #[validate(custom(function = "validate_prefix"))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[ \t\n\r]*(?:[A-Za-z0-9-][ \t\n\r]*){1,10}$")
    )]
    pub prefix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeightBand {
    #[validate(range(min = 1, max = 70000, message = "use 1 to 70000 grams"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 70000))]
    pub up_to_grams: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatePrice {
    pub zone: String,
    pub service: String,
    /// The `up_to_grams` of the band this price is for.
    pub up_to_grams: u32,
    /// Integer minor units (cents) in the table's currency.
    #[validate(range(min = 0, max = 10000000, message = "use 0 to 10000000"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000000))]
    pub price_minor: i64,
}

/// Prefixes are compared in this form.
pub fn compact_postal(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// A known ISO 4217 code: the amounts that follow are read with its exponent.
fn validate_currency(raw: &str) -> Result<(), ValidationError> {
    crate::domain::Currency::parse(raw).map(|_| ())
}

/// `validate_code`'s rule as an OpenAPI `pattern`.
pub const CODE_PATTERN: &str = "^[a-z0-9_]{1,32}$";

fn validate_code(raw: &str) -> Result<(), ValidationError> {
    let ok = (1..=32).contains(&raw.len())
        && raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(crate::domain::rule(
            "code",
            "use 1 to 32 lower-case letters, digits or _",
        ))
    }
}

fn validate_countries(items: &[String]) -> Result<(), ValidationError> {
    items.iter().try_for_each(|c| validate_country(c))
}

fn validate_prefix(raw: &str) -> Result<(), ValidationError> {
    let compact = compact_postal(raw);
    let ok = (1..=10).contains(&compact.len())
        && compact
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(crate::domain::rule(
            "prefix",
            "use 1 to 10 letters or digits of a postal code",
        ))
    }
}

/// An error about one field of the table, reported under that field's path.
fn at(field: String, code: &'static str, message: String) -> ValidationError {
    let mut e = crate::domain::rule_owned(code, message);
    e.add_param("field".into(), &field);
    e
}

/// The rules across fields: unique codes, one fallback, no address in two zones, increasing
/// bands, and a price for every (zone, service, band) exactly once.
fn consistent_table(t: &CarrierSettings) -> Result<(), ValidationError> {
    first_duplicate(t.services.iter().map(|s| s.code.as_str())).map_or(Ok(()), |i| {
        Err(at(
            format!("services[{i}].code"),
            "duplicate",
            "each service code once".into(),
        ))
    })?;
    first_duplicate(t.zones.iter().map(|z| z.code.as_str())).map_or(Ok(()), |i| {
        Err(at(
            format!("zones[{i}].code"),
            "duplicate",
            "each zone code once".into(),
        ))
    })?;
    check_zones(&t.zones)?;
    for (i, pair) in t.weight_bands.windows(2).enumerate() {
        if pair[1].up_to_grams <= pair[0].up_to_grams {
            return Err(at(
                format!("weight_bands[{}].up_to_grams", i + 1),
                "not_increasing",
                "each weight band must be heavier than the one before".into(),
            ));
        }
    }
    check_prices(t)
}

fn check_zones(zones: &[Zone]) -> Result<(), ValidationError> {
    let mut fallback_seen = false;
    let mut countries = HashSet::new();
    let mut prefixes = HashSet::new();
    for (i, z) in zones.iter().enumerate() {
        if z.fallback {
            if fallback_seen {
                return Err(at(
                    format!("zones[{i}].fallback"),
                    "duplicate",
                    "only one zone may be the fallback".into(),
                ));
            }
            fallback_seen = true;
        }
        if !z.fallback && z.countries.is_empty() && z.postal_prefixes.is_empty() {
            return Err(at(
                format!("zones[{i}].countries"),
                "empty",
                "list countries or postal-code prefixes, or make it the fallback".into(),
            ));
        }
        for c in &z.countries {
            if !countries.insert(c.as_str()) {
                return Err(at(
                    format!("zones[{i}].countries"),
                    "overlap",
                    format!("{c} is already in another zone"),
                ));
            }
        }
        for (j, p) in z.postal_prefixes.iter().enumerate() {
            if !prefixes.insert((p.country.clone(), compact_postal(&p.prefix))) {
                return Err(at(
                    format!("zones[{i}].postal_prefixes[{j}]"),
                    "overlap",
                    format!("{} {} is already listed", p.country, p.prefix),
                ));
            }
        }
    }
    Ok(())
}

fn check_prices(t: &CarrierSettings) -> Result<(), ValidationError> {
    let mut seen = HashSet::new();
    for (i, p) in t.prices.iter().enumerate() {
        let unknown = |field: &str, what: &str| {
            Err(at(
                format!("prices[{i}].{field}"),
                "unknown",
                format!("no {what} {}", p_value(p, field)),
            ))
        };
        if !t.zones.iter().any(|z| z.code == p.zone) {
            return unknown("zone", "zone");
        }
        if !t.services.iter().any(|s| s.code == p.service) {
            return unknown("service", "service");
        }
        if !t
            .weight_bands
            .iter()
            .any(|b| b.up_to_grams == p.up_to_grams)
        {
            return unknown("up_to_grams", "weight band up to");
        }
        if !seen.insert((p.zone.as_str(), p.service.as_str(), p.up_to_grams)) {
            return Err(at(
                format!("prices[{i}]"),
                "duplicate",
                "this zone, service and band already have a price".into(),
            ));
        }
    }
    for z in &t.zones {
        for s in &t.services {
            for b in &t.weight_bands {
                if !seen.contains(&(z.code.as_str(), s.code.as_str(), b.up_to_grams)) {
                    return Err(at(
                        "prices".into(),
                        "missing",
                        format!(
                            "no price for zone {}, service {}, up to {} g",
                            z.code, s.code, b.up_to_grams
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn p_value(p: &RatePrice, field: &str) -> String {
    match field {
        "zone" => p.zone.clone(),
        "service" => p.service.clone(),
        _ => format!("{} g", p.up_to_grams),
    }
}

/// The index of the first item equal to an earlier one.
fn first_duplicate<'a>(items: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut seen = HashSet::new();
    items
        .enumerate()
        .find_map(|(i, item)| (!seen.insert(item)).then_some(i))
}

/// A Canada Post-like table around the merchant's return address, in CAD:
/// - `local`: same forward sortation area (first three characters of the postal code),
/// - `regional`: same first character (the postal district: a province or part of one),
/// - `national`: the rest of the return address's country,
/// - `us`: the United States (left out when the return address is in the US),
/// - `international`: everywhere else (the fallback).
///
/// Services "Regular Parcel" and "Expedited Parcel"; bands 0.5, 1, 2, 5, 10 and 30 kg.
/// Without a return address yet, the table is built for Canada without the local and
/// regional zones.
pub fn default_rate_table(
    return_country: Option<&str>,
    return_postal: Option<&str>,
) -> CarrierSettings {
    let country = return_country.unwrap_or("CA").to_owned();
    let postal = return_postal.map(compact_postal).unwrap_or_default();
    let mut zones = Vec::new();
    let prefix = |n: usize| PostalPrefix {
        country: country.clone(),
        prefix: postal.chars().take(n).collect(),
    };
    if postal.len() >= 3 {
        zones.push(zone("local", "Local", vec![], vec![prefix(3)]));
        zones.push(zone("regional", "Regional", vec![], vec![prefix(1)]));
    }
    zones.push(zone("national", "National", vec![country.clone()], vec![]));
    if country != "US" {
        zones.push(zone("us", "United States", vec!["US".into()], vec![]));
    }
    let mut international = zone("international", "International", vec![], vec![]);
    international.fallback = true;
    zones.push(international);

    let services = vec![
        ServiceLevel {
            code: "regular".into(),
            name: "Regular Parcel".into(),
            transit_days: 7,
        },
        ServiceLevel {
            code: "expedited".into(),
            name: "Expedited Parcel".into(),
            transit_days: 3,
        },
    ];
    let bands = [500, 1000, 2000, 5000, 10000, 30000];
    // Percent of the 0.5 kg price, per band; expedited costs 35% more.
    let band_factor = [100, 115, 140, 200, 300, 550];
    let mut prices = Vec::new();
    for z in &zones {
        let base: i64 = match z.code.as_str() {
            "local" => 1099,
            "regional" => 1349,
            "national" => 1899,
            "us" => 2299,
            _ => 3999,
        };
        for s in &services {
            let service_factor = if s.code == "expedited" { 135 } else { 100 };
            for (band, factor) in bands.iter().zip(band_factor) {
                // Rounded down to the ten cents, ending in 9 as carriers' prices do.
                let raw = base * factor * service_factor / 10_000;
                prices.push(RatePrice {
                    zone: z.code.clone(),
                    service: s.code.clone(),
                    up_to_grams: *band,
                    price_minor: raw / 10 * 10 + 9,
                });
            }
        }
    }
    CarrierSettings {
        carrier_name: "Parcel Post".into(),
        currency: "CAD".into(),
        services,
        zones,
        weight_bands: bands.map(|up_to_grams| WeightBand { up_to_grams }).to_vec(),
        prices,
    }
}

fn zone(
    code: &str,
    name: &str,
    countries: Vec<String>,
    postal_prefixes: Vec<PostalPrefix>,
) -> Zone {
    Zone {
        code: code.into(),
        name: name.into(),
        countries,
        postal_prefixes,
        fallback: false,
    }
}

/// One service's price for a return's parcel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateQuote {
    pub service: String,
    pub service_name: String,
    pub price_minor: i64,
    pub currency: String,
    pub transit_days: u32,
}

/// What shipping a return back would cost, per service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingEstimate {
    pub return_id: Uuid,
    pub carrier: String,
    /// The zone the shopper's address falls in.
    pub zone: String,
    /// Estimated from the items (see the service's default item weight).
    pub weight_grams: u32,
    pub quotes: Vec<RateQuote>,
}

/// Buy a return label. Asking again returns the same label; `reissue` replaces it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"service": "regular"})))]
pub struct IssueLabel {
    #[validate(custom(function = "validate_code"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::rate_code))]
    pub service: String,
    /// Void the current label and buy a new one (for example another service).
    #[serde(default)]
    pub reissue: bool,
}

/// A return's label. `pdf_url` and `qr_url` are signed links that work without signing in
/// (for the shopper, in an email) until `links_expire_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelView {
    pub id: Uuid,
    pub return_id: Uuid,
    pub return_number: String,
    pub carrier: String,
    pub service: String,
    pub service_name: String,
    pub tracking_number: String,
    pub price_minor: i64,
    pub currency: String,
    pub weight_grams: u32,
    pub created_at: DateTime<Utc>,
    pub pdf_url: String,
    pub qr_url: String,
    pub links_expire_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(t: &CarrierSettings) -> Vec<(String, String)> {
        let Err(errors) = t.validate() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (field, list) in errors.field_errors() {
            for e in list {
                let named = e
                    .params
                    .get("field")
                    .and_then(|f| f.as_str().map(str::to_owned))
                    .unwrap_or_else(|| field.to_string());
                out.push((named, e.code.to_string()));
            }
        }
        out
    }

    fn table() -> CarrierSettings {
        default_rate_table(Some("CA"), Some("H2X 1Y4"))
    }

    #[test]
    fn the_default_tables_are_valid() {
        assert_eq!(field_of(&table()), vec![]);
        assert_eq!(field_of(&default_rate_table(None, None)), vec![]);
        let us = default_rate_table(Some("US"), Some("90210"));
        assert_eq!(field_of(&us), vec![]);
        assert!(!us.zones.iter().any(|z| z.code == "us"));
        let t = table();
        assert_eq!(t.zones[0].postal_prefixes[0].prefix, "H2X");
        assert_eq!(t.zones[1].postal_prefixes[0].prefix, "H");
        assert_eq!(t.prices.len(), 5 * 2 * 6);
    }

    #[test]
    fn default_prices_grow_with_weight_distance_and_speed() {
        let t = table();
        let price = |zone: &str, service: &str, band: u32| {
            t.prices
                .iter()
                .find(|p| p.zone == zone && p.service == service && p.up_to_grams == band)
                .map(|p| p.price_minor)
                .unwrap_or_default()
        };
        assert_eq!(price("local", "regular", 500), 1099);
        assert!(price("local", "regular", 1000) > price("local", "regular", 500));
        assert!(price("national", "regular", 500) > price("regional", "regular", 500));
        assert!(price("local", "expedited", 500) > price("local", "regular", 500));
    }

    #[test]
    fn bands_must_increase() {
        let mut t = table();
        t.weight_bands[2].up_to_grams = 1000;
        assert_eq!(
            field_of(&t),
            vec![(
                "weight_bands[2].up_to_grams".to_owned(),
                "not_increasing".to_owned()
            )]
        );
    }

    #[test]
    fn every_price_must_be_present_once() {
        let mut t = table();
        t.prices.pop();
        assert_eq!(
            field_of(&t),
            vec![("prices".to_owned(), "missing".to_owned())]
        );
        let mut t = table();
        let copy = t.prices[0].clone();
        t.prices.push(copy);
        let n = t.prices.len() - 1;
        assert_eq!(
            field_of(&t),
            vec![(format!("prices[{n}]"), "duplicate".to_owned())]
        );
        let mut t = table();
        t.prices[3].zone = "moon".into();
        assert_eq!(
            field_of(&t),
            vec![("prices[3].zone".to_owned(), "unknown".to_owned())]
        );
    }

    #[test]
    fn no_address_in_two_zones() {
        let mut t = table();
        // "h2x" is the local prefix written differently: still the same prefix.
        t.zones[1].postal_prefixes.push(PostalPrefix {
            country: "CA".into(),
            prefix: "h2 x".into(),
        });
        assert_eq!(
            field_of(&t),
            vec![(
                "zones[1].postal_prefixes[1]".to_owned(),
                "overlap".to_owned()
            )]
        );
        let mut t = table();
        t.zones[3].countries.push("CA".into());
        assert_eq!(
            field_of(&t),
            vec![("zones[3].countries".to_owned(), "overlap".to_owned())]
        );
        let mut t = table();
        t.zones[0].fallback = true;
        assert_eq!(
            field_of(&t),
            vec![("zones[4].fallback".to_owned(), "duplicate".to_owned())]
        );
    }

    #[test]
    fn field_rules_name_their_field() {
        let mut t = table();
        t.services[1].code = "Expedited!".into();
        t.currency = "cad".into();
        let mut fields: Vec<String> = t
            .validate()
            .err()
            .map(|e| e.errors().keys().map(|k| k.to_string()).collect())
            .unwrap_or_default();
        fields.sort();
        assert_eq!(fields, vec!["currency".to_owned(), "services".to_owned()]);
        let mut t = table();
        t.services[1].code = "regular".into();
        assert_eq!(
            field_of(&t),
            vec![("services[1].code".to_owned(), "duplicate".to_owned())]
        );
    }
}
