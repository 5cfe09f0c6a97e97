//! Where an order is: the order's stage and the kinds of carrier tracking events.

use serde::{Deserialize, Serialize};

/// An order's stage, as shown by the portal's progress bar. It follows its shipments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, nothing shipped yet: the address may still be changed.
    Unfulfilled,
    /// A label exists or the parcel is moving.
    InTransit,
    OutForDelivery,
    Delivered,
    /// The carrier reported a problem.
    Exception,
}

/// One carrier scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum TrackingEventKind {
    LabelCreated,
    InTransit,
    OutForDelivery,
    Delivered,
    Exception,
}

impl TrackingEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TrackingEventKind::LabelCreated => "label_created",
            TrackingEventKind::InTransit => "in_transit",
            TrackingEventKind::OutForDelivery => "out_for_delivery",
            TrackingEventKind::Delivered => "delivered",
            TrackingEventKind::Exception => "exception",
        }
    }

    /// The order stage this event puts a shipment in.
    pub fn stage(self) -> OrderStatus {
        match self {
            TrackingEventKind::LabelCreated | TrackingEventKind::InTransit => {
                OrderStatus::InTransit
            }
            TrackingEventKind::OutForDelivery => OrderStatus::OutForDelivery,
            TrackingEventKind::Delivered => OrderStatus::Delivered,
            TrackingEventKind::Exception => OrderStatus::Exception,
        }
    }
}

impl TrackingEventKind {
    pub const ALL: [TrackingEventKind; 5] = [
        TrackingEventKind::LabelCreated,
        TrackingEventKind::InTransit,
        TrackingEventKind::OutForDelivery,
        TrackingEventKind::Delivered,
        TrackingEventKind::Exception,
    ];

    pub fn parse(s: &str) -> Option<TrackingEventKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What a scan without the carrier's own words says, in English for integrators; the
    /// apps show their own translation of the kind instead of this text.
    pub fn default_description(self) -> &'static str {
        match self {
            TrackingEventKind::LabelCreated => "Shipping label created",
            TrackingEventKind::InTransit => "In transit",
            TrackingEventKind::OutForDelivery => "Out for delivery",
            TrackingEventKind::Delivered => "Delivered",
            TrackingEventKind::Exception => "Delivery exception",
        }
    }
}

/// The carrier's public tracking page for a parcel, for the carriers we know.
pub fn carrier_tracking_url(carrier: &str, tracking_number: &str) -> Option<String> {
    let n = tracking_number.trim();
    let url = match carrier.trim().to_lowercase().as_str() {
        "canada post" | "canadapost" | "postes canada" => {
            format!(
                "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}"
            )
        }
        "ups" => format!("https://www.ups.com/track?tracknum={n}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={n}"),
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={n}"),
        "dhl" => format!("https://www.dhl.com/en/express/tracking.html?AWB={n}"),
        "la poste" | "colissimo" => {
            format!("https://www.laposte.fr/outils/suivre-vos-envois?code={n}")
        }
        _ => return None,
    };
    Some(url)
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 5] = [
        OrderStatus::Unfulfilled,
        OrderStatus::InTransit,
        OrderStatus::OutForDelivery,
        OrderStatus::Delivered,
        OrderStatus::Exception,
    ];

    pub fn parse(s: &str) -> Option<OrderStatus> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Unfulfilled => "unfulfilled",
            OrderStatus::InTransit => "in_transit",
            OrderStatus::OutForDelivery => "out_for_delivery",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Exception => "exception",
        }
    }

    /// An order with several shipments is as far along as its least advanced one, except that
    /// any exception shows (the shopper should know something needs attention).
    pub fn of_shipments(stages: impl IntoIterator<Item = OrderStatus>) -> OrderStatus {
        let stages: Vec<_> = stages.into_iter().collect();
        if stages.contains(&OrderStatus::Exception) {
            return OrderStatus::Exception;
        }
        stages.into_iter().min().unwrap_or(OrderStatus::Unfulfilled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_follows_its_least_advanced_shipment() {
        use OrderStatus::*;
        assert_eq!(OrderStatus::of_shipments([]), Unfulfilled);
        assert_eq!(OrderStatus::of_shipments([Delivered, InTransit]), InTransit);
        assert_eq!(OrderStatus::of_shipments([Delivered, Delivered]), Delivered);
        assert_eq!(OrderStatus::of_shipments([Delivered, Exception]), Exception);
    }
}
