//! What an order can still return, for staff and integrations: per item how many units and
//! why none, the shop's reasons, resolutions and methods; the portal's own answer
//! (`submit::options_for`), without the portal's on/off switch.

use crate::auth::CurrentStaff;
use crate::error::ApiResult;
use crate::services::orders::find_by_number;
use crate::services::returns::submit::{Submitter, options_for};
use rebound_shared::Permission;
use rebound_shared::api::returns::ReturnOptions;
use sea_orm::DatabaseConnection;

pub async fn returnable(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    order_number: &str,
) -> ApiResult<ReturnOptions> {
    // Asking before creating a return is part of creating one: either returns scope will do.
    caller.require_any(&[Permission::ReadReturns, Permission::HandleReturns])?;
    let order = find_by_number(db, caller.tenant, order_number).await?;
    options_for(db, caller.tenant, &order, Submitter::Shop(caller)).await
}
