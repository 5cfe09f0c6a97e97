//! The first-run checklist: each step read from the shop's own data, plus the two flags that
//! leave no other trace (the portal link shared, the checklist dismissed).

use crate::auth::CurrentStaff;
use crate::db::begin_write;
use crate::db::entities::{audit_entry, merchant, merchant_onboarding, order, return_address};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::{DEFAULT_ACCENT, DEFAULT_BACKGROUND, DEFAULT_PRIMARY};
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::onboarding::{
    Onboarding, OnboardingEvent, OnboardingStep, OnboardingStepKey,
};
use rebound_shared::api::portal::ReturnsClosed;
use rebound_shared::domain::HexColour;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, PaginatorTrait,
    QueryFilter, Set,
};

/// The dashboard screen where each step is done.
fn link(step: OnboardingStepKey) -> &'static str {
    match step {
        OnboardingStepKey::ReturnAddress | OnboardingStepKey::ReturnPolicy => {
            "/dashboard/settings?tab=returns"
        }
        OnboardingStepKey::Branding => "/dashboard/settings?tab=branding",
        OnboardingStepKey::Orders => "/dashboard/orders/import",
        // Shared from the checklist itself (copy buttons); the snippet also lives here.
        OnboardingStepKey::SharePortal => "/dashboard/settings?tab=aftercare",
    }
}

pub async fn get_onboarding(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
) -> ApiResult<Onboarding> {
    caller.require(Permission::ReadSettings)?;
    read(db, caller).await
}

async fn read(db: &impl ConnectionTrait, caller: &CurrentStaff) -> ApiResult<Onboarding> {
    let tenant = caller.tenant;
    let merchant = tenant
        .merchant()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    let flags = tenant.find::<merchant_onboarding::Entity>().one(db).await?;
    let has_address = tenant.find::<return_address::Entity>().count(db).await? > 0;
    // Saving the Returns tab writes an audit entry whenever something changed; an untouched
    // default policy is not a policy the merchant chose.
    let policy_saved = tenant
        .find::<audit_entry::Entity>()
        .filter(audit_entry::Column::Area.eq("returns"))
        .count(db)
        .await?
        > 0;
    let has_orders = tenant.find::<order::Entity>().count(db).await? > 0;
    let shared = flags.as_ref().is_some_and(|f| f.portal_shared_at.is_some());
    let done = |step| match step {
        OnboardingStepKey::ReturnAddress => has_address,
        OnboardingStepKey::ReturnPolicy => policy_saved,
        OnboardingStepKey::Branding => branded(&merchant),
        OnboardingStepKey::Orders => has_orders,
        OnboardingStepKey::SharePortal => shared,
    };
    let steps: Vec<OnboardingStep> = OnboardingStepKey::ALL
        .into_iter()
        .map(|key| OnboardingStep {
            key,
            done: done(key),
            link: link(key).to_owned(),
        })
        .collect();
    let returns_closed = if !merchant.portal_enabled {
        Some(ReturnsClosed::PortalDisabled)
    } else if !has_address {
        Some(ReturnsClosed::NoReturnAddress)
    } else {
        None
    };
    Ok(Onboarding {
        complete: steps.iter().all(|s| s.done),
        steps,
        dismissed: flags.is_some_and(|f| f.dismissed_at.is_some()),
        returns_closed,
        portal_path: format!("/{}", merchant.slug),
        primary_colour: merchant.primary_colour,
    })
}

/// A logo or favicon uploaded, or any colour moved away from the sign-up defaults.
fn branded(m: &merchant::Model) -> bool {
    let differs =
        |stored: &str, default: HexColour| !HexColour::parse(stored).is_ok_and(|c| c == default);
    m.logo_key.is_some()
        || m.favicon_key.is_some()
        || differs(&m.primary_colour, DEFAULT_PRIMARY)
        || differs(&m.accent_colour, DEFAULT_ACCENT)
        || differs(&m.background_colour, DEFAULT_BACKGROUND)
}

/// Records a checklist event (idempotent: the first time is kept) and answers the checklist.
pub async fn record_onboarding(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    event: OnboardingEvent,
) -> ApiResult<Onboarding> {
    // Copying the link is something an agent may do too; hiding the checklist for the whole
    // shop is a settings decision.
    caller.require(match event {
        OnboardingEvent::PortalShared => Permission::ReadSettings,
        OnboardingEvent::Dismissed => Permission::ManageSettings,
    })?;
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let existing = caller
        .tenant
        .find::<merchant_onboarding::Entity>()
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut active: merchant_onboarding::ActiveModel = row.clone().into();
            match event {
                OnboardingEvent::PortalShared if row.portal_shared_at.is_none() => {
                    active.portal_shared_at = Set(Some(now));
                }
                OnboardingEvent::Dismissed if row.dismissed_at.is_none() => {
                    active.dismissed_at = Set(Some(now));
                }
                _ => {}
            }
            if active.is_changed() {
                active.update(&txn).await?;
            }
        }
        None => {
            merchant_onboarding::ActiveModel {
                merchant_id: Set(caller.tenant.merchant_id()),
                portal_shared_at: Set((event == OnboardingEvent::PortalShared).then_some(now)),
                dismissed_at: Set((event == OnboardingEvent::Dismissed).then_some(now)),
            }
            .insert(&txn)
            .await?;
        }
    }
    let view = read(&txn, caller).await?;
    txn.commit().await?;
    Ok(view)
}
