//! The rate-table carrier: prices the merchant typed in (zones, weight bands, services), no
//! network. Zones are matched on the sender's address, which for a return is the shopper: the
//! table describes distances from the merchant's return address (see `default_rate_table`).

use super::{Carrier, CarrierError, LabelPurchase, Quote, Shipment, TrackingEvent};
use rebound_shared::api::carrier::{CarrierSettings, Zone, compact_postal};
use rebound_shared::api::orders::Address;

/// The implementation name stored beside a merchant's table.
pub const KIND: &str = "rate_table";

/// Tracking numbers are 16 digits: 15 random ones and a Luhn check digit, like the numbers
/// postal carriers print (and all digits, so the Code 128 barcode is compact).
pub const TRACKING_NUMBER_LEN: usize = 16;

#[derive(Debug, Clone)]
pub struct RateTableCarrier {
    table: CarrierSettings,
}

impl RateTableCarrier {
    /// `table` must have passed the shared validation (every price present, bands increasing).
    pub fn new(table: CarrierSettings) -> RateTableCarrier {
        RateTableCarrier { table }
    }

    /// The most specific zone for `address`: the longest matching postal-code prefix, else the
    /// country, else the fallback zone.
    pub fn zone_for(&self, address: &Address) -> Result<&Zone, CarrierError> {
        let postal = compact_postal(&address.postal_code);
        let score = |z: &Zone| -> Option<usize> {
            let by_prefix = z
                .postal_prefixes
                .iter()
                .filter(|p| p.country == address.country)
                .map(|p| compact_postal(&p.prefix))
                .filter(|p| postal.starts_with(p.as_str()))
                .map(|p| 100 + p.len())
                .max();
            by_prefix
                .or_else(|| z.countries.contains(&address.country).then_some(1))
                .or_else(|| z.fallback.then_some(0))
        };
        self.table
            .zones
            .iter()
            .filter_map(|z| score(z).map(|s| (s, z)))
            .max_by_key(|(s, _)| *s)
            .map(|(_, z)| z)
            .ok_or_else(|| CarrierError::NoZone {
                country: address.country.clone(),
                postal_code: address.postal_code.clone(),
            })
    }

    /// The upper limit of the band a parcel falls in (limits included).
    pub fn band_for(&self, weight_grams: u32) -> Result<u32, CarrierError> {
        let bands = &self.table.weight_bands;
        bands
            .iter()
            .map(|b| b.up_to_grams)
            .find(|up_to| weight_grams <= *up_to)
            .ok_or(CarrierError::TooHeavy {
                weight_grams,
                max_grams: bands.last().map(|b| b.up_to_grams).unwrap_or_default(),
            })
    }

    /// The cheapest service's price in each weight band for a parcel sent from `from`, as
    /// (band's upper limit in grams, price in minor units of the table's currency), lightest
    /// first: what a label will cost before the parcel is weighed.
    pub fn cheapest_by_band(&self, from: &Address) -> Result<Vec<(u32, i64)>, CarrierError> {
        let zone = self.zone_for(from)?;
        Ok(self
            .table
            .weight_bands
            .iter()
            .filter_map(|b| {
                self.table
                    .prices
                    .iter()
                    .filter(|p| p.zone == zone.code && p.up_to_grams == b.up_to_grams)
                    .map(|p| p.price_minor)
                    .min()
                    .map(|price| (b.up_to_grams, price))
            })
            .collect())
    }

    /// The table's currency.
    pub fn currency(&self) -> &str {
        &self.table.currency
    }

    fn quotes(&self, shipment: &Shipment) -> Result<Vec<Quote>, CarrierError> {
        let zone = self.zone_for(&shipment.from.address)?;
        let band = self.band_for(shipment.parcel.weight_grams)?;
        let mut quotes = self
            .table
            .services
            .iter()
            .map(|s| {
                let price = self
                    .table
                    .prices
                    .iter()
                    .find(|p| p.zone == zone.code && p.service == s.code && p.up_to_grams == band)
                    .ok_or_else(|| {
                        CarrierError::NoPrice(format!("{} / {} / {band} g", zone.code, s.code))
                    })?;
                Ok(Quote {
                    service: s.code.clone(),
                    service_name: s.name.clone(),
                    price_minor: price.price_minor,
                    currency: self.table.currency.clone(),
                    transit_days: s.transit_days,
                    zone: zone.name.clone(),
                })
            })
            .collect::<Result<Vec<_>, CarrierError>>()?;
        quotes.sort_by_key(|q| q.price_minor);
        Ok(quotes)
    }
}

impl Carrier for RateTableCarrier {
    fn name(&self) -> &str {
        &self.table.carrier_name
    }

    async fn quote(&self, shipment: &Shipment) -> Result<Vec<Quote>, CarrierError> {
        self.quotes(shipment)
    }

    async fn create_label(
        &self,
        shipment: &Shipment,
        service: &str,
    ) -> Result<LabelPurchase, CarrierError> {
        let quote = self
            .quotes(shipment)?
            .into_iter()
            .find(|q| q.service == service)
            .ok_or_else(|| CarrierError::UnknownService(service.to_owned()))?;
        Ok(LabelPurchase {
            tracking_number: new_tracking_number(),
            service: quote.service,
            service_name: quote.service_name,
            price_minor: quote.price_minor,
            currency: quote.currency,
        })
    }

    /// A rate table has no tracking feed of its own: scans of its parcels reach Rebound through
    /// the shipments API and are read from the database there. It can only tell its own
    /// numbers (check digit) from others, and reports no events for them.
    async fn track(&self, tracking_number: &str) -> Result<Vec<TrackingEvent>, CarrierError> {
        if is_tracking_number(tracking_number) {
            Ok(Vec::new())
        } else {
            Err(CarrierError::UnknownTrackingNumber(
                tracking_number.to_owned(),
            ))
        }
    }
}

/// 15 random digits (from the OS through a UUID v4) and a Luhn check digit. Uniqueness is
/// enforced by the database; a clash (one in 10^15 per pair) is retried by the caller.
pub fn new_tracking_number() -> String {
    let random = uuid::Uuid::new_v4().as_u128() % 10u128.pow(15);
    let body = format!("{random:015}");
    let check = luhn_check_digit(&body);
    format!("{body}{check}")
}

/// Whether `s` is 16 digits whose last one is the Luhn check digit of the others.
pub fn is_tracking_number(s: &str) -> bool {
    s.len() == TRACKING_NUMBER_LEN
        && s.chars().all(|c| c.is_ascii_digit())
        && s[TRACKING_NUMBER_LEN - 1..]
            == luhn_check_digit(&s[..TRACKING_NUMBER_LEN - 1]).to_string()
}

/// The Luhn digit to append to `digits` (every second digit from the right doubled).
fn luhn_check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carrier::{Parcel, Party};
    use rebound_shared::api::carrier::{PostalPrefix, default_rate_table};

    fn address(country: &str, postal_code: &str) -> Address {
        Address {
            line1: "1 Main Street".into(),
            line2: None,
            city: "Somewhere".into(),
            region: None,
            postal_code: postal_code.into(),
            country: country.into(),
        }
    }

    fn shipment(from: Address, weight_grams: u32) -> Shipment {
        Shipment {
            from: Party {
                name: "Olivia Tremblay".into(),
                address: from,
            },
            to: Party {
                name: "Maple & Co Returns".into(),
                address: address("CA", "H2X 1Y4"),
            },
            parcel: Parcel {
                weight_grams,
                length_cm: 30,
                width_cm: 20,
                height_cm: 10,
            },
        }
    }

    /// The default table around a Montréal return address (H2X).
    fn montreal() -> RateTableCarrier {
        RateTableCarrier::new(default_rate_table(Some("CA"), Some("H2X 1Y4")))
    }

    fn zone_code(c: &RateTableCarrier, country: &str, postal: &str) -> String {
        c.zone_for(&address(country, postal))
            .map(|z| z.code.clone())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn the_most_specific_zone_wins() {
        let c = montreal();
        assert_eq!(zone_code(&c, "CA", "H2X 3A1"), "local");
        assert_eq!(zone_code(&c, "CA", "h2x3a1"), "local");
        assert_eq!(zone_code(&c, "CA", "H3B 1A1"), "regional");
        assert_eq!(zone_code(&c, "CA", "M5V 2T6"), "national");
        assert_eq!(zone_code(&c, "US", "90210"), "us");
        assert_eq!(zone_code(&c, "FR", "75011"), "international");
        // "H" is a prefix in Canada only: a French "H…" code is not regional.
        assert_eq!(zone_code(&c, "FR", "H2X"), "international");
    }

    #[test]
    fn a_longer_prefix_beats_a_shorter_one_in_any_zone_order() {
        let mut table = default_rate_table(Some("CA"), Some("H2X 1Y4"));
        // Put the regional zone (prefix "H") first: the local "H2X" still wins.
        table.zones.swap(0, 1);
        table.zones[0].postal_prefixes.push(PostalPrefix {
            country: "CA".into(),
            prefix: "H2".into(),
        });
        let c = RateTableCarrier::new(table);
        assert_eq!(zone_code(&c, "CA", "H2X 9Z9"), "local");
        assert_eq!(zone_code(&c, "CA", "H2Y 1A1"), "regional");
    }

    #[test]
    fn an_address_no_zone_covers_is_a_clear_error() {
        let mut table = default_rate_table(Some("CA"), Some("H2X 1Y4"));
        table.zones.retain(|z| !z.fallback);
        let c = RateTableCarrier::new(table);
        let err = c.zone_for(&address("JP", "100-0001")).err();
        assert_eq!(
            err,
            Some(CarrierError::NoZone {
                country: "JP".into(),
                postal_code: "100-0001".into()
            })
        );
        assert!(err.is_some_and(|e| e.to_string().contains("JP 100-0001")));
    }

    #[test]
    fn band_edges_are_included_in_their_band() {
        let c = montreal();
        assert_eq!(c.band_for(0), Ok(500));
        assert_eq!(c.band_for(500), Ok(500));
        assert_eq!(c.band_for(501), Ok(1000));
        assert_eq!(c.band_for(30000), Ok(30000));
        assert_eq!(
            c.band_for(30001),
            Err(CarrierError::TooHeavy {
                weight_grams: 30001,
                max_grams: 30000
            })
        );
    }

    #[tokio::test]
    async fn quotes_every_service_cheapest_first() {
        let c = montreal();
        let quotes = c
            .quote(&shipment(address("CA", "H2X 3A1"), 500))
            .await
            .unwrap_or_default();
        let summary: Vec<(&str, i64)> = quotes
            .iter()
            .map(|q| (q.service.as_str(), q.price_minor))
            .collect();
        assert_eq!(summary, vec![("regular", 1099), ("expedited", 1489)]);
        assert!(
            quotes
                .iter()
                .all(|q| q.currency == "CAD" && q.zone == "Local")
        );
        let heavier = c
            .quote(&shipment(address("CA", "H2X 3A1"), 501))
            .await
            .unwrap_or_default();
        assert!(heavier[0].price_minor > quotes[0].price_minor);
    }

    #[tokio::test]
    async fn the_cheapest_price_per_band_is_what_a_quote_of_that_weight_starts_at() {
        let c = montreal();
        let from = address("CA", "H2X 3A1");
        let bands = c.cheapest_by_band(&from).unwrap_or_default();
        assert!(!bands.is_empty());
        for (up_to, price) in &bands {
            let quotes = c
                .quote(&shipment(from.clone(), *up_to))
                .await
                .unwrap_or_default();
            assert_eq!(
                quotes.first().map(|q| q.price_minor),
                Some(*price),
                "{up_to} g"
            );
        }
        assert!(bands.windows(2).all(|w| w[0].0 < w[1].0), "lightest first");
        assert_eq!(c.currency(), "CAD");
    }

    #[tokio::test]
    async fn labels_get_fresh_valid_tracking_numbers() {
        let c = montreal();
        let s = shipment(address("CA", "M5V 2T6"), 1200);
        let a = c.create_label(&s, "expedited").await;
        let b = c.create_label(&s, "expedited").await;
        let (Ok(a), Ok(b)) = (a, b) else {
            panic!("labels should be bought");
        };
        assert_ne!(a.tracking_number, b.tracking_number);
        assert!(
            is_tracking_number(&a.tracking_number),
            "{}",
            a.tracking_number
        );
        assert_eq!(a.service_name, "Expedited Parcel");
        assert_eq!(
            c.create_label(&s, "overnight").await,
            Err(CarrierError::UnknownService("overnight".into()))
        );
        assert_eq!(c.track(&a.tracking_number).await, Ok(Vec::new()));
    }

    #[tokio::test]
    async fn check_digits_catch_typos() {
        let good = new_tracking_number();
        assert_eq!(good.len(), 16);
        // A known Luhn example: 7992739871 has check digit 3.
        assert_eq!(luhn_check_digit("7992739871"), 3);
        let mut typo: Vec<char> = good.chars().collect();
        typo[3] = if typo[3] == '1' { '2' } else { '1' };
        let typo: String = typo.into_iter().collect();
        assert!(!is_tracking_number(&typo));
        assert!(montreal().track(&typo).await.is_err());
        assert!(!is_tracking_number("ABCDEFGHIJKLMNOP"));
    }
}
