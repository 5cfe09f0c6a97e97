//! Shipping estimates and return labels: the parcel is the return's items going from the
//! shopper (the order's name and shipping address) to the merchant's default return address,
//! priced and labelled by the merchant's carrier. One current label per return; asking again
//! gives the same one, re-issuing voids it and buys another.

use crate::carrier::{Carrier, CarrierError, Parcel, Party, RateTableCarrier, Shipment};
use crate::db::entities::{order, return_address, return_item, return_label, return_request};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::labels::{self, LabelContent, LinkSigner, PrintedParty};
use crate::services::settings::carrier_settings;
use crate::storage::Storage;
use bytes::Bytes;
use chrono::Utc;
use rebound_shared::ErrorKind;
use rebound_shared::api::carrier::{IssueLabel, LabelView, RateQuote, ShippingEstimate};
use rebound_shared::api::orders::Address;
use rebound_shared::api::return_terms::{LabelCost, label_cost_for};
use rebound_shared::domain::{Currency, Money};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr,
};
use uuid::Uuid;

/// No weight is known per product yet: each returned unit counts as half a kilo, the usual
/// weight of a garment with its packaging. Staff see the weight beside the estimate.
pub const DEFAULT_ITEM_WEIGHT_GRAMS: u32 = 500;
/// The box a return is assumed to travel in (cm); the rate table prices by weight only.
pub const DEFAULT_BOX_CM: (u32, u32, u32) = (30, 20, 10);

/// The two files of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelFile {
    Pdf,
    QrPng,
}

impl LabelFile {
    pub fn content_type(self) -> &'static str {
        match self {
            LabelFile::Pdf => "application/pdf",
            LabelFile::QrPng => "image/png",
        }
    }

    /// The path of the signed link to this file of `label_id`.
    pub fn public_path(self, label_id: Uuid) -> String {
        match self {
            LabelFile::Pdf => format!("/api/v1/labels/{label_id}.pdf"),
            LabelFile::QrPng => format!("/api/v1/labels/{label_id}/qr.png"),
        }
    }

    fn key(self, label: &return_label::Model) -> &str {
        match self {
            LabelFile::Pdf => &label.pdf_key,
            LabelFile::QrPng => &label.qr_key,
        }
    }

    /// A download name such as `return-R-2001-label.pdf`.
    pub fn file_name(self, return_number: &str) -> String {
        let safe: String = return_number
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        match self {
            LabelFile::Pdf => format!("return-{safe}-label.pdf"),
            LabelFile::QrPng => format!("return-{safe}-qr.png"),
        }
    }
}

/// What a return ships as: the parties, the parcel and the printed names.
struct ReturnShipment {
    ret: return_request::Model,
    shop_name: String,
    shipment: Shipment,
}

async fn find_return(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<return_request::Model> {
    tenant
        .find::<return_request::Entity>()
        .filter(return_request::Column::Id.eq(return_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("return"))
}

async fn return_shipment(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<ReturnShipment> {
    let ret = find_return(db, tenant, return_id).await?;
    let order = tenant
        .find::<order::Entity>()
        .filter(order::Column::Id.eq(ret.order_id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))?;
    let shop_name = tenant
        .merchant()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?
        .company_name;
    let to = carrier_settings::default_return_address(db, tenant)
        .await?
        .ok_or_else(|| {
            ApiError::field(
                ErrorKind::Validation,
                "return_address",
                "required",
                "add a return address in Settings first: it is where the label sends the parcel",
            )
        })?;
    // The return was checked against this merchant above; its items belong to it.
    let units = parcel_units(db, ret.id).await?;
    let (length_cm, width_cm, height_cm) = DEFAULT_BOX_CM;
    let shipment = Shipment {
        from: Party {
            name: order.customer_name.clone(),
            address: order_address(&order),
        },
        to: Party {
            name: to.name.clone(),
            address: return_address_of(&to),
        },
        parcel: Parcel {
            weight_grams: units.saturating_mul(DEFAULT_ITEM_WEIGHT_GRAMS),
            length_cm,
            width_cm,
            height_cm,
        },
    };
    Ok(ReturnShipment {
        ret,
        shop_name,
        shipment,
    })
}

fn order_address(o: &order::Model) -> Address {
    Address {
        line1: o.address_line1.clone(),
        line2: o.address_line2.clone(),
        city: o.city.clone(),
        region: o.region.clone(),
        postal_code: o.postal_code.clone(),
        country: o.country.clone(),
    }
}

fn return_address_of(a: &return_address::Model) -> Address {
    Address {
        line1: a.line1.clone(),
        line2: a.line2.clone(),
        city: a.city.clone(),
        region: a.region.clone(),
        postal_code: a.postal_code.clone(),
        country: a.country.clone(),
    }
}

/// A carrier's refusal, as the field the merchant would change.
fn carrier_error(e: CarrierError) -> ApiError {
    let (field, code) = match &e {
        CarrierError::NoZone { .. } => ("shipping_address", "no_zone"),
        CarrierError::TooHeavy { .. } => ("weight_grams", "too_heavy"),
        CarrierError::UnknownService(_) => ("service", "unknown"),
        CarrierError::UnknownTrackingNumber(_) => ("tracking_number", "unknown"),
        CarrierError::NoPrice(_) => ("prices", "missing"),
    };
    ApiError::field(ErrorKind::Validation, field, code, &e.to_string())
}

async fn carrier(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<RateTableCarrier> {
    Ok(RateTableCarrier::new(
        carrier_settings::load(db, tenant).await?,
    ))
}

/// What the shop's cheapest label costs for `o`'s parcel by size, lightest first (items
/// weighed at the default): what a fee on the label's cost is charged on before any label is
/// bought. Empty when the shop has no return address yet, its table has no zone for the
/// order's address, or its prices are in another currency than the order (never converted).
pub async fn label_costs(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
) -> ApiResult<Vec<LabelCost>> {
    if carrier_settings::default_return_address(db, tenant)
        .await?
        .is_none()
    {
        return Ok(Vec::new());
    }
    let carrier = carrier(db, tenant).await?;
    if carrier.currency() != o.currency {
        return Ok(Vec::new());
    }
    let Ok(bands) = carrier.cheapest_by_band(&order_address(o)) else {
        return Ok(Vec::new());
    };
    Ok(bands
        .into_iter()
        .map(|(grams, cost_minor)| LabelCost {
            up_to_units: grams / DEFAULT_ITEM_WEIGHT_GRAMS,
            cost_minor,
        })
        .filter(|c| c.up_to_units > 0)
        .collect())
}

/// How many items return `return_id` puts in its parcel (one at least).
pub async fn parcel_units(db: &impl ConnectionTrait, return_id: Uuid) -> ApiResult<u32> {
    let units: i64 = return_item::Entity::find()
        .filter(return_item::Column::ReturnId.eq(return_id))
        .all(db)
        .await?
        .iter()
        .map(|i| i64::from(i.quantity.max(0)))
        .sum();
    Ok(u32::try_from(units.max(1)).unwrap_or(u32::MAX))
}

/// What the shop's cheapest label for a parcel of `units` items from `o`'s address costs, in
/// the order's currency; none when the shop's table has no price for it (`label_costs`).
pub async fn cheapest_label(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    o: &order::Model,
    units: u32,
) -> ApiResult<Option<Money>> {
    let Ok(currency) = Currency::parse(&o.currency) else {
        return Ok(None);
    };
    let costs = label_costs(db, tenant, o).await?;
    Ok(label_cost_for(&costs, units, currency))
}

/// Every service's price for sending the return back.
pub async fn quote_for_return(
    db: &DatabaseConnection,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<ShippingEstimate> {
    let r = return_shipment(db, tenant, return_id).await?;
    let carrier = carrier(db, tenant).await?;
    let quotes = carrier.quote(&r.shipment).await.map_err(carrier_error)?;
    Ok(ShippingEstimate {
        return_id: r.ret.id,
        carrier: carrier.name().to_owned(),
        zone: quotes.first().map(|q| q.zone.clone()).unwrap_or_default(),
        weight_grams: r.shipment.parcel.weight_grams,
        quotes: quotes
            .into_iter()
            .map(|q| RateQuote {
                service: q.service,
                service_name: q.service_name,
                price_minor: q.price_minor,
                currency: q.currency,
                transit_days: q.transit_days,
            })
            .collect(),
    })
}

async fn current_label(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<Option<return_label::Model>> {
    Ok(tenant
        .find::<return_label::Entity>()
        .filter(return_label::Column::CurrentForReturn.eq(return_id))
        .one(db)
        .await?)
}

/// Buys the return's label (or returns the current one: `true` when it was bought now).
///
/// The files are stored before the row is written, so a row never points at a missing file;
/// if the row cannot be written they are deleted again. Two requests racing for the same
/// return end with one label: the unique index on the current label decides, and the loser
/// answers with the winner's label.
pub async fn issue_for_return(
    db: &DatabaseConnection,
    storage: &Storage,
    signer: &LinkSigner,
    tenant: Tenant,
    return_id: Uuid,
    request: IssueLabel,
) -> ApiResult<(LabelView, bool)> {
    let ret = find_return(db, tenant, return_id).await?;
    if let Some(existing) = current_label(db, tenant, return_id).await?
        && !request.reissue
    {
        return same_label(existing, &ret, &request, signer);
    }
    let r = return_shipment(db, tenant, return_id).await?;
    let carrier = carrier(db, tenant).await?;
    let purchase = carrier
        .create_label(&r.shipment, &request.service)
        .await
        .map_err(carrier_error)?;
    let id = Uuid::now_v7();
    let content = LabelContent {
        shop_name: r.shop_name.clone(),
        carrier_name: carrier.name().to_owned(),
        service_name: purchase.service_name.clone(),
        from: printed(&r.shipment.from),
        to: printed(&r.shipment.to),
        return_number: ret.number.clone(),
        tracking_number: purchase.tracking_number.clone(),
        weight_grams: r.shipment.parcel.weight_grams,
    };
    let (pdf, qr) = tokio::task::spawn_blocking(move || {
        let payload = labels::qr_payload(&content.return_number, &content.tracking_number);
        Ok::<_, anyhow::Error>((labels::render_label(&content)?, labels::qr_png(&payload)?))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let folder = format!("merchants/{}/labels", tenant.merchant_id());
    let row = return_label::Model {
        id,
        merchant_id: tenant.merchant_id(),
        return_id,
        current_for_return: Some(return_id),
        carrier: carrier.name().to_owned(),
        service: purchase.service,
        service_name: purchase.service_name,
        tracking_number: purchase.tracking_number,
        price_minor: purchase.price_minor,
        currency: purchase.currency,
        weight_grams: i32::try_from(r.shipment.parcel.weight_grams).unwrap_or(i32::MAX),
        pdf_key: format!("{folder}/{id}.pdf"),
        qr_key: format!("{folder}/{id}-qr.png"),
        created_at: Utc::now(),
        voided_at: None,
    };
    storage
        .put(&row.pdf_key, pdf)
        .await
        .map_err(ApiError::internal)?;
    if let Err(e) = storage.put(&row.qr_key, qr).await {
        forget_files(storage, &row).await;
        return Err(ApiError::internal(e));
    }
    match record_label(db, tenant, &row, request.reissue).await {
        Ok(None) => Ok((view(row, &ret, signer), true)),
        Ok(Some(winner)) => {
            forget_files(storage, &row).await;
            same_label(winner, &ret, &request, signer)
        }
        Err(e) => {
            forget_files(storage, &row).await;
            Err(e)
        }
    }
}

/// Writes the new label, voiding the current one when re-issuing. `Some(label)` when another
/// request made the return's label first (and this one was not a re-issue).
async fn record_label(
    db: &DatabaseConnection,
    tenant: Tenant,
    row: &return_label::Model,
    reissue: bool,
) -> ApiResult<Option<return_label::Model>> {
    let txn = begin_write(db).await?;
    if let Some(current) = current_label(&txn, tenant, row.return_id).await? {
        if !reissue {
            txn.rollback().await?;
            return Ok(Some(current));
        }
        let mut void: return_label::ActiveModel = current.into();
        void.current_for_return = Set(None);
        void.voided_at = Set(Some(Utc::now()));
        void.update(&txn).await?;
    }
    let inserted = return_label::ActiveModel::from(row.clone())
        .insert(&txn)
        .await;
    match inserted {
        Ok(_) => {
            txn.commit().await?;
            Ok(None)
        }
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            // A concurrent request (PostgreSQL lets both through to here) made one first.
            match current_label(db, tenant, row.return_id).await? {
                Some(winner) if !reissue => Ok(Some(winner)),
                _ => Err(ApiError::new(
                    ErrorKind::Conflict,
                    "another label was issued for this return at the same moment; try again",
                )),
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// The current label answering a repeated request; asking for another service without
/// `reissue` is refused rather than silently ignored.
fn same_label(
    label: return_label::Model,
    ret: &return_request::Model,
    request: &IssueLabel,
    signer: &LinkSigner,
) -> ApiResult<(LabelView, bool)> {
    if label.service != request.service {
        return Err(ApiError::field(
            ErrorKind::Conflict,
            "service",
            "label_exists",
            &format!(
                "this return already has a {} label; send \"reissue\": true to replace it",
                label.service_name
            ),
        ));
    }
    Ok((view(label, ret, signer), false))
}

async fn forget_files(storage: &Storage, row: &return_label::Model) {
    for key in [&row.pdf_key, &row.qr_key] {
        if let Err(e) = storage.delete(key).await {
            tracing::warn!(error = %e, key, "could not delete an unused label file");
        }
    }
}

fn printed(p: &Party) -> PrintedParty {
    let a = &p.address;
    let place = [
        Some(a.city.as_str()),
        a.region.as_deref(),
        Some(&a.postal_code),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    PrintedParty {
        name: p.name.clone(),
        lines: [
            Some(a.line1.clone()),
            a.line2.clone(),
            Some(place),
            Some(a.country.clone()),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

fn view(l: return_label::Model, ret: &return_request::Model, signer: &LinkSigner) -> LabelView {
    let now = Utc::now();
    let (pdf_url, links_expire_at) = signer.link(&LabelFile::Pdf.public_path(l.id), now);
    let (qr_url, _) = signer.link(&LabelFile::QrPng.public_path(l.id), now);
    LabelView {
        id: l.id,
        return_id: l.return_id,
        return_number: ret.number.clone(),
        carrier: l.carrier,
        service: l.service,
        service_name: l.service_name,
        tracking_number: l.tracking_number,
        price_minor: l.price_minor,
        currency: l.currency,
        weight_grams: u32::try_from(l.weight_grams).unwrap_or_default(),
        created_at: l.created_at,
        pdf_url,
        qr_url,
        links_expire_at,
    }
}

/// The return's current label, with fresh signed links.
pub async fn label_for_return(
    db: &DatabaseConnection,
    signer: &LinkSigner,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<LabelView> {
    let ret = find_return(db, tenant, return_id).await?;
    let label = current_label(db, tenant, return_id)
        .await?
        .ok_or_else(|| ApiError::not_found("label"))?;
    Ok(view(label, &ret, signer))
}

/// Signed links (PDF, QR code) to the return's current label, for an email to the shopper.
pub async fn label_links(
    db: &DatabaseConnection,
    signer: &LinkSigner,
    tenant: Tenant,
    return_id: Uuid,
) -> ApiResult<(String, String)> {
    let label = label_for_return(db, signer, tenant, return_id).await?;
    Ok((label.pdf_url, label.qr_url))
}

/// A file of the return's current label, with its download name.
pub async fn label_file(
    db: &DatabaseConnection,
    storage: &Storage,
    tenant: Tenant,
    return_id: Uuid,
    file: LabelFile,
) -> ApiResult<(Bytes, String)> {
    let ret = find_return(db, tenant, return_id).await?;
    let label = current_label(db, tenant, return_id)
        .await?
        .ok_or_else(|| ApiError::not_found("label"))?;
    let bytes = read(storage, &label, file).await?;
    Ok((bytes, file.file_name(&ret.number)))
}

/// A file behind a signed link: the signature is the permission, so no tenant is involved.
/// A voided label's links stop working, so an outdated label is never printed.
pub async fn signed_label_file(
    db: &DatabaseConnection,
    storage: &Storage,
    signer: &LinkSigner,
    label_id: Uuid,
    file: LabelFile,
    expires: i64,
    signature: &str,
) -> ApiResult<(Bytes, String)> {
    if !signer.verify(&file.public_path(label_id), expires, signature, Utc::now()) {
        return Err(ApiError::forbidden(
            "this link is not valid or has expired; ask the shop for a new one",
        ));
    }
    let label = return_label::Entity::find_by_id(label_id)
        .one(db)
        .await?
        .filter(|l| l.voided_at.is_none())
        .ok_or_else(|| ApiError::not_found("label"))?;
    let ret = find_return(db, Tenant::new(label.merchant_id), label.return_id).await?;
    let bytes = read(storage, &label, file).await?;
    Ok((bytes, file.file_name(&ret.number)))
}

async fn read(storage: &Storage, label: &return_label::Model, file: LabelFile) -> ApiResult<Bytes> {
    storage
        .get(file.key(label))
        .await
        .map_err(ApiError::internal)?
        // Erasing a shopper's data deletes their labels' files (their address is printed on
        // them): the label is gone, like one never bought.
        .ok_or_else(|| {
            tracing::warn!(key = file.key(label), "label file missing");
            ApiError::not_found("label")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_safe() {
        assert_eq!(
            LabelFile::Pdf.file_name("R-2001\"; x"),
            "return-R-2001x-label.pdf"
        );
        assert_eq!(LabelFile::QrPng.file_name("R-7"), "return-R-7-qr.png");
    }

    #[test]
    fn printed_addresses_skip_empty_parts() {
        let p = Party {
            name: "Chloé Fortin".into(),
            address: Address {
                line1: "12 rue Oberkampf".into(),
                line2: None,
                city: "Paris".into(),
                region: None,
                postal_code: "75011".into(),
                country: "FR".into(),
            },
        };
        assert_eq!(
            printed(&p).lines,
            vec!["12 rue Oberkampf", "Paris 75011", "FR"]
        );
    }
}
