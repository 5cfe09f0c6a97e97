//! Returns the shop makes for a shopper: staff taking one on the phone, or an integration's
//! key with `returns:write`. The order is found by its number in the caller's shop; the rest
//! is the portal's own submission (`submit::submit_return`), rules and outcomes alike.

use crate::auth::CurrentStaff;
use crate::error::{ApiError, ApiResult};
use crate::services::orders::find_by_number;
use crate::services::returns::ReturnDeps;
use crate::services::returns::submit::{Submitted, Submitter, submit_return};
use rebound_shared::api::returns::CreateShopReturn;
use rebound_shared::{ErrorKind, Permission};
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
    let reason = input.policy_override.as_ref().map(|o| o.reason.trim());
    if reason == Some("") {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "policy_override.reason",
            "required",
            "say why the policy is set aside",
        ));
    }
    let submitter = match reason {
        Some(reason) => Submitter::ShopOverriding(caller, reason),
        None => Submitter::Shop(caller),
    };
    submit_return(
        db,
        deps,
        caller.tenant,
        order,
        idempotency_key,
        input.submission,
        submitter,
    )
    .await
}
