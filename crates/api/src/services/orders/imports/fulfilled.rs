//! The fulfilment columns of a row: Shopify's `Fulfillment Status` and `Fulfilled at`,
//! WooCommerce's `Order Status` and `Date completed`, a plain `Delivered at`; what they make
//! of the order (not shipped, shipped, delivered) and since when.

use super::cells;
use crate::services::orders::fulfilment::Mark;
use chrono::{DateTime, Utc};
use rebound_shared::api::fulfilment::FulfilmentStage;
use rebound_shared::api::imports::ImportField;

/// What a status cell says, whatever the shop system's words for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Blank,
    NotShipped,
    Shipped,
    Delivered,
}

const STATUS_HELP: &str = "use Shopify's fulfilled, partial, unfulfilled or restocked, or \
    WooCommerce's completed, processing, on-hold, pending, cancelled, refunded or failed";

/// Shopify's fulfilment statuses, WooCommerce's order statuses (with or without their `wc-`
/// prefix, as stored or as shown) and their French labels, lowercased without accents,
/// spaces or dashes.
fn said(raw: &str) -> Result<Said, String> {
    let key = super::suggest::normalise_header(raw);
    let key = key
        .strip_prefix("wc")
        .filter(|_| raw.trim().starts_with("wc-"))
        .unwrap_or(&key);
    Ok(match key {
        "" => Said::Blank,
        "fulfilled"
        | "partial"
        | "partiallyfulfilled"
        | "shipped"
        | "partiallyshipped"
        | "completed"
        | "complete"
        | "dispatched"
        | "sent"
        | "intransit"
        | "traite"
        | "traitee"
        | "partiel"
        | "partiellementtraite"
        | "partiellementtraitee"
        | "expedie"
        | "expediee"
        | "envoye"
        | "envoyee"
        | "termine"
        | "terminee" => Said::Shipped,
        "delivered" | "livre" | "livree" => Said::Delivered,
        "unfulfilled"
        | "restocked"
        | "processing"
        | "onhold"
        | "pending"
        | "pendingpayment"
        | "cancelled"
        | "canceled"
        | "refunded"
        | "failed"
        | "draft"
        | "checkoutdraft"
        | "open"
        | "scheduled"
        | "onholdfulfillment"
        | "unshipped"
        | "notshipped"
        | "nontraite"
        | "nontraitee"
        | "encours"
        | "enattente"
        | "enattentedepaiement"
        | "annule"
        | "annulee"
        | "rembourse"
        | "remboursee"
        | "echoue"
        | "echouee"
        | "brouillon"
        | "restocke" => Said::NotShipped,
        _ => {
            return Err(format!(
                "\"{}\" is not a fulfilment status we know: {STATUS_HELP}",
                cells::clip(raw.trim())
            ));
        }
    })
}

/// A fulfilment date: the usual shapes, plausible, not before the order was placed.
fn date(
    raw: &str,
    field: ImportField,
    placed_at: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, (ImportField, String)> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let at = cells::parse_placed_at(raw).map_err(|reason| (field, reason))?;
    if at < placed_at {
        return Err((
            field,
            format!(
                "{} is before the order was placed ({})",
                cells::clip(raw.trim()),
                placed_at.format("%Y-%m-%d %H:%M UTC")
            ),
        ));
    }
    Ok(Some(at))
}

/// Where the order stands by its fulfilment cells: `None` when not shipped. A delivery date
/// delivers it; a shipped (or delivered) status, or a fulfilment date beside a blank status,
/// ships it on that date, else on the order's date (the earliest it can have left, so a
/// return window counted from it is never longer than the shop's). A "not shipped" status wins
/// over a stray date: a refunded or cancelled order is not returnable.
pub fn planned_mark(
    status: &str,
    fulfilled_at: &str,
    delivered_at: &str,
    placed_at: DateTime<Utc>,
) -> Result<Option<Mark>, (ImportField, String)> {
    let said = said(status).map_err(|r| (ImportField::FulfillmentStatus, r))?;
    let shipped_at = date(fulfilled_at, ImportField::FulfilledAt, placed_at)?;
    let delivered_at = date(delivered_at, ImportField::DeliveredAt, placed_at)?;
    if let Some(at) = delivered_at {
        return Ok(Some(Mark {
            stage: FulfilmentStage::Delivered,
            at,
            shipped_at,
        }));
    }
    let stage = match (said, shipped_at) {
        (Said::Delivered, _) => FulfilmentStage::Delivered,
        (Said::Shipped, _) | (Said::Blank, Some(_)) => FulfilmentStage::Shipped,
        (Said::NotShipped, _) | (Said::Blank, None) => return Ok(None),
    };
    Ok(Some(Mark {
        stage,
        at: shipped_at.unwrap_or(placed_at),
        shipped_at,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed() -> DateTime<Utc> {
        cells::parse_placed_at("2026-11-01 10:00").unwrap_or_default()
    }

    fn stage(status: &str, fulfilled: &str, delivered: &str) -> Option<FulfilmentStage> {
        planned_mark(status, fulfilled, delivered, placed())
            .ok()
            .flatten()
            .map(|m| m.stage)
    }

    #[test]
    fn shopify_and_woocommerce_statuses() {
        use FulfilmentStage::*;
        assert_eq!(stage("fulfilled", "", ""), Some(Shipped));
        assert_eq!(stage("partial", "", ""), Some(Shipped));
        assert_eq!(stage("unfulfilled", "", ""), None);
        assert_eq!(stage("restocked", "", ""), None);
        assert_eq!(stage("Completed", "", ""), Some(Shipped));
        assert_eq!(stage("wc-completed", "", ""), Some(Shipped));
        assert_eq!(stage("On hold", "", ""), None);
        assert_eq!(stage("on-hold", "", ""), None);
        assert_eq!(stage("Refunded", "2026-11-02", ""), None);
        assert_eq!(stage("Terminée", "", ""), Some(Shipped));
        assert_eq!(stage("", "2026-11-02", ""), Some(Shipped));
        assert_eq!(stage("", "", ""), None);
        assert_eq!(stage("unfulfilled", "", "2026-11-03"), Some(Delivered));
        assert_eq!(stage("livré", "", ""), Some(Delivered));
        assert!(
            planned_mark("teleported", "", "", placed())
                .is_err_and(|(f, r)| f == ImportField::FulfillmentStatus && r.contains("Shopify"))
        );
    }

    #[test]
    fn dates_follow_the_plausible_time_rule_and_the_order() {
        let mark = planned_mark("fulfilled", "2026-11-02 09:00:00 -0500", "", placed());
        assert_eq!(
            mark.ok().flatten().map(|m| m.at.to_rfc3339()),
            Some("2026-11-02T14:00:00+00:00".to_owned())
        );
        let shipped_on_placed = planned_mark("fulfilled", "", "", placed());
        assert_eq!(
            shipped_on_placed.ok().flatten().map(|m| m.at),
            Some(placed())
        );
        assert!(
            planned_mark("", "", "9999-01-01", placed())
                .is_err_and(|(f, r)| f == ImportField::DeliveredAt && r.contains("future"))
        );
        assert!(
            planned_mark("fulfilled", "2026-10-01", "", placed())
                .is_err_and(|(f, r)| f == ImportField::FulfilledAt && r.contains("before"))
        );
    }
}
