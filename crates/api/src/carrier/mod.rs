//! One interface for carriers: quote a parcel, buy its label, follow it. The rate-table carrier
//! (prices a merchant types in, no network) is the first implementation; a carrier with an API
//! implements the same trait, which is why its methods are async.

pub mod rate_table;

pub use rate_table::RateTableCarrier;

use chrono::{DateTime, Utc};
use rebound_shared::api::orders::Address;
use rebound_shared::domain::TrackingEventKind;
use std::future::Future;

/// A parcel as the carrier sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parcel {
    pub weight_grams: u32,
    pub length_cm: u32,
    pub width_cm: u32,
    pub height_cm: u32,
}

/// A name at an address: the sender or the recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub name: String,
    pub address: Address,
}

/// A parcel going from one party to another. For a return, `from` is the shopper and `to`
/// the merchant's return address.
#[derive(Debug, Clone, PartialEq)]
pub struct Shipment {
    pub from: Party,
    pub to: Party,
    pub parcel: Parcel,
}

/// The price of one service for a shipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub service: String,
    pub service_name: String,
    /// Integer minor units in `currency`.
    pub price_minor: i64,
    pub currency: String,
    pub transit_days: u32,
    /// The carrier's name for where the parcel is going (or coming from).
    pub zone: String,
}

/// A label bought from a carrier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelPurchase {
    pub tracking_number: String,
    pub service: String,
    pub service_name: String,
    pub price_minor: i64,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingEvent {
    pub kind: TrackingEventKind,
    pub description: String,
    pub location: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

/// Why a carrier cannot do what was asked; each names what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CarrierError {
    #[error(
        "the carrier does not serve {country} {postal_code}: add a zone for it or a fallback zone"
    )]
    NoZone {
        country: String,
        postal_code: String,
    },
    #[error("the parcel weighs {weight_grams} g, over the carrier's {max_grams} g limit")]
    TooHeavy { weight_grams: u32, max_grams: u32 },
    #[error("the carrier has no service {0}")]
    UnknownService(String),
    #[error("{0} is not a tracking number of this carrier")]
    UnknownTrackingNumber(String),
    #[error("the carrier's table has no price for {0}")]
    NoPrice(String),
}

/// What every carrier does. Futures are `Send` so handlers can await them on any worker.
pub trait Carrier {
    /// The name printed on labels.
    fn name(&self) -> &str;

    /// Every service's price for this shipment, cheapest first.
    fn quote(
        &self,
        shipment: &Shipment,
    ) -> impl Future<Output = Result<Vec<Quote>, CarrierError>> + Send;

    /// Buys a label for `service` and returns its tracking number and price.
    fn create_label(
        &self,
        shipment: &Shipment,
        service: &str,
    ) -> impl Future<Output = Result<LabelPurchase, CarrierError>> + Send;

    /// What the carrier reports about a parcel, oldest first.
    fn track(
        &self,
        tracking_number: &str,
    ) -> impl Future<Output = Result<Vec<TrackingEvent>, CarrierError>> + Send;
}
