//! Where an order is: the order's stage and the kinds of carrier tracking events.

use serde::{Deserialize, Serialize};

/// An order's stage, as shown by the portal's progress bar. It follows its shipments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl OrderStatus {
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
