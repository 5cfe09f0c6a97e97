//! Returns as the portal and the dashboard show them: a fixed number of queries for any number
//! of returns (items, order items, reasons, history, photos, withdrawals, labels, credits).

use crate::db::Tenant;
use crate::db::entities::{
    order_item, return_event, return_item, return_label, return_outcome, return_reason,
    return_request, store_credit, withdrawal,
};
use crate::error::ApiResult;
use crate::labels::LinkSigner;
use crate::services::orders::photos::{AttachKind, PhotoUrls, views_for};
use crate::services::returns::labels::LabelFile;
use crate::services::returns::return_records::note_of;
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::portal::PortalReason;
use rebound_shared::api::return_queue::StoreCreditView;
use rebound_shared::api::returns::{
    ReturnEventView, ReturnItemView, ReturnView, WithdrawalStatement,
};
use rebound_shared::api::timeline::{ReturnEventCode, english};
use rebound_shared::domain::{Journey, Lang, Money, ReturnStatus, allowed_actions_in, line_paid};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use std::collections::HashMap;
use uuid::Uuid;

/// Who may read the names of the staff who acted: the shop, not its shoppers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Shopper,
    Staff,
}

/// Views of `returns` (all of one merchant), in the order given, as a shopper reads them.
pub async fn return_views(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    urls: &PhotoUrls,
    signer: &LinkSigner,
    returns: Vec<return_request::Model>,
    order_numbers: &HashMap<Uuid, String>,
) -> ApiResult<Vec<ReturnView>> {
    views_for_reader(
        db,
        tenant,
        urls,
        signer,
        returns,
        order_numbers,
        Reader::Shopper,
    )
    .await
}

/// Rows a submission already holds when it builds its mail and its answer inside SQLite's
/// single write turn, where every statement is time the other writers wait: what is given
/// here is not read again.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    /// The shop's return reasons a shopper may choose (system reasons are never shown).
    pub reasons: Option<&'a [return_reason::Model]>,
    /// Every item of the order the returns belong to.
    pub order_items: Option<&'a [order_item::Model]>,
    /// The returns were created in this very transaction.
    pub created: Option<Created<'a>>,
}

/// What a return created in the current transaction has and has not yet.
#[derive(Debug, Clone, Copy)]
pub struct Created<'a> {
    /// Its lines as written, by id.
    pub items: &'a [return_item::Model],
    /// Whether any of its lines has a photo attached.
    pub photos: bool,
}

impl Known<'_> {
    /// The lines of `returns`, by id: those just written when known, else read.
    pub async fn items_of(
        &self,
        db: &impl ConnectionTrait,
        returns: Vec<Uuid>,
    ) -> ApiResult<Vec<return_item::Model>> {
        if let Some(created) = self.created {
            return Ok(created.items.to_vec());
        }
        Ok(return_item::Entity::find()
            .filter(return_item::Column::ReturnId.is_in(returns))
            .order_by_asc(return_item::Column::Id)
            .all(db)
            .await?)
    }

    /// The shop's reasons by id, read unless known.
    pub async fn reasons_by_id(
        &self,
        db: &impl ConnectionTrait,
        merchant_id: Uuid,
    ) -> ApiResult<HashMap<Uuid, return_reason::Model>> {
        let rows = match self.reasons {
            Some(known) => known.to_vec(),
            None => {
                return_reason::Entity::find()
                    .filter(return_reason::Column::MerchantId.eq(merchant_id))
                    .all(db)
                    .await?
            }
        };
        Ok(rows.into_iter().map(|r| (r.id, r)).collect())
    }

    /// The order items `of` selects, by id; when known, all of the order's instead (a superset).
    pub async fn order_items_by_id(
        &self,
        db: &impl ConnectionTrait,
        of: Select<order_item::Entity>,
    ) -> ApiResult<HashMap<Uuid, order_item::Model>> {
        let rows = match self.order_items {
            Some(known) => known.to_vec(),
            None => of.all(db).await?,
        };
        Ok(rows.into_iter().map(|i| (i.id, i)).collect())
    }
}

/// Views of `returns` (all of one merchant), in the order given, for `reader`.
pub async fn views_for_reader(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    urls: &PhotoUrls,
    signer: &LinkSigner,
    returns: Vec<return_request::Model>,
    order_numbers: &HashMap<Uuid, String>,
    reader: Reader,
) -> ApiResult<Vec<ReturnView>> {
    views_knowing(
        db,
        tenant,
        (urls, signer),
        returns,
        order_numbers,
        reader,
        Known::default(),
    )
    .await
}

/// [`views_for_reader`], reading only what `known` does not give.
pub async fn views_knowing(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    (urls, signer): (&PhotoUrls, &LinkSigner),
    returns: Vec<return_request::Model>,
    order_numbers: &HashMap<Uuid, String>,
    reader: Reader,
    known: Known<'_>,
) -> ApiResult<Vec<ReturnView>> {
    if returns.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = returns.iter().map(|r| r.id).collect();
    let items = known.items_of(db, ids.clone()).await?;
    let ordered = known
        .order_items_by_id(
            db,
            order_item::Entity::find().filter(
                order_item::Column::Id
                    .is_in(items.iter().map(|i| i.order_item_id).collect::<Vec<_>>()),
            ),
        )
        .await?;
    let reasons = known.reasons_by_id(db, tenant.merchant_id()).await?;
    let events = return_event::Entity::find()
        .filter(return_event::Column::ReturnId.is_in(ids.clone()))
        .order_by_asc(return_event::Column::CreatedAt)
        .order_by_asc(return_event::Column::Id)
        .all(db)
        .await?;
    // A return made in this transaction has no label or store credit yet, nor a withdrawal
    // unless it is one; its outcome (a kept item's saved shipping) is read like any other's.
    let created = known.created;
    let withdrawals: HashMap<Uuid, withdrawal::Model> =
        if created.is_some() && !returns.iter().any(|r| r.withdrawal) {
            HashMap::new()
        } else {
            tenant
                .find::<withdrawal::Entity>()
                .filter(withdrawal::Column::ReturnId.is_in(ids.clone()))
                .all(db)
                .await?
                .into_iter()
                .map(|w| (w.return_id, w))
                .collect()
        };
    let labels: HashMap<Uuid, return_label::Model> = if created.is_some() {
        HashMap::new()
    } else {
        tenant
            .find::<return_label::Entity>()
            .filter(return_label::Column::CurrentForReturn.is_in(ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.return_id, l))
            .collect()
    };
    let saved: HashMap<Uuid, i64> =
        if reader == Reader::Staff && returns.iter().any(|r| r.keep_item) {
            tenant
                .find::<return_outcome::Entity>()
                .filter(return_outcome::Column::ReturnId.is_in(ids.clone()))
                .filter(return_outcome::Column::Kind.eq(OutcomeKind::ShippingSaved))
                .all(db)
                .await?
                .into_iter()
                .map(|o| (o.return_id, o.amount_minor))
                .collect()
        } else {
            HashMap::new()
        };
    let credits: HashMap<Uuid, store_credit::Model> = if created.is_some() {
        HashMap::new()
    } else {
        tenant
            .find::<store_credit::Entity>()
            .filter(store_credit::Column::ReturnId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.return_id, c))
            .collect()
    };
    let mut exchanges =
        crate::services::returns::exchanges::views(db, &returns, &items, &ordered).await?;
    let now = chrono::Utc::now();
    let photographed = created.is_none_or(|c| c.photos);
    let mut photos = views_for(
        db,
        tenant,
        urls,
        AttachKind::ReturnItem,
        items
            .iter()
            .filter(|_| photographed)
            .map(|i| i.id)
            .collect(),
    )
    .await?;
    Ok(returns
        .into_iter()
        .map(|r| {
            let status = r.status;
            ReturnView {
                id: r.id,
                order_number: order_numbers.get(&r.order_id).cloned().unwrap_or_default(),
                status,
                allowed_actions: allowed_actions_in(Journey::of(r.keep_item), status),
                resolution: (!r.resolution_pending).then_some(r.resolution),
                replacement_variant: r.replacement_variant.clone(),
                method: (!r.method_pending).then_some(r.method),
                items: items
                    .iter()
                    .filter(|i| i.return_id == r.id)
                    .map(|i| {
                        let bought = ordered.get(&i.order_item_id);
                        ReturnItemView {
                            id: i.id,
                            order_item_id: i.order_item_id,
                            sku: bought.map(|b| b.sku.clone()).unwrap_or_default(),
                            title: bought.map(|b| b.title.clone()).unwrap_or_default(),
                            quantity: i.quantity,
                            paid_minor: bought
                                .map_or(0, |b| line_paid(b.unit_price_minor, i.quantity)),
                            reason: reasons
                                .get(&i.reason_id)
                                .filter(|reason| reason.system_key.is_none())
                                .map(|reason| PortalReason {
                                    id: reason.id,
                                    label_en: reason.label_en.clone(),
                                    label_fr: reason.label_fr.clone(),
                                    defective: reason.defective,
                                }),
                            defective: i.defective,
                            comment: i.comment.clone(),
                            photos: photos.remove(&i.id).unwrap_or_default(),
                        }
                    })
                    .collect(),
                history: events
                    .iter()
                    .filter(|e| e.return_id == r.id)
                    .map(|e| {
                        // Why a return was held for review is the shop's business alone.
                        let note = note_of(e).filter(|n| {
                            reader == Reader::Staff || n.code != ReturnEventCode::RiskReview
                        });
                        ReturnEventView {
                            from: e.from_status,
                            to: e.to_status,
                            actor: e.actor,
                            staff_id: e.staff_id,
                            staff_name: e.staff_name.clone().filter(|_| reader == Reader::Staff),
                            note: note.as_ref().map(|n| {
                                english(n.code, &n.params, |minor, currency| {
                                    Money::show_with_code(minor, currency, Lang::En)
                                })
                            }),
                            code: note.as_ref().map(|n| n.code),
                            params: note.map(|n| n.params).unwrap_or_default(),
                            at: e.created_at,
                        }
                    })
                    .collect(),
                withdrawal: withdrawals.get(&r.id).map(|w| WithdrawalStatement {
                    name: w.name.clone(),
                    email: w.email.clone(),
                    stated_at: w.stated_at,
                }),
                label_url: labels
                    .get(&r.id)
                    .map(|l| signer.link(&LabelFile::Pdf.public_path(l.id), now).0),
                qr_url: labels
                    .get(&r.id)
                    .map(|l| signer.link(&LabelFile::QrPng.public_path(l.id), now).0),
                rejection_reason: (status == ReturnStatus::Rejected)
                    .then(|| {
                        events
                            .iter()
                            .rev()
                            .find(|e| e.return_id == r.id && e.to_status == status)
                            .and_then(note_of)
                            .filter(|n| n.code == ReturnEventCode::Rejected)
                            .and_then(|mut n| n.params.remove("reason"))
                    })
                    .flatten(),
                store_credit: credits.get(&r.id).map(|c| StoreCreditView {
                    code: c.code.clone(),
                    amount_minor: c.amount_minor,
                    balance_minor: c.balance_minor,
                    currency: c.currency.clone(),
                    created_at: c.created_at,
                }),
                fee_minor: r.fee_minor,
                keep_item: r.keep_item,
                shipping_saved_minor: saved.get(&r.id).copied(),
                risk_flags: if reader == Reader::Staff {
                    crate::services::returns::risk::stored_flags(&r)
                } else {
                    Vec::new()
                },
                exchange: exchanges.remove(&r.id),
                number: r.number,
                created_at: r.created_at,
                updated_at: r.updated_at,
            }
        })
        .collect())
}
