//! The delivery loop. Each round takes the due rows, leases one at a time (so several server
//! instances share the work without sending a mail twice), sends it, and records the outcome:
//! sent, or a later retry with exponential backoff. A mail server down for an hour only delays
//! mail; nothing is lost and nothing goes twice. Once a week the loop also queues the weekly
//! summaries (`services::analytics::weekly_summary`), which the same rounds then deliver.

use crate::db::entities::{merchant, outbox};
use crate::db::write_alone;
use crate::notify::compose::StoredAttachment;
use crate::notify::jobs::{self, JobDeps};
use crate::notify::mailer::{Envelope, Mailer};
use crate::services::analytics::weekly_summary;
use crate::shutdown::Stopping;
use crate::storage::Storage;
use anyhow::Context;
use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use rebound_shared::api::notifications::MailStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::time::Duration;

/// After this many failed attempts a mail is marked failed and shown so in "Sent mail".
pub const MAX_ATTEMPTS: i32 = 40;

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// How often to look for due mail when idle.
    pub poll: Duration,
    /// The first retry waits this long; each next one twice as long, up to `max_backoff`.
    pub retry_base: Duration,
    pub max_backoff: Duration,
    /// How long a worker holds a mail it is sending before another may take it.
    pub lease: Duration,
    /// The address mails come from; the shop's name is shown as the sender's name.
    pub from_address: String,
}

/// Waiting time before attempt number `attempts + 1`, given `attempts` failures so far.
pub fn backoff(config: &WorkerConfig, attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    config
        .retry_base
        .saturating_mul(2u32.saturating_pow(exponent))
        .min(config.max_backoff)
}

pub async fn run(db: DatabaseConnection, mailer: Mailer, jobs: JobDeps, config: WorkerConfig) {
    let mut weekly = WeeklyPass::default();
    // Each round ends with nothing leased (a mail is leased, sent and recorded in turn): a
    // stop is only seen between rounds and between rows.
    while !jobs.stopping.is_requested() {
        weekly.run_if_due(&db, &jobs).await;
        // Jobs first: an approval's label job queues the mail this same round delivers.
        let jobs_done = match jobs::run_due(&db, &jobs, &config).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "jobs round failed");
                0
            }
        };
        match deliver_due(&db, &mailer, &jobs.storage, &config, &jobs.stopping).await {
            // More may be waiting: go again at once.
            Ok(n) if n + jobs_done > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox round failed"),
        }
        jobs.stopping.sleep(config.poll).await;
    }
}

/// Queues the weekly summaries once per week per instance (and again after a failure, ten
/// minutes on). Another instance doing the same adds nothing: the outbox key is unique.
#[derive(Default)]
struct WeeklyPass {
    done_for: Option<chrono::NaiveDate>,
    retry_at: Option<DateTime<Utc>>,
}

impl WeeklyPass {
    async fn run_if_due(&mut self, db: &DatabaseConnection, jobs: &JobDeps) {
        let now = Utc::now();
        let week = weekly_summary::last_week(now);
        if self.done_for == Some(week) || self.retry_at.is_some_and(|at| now < at) {
            return;
        }
        match weekly_summary::queue_weekly_summaries(db, &jobs.links, now).await {
            Ok(_) => {
                self.done_for = Some(week);
                self.retry_at = None;
            }
            Err(e) => {
                tracing::warn!(error = ?e, "weekly summaries not queued");
                self.retry_at = Some(now + chrono::Duration::minutes(10));
            }
        }
    }
}

/// One round; returns how many mails were attempted.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    storage: &Storage,
    config: &WorkerConfig,
    stopping: &Stopping,
) -> anyhow::Result<usize> {
    let now = Utc::now();
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(MailStatus::Pending.key()))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(free_at(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(20)
        .all(db)
        .await?;
    let mut attempted = 0;
    for row in due {
        if stopping.is_requested() {
            break;
        }
        if !lease(db, &row, now, config).await? {
            continue;
        }
        attempted += 1;
        let outcome = send(db, mailer, storage, config, &row).await;
        record(db, &row, outcome, config).await?;
    }
    Ok(attempted)
}

fn free_at(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(outbox::Column::LockedUntil.is_null())
        .add(outbox::Column::LockedUntil.lt(now))
}

/// Takes the row for this worker; false when another worker got it first.
async fn lease(
    db: &DatabaseConnection,
    row: &outbox::Model,
    now: DateTime<Utc>,
    config: &WorkerConfig,
) -> anyhow::Result<bool> {
    let until = now + chrono::Duration::from_std(config.lease)?;
    let taken = outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(until))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::Status.eq(MailStatus::Pending.key()))
        .filter(free_at(now));
    Ok(write_alone(db, taken).await? == 1)
}

async fn send(
    db: &DatabaseConnection,
    mailer: &Mailer,
    storage: &Storage,
    config: &WorkerConfig,
    row: &outbox::Model,
) -> anyhow::Result<()> {
    let shop = merchant::Entity::find_by_id(row.merchant_id)
        .one(db)
        .await?
        .map(|m| m.company_name)
        .unwrap_or_else(|| "Rebound".into());
    let from: Mailbox = format!("{} <{}>", quoted(&shop), config.from_address)
        .parse()
        .context("the sender address (REBOUND_MAIL_FROM)")?;
    let to: Mailbox = row.recipient.parse().context("the recipient address")?;
    let reply_to = match &row.reply_to {
        Some(r) => Some(r.parse::<Mailbox>().context("the reply-to address")?),
        None => None,
    };
    let wanted: Vec<StoredAttachment> = serde_json::from_str(&row.attachments)?;
    let mut attachments = Vec::with_capacity(wanted.len());
    for a in wanted {
        let bytes = storage
            .get(&a.storage_key)
            .await?
            .with_context(|| format!("attachment {} is missing from storage", a.storage_key))?;
        attachments.push((a.name, a.content_type, bytes.to_vec()));
    }
    mailer
        .send(Envelope {
            message_id: format!("<{}@rebound>", row.id),
            from,
            reply_to,
            to,
            subject: row.subject.clone(),
            text: row.body_text.clone(),
            html: row.body_html.clone(),
            attachments,
        })
        .await
}

/// A display name safe inside `"..."`.
fn quoted(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '"' | '\\' | '\r' | '\n' | '<' | '>'))
        .collect();
    format!("\"{clean}\"")
}

async fn record(
    db: &DatabaseConnection,
    row: &outbox::Model,
    outcome: anyhow::Result<()>,
    config: &WorkerConfig,
) -> anyhow::Result<()> {
    let attempts = row.attempts + 1;
    let update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(row.id));
    let update = match outcome {
        Ok(()) => update
            .col_expr(outbox::Column::Status, Expr::value(MailStatus::Sent.key()))
            .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
            .col_expr(
                outbox::Column::LastError,
                Expr::value(Option::<String>::None),
            ),
        Err(e) => {
            let message = format!("{e:#}");
            tracing::warn!(mail = %row.id, attempts, error = %message, "mail not delivered");
            let status = if attempts >= MAX_ATTEMPTS {
                MailStatus::Failed
            } else {
                MailStatus::Pending
            };
            let next = Utc::now() + chrono::Duration::from_std(backoff(config, attempts))?;
            update
                .col_expr(outbox::Column::Status, Expr::value(status.key()))
                .col_expr(outbox::Column::NextAttemptAt, Expr::value(next))
                .col_expr(outbox::Column::LastError, Expr::value(Some(message)))
        }
    };
    write_alone(db, update).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> WorkerConfig {
        WorkerConfig {
            poll: Duration::from_secs(1),
            retry_base: Duration::from_secs(30),
            max_backoff: Duration::from_secs(3600),
            lease: Duration::from_secs(120),
            from_address: "no-reply@example.test".into(),
        }
    }

    #[test]
    fn backoff_doubles_then_stops_at_the_cap() {
        let c = config();
        assert_eq!(backoff(&c, 1), Duration::from_secs(30));
        assert_eq!(backoff(&c, 2), Duration::from_secs(60));
        assert_eq!(backoff(&c, 5), Duration::from_secs(480));
        assert_eq!(backoff(&c, 8), Duration::from_secs(3600));
        assert_eq!(backoff(&c, 40), Duration::from_secs(3600));
    }

    #[test]
    fn sender_names_cannot_break_the_header() {
        assert_eq!(quoted("Maple \"&\" Co\r\n<x>"), "\"Maple & Cox\"");
    }
}
