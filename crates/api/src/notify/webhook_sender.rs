//! Webhooks out, the sending side: a loop beside the mail worker takes due deliveries with a
//! lease (several instances never send one twice at once), POSTs the stored body signed for this
//! attempt, and records the answer. 2xx ends a delivery; 410 disables its endpoint; anything else
//! is retried with exponential backoff until three days after the event, then given up. An
//! endpoint whose deliveries all failed for three days is disabled. Whenever Rebound turns an
//! endpoint off, the shop's owner is mailed once, in the same transaction.

use crate::db::entities::{merchant, staff, webhook_delivery, webhook_endpoint};
use crate::db::{Tenant, begin_write, write_alone};
use crate::notify::compose::{Outgoing, enqueue};
use crate::notify::webhooks::signature_header;
use crate::notify::{Links, webhook_guard};
use crate::shutdown::Stopping;
use anyhow::Context;
use chrono::{DateTime, Utc};
use rebound_shared::Role;
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::api::webhooks::DeliveryStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How long a receiver has to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// At most this much of an answer's body is read; the rest is dropped unread.
pub const READ_CAP: usize = 4096;
/// What the delivery log keeps of an answer's body.
pub const EXCERPT: usize = 500;
/// Retries stop this long after the event; an endpoint failing this long is disabled.
pub const GIVE_UP_AFTER: chrono::Duration = chrono::Duration::days(3);

#[derive(Debug, Clone)]
pub struct SenderConfig {
    /// `REBOUND_WEBHOOKS_ALLOW_PRIVATE=1`: http and inside addresses allowed.
    pub allow_private: bool,
    /// How often to look for due deliveries when idle.
    pub poll: Duration,
    /// The first retry waits this long, each next one twice as long, up to `max_backoff`.
    pub retry_base: Duration,
    pub max_backoff: Duration,
    pub lease: Duration,
}

/// Waiting time after `attempts` failures.
pub fn backoff(config: &SenderConfig, attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    config
        .retry_base
        .saturating_mul(2u32.saturating_pow(exponent))
        .min(config.max_backoff)
}

/// Delivers until the server stops; each delivery is leased, sent and recorded in turn, so a
/// stop seen between rows leaves nothing leased.
pub async fn run(db: DatabaseConnection, links: Links, config: SenderConfig, stopping: Stopping) {
    while !stopping.is_requested() {
        match deliver_due(&db, &links, &config, &stopping).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "webhook round failed"),
        }
        stopping.sleep(config.poll).await;
    }
}

fn free_at(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(webhook_delivery::Column::LockedUntil.is_null())
        .add(webhook_delivery::Column::LockedUntil.lt(now))
}

/// One round of due deliveries, oldest first; returns how many were attempted.
pub async fn deliver_due(
    db: &DatabaseConnection,
    links: &Links,
    config: &SenderConfig,
    stopping: &Stopping,
) -> anyhow::Result<usize> {
    let now = Utc::now();
    let due = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending.as_str()))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
        .filter(free_at(now))
        .order_by_asc(webhook_delivery::Column::NextAttemptAt)
        .order_by_asc(webhook_delivery::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    let mut attempted = 0;
    for row in due {
        if stopping.is_requested() {
            break;
        }
        // From the clock now: the deliveries before this one may each have waited on a slow
        // endpoint.
        let until = Utc::now() + chrono::Duration::from_std(config.lease)?;
        let taken = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::LockedUntil, Expr::value(until))
            .filter(webhook_delivery::Column::Id.eq(row.id))
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending.as_str()))
            .filter(free_at(now));
        if write_alone(db, taken).await? != 1 {
            continue;
        }
        attempted += 1;
        let endpoint = webhook_endpoint::Entity::find_by_id(row.endpoint_id)
            .one(db)
            .await?;
        let outcome = match &endpoint {
            Some(e) if e.enabled => attempt(e, &row, config).await,
            _ => Attempt::failed("the endpoint is disabled"),
        };
        record(db, links, &row, endpoint.as_ref(), outcome, config).await?;
    }
    Ok(attempted)
}

/// What one attempt got.
#[derive(Debug)]
pub struct Attempt {
    pub status: Option<u16>,
    pub duration_ms: Option<i64>,
    pub excerpt: Option<String>,
    pub error: Option<String>,
    /// Not worth retrying: the endpoint is off or refused by the address rule.
    pub final_failure: bool,
}

impl Attempt {
    fn failed(why: &str) -> Attempt {
        Attempt {
            status: None,
            duration_ms: None,
            excerpt: None,
            error: Some(why.to_owned()),
            final_failure: true,
        }
    }
}

async fn attempt(
    endpoint: &webhook_endpoint::Model,
    row: &webhook_delivery::Model,
    config: &SenderConfig,
) -> Attempt {
    let url = match webhook_guard::check_url(&endpoint.url, config.allow_private) {
        Ok(url) => url,
        Err(e) => return Attempt::failed(&e.to_string()),
    };
    // Resolved and checked now, and connected to exactly this address.
    let address = match webhook_guard::resolve(&url, config.allow_private).await {
        Ok(a) => a,
        Err(e @ webhook_guard::Refused::Unresolved(_)) => {
            return Attempt {
                final_failure: false,
                ..Attempt::failed(&e.to_string())
            };
        }
        Err(e) => return Attempt::failed(&e.to_string()),
    };
    let started = Instant::now();
    let sent = post(endpoint, row, url, address).await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).ok();
    match sent {
        Ok((status, body)) => Attempt {
            status: Some(status),
            duration_ms,
            excerpt: Some(String::from_utf8_lossy(&body[..body.len().min(EXCERPT)]).into_owned()),
            error: None,
            final_failure: false,
        },
        Err(e) => Attempt {
            status: None,
            duration_ms,
            excerpt: None,
            error: Some(format!("{e:#}")),
            final_failure: false,
        },
    }
}

async fn post(
    endpoint: &webhook_endpoint::Model,
    row: &webhook_delivery::Model,
    url: reqwest::Url,
    address: std::net::SocketAddr,
) -> anyhow::Result<(u16, Vec<u8>)> {
    let host = url.host_str().unwrap_or_default().to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .resolve(&host, address)
        .user_agent("Rebound-Webhooks/1")
        .build()
        .context("building the HTTP client")?;
    let now = Utc::now();
    let timestamp = now.timestamp();
    let signature = signature_header(endpoint, &row.event_id, timestamp, &row.payload, now)
        .context("the endpoint's secret is not valid base64")?;
    let mut response = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &row.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(row.payload.clone())
        .send()
        .await
        .context("sending")?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    // Read no more than the cap, whatever the receiver sends.
    while body.len() < READ_CAP {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk[..chunk.len().min(READ_CAP - body.len())])
            }
            _ => break,
        }
    }
    Ok((status, body))
}

async fn record(
    db: &DatabaseConnection,
    links: &Links,
    row: &webhook_delivery::Model,
    endpoint: Option<&webhook_endpoint::Model>,
    outcome: Attempt,
    config: &SenderConfig,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let attempts = row.attempts + 1;
    let delivered = outcome.status.is_some_and(|s| (200..300).contains(&s));
    let gone = outcome.status == Some(410);
    let expired = now - row.created_at >= GIVE_UP_AFTER;
    let status = if delivered {
        DeliveryStatus::Delivered
    } else if gone || outcome.final_failure || expired {
        DeliveryStatus::Failed
    } else {
        DeliveryStatus::Pending
    };
    let next = (status == DeliveryStatus::Pending)
        .then(|| chrono::Duration::from_std(backoff(config, attempts)).map(|d| now + d))
        .transpose()?;
    if !delivered {
        tracing::info!(delivery = %row.id, attempts, status = ?outcome.status, error = ?outcome.error, "webhook not delivered");
    }
    let recorded = webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::Attempts, Expr::value(attempts))
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(next))
        .col_expr(
            webhook_delivery::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            webhook_delivery::Column::ResponseStatus,
            Expr::value(outcome.status.map(i32::from)),
        )
        .col_expr(
            webhook_delivery::Column::DurationMs,
            Expr::value(outcome.duration_ms),
        )
        .col_expr(
            webhook_delivery::Column::ResponseExcerpt,
            Expr::value(outcome.excerpt),
        )
        .col_expr(
            webhook_delivery::Column::LastError,
            Expr::value(outcome.error),
        )
        .col_expr(
            webhook_delivery::Column::DeliveredAt,
            Expr::value(delivered.then_some(now)),
        )
        .filter(webhook_delivery::Column::Id.eq(row.id));
    write_alone(db, recorded).await?;
    let Some(endpoint) = endpoint.filter(|e| e.enabled) else {
        return Ok(());
    };
    if gone {
        return disable(db, links, endpoint, Disabled::Gone).await;
    }
    let failing_since = match endpoint.failing_since {
        _ if delivered => None,
        None => Some(now),
        Some(since) if now - since >= GIVE_UP_AFTER => {
            tracing::warn!(endpoint = %endpoint.id, "webhook endpoint failing for three days: disabled");
            return disable(db, links, endpoint, Disabled::Failing).await;
        }
        // Still failing, still within three days: nothing changes.
        Some(_) => return Ok(()),
    };
    if failing_since == endpoint.failing_since {
        return Ok(());
    }
    let failing = webhook_endpoint::Entity::update_many()
        .filter(webhook_endpoint::Column::Id.eq(endpoint.id))
        .col_expr(
            webhook_endpoint::Column::FailingSince,
            Expr::value(failing_since),
        )
        .col_expr(webhook_endpoint::Column::UpdatedAt, Expr::value(now));
    write_alone(db, failing).await?;
    Ok(())
}

/// Why Rebound turned an endpoint off; stored as `disabled_reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disabled {
    /// The receiver answered 410 Gone: it asked for no more.
    Gone,
    /// Every delivery failed for `GIVE_UP_AFTER`.
    Failing,
}

impl Disabled {
    pub fn code(self) -> &'static str {
        match self {
            Disabled::Gone => "gone",
            Disabled::Failing => "failing",
        }
    }

    /// The reason in the owner's mail (staff have no stored language: English, as the other
    /// mails to the shop).
    fn explained(self) -> &'static str {
        match self {
            Disabled::Gone => "the receiver answered 410 Gone, which asks senders to stop.",
            Disabled::Failing => "every delivery to it has failed for three days.",
        }
    }
}

/// Turns the endpoint off and queues the owner's mail in one transaction. Only the round that
/// flips it from on to off writes the mail, so two workers racing, or a 410 on every pending
/// delivery, tell the owner once.
async fn disable(
    db: &DatabaseConnection,
    links: &Links,
    endpoint: &webhook_endpoint::Model,
    why: Disabled,
) -> anyhow::Result<()> {
    let txn = begin_write(db).await?;
    let turned_off = webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::Enabled, Expr::value(false))
        .col_expr(
            webhook_endpoint::Column::DisabledReason,
            Expr::value(why.code()),
        )
        .col_expr(webhook_endpoint::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(webhook_endpoint::Column::Id.eq(endpoint.id))
        .filter(webhook_endpoint::Column::Enabled.eq(true))
        .exec(&txn)
        .await?;
    if turned_off.rows_affected == 1 {
        tell_owner(&txn, links, endpoint, why).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn tell_owner(
    conn: &impl ConnectionTrait,
    links: &Links,
    endpoint: &webhook_endpoint::Model,
    why: Disabled,
) -> anyhow::Result<()> {
    let shop = merchant::Entity::find_by_id(endpoint.merchant_id)
        .one(conn)
        .await?
        .context("the endpoint's merchant is gone")?;
    let owner = Tenant::new(shop.id)
        .find::<staff::Entity>()
        .filter(staff::Column::Role.eq(Role::Owner.as_str()))
        .one(conn)
        .await?;
    let Some(owner) = owner else {
        tracing::warn!(merchant = %shop.id, "no owner to tell that a webhook endpoint was disabled");
        return Ok(());
    };
    // A fresh cause each time: an endpoint turned back on and off again is worth a new mail.
    let mail = Outgoing::new(
        MailEvent::WebhookEndpointDisabled,
        &owner.email,
        "en",
        Uuid::now_v7(),
    )
    .var("endpoint_url", endpoint.url.clone())
    .var("reason", why.explained())
    .var("developers_url", links.absolute("/dashboard/developers"));
    enqueue(conn, links, &shop, mail)
        .await
        .map_err(|e| anyhow::anyhow!("queueing the owner's mail: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_up_to_the_cap_and_span_about_three_days() {
        let config = SenderConfig {
            allow_private: false,
            poll: Duration::from_secs(1),
            retry_base: Duration::from_secs(30),
            max_backoff: Duration::from_secs(8 * 3600),
            lease: Duration::from_secs(60),
        };
        assert_eq!(backoff(&config, 1), Duration::from_secs(30));
        assert_eq!(backoff(&config, 3), Duration::from_secs(120));
        assert_eq!(backoff(&config, 30), Duration::from_secs(8 * 3600));
        let total: Duration = (1..=18).map(|n| backoff(&config, n)).sum();
        assert!(
            total >= Duration::from_secs(2 * 86_400) && total <= Duration::from_secs(4 * 86_400)
        );
    }
}
