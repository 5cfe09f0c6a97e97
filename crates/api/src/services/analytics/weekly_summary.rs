//! The weekly summary by mail: who asked for it (`/me/weekly-summary`, owners and managers,
//! off until they turn it on) and the pass that queues last week's figures to each of them.
//! The pass can run on every server instance, as often as it likes: a mail's outbox key is
//! (staff member, ISO week), unique per shop, so a second run or a second instance adds nothing.

use super::weekly_figures::{WeekFigures, figures_text, week_figures};
use crate::auth::CurrentStaff;
use crate::db::Tenant;
use crate::db::entities::{merchant, outbox, staff};
use crate::error::{ApiError, ApiResult};
use crate::notify::{Links, Outgoing, enqueue};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rebound_shared::api::analytics::WeeklySummary;
use rebound_shared::api::auth::MailLocale;
use rebound_shared::api::notifications::MailEvent;
use rebound_shared::domain::Lang;
use rebound_shared::roles::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use uuid::Uuid;

/// Who may receive it: the people who run the shop (owners, and managers who run it day to
/// day); agents work the queue and have the Analytics page if they want figures.
fn reader(caller: &CurrentStaff) -> ApiResult<Uuid> {
    if caller.api_scopes.is_some() {
        return Err(ApiError::forbidden("an API key receives no mail"));
    }
    if !matches!(caller.role, Role::Owner | Role::Manager) {
        return Err(ApiError::forbidden(
            "the weekly summary is for owners and managers",
        ));
    }
    Ok(caller.staff_id)
}

fn locale_of(code: Option<&str>) -> MailLocale {
    match code {
        Some("fr") => MailLocale::Fr,
        _ => MailLocale::En,
    }
}

async fn own_row(db: &impl ConnectionTrait, caller: &CurrentStaff) -> ApiResult<staff::Model> {
    let id = reader(caller)?;
    caller
        .tenant
        .get::<staff::Entity>(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("staff member"))
}

fn view(me: &staff::Model) -> WeeklySummary {
    WeeklySummary {
        enabled: me.weekly_summary_since.is_some(),
        locale: locale_of(me.weekly_summary_locale.as_deref()),
    }
}

pub async fn get_weekly_summary(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
) -> ApiResult<WeeklySummary> {
    Ok(view(&own_row(db, caller).await?))
}

/// Turns it on (from now: the first mail covers the week this falls in) or off. Saving "on"
/// again only changes the language, so the next Monday's mail still comes.
pub async fn set_weekly_summary(
    db: &impl ConnectionTrait,
    caller: &CurrentStaff,
    input: WeeklySummary,
) -> ApiResult<WeeklySummary> {
    let mut me = own_row(db, caller).await?;
    if input.enabled {
        me.weekly_summary_since = me.weekly_summary_since.or(Some(Utc::now()));
        me.weekly_summary_locale = Some(input.locale.as_str().to_owned());
    } else {
        me.weekly_summary_since = None;
        me.weekly_summary_locale = None;
    }
    caller
        .tenant
        .update::<staff::Entity>()
        .col_expr(
            staff::Column::WeeklySummarySince,
            Expr::value(me.weekly_summary_since),
        )
        .col_expr(
            staff::Column::WeeklySummaryLocale,
            Expr::value(me.weekly_summary_locale.clone()),
        )
        .filter(staff::Column::Id.eq(me.id))
        .exec(db)
        .await?;
    Ok(view(&me))
}

/// The Monday that starts the last whole ISO week before `now` (UTC).
pub fn last_week(now: DateTime<Utc>) -> NaiveDate {
    let today = now.date_naive();
    today - Duration::days(i64::from(today.weekday().num_days_from_monday()) + 7)
}

/// `2026-W48`: the week's name in mails and in the outbox key.
fn week_name(monday: NaiveDate) -> String {
    let week = monday.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Queues, for the last whole week before `now`, one summary to every owner and manager who
/// turned it on before that week ended. Returns how many mails were queued by this call (0
/// when another run or instance already did). The worker calls it with the clock; tests call
/// it with the week they seeded.
pub async fn queue_weekly_summaries(
    db: &impl ConnectionTrait,
    links: &Links,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let from = last_week(now);
    let ended = (from + Duration::days(7))
        .and_time(NaiveTime::MIN)
        .and_utc();
    let week = week_name(from);
    // Across shops on purpose: this is the scheduler, like the outbox worker; each mail below
    // is read and written for its own shop only.
    let readers = staff::Entity::find()
        .filter(staff::Column::WeeklySummarySince.lt(ended))
        .filter(staff::Column::Role.is_in([Role::Owner.as_str(), Role::Manager.as_str()]))
        .order_by_asc(staff::Column::MerchantId)
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?;
    let mut figures: BTreeMap<Uuid, (merchant::Model, WeekFigures)> = BTreeMap::new();
    let mut queued = 0;
    for person in readers {
        let locale = locale_of(person.weekly_summary_locale.as_deref()).as_str();
        let mail = Outgoing::new(
            MailEvent::WeeklySummary,
            &person.email,
            locale,
            format!("{}:{week}", person.id),
        );
        let tenant = Tenant::new(person.merchant_id);
        // Sent already (an earlier run, another instance): skip the cards' queries.
        let sent = tenant
            .find::<outbox::Entity>()
            .filter(outbox::Column::DedupeKey.eq(mail.dedupe_key.as_str()))
            .count(db)
            .await?;
        if sent > 0 {
            continue;
        }
        let (shop, read) = match figures.entry(person.merchant_id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => {
                let Some(shop) = merchant::Entity::find_by_id(person.merchant_id)
                    .one(db)
                    .await?
                else {
                    continue;
                };
                let read = week_figures(db, tenant, from).await?;
                slot.insert((shop, read))
            }
        };
        let lang = Lang::from_tag(locale);
        let mail = mail
            .var("staff_name", person.name.clone())
            .var("week", week_label(from, lang))
            .var("figures", figures_text(read, lang, now))
            .var("analytics_url", links.absolute("/dashboard/analytics"));
        if enqueue(db, links, &*shop, mail).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// `2026-W48 (Nov 23 – Nov 29)`, or in French `2026-W48 (23/11 – 29/11)`.
fn week_label(monday: NaiveDate, lang: Lang) -> String {
    let sunday = monday + Duration::days(6);
    let (a, b) = match lang {
        Lang::Fr => (monday.format("%d/%m"), sunday.format("%d/%m")),
        Lang::En => (monday.format("%b %d"), sunday.format("%b %d")),
    };
    format!("{} ({a} – {b})", week_name(monday))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_week_is_the_whole_iso_week_before_today() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap_or_default();
        // A Thursday, a Monday just after midnight, a Sunday just before it.
        let thursday = last_week(at("2026-12-03T06:00:00Z"));
        assert_eq!(thursday.to_string(), "2026-11-23");
        assert_eq!(week_name(thursday), "2026-W48");
        assert_eq!(
            last_week(at("2026-11-30T00:00:01Z")).to_string(),
            "2026-11-23"
        );
        assert_eq!(
            last_week(at("2026-11-29T23:59:59Z")).to_string(),
            "2026-11-16"
        );
        // Across a new year, the ISO year names the week.
        assert_eq!(week_name(last_week(at("2027-01-06T00:00:00Z"))), "2026-W53");
        assert_eq!(week_label(thursday, Lang::Fr), "2026-W48 (23/11 – 29/11)");
    }
}
