//! The outcomes ledger: each sum of money a resolution moves, written in the same transaction
//! as the resolution itself, so analytics sums rows and never recomputes from today's prices.

use crate::db::Tenant;
use crate::db::entities::{order, return_outcome, return_request};
use crate::error::ApiResult;
use crate::services::returns::labels;
use chrono::Utc;
use rebound_shared::api::outcomes::OutcomeKind;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

/// Records `amount_minor` of `kind` for `ret`, and the return's fee the first time the return
/// is resolved with money (a fee is kept back once, however many refunds follow).
pub async fn record(
    db: &impl ConnectionTrait,
    ret: &return_request::Model,
    kind: OutcomeKind,
    amount_minor: i64,
    currency: &str,
) -> ApiResult<()> {
    insert(db, Uuid::now_v7(), ret, kind, amount_minor, currency).await?;
    if let Some(fee) = ret.fee_minor.filter(|f| *f > 0)
        && kind.settles()
    {
        // The fee's row is keyed by the return's own id: a second resolution adds nothing.
        insert(db, ret.id, ret, OutcomeKind::Fee, fee, currency).await?;
    }
    Ok(())
}

/// Records what the cheapest label for `ret`'s parcel would have cost, when the shopper keeps
/// the items and nothing is sent (at approval): the shipping the rule saved. Nothing when the
/// shop's table has no price for the parcel.
pub async fn record_shipping_saved(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    ret: &return_request::Model,
    o: &order::Model,
) -> ApiResult<()> {
    let units = labels::parcel_units(db, ret.id).await?;
    if let Some(cost) = labels::cheapest_label(db, tenant, o, units).await? {
        insert(
            db,
            Uuid::now_v7(),
            ret,
            OutcomeKind::ShippingSaved,
            cost.minor(),
            &o.currency,
        )
        .await?;
    }
    Ok(())
}

async fn insert(
    db: &impl ConnectionTrait,
    id: Uuid,
    ret: &return_request::Model,
    kind: OutcomeKind,
    amount_minor: i64,
    currency: &str,
) -> ApiResult<()> {
    return_outcome::Entity::insert(return_outcome::ActiveModel {
        id: Set(id),
        merchant_id: Set(ret.merchant_id),
        return_id: Set(ret.id),
        kind: Set(kind),
        amount_minor: Set(amount_minor),
        currency: Set(currency.to_owned()),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(return_outcome::Column::Id)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
