//! Exchanges: what the shopper asked for instead of their money (checked and priced at
//! submission with the shared `quote_exchange`), the stock held for it from approval
//! (released when the return is rejected or cancelled), the new items' shipment (at approval
//! for an instant exchange, otherwise when staff ship it) and the views.

use crate::db::Tenant;
use crate::db::entities::{
    catalogue_variant, order, order_item, return_exchange, return_item, return_request, shipment,
};
use crate::error::{ApiError, ApiResult};
use crate::services::catalogue::{self, read_options, stock};
use crate::services::returns::outcomes;
use crate::services::returns::return_actions::{Outbound, outbound_shipment};
use crate::services::returns::return_records::record_event;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::catalogue::options_label;
use rebound_shared::api::exchanges::{
    ExchangeChoice, ExchangeLineView, ExchangeOffer, ExchangeSettings, ExchangeState,
    ExchangeTerms, ExchangeView, Settlement,
};
use rebound_shared::api::outcomes::OutcomeKind;
use rebound_shared::api::returns::{CreateReturn, ReturnActor};
use rebound_shared::api::settings::Resolution;
use rebound_shared::api::timeline::{ReturnEventCode, ReturnNote};
use rebound_shared::domain::exchange::{ExchangeLine, fill_payment_link, quote_exchange};
use rebound_shared::domain::{Currency, Lang, Money, ReturnStatus, line_paid};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

/// One line of a submitted exchange, checked.
#[derive(Debug, Clone)]
pub(crate) struct PlannedLine {
    order_item_id: Uuid,
    variant: catalogue_variant::Model,
    quantity: i32,
}

/// A submitted exchange, checked and priced, to be stored with its return.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    lines: Vec<PlannedLine>,
    terms: ExchangeTerms,
}

fn refused(field: &str, code: &str, message: &str) -> ApiError {
    ApiError::field(ErrorKind::Validation, field, code, message)
}

/// Checks the exchange asked for in `input` (none unless its resolution is `exchange`) against
/// the catalogue and the shop's settings, and prices it in the order's currency. `ordered`:
/// the order's items.
pub(crate) async fn plan(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    settings: &ExchangeSettings,
    input: &CreateReturn,
    ordered: &[order_item::Model],
    fee_minor: Option<i64>,
) -> ApiResult<Option<Plan>> {
    if input.resolution != Some(Resolution::Exchange) {
        if let Some(i) = input.items.iter().position(|i| i.exchange_sku.is_some()) {
            return Err(refused(
                &format!("items[{i}].exchange_sku"),
                "not_an_exchange",
                "choose the exchange resolution to exchange an item",
            ));
        }
        return Ok(None);
    }
    if !settings.enabled {
        return Err(refused(
            "resolution",
            "not_offered",
            "this shop does not offer exchanges",
        ));
    }
    let wanted: Vec<String> = input
        .items
        .iter()
        .filter_map(|i| i.exchange_sku.as_deref().map(|s| s.trim().to_owned()))
        .chain(ordered.iter().map(|i| i.sku.clone()))
        .collect();
    let variants = catalogue::by_skus(db, tenant, wanted).await?;
    let mut lines = Vec::new();
    let mut prices = Vec::new();
    let mut asked: HashMap<Uuid, i32> = HashMap::new();
    for (i, line) in input.items.iter().enumerate() {
        let field = format!("items[{i}].exchange_sku");
        let Some(sku) = line.exchange_sku.as_deref().map(str::trim) else {
            return Err(refused(
                &field,
                "required",
                "choose what you would like instead",
            ));
        };
        let bought = ordered
            .iter()
            .find(|b| b.id == line.order_item_id)
            .ok_or_else(|| {
                refused(
                    &format!("items[{i}].order_item_id"),
                    "unknown",
                    "this item is not in the order",
                )
            })?;
        let variant = variants
            .get(sku)
            .ok_or_else(|| refused(&field, "unknown", "this shop has no product with this SKU"))?;
        let same_product = variants
            .get(&bought.sku)
            .is_some_and(|b| b.product_key == variant.product_key);
        if !same_product && !settings.other_products {
            return Err(refused(
                &field,
                "other_product",
                "this shop exchanges for another size or colour of the same product only",
            ));
        }
        if variant.currency != o.currency {
            return Err(refused(
                &field,
                "currency",
                "this product is priced in another currency than the order",
            ));
        }
        let held = asked.entry(variant.id).or_default();
        *held += line.quantity;
        if variant.stock_on_hand - variant.reserved < *held {
            return Err(refused(&field, "out_of_stock", "this one is out of stock"));
        }
        prices.push(ExchangeLine {
            returned_unit_minor: bought.unit_price_minor,
            wanted_unit_minor: variant.price_minor,
            quantity: line.quantity,
        });
        lines.push(PlannedLine {
            order_item_id: bought.id,
            variant: variant.clone(),
            quantity: line.quantity,
        });
    }
    let quote = quote_exchange(&prices, fee_minor, settings);
    if let Settlement::Refused(due) = quote.settlement {
        return Err(refused(
            "items",
            "costs_more",
            &format!(
                "this exchange costs {} more, and this shop does not take payments for exchanges: choose an item of the same price or less",
                Money::show(due, &o.currency, Lang::En)
            ),
        ));
    }
    Ok(Some(Plan {
        lines,
        terms: ExchangeTerms {
            difference_minor: quote.difference_minor,
            settlement: quote.settlement,
            payment_url: None,
            instant: false,
        },
    }))
}

/// Stores `plan` with the return just inserted: its lines (requested: no stock is held until
/// approval) and its terms, with the payment link filled in when the shopper owes something.
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    ret: return_request::Model,
    o: &order::Model,
    settings: &ExchangeSettings,
    plan: Plan,
) -> ApiResult<return_request::Model> {
    let items = return_item::Entity::find()
        .filter(return_item::Column::ReturnId.eq(ret.id))
        .all(db)
        .await?;
    let now = Utc::now();
    for line in &plan.lines {
        let Some(item) = items.iter().find(|i| i.order_item_id == line.order_item_id) else {
            continue;
        };
        return_exchange::ActiveModel {
            id: Set(Uuid::now_v7()),
            merchant_id: Set(tenant.merchant_id()),
            return_id: Set(ret.id),
            return_item_id: Set(item.id),
            variant_id: Set(line.variant.id),
            sku: Set(line.variant.sku.clone()),
            title: Set(line.variant.title.clone()),
            options: Set(line.variant.options.clone()),
            quantity: Set(line.quantity),
            unit_price_minor: Set(line.variant.price_minor),
            currency: Set(line.variant.currency.clone()),
            state: Set(ExchangeState::Requested),
            shipment_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    let mut terms = plan.terms;
    if let (Settlement::PaymentDue(due), Some(template)) =
        (terms.settlement, settings.payment_link.as_deref())
    {
        let amount = Currency::parse(&o.currency)
            .map(|c| Money::new(due, c).input())
            .unwrap_or_else(|_| due.to_string());
        terms.payment_url = Some(fill_payment_link(
            template,
            &amount,
            &o.currency,
            &ret.number,
        ));
    }
    save_terms(db, ret, &terms).await
}

async fn save_terms(
    db: &impl ConnectionTrait,
    ret: return_request::Model,
    terms: &ExchangeTerms,
) -> ApiResult<return_request::Model> {
    let mut row: return_request::ActiveModel = ret.into();
    row.exchange = Set(Some(
        serde_json::to_string(terms).map_err(ApiError::internal)?,
    ));
    Ok(row.update(db).await?)
}

pub(crate) fn terms_of(ret: &return_request::Model) -> Option<ExchangeTerms> {
    ret.exchange
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
}

async fn lines_in(
    db: &impl ConnectionTrait,
    return_id: Uuid,
    state: ExchangeState,
) -> ApiResult<Vec<return_exchange::Model>> {
    Ok(return_exchange::Entity::find()
        .filter(return_exchange::Column::ReturnId.eq(return_id))
        .filter(return_exchange::Column::State.eq(state))
        .order_by_asc(return_exchange::Column::Id)
        .all(db)
        .await?)
}

async fn set_state(
    db: &impl ConnectionTrait,
    line: return_exchange::Model,
    state: ExchangeState,
    shipment_id: Option<Uuid>,
) -> ApiResult<()> {
    let mut row: return_exchange::ActiveModel = line.into();
    row.state = Set(state);
    if shipment_id.is_some() {
        row.shipment_id = Set(shipment_id);
    }
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    Ok(())
}

/// What an exchange's stock does when its return moves to `to`, before the move is written:
/// approval holds the units (or refuses with a 409 when one just sold out), a rejection or a
/// cancellation gives them back.
pub(crate) async fn hold_for(
    db: &impl ConnectionTrait,
    ret: &return_request::Model,
    to: ReturnStatus,
) -> ApiResult<()> {
    if ret.exchange.is_none() {
        return Ok(());
    }
    if to == ReturnStatus::Approved && ret.status != ReturnStatus::Approved {
        for line in lines_in(db, ret.id, ExchangeState::Requested).await? {
            if !stock::reserve(db, line.variant_id, line.quantity).await? {
                let what = match options_label(&read_options(&line.options)) {
                    label if label.is_empty() => line.title.clone(),
                    label => format!("{} ({label})", line.title),
                };
                return Err(ApiError::field(
                    ErrorKind::Conflict,
                    "exchange",
                    "sold_out",
                    &format!("{what} just sold out: the exchange cannot be approved as it is"),
                ));
            }
            set_state(db, line, ExchangeState::Reserved, None).await?;
        }
    } else if !to.holds_items() {
        for line in lines_in(db, ret.id, ExchangeState::Reserved).await? {
            stock::release(db, line.variant_id, line.quantity).await?;
            set_state(db, line, ExchangeState::Released, None).await?;
        }
    }
    Ok(())
}

/// After an approval is written: an instant exchange ships now, when the shop's settings
/// allow it for this order and shopper.
pub(crate) async fn after_approval(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    ret: return_request::Model,
    settings: &ExchangeSettings,
) -> ApiResult<return_request::Model> {
    let Some(mut terms) = terms_of(&ret) else {
        return Ok(ret);
    };
    let instant = &settings.instant;
    if !instant.enabled || terms.instant {
        return Ok(ret);
    }
    if instant.not_for_flagged && ret.risk_flags.is_some() {
        return Ok(ret);
    }
    let o = tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.eq(ret.order_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))?;
    if let Some(most) = instant.max_order_value_minor {
        let worth = order_item::Entity::find()
            .filter(order_item::Column::OrderId.eq(o.id))
            .all(db)
            .await?
            .iter()
            .map(|i| line_paid(i.unit_price_minor, i.quantity))
            .fold(0_i64, i64::saturating_add);
        if worth > most {
            return Ok(ret);
        }
    }
    ship(db, &ret, &o, None, None).await?;
    terms.instant = true;
    save_terms(db, ret, &terms).await
}

/// The shipment carrying the exchange's held units: they leave stock on hand, the lines are
/// shipped, and the history says so. None when nothing is held (already shipped).
pub(crate) async fn ship(
    db: &impl ConnectionTrait,
    ret: &return_request::Model,
    o: &order::Model,
    carrier: Option<String>,
    tracking: Option<String>,
) -> ApiResult<Option<shipment::Model>> {
    let lines = lines_in(db, ret.id, ExchangeState::Reserved).await?;
    if lines.is_empty() {
        return Ok(None);
    }
    let created = outbound_shipment(
        db,
        o,
        Outbound {
            carrier,
            service: None,
            tracking,
            placeholder: format!("{}-EXCH", ret.number),
        },
    )
    .await?;
    // The revenue the exchange kept: what the new items are worth, at their price when asked.
    let value = lines
        .iter()
        .map(|l| line_paid(l.unit_price_minor, l.quantity))
        .fold(0_i64, i64::saturating_add);
    outcomes::record(db, ret, OutcomeKind::Exchange, value, &o.currency).await?;
    let mut sent = Vec::new();
    for line in lines {
        stock::ship(db, line.variant_id, line.quantity).await?;
        sent.push(match options_label(&read_options(&line.options)) {
            label if label.is_empty() => line.sku.clone(),
            label => label,
        });
        set_state(db, line, ExchangeState::Shipped, Some(created.id)).await?;
    }
    let note = ReturnNote::new(ReturnEventCode::ReplacementShipped)
        .with("tracking", &created.tracking_number)
        .with("variant", sent.join(", "));
    record_event(
        db,
        ret.id,
        ReturnActor::System,
        None,
        Some(ret.status),
        ret.status,
        Some(note),
    )
    .await?;
    Ok(Some(created))
}

/// The exchange of each of `returns` that has one, by return id; one query.
pub(crate) async fn views(
    db: &impl ConnectionTrait,
    returns: &[return_request::Model],
    items: &[return_item::Model],
    ordered: &HashMap<Uuid, order_item::Model>,
) -> ApiResult<HashMap<Uuid, ExchangeView>> {
    let ids: Vec<Uuid> = returns
        .iter()
        .filter(|r| r.exchange.is_some())
        .map(|r| r.id)
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let lines = return_exchange::Entity::find()
        .filter(return_exchange::Column::ReturnId.is_in(ids))
        .order_by_asc(return_exchange::Column::Id)
        .all(db)
        .await?;
    let from_sku = |return_item_id: Uuid| {
        items
            .iter()
            .find(|i| i.id == return_item_id)
            .and_then(|i| ordered.get(&i.order_item_id))
            .map(|b| b.sku.clone())
            .unwrap_or_default()
    };
    Ok(returns
        .iter()
        .filter_map(|r| {
            let terms = terms_of(r)?;
            let view = ExchangeView {
                lines: lines
                    .iter()
                    .filter(|l| l.return_id == r.id)
                    .map(|l| ExchangeLineView {
                        return_item_id: l.return_item_id,
                        from_sku: from_sku(l.return_item_id),
                        sku: l.sku.clone(),
                        title: l.title.clone(),
                        options: read_options(&l.options),
                        quantity: l.quantity,
                        unit_price_minor: l.unit_price_minor,
                        state: l.state,
                    })
                    .collect(),
                difference_minor: terms.difference_minor,
                settlement: terms.settlement,
                payment_url: terms.payment_url,
                instant: terms.instant,
            };
            Some((r.id, view))
        })
        .collect())
}

/// How the shop settles exchanges, as the portal tells the shopper; none when it offers none.
pub(crate) fn offer(settings: &ExchangeSettings) -> Option<ExchangeOffer> {
    settings.enabled.then_some(ExchangeOffer {
        other_products: settings.other_products,
        cheaper: settings.cheaper,
        dearer: settings.dearer,
        bonus: settings.bonus,
    })
}

/// Per order item, the other variants of its product priced in the order's currency, with
/// what can still be promised of each; two queries.
pub(crate) async fn choices(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    ordered: &[(order_item::Model, rebound_shared::domain::OrderedItem)],
) -> ApiResult<HashMap<Uuid, Vec<ExchangeChoice>>> {
    let known = catalogue::by_skus(db, tenant, ordered.iter().map(|(i, _)| i.sku.clone())).await?;
    let mut products: Vec<String> = known.values().map(|v| v.product_key.clone()).collect();
    products.sort();
    products.dedup();
    let variants = catalogue::of_products(db, tenant, products).await?;
    Ok(ordered
        .iter()
        .filter_map(|(item, _)| {
            let product = &known.get(&item.sku)?.product_key;
            let offered = variants
                .get(product)?
                .iter()
                .filter(|v| v.sku != item.sku && v.currency == o.currency)
                .map(choice)
                .collect();
            Some((item.id, offered))
        })
        .collect())
}

/// A variant as the portal offers it, priced in its own currency (the order's, where offered).
pub(crate) fn choice(v: &catalogue_variant::Model) -> ExchangeChoice {
    ExchangeChoice {
        sku: v.sku.clone(),
        title: v.title.clone(),
        options: read_options(&v.options),
        unit_price_minor: v.price_minor,
        available: (v.stock_on_hand - v.reserved).max(0),
        image_url: v.image_url.clone(),
    }
}
