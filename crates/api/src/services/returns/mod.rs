//! Returns, from the shopper's submission (`submit`, `withdrawal`; `shop_submit` and
//! `returnable` for returns the shop makes on a shopper's behalf) through the staff's queue and
//! actions to labels and mails. `return_records` is the writing side they share,
//! `return_views` the reading side.

pub mod exchange_search;
pub mod exchanges;
pub mod labels;
pub mod outcomes;
pub mod overdue_exchanges;
pub mod policy_facts;
pub mod policy_trial;
pub mod queue_statements;
pub mod reason_terms;
pub mod return_actions;
pub mod return_export;
pub mod return_mails;
pub mod return_queue;
pub mod return_records;
pub mod return_views;
pub mod return_webhooks;
pub mod returnable;
pub mod risk;
pub mod shop_submit;
pub mod shopper_cancel;
pub mod submit;
pub mod withdrawal;

use crate::labels::LinkSigner;
use crate::notify::Links;
use crate::services::orders::photos::PhotoUrls;
use crate::storage::Storage;

/// What returns need besides the database: stored files, mail links and the link signers.
#[derive(Debug, Clone, Copy)]
pub struct ReturnDeps<'a> {
    pub storage: &'a Storage,
    pub links: &'a Links,
    pub labels: &'a LinkSigner,
    pub photos: &'a PhotoUrls,
}
