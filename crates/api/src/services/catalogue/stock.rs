//! The stock exchanges hold: reserved at approval, released when the return is rejected or
//! cancelled, taken from stock on hand when the exchange ships. Each is one conditional
//! `UPDATE`, so two approvals racing for the last unit cannot both hold it: the database
//! decides (PostgreSQL re-reads the row after the other's commit, SQLite writes one at a time).

use crate::db::entities::catalogue_variant::{Column, Entity};
use crate::error::ApiResult;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Holds `quantity` units of the variant when that many are still free; false when not.
pub async fn reserve(
    db: &impl ConnectionTrait,
    variant_id: Uuid,
    quantity: i32,
) -> ApiResult<bool> {
    let done = Entity::update_many()
        .col_expr(Column::Reserved, Expr::col(Column::Reserved).add(quantity))
        .filter(Column::Id.eq(variant_id))
        .filter(
            Expr::col(Column::StockOnHand)
                .sub(Expr::col(Column::Reserved))
                .gte(quantity),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Gives `quantity` held units back.
pub async fn release(db: &impl ConnectionTrait, variant_id: Uuid, quantity: i32) -> ApiResult<()> {
    Entity::update_many()
        .col_expr(Column::Reserved, Expr::col(Column::Reserved).sub(quantity))
        .filter(Column::Id.eq(variant_id))
        .filter(Column::Reserved.gte(quantity))
        .exec(db)
        .await?;
    Ok(())
}

/// The held units leave the warehouse: out of stock on hand and out of what is held.
pub async fn ship(db: &impl ConnectionTrait, variant_id: Uuid, quantity: i32) -> ApiResult<()> {
    Entity::update_many()
        .col_expr(Column::Reserved, Expr::col(Column::Reserved).sub(quantity))
        .col_expr(
            Column::StockOnHand,
            Expr::col(Column::StockOnHand).sub(quantity),
        )
        .filter(Column::Id.eq(variant_id))
        .filter(Column::Reserved.gte(quantity))
        .exec(db)
        .await?;
    Ok(())
}
