//! Return reasons: add, rename, reorder, retire and restore. A reason is never deleted: past
//! returns keep pointing at it.

use crate::auth::CurrentStaff;
use crate::db::entities::return_reason;
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::audit;
use chrono::Utc;
use rebound_shared::api::settings::{Change, ReorderReasons, ReturnReasonInput, ReturnReasonView};
use rebound_shared::{ErrorKind, Permission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

/// Active reasons in their order, then retired ones.
pub async fn list(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<Vec<ReturnReasonView>> {
    let mut rows = tenant
        .find::<return_reason::Entity>()
        // The hidden withdrawal reason is Rebound's, not one the shop manages.
        .filter(return_reason::Column::SystemKey.is_null())
        .order_by_asc(return_reason::Column::Position)
        .all(db)
        .await?;
    rows.sort_by_key(|r| (r.retired_at.is_some(), r.position));
    Ok(rows.into_iter().map(view).collect())
}

fn view(r: return_reason::Model) -> ReturnReasonView {
    ReturnReasonView {
        id: r.id,
        label_en: r.label_en,
        label_fr: r.label_fr,
        defective: r.defective,
        position: r.position,
        retired: r.retired_at.is_some(),
    }
}

async fn find(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    id: Uuid,
) -> ApiResult<return_reason::Model> {
    tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::Id.eq(id))
        .filter(return_reason::Column::SystemKey.is_null())
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("return reason"))
}

/// How two labels compare for sameness: trimmed and case-insensitive ("Too small" and
/// " too SMALL " are one reason).
fn same_label(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// 409 naming the field when another of the shop's reasons (active or retired, which can be
/// restored) already has this English or French label. `except` is the reason being renamed.
async fn refuse_duplicate(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    input: &ReturnReasonInput,
    except: Option<Uuid>,
) -> ApiResult<()> {
    let others = tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::SystemKey.is_null())
        .all(db)
        .await?;
    // Compared here rather than in SQL: SQLite's lower() only folds ASCII ("Été" vs "été").
    for other in others.iter().filter(|r| Some(r.id) != except) {
        for (field, mine, theirs) in [
            ("label_en", &input.label_en, &other.label_en),
            ("label_fr", &input.label_fr, &other.label_fr),
        ] {
            if same_label(mine, theirs) {
                let state = if other.retired_at.is_some() {
                    " (retired: restore it instead)"
                } else {
                    ""
                };
                return Err(ApiError::field(
                    ErrorKind::Conflict,
                    field,
                    "duplicate",
                    &format!(
                        "the shop already has the reason \"{}\"{state}",
                        theirs.trim()
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn change(field: &str, from: serde_json::Value, to: serde_json::Value) -> Change {
    Change {
        field: field.to_owned(),
        from,
        to,
    }
}

pub async fn add_reason(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: ReturnReasonInput,
) -> ApiResult<ReturnReasonView> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    refuse_duplicate(&txn, caller.tenant, &input, None).await?;
    let last: Option<i32> = caller
        .tenant
        .find::<return_reason::Entity>()
        .select_only()
        .column_as(return_reason::Column::Position.max(), "max")
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let saved = return_reason::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(caller.tenant.merchant_id()),
        label_en: Set(input.label_en.trim().to_owned()),
        label_fr: Set(input.label_fr.trim().to_owned()),
        defective: Set(input.defective),
        position: Set(last.map_or(0, |p| p + 1)),
        retired_at: Set(None),
        system_key: Set(None),
    }
    .insert(&txn)
    .await?;
    let added = change("reason", json!(null), json!(saved.label_en));
    audit::record(&txn, caller, "reasons", vec![added]).await?;
    txn.commit().await?;
    Ok(view(saved))
}

pub async fn update_reason(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
    input: ReturnReasonInput,
) -> ApiResult<ReturnReasonView> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let current = find(&txn, caller.tenant, id).await?;
    refuse_duplicate(&txn, caller.tenant, &input, Some(id)).await?;
    let mut changes = Vec::new();
    let (en, fr) = (
        input.label_en.trim().to_owned(),
        input.label_fr.trim().to_owned(),
    );
    if current.label_en != en {
        changes.push(change("label_en", json!(current.label_en), json!(en)));
    }
    if current.label_fr != fr {
        changes.push(change("label_fr", json!(current.label_fr), json!(fr)));
    }
    if current.defective != input.defective {
        changes.push(change(
            "defective",
            json!(current.defective),
            json!(input.defective),
        ));
    }
    let mut row: return_reason::ActiveModel = current.into();
    row.label_en = Set(en);
    row.label_fr = Set(fr);
    row.defective = Set(input.defective);
    let saved = row.update(&txn).await?;
    audit::record(&txn, caller, "reasons", changes).await?;
    txn.commit().await?;
    Ok(view(saved))
}

/// Retires (`retired = true`) or restores a reason. Shoppers only see active reasons.
pub async fn set_retired(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    id: Uuid,
    retired: bool,
) -> ApiResult<ReturnReasonView> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let current = find(&txn, caller.tenant, id).await?;
    if retired && current.retired_at.is_none() {
        let active = caller
            .tenant
            .find::<return_reason::Entity>()
            .filter(return_reason::Column::RetiredAt.is_null())
            .count(&txn)
            .await?;
        if active <= 1 {
            return Err(ApiError::field(
                ErrorKind::Validation,
                "id",
                "last_reason",
                "keep at least one active reason",
            ));
        }
    }
    let label = current.label_en.clone();
    let was = current.retired_at.is_some();
    let mut row: return_reason::ActiveModel = current.into();
    row.retired_at = Set(retired.then(Utc::now));
    let saved = row.update(&txn).await?;
    if was != retired {
        audit::record(
            &txn,
            caller,
            "reasons",
            vec![change(
                &format!("{label}.retired"),
                json!(was),
                json!(retired),
            )],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(view(saved))
}

pub async fn reorder(
    db: &DatabaseConnection,
    caller: &CurrentStaff,
    input: ReorderReasons,
) -> ApiResult<Vec<ReturnReasonView>> {
    caller.require(Permission::ManageSettings)?;
    let txn = begin_write(db).await?;
    let active = caller
        .tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::RetiredAt.is_null())
        .order_by_asc(return_reason::Column::Position)
        .all(&txn)
        .await?;
    let mut expected: Vec<Uuid> = active.iter().map(|r| r.id).collect();
    let mut given = input.ids.clone();
    expected.sort();
    given.sort();
    if expected != given {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "ids",
            "mismatch",
            "list every active reason exactly once",
        ));
    }
    let before: Vec<_> = active.iter().map(|r| r.label_en.clone()).collect();
    for (position, id) in input.ids.iter().enumerate() {
        if let Some(r) = active
            .iter()
            .find(|r| r.id == *id && r.position != position as i32)
        {
            let mut row: return_reason::ActiveModel = r.clone().into();
            row.position = Set(position as i32);
            row.update(&txn).await?;
        }
    }
    let after: Vec<_> = input
        .ids
        .iter()
        .filter_map(|id| {
            active
                .iter()
                .find(|r| r.id == *id)
                .map(|r| r.label_en.clone())
        })
        .collect();
    if before != after {
        audit::record(
            &txn,
            caller,
            "reasons",
            vec![change("order", json!(before), json!(after))],
        )
        .await?;
    }
    // Retired reasons go after the active ones so positions stay unique.
    let retired = caller
        .tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::RetiredAt.is_not_null())
        .order_by_asc(return_reason::Column::Position)
        .all(&txn)
        .await?;
    for (offset, r) in retired.into_iter().enumerate() {
        let position = (input.ids.len() + offset) as i32;
        if r.position != position {
            let mut row: return_reason::ActiveModel = r.into();
            row.position = Set(position);
            row.update(&txn).await?;
        }
    }
    let result = list(&txn, caller.tenant).await?;
    txn.commit().await?;
    Ok(result)
}
