//! A shopper's data on request (GDPR articles 15 and 17): exporting everything the shop holds
//! about an email address, and erasing it. Both start from the shopper's footprint, gathered
//! here once so the export and the erasure can never disagree on what "their data" is.
//!
//! Where a shopper's personal data lives (read from crates/migration, table by table):
//! - `orders` (name, email, phone, city, region, postal code), `withdrawals` (name, email),
//!   `address_changes` (old and new address);
//! - their words: `return_items.comment`, `survey_answers.comment`, `issue_reports.message`,
//!   `messages` (body, author name) and `message_threads.last_preview`;
//! - their photos (`photos` and the stored files), and the label PDFs bought for their returns
//!   (the sender's address is printed on them);
//! - what was sent about them: `outbox` (recipient, bodies), `webhook_deliveries.payload`,
//!   `idempotency_keys.response`, `integration_errors`;
//! - what staff may have written about them: `return_events.params`,
//!   `return_inspections.note`, `refunds.reason`, `audit_log.changes`;
//! - imports: `imports.preview`, `import_rejections.cells` and the uploaded CSV file;
//! - `mail_unsubscribes.email`.
//!
//! No personal data: the catalogue, settings, staff (staff are not shoppers), shipments and
//! tracking events (carrier scans), return lines' SKUs and amounts, refunds' and credits'
//! amounts, jobs (ids only).

pub mod data_export;
pub mod erasure;

use crate::auth::CurrentStaff;
use crate::db::entities::{order, return_request, withdrawal};
use crate::error::{ApiError, ApiResult};
use rebound_shared::ErrorKind;
use rebound_shared::domain::Email;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The shopper's email as the shop stores it (trimmed, lower case), or a 422 naming `email`.
pub(crate) fn parse_email(raw: &str) -> ApiResult<Email> {
    Email::parse(raw).map_err(|_| {
        ApiError::field(
            ErrorKind::Validation,
            "email",
            "email",
            "enter a valid email address",
        )
    })
}

/// This shop's rows that name the shopper directly: their orders (by the order's email or a
/// withdrawal statement made with the address), the returns of those orders and the names
/// they gave.
pub(crate) struct Footprint {
    pub orders: Vec<order::Model>,
    pub returns: Vec<return_request::Model>,
    pub withdrawals: Vec<withdrawal::Model>,
    /// Every name the shopper used, to find them in free text (notes, previews, audit).
    pub names: BTreeSet<String>,
}

impl Footprint {
    pub fn order_ids(&self) -> Vec<Uuid> {
        self.orders.iter().map(|o| o.id).collect()
    }

    pub fn return_ids(&self) -> Vec<Uuid> {
        self.returns.iter().map(|r| r.id).collect()
    }

    pub fn order_number(&self, order_id: Uuid) -> String {
        self.orders
            .iter()
            .find(|o| o.id == order_id)
            .map(|o| o.number.clone())
            .unwrap_or_default()
    }
}

pub(crate) async fn footprint(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    email: &Email,
) -> ApiResult<Footprint> {
    let tenant = caller.tenant;
    let withdrawals_by_email = tenant
        .find::<withdrawal::Entity>()
        .filter(withdrawal::Column::Email.eq(email.as_str()))
        .all(db)
        .await?;
    let orders = tenant
        .find::<order::Entity>()
        .filter(
            Condition::any()
                .add(order::Column::Email.eq(email.as_str()))
                .add(order::Column::Id.is_in(withdrawals_by_email.iter().map(|w| w.order_id))),
        )
        .order_by_asc(order::Column::PlacedAt)
        .all(db)
        .await?;
    let order_ids: Vec<Uuid> = orders.iter().map(|o| o.id).collect();
    let returns = tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::OrderId.is_in(order_ids.clone()))
        .order_by_asc(return_request::Column::CreatedAt)
        .all(db)
        .await?;
    let withdrawals = tenant
        .find::<withdrawal::Entity>()
        .filter(withdrawal::Column::OrderId.is_in(order_ids))
        .all(db)
        .await?;
    let names = orders
        .iter()
        .map(|o| o.customer_name.trim().to_owned())
        .chain(withdrawals.iter().map(|w| w.name.trim().to_owned()))
        // A blank or one-letter name would match everywhere; an erased order's is blank.
        .filter(|n| n.chars().count() > 1)
        .collect();
    Ok(Footprint {
        orders,
        returns,
        withdrawals,
        names,
    })
}

/// Whether `haystack` holds `needle`, ignoring ASCII case (emails are ASCII; names compare
/// their non-ASCII letters exactly).
pub(crate) fn holds(haystack: &str, needle: &str) -> bool {
    find_ascii_ci(haystack, needle, 0).is_some()
}

fn find_ascii_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (from..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `text` with every `needle` (ignoring ASCII case) replaced by `[erased]`; `None` when none
/// was there, so untouched rows are not rewritten.
pub(crate) fn scrub(text: &str, needles: &[&str]) -> Option<String> {
    let mut out = text.to_owned();
    let mut changed = false;
    for needle in needles {
        let mut from = 0;
        while let Some(at) = find_ascii_ci(&out, needle, from) {
            // A match starts and ends on character boundaries: the needle is whole UTF-8.
            out.replace_range(at..at + needle.len(), ERASED);
            from = at + ERASED.len();
            changed = true;
        }
    }
    changed.then_some(out)
}

/// What replaces a shopper's words where the text around them stays.
pub(crate) const ERASED: &str = "[erased]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_replaces_every_case_of_every_needle() {
        assert_eq!(
            scrub(
                "Jane Doe <JANE@example.com>, jane@example.com",
                &["jane@example.com", "Jane Doe"]
            )
            .as_deref(),
            Some("[erased] <[erased]>, [erased]")
        );
        assert_eq!(scrub("nothing here", &["jane@example.com"]), None);
        assert_eq!(
            scrub("Zoë Ünal wrote", &["Zoë Ünal"]).as_deref(),
            Some("[erased] wrote")
        );
        assert!(holds("To: JANE@Example.com", "jane@example.com"));
        assert!(!holds("jan", "jane"));
    }
}
