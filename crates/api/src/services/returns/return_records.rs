//! The writing side of returns shared by returns and withdrawals: locking the order, what is
//! left to return, idempotency keys, return numbers, the return rows and their history.

use crate::db::Tenant;
use crate::db::entities::{
    idempotency_key, order, order_item, return_event, return_item, return_reason, return_request,
    staff,
};
use crate::error::{ApiError, ApiResult};
use crate::services::orders::photos::{self, AttachTo};
use crate::services::sha256_hex;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::returns::ReturnActor;
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::domain::{
    Journey, OrderedItem, ReturnAction, ReturnStatus, RuleError, next_in,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationDef, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Takes the order's row lock for the rest of the transaction, so two submissions for one
/// order compute what is left one after the other. SQLite needs nothing: `begin_write` is
/// `BEGIN IMMEDIATE`, which already serialises writers.
pub async fn lock_order(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    order_id: Uuid,
) -> ApiResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        tenant
            .find::<order::Entity>()
            .filter(order::Column::Id.eq(order_id))
            .lock_exclusive()
            .one(db)
            .await?;
    }
    Ok(())
}

/// The order's items with what open returns (neither rejected nor cancelled) hold of each.
pub async fn ordered_items(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    order_id: Uuid,
) -> ApiResult<Vec<(order_item::Model, OrderedItem)>> {
    let items = order_item::Entity::find()
        .filter(order_item::Column::OrderId.eq(order_id))
        .order_by_asc(order_item::Column::Position)
        .all(db)
        .await?;
    // One grouped sum, however many returns the order has had: this runs inside every
    // submission's write turn, where each row read is time every other writer waits.
    let released: Vec<ReturnStatus> = ReturnStatus::ALL
        .into_iter()
        .filter(|s| !s.holds_items())
        .collect();
    let to_return: RelationDef = return_item::Entity::belongs_to(return_request::Entity)
        .from(return_item::Column::ReturnId)
        .to(return_request::Column::Id)
        .into();
    let held: HashMap<Uuid, i64> = return_item::Entity::find()
        .select_only()
        .column(return_item::Column::OrderItemId)
        .column_as(return_item::Column::Quantity.sum(), "held")
        .join(JoinType::InnerJoin, to_return)
        .filter(return_request::Column::MerchantId.eq(tenant.merchant_id()))
        .filter(return_request::Column::OrderId.eq(order_id))
        .filter(return_request::Column::Status.is_not_in(released))
        .group_by(return_item::Column::OrderItemId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(items
        .into_iter()
        .map(|i| {
            let rule = OrderedItem {
                id: i.id,
                sku: i.sku.clone(),
                // The product's tags as the shop sent them (tag rules, the non-returnable list).
                tags: crate::services::orders::batch::read_tags(i.tags.as_deref()),
                bought: i.quantity,
                returnable: i.returnable,
                already_returned: held
                    .get(&i.id)
                    .map_or(0, |&n| i32::try_from(n).unwrap_or(i32::MAX)),
            };
            (i, rule)
        })
        .collect())
}

/// Broken rules as one 422 naming every field.
pub fn rule_errors(errors: Vec<RuleError>) -> ApiError {
    ApiError::rules(errors)
}

/// A submission's idempotency key (`Idempotency-Key` header, else `client_request_id`) and
/// the fingerprint of what was asked with it.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub scope: &'static str,
    pub key: String,
    pub request_hash: String,
}

impl Idempotency {
    pub fn of<T: Serialize>(
        scope: &'static str,
        header: Option<String>,
        client_request_id: Option<&str>,
        body: &T,
    ) -> ApiResult<Option<Idempotency>> {
        let key = header
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .or_else(|| client_request_id.map(|c| format!("client:{}", c.trim())));
        let Some(key) = key else { return Ok(None) };
        if key.len() > 200 {
            return Err(ApiError::field(
                ErrorKind::Validation,
                "Idempotency-Key",
                "length",
                "use at most 200 characters",
            ));
        }
        let json = serde_json::to_string(body).map_err(ApiError::internal)?;
        Ok(Some(Idempotency {
            scope,
            key,
            request_hash: sha256_hex(&json),
        }))
    }

    /// The first answer for this key, if there was one; 409 when the key was used for a
    /// different request.
    pub async fn replay(
        &self,
        db: &impl ConnectionTrait,
        tenant: Tenant,
        order_id: Uuid,
    ) -> ApiResult<Option<String>> {
        let found = tenant
            .find::<idempotency_key::Entity>()
            .filter(idempotency_key::Column::OrderId.eq(order_id))
            .filter(idempotency_key::Column::Scope.eq(self.scope))
            .filter(idempotency_key::Column::Key.eq(&self.key))
            .one(db)
            .await?;
        match found {
            Some(k) if k.request_hash == self.request_hash => Ok(Some(k.response)),
            Some(_) => Err(ApiError::new(
                ErrorKind::Conflict,
                "this idempotency key was already used for a different request",
            )),
            None => Ok(None),
        }
    }

    pub async fn remember(
        &self,
        db: &impl ConnectionTrait,
        tenant: Tenant,
        order_id: Uuid,
        return_id: Uuid,
        response: &str,
    ) -> ApiResult<()> {
        idempotency_key::ActiveModel {
            id: Set(Uuid::now_v7()),
            merchant_id: Set(tenant.merchant_id()),
            order_id: Set(order_id),
            scope: Set(self.scope.to_owned()),
            key: Set(self.key.clone()),
            request_hash: Set(self.request_hash.clone()),
            return_id: Set(return_id),
            response: Set(response.to_owned()),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await
        .map_err(crate::services::conflict_on(
            "Idempotency-Key",
            "this request is already being processed",
        ))?;
        Ok(())
    }
}

/// Crockford's base32 without I, L, O, U: nothing to misread over the phone.
const NUMBER_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `R-` and six random characters (a billion values), checked free for the merchant; the
/// unique index on (merchant, number) is the backstop.
async fn new_return_number(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<String> {
    for _ in 0..8 {
        let bits = Uuid::new_v4().as_u128();
        let code: String = (0..6)
            .map(|i| NUMBER_ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
            .collect();
        let number = format!("R-{code}");
        let taken = tenant
            .find::<return_request::Entity>()
            .filter(return_request::Column::Number.eq(&number))
            .one(db)
            .await?
            .is_some();
        if !taken {
            return Ok(number);
        }
    }
    Err(ApiError::internal(anyhow::anyhow!(
        "no free return number after 8 tries"
    )))
}

pub fn as_str<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One line of a new return.
#[derive(Debug, Clone)]
pub struct NewLine {
    pub order_item_id: Uuid,
    pub quantity: i32,
    pub reason_id: Uuid,
    pub comment: Option<String>,
    pub defective: bool,
    pub photo_ids: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct NewReturn {
    /// None: a defective return leaves it to the shop.
    pub resolution: Option<Resolution>,
    pub replacement_variant: Option<String>,
    pub method: Option<ReturnMethod>,
    pub withdrawal: bool,
    pub status: ReturnStatus,
    pub note: Option<ReturnNote>,
    /// Who submitted it: the shopper, or the shop for them (with the staff member, if a person).
    pub actor: ReturnActor,
    pub staff_id: Option<Uuid>,
    pub lines: Vec<NewLine>,
    /// The fee the shop's policy charges, in the order's currency.
    pub fee_minor: Option<i64>,
    /// The shop's policy lets the shopper keep every item.
    pub keep_item: bool,
    /// `ExchangeTerms` as JSON, with an exchange.
    pub exchange: Option<String>,
}

/// Inserts the return, its lines (attaching their photos) and its first history entry; returns
/// the return and its lines as written, in their order (by id).
pub async fn insert_return(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    order_id: Uuid,
    new: NewReturn,
) -> ApiResult<(return_request::Model, Vec<return_item::Model>)> {
    let now = Utc::now();
    let saved = return_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(tenant.merchant_id()),
        order_id: Set(order_id),
        number: Set(new_return_number(db, tenant).await?),
        status: Set(new.status),
        // Placeholders until staff decide (the `_pending` flags say so; views show none).
        resolution: Set(new.resolution.unwrap_or(Resolution::Refund)),
        resolution_pending: Set(new.resolution.is_none()),
        method: Set(new.method.unwrap_or(ReturnMethod::PrepaidLabel)),
        method_pending: Set(new.method.is_none()),
        replacement_variant: Set(new.replacement_variant),
        withdrawal: Set(new.withdrawal),
        label_issued_at: Set(None),
        fee_minor: Set(new.fee_minor),
        keep_item: Set(new.keep_item),
        risk_flags: Set(None),
        exchange: Set(new.exchange),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(crate::services::conflict_on(
        "number",
        "please submit again",
    ))?;
    // All lines in one statement: a submission holds SQLite's single write turn, and each
    // statement in it is time every other shopper waits.
    // Ids from `now_v7` grow in the order made: the lines come back in the order a read by id
    // would give.
    let items: Vec<return_item::Model> = new
        .lines
        .iter()
        .map(|line| return_item::Model {
            id: Uuid::now_v7(),
            return_id: saved.id,
            order_item_id: line.order_item_id,
            reason_id: line.reason_id,
            quantity: line.quantity,
            comment: line.comment.clone(),
            defective: line.defective,
        })
        .collect();
    if !items.is_empty() {
        return_item::Entity::insert_many(
            items
                .iter()
                .map(|item| return_item::ActiveModel::from(item.clone())),
        )
        .exec_without_returning(db)
        .await?;
    }
    for (i, (item, line)) in items.iter().zip(&new.lines).enumerate() {
        photos::attach(
            db,
            tenant,
            order_id,
            &line.photo_ids,
            &format!("items[{i}].photo_ids"),
            AttachTo::ReturnItem(item.id),
        )
        .await?;
    }
    record_event(
        db,
        saved.id,
        new.actor,
        new.staff_id,
        None,
        new.status,
        new.note,
    )
    .await?;
    Ok((saved, items))
}

/// One line of a return's history.
pub async fn record_event(
    db: &impl ConnectionTrait,
    return_id: Uuid,
    actor: ReturnActor,
    staff_id: Option<Uuid>,
    from: Option<ReturnStatus>,
    to: ReturnStatus,
    note: Option<ReturnNote>,
) -> ApiResult<()> {
    let params = match &note {
        Some(n) => Some(serde_json::to_string(&n.params).map_err(ApiError::internal)?),
        None => None,
    };
    // The name as it is now, kept with the step: the timeline names them after they leave.
    let staff_name = match staff_id {
        Some(id) => staff::Entity::find_by_id(id).one(db).await?.map(|s| s.name),
        None => None,
    };
    return_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        return_id: Set(return_id),
        actor: Set(actor),
        staff_id: Set(staff_id),
        staff_name: Set(staff_name),
        from_status: Set(from),
        to_status: Set(to),
        code: Set(note.map(|n| n.code.as_str().to_owned())),
        params: Set(params),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The note a stored history step carries, if any (an unknown code reads as none).
pub fn note_of(event: &return_event::Model) -> Option<ReturnNote> {
    let code = ReturnEventCode::parse(event.code.as_deref()?)?;
    let params = event
        .params
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default();
    Some(ReturnNote { code, params })
}

/// Applies `action` through the shared state machine and records it; a refused transition is
/// a 409 saying why.
pub async fn transition(
    db: &impl ConnectionTrait,
    ret: return_request::Model,
    action: ReturnAction,
    actor: ReturnActor,
    staff_id: Option<Uuid>,
    note: Option<ReturnNote>,
) -> ApiResult<return_request::Model> {
    let from = ret.status;
    let to = next_in(Journey::of(ret.keep_item), from, action)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    // An exchange's stock follows its return: held from approval, given back when it ends.
    crate::services::returns::exchanges::hold_for(db, &ret, to).await?;
    let approving = to == ReturnStatus::Approved && from != ReturnStatus::Approved;
    let id = ret.id;
    // Shipping an exchange is its replacement step: the resolution stays `exchange`.
    let settles = settled_by(action)
        .filter(|r| !(*r == Resolution::Replacement && ret.resolution == Resolution::Exchange));
    let labelled = action == ReturnAction::IssueLabel && ret.method_pending;
    let mut row: return_request::ActiveModel = ret.into();
    row.status = Set(to);
    // Staff settling a defective case decide what the shopper did not have to choose.
    if let Some(resolution) = settles {
        row.resolution = Set(resolution);
        row.resolution_pending = Set(false);
    }
    if labelled {
        row.method = Set(ReturnMethod::PrepaidLabel);
        row.method_pending = Set(false);
    }
    row.updated_at = Set(Utc::now());
    let saved = row.update(db).await?;
    record_event(db, id, actor, staff_id, Some(from), to, note).await?;
    if approving && saved.exchange.is_some() {
        let (returns, _) = crate::services::settings::load_documents(db, saved.merchant_id).await?;
        let tenant = Tenant::new(saved.merchant_id);
        return crate::services::returns::exchanges::after_approval(
            db,
            tenant,
            saved,
            &returns.exchanges,
        )
        .await;
    }
    Ok(saved)
}

/// The resolution an action carries out, if it is one.
fn settled_by(action: ReturnAction) -> Option<Resolution> {
    match action {
        ReturnAction::Refund => Some(Resolution::Refund),
        ReturnAction::StoreCredit => Some(Resolution::StoreCredit),
        ReturnAction::Replace => Some(Resolution::Replacement),
        _ => None,
    }
}

/// The hidden reason EU withdrawals point at, made on first use. Retired, so no form offers
/// it, and out of the shop's reason list (`system_key`).
pub async fn withdrawal_reason(
    db: &impl ConnectionTrait,
    tenant: Tenant,
) -> ApiResult<return_reason::Model> {
    const KEY: &str = "withdrawal";
    if let Some(found) = tenant
        .find::<return_reason::Entity>()
        .filter(return_reason::Column::SystemKey.eq(KEY))
        .one(db)
        .await?
    {
        return Ok(found);
    }
    Ok(return_reason::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(tenant.merchant_id()),
        label_en: Set("Withdrawal from the contract".into()),
        label_fr: Set("Rétractation".into()),
        defective: Set(false),
        position: Set(i32::from(i16::MAX)),
        retired_at: Set(Some(Utc::now())),
        system_key: Set(Some(KEY.into())),
    }
    .insert(db)
    .await?)
}
