//! Returns the shop makes for a shopper: staff taking one on the phone, or an integration's
//! key with `returns:write`. The order is found by its number in the caller's shop; the rest
//! is the portal's own submission (`submit::submit_return`), rules and outcomes alike.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::services::orders::find_by_number;
use crate::services::returns::ReturnDeps;
use crate::services::returns::submit::{Submitted, Submitter, submit_return};
use rebound_shared::Permission;
use rebound_shared::api::returns::CreateShopReturn;
use sea_orm::DatabaseConnection;

pub async fn create_shop_return(
    db: &DatabaseConnection,
    deps: ReturnDeps<'_>,
    caller: &CurrentStaff,
    idempotency_key: Option<String>,
    input: CreateShopReturn,
) -> ApiResult<Submitted> {
    caller.require(Permission::HandleReturns)?;
    // Another shop's order number is simply not found (404), like any unknown number.
    let order = find_by_number(db, caller.tenant, &input.order_number).await?;
    submit_return(
        db,
        deps,
        caller.tenant,
        order,
        idempotency_key,
        input.submission,
        Submitter::Shop(caller),
    )
    .await
}
