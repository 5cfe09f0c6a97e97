//! Shopper photos (defective items, issue reports): checked and re-encoded uploads tied to one
//! order of one merchant, attached at most once, and shown through signed expiring links so an
//! `<img>` needs no token and nobody can guess another photo's address.

use crate::auth::OrderAccess;
use crate::auth::signing::{Purpose, Refused, Signer};
use crate::db::entities::{order, photo};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::images::{ImagePurpose, check_image};
use crate::services::orders::access::opened_order;
use crate::storage::Storage;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use rebound_shared::ErrorKind;
use rebound_shared::api::orders::PhotoView;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

/// How long a photo link works: a working day for staff, an afternoon for a shopper's page.
pub const PHOTO_URL_TTL_SECONDS: i64 = 24 * 3600;
/// Uploads per order, attached or not: enough for any case, not a free file host.
pub const MAX_PHOTOS_PER_ORDER: u64 = 40;

/// Photo links, signed for their own purpose so a photo link can never be replayed as (or
/// confused with) any other signed link.
#[derive(Debug, Clone)]
pub struct PhotoUrls {
    signer: Signer,
}

impl PhotoUrls {
    pub fn new(secret: &[u8]) -> PhotoUrls {
        PhotoUrls {
            signer: Signer::new(secret, Purpose::Photo),
        }
    }

    pub fn url(&self, id: Uuid, now: DateTime<Utc>) -> String {
        let expires = now.timestamp() + PHOTO_URL_TTL_SECONDS;
        let signature = self.signer.sign_until(&id.to_string(), expires);
        format!("/api/v1/photos/{id}?expires={expires}&signature={signature}")
    }

    pub fn view(&self, id: Uuid) -> PhotoView {
        PhotoView {
            id,
            url: self.url(id, Utc::now()),
        }
    }

    /// A tampered link is refused before its expiry is even looked at.
    pub fn verify(
        &self,
        id: Uuid,
        expires: i64,
        signature: &str,
        now: DateTime<Utc>,
    ) -> ApiResult<()> {
        self.signer
            .verify_until(&id.to_string(), expires, signature.trim(), now)
            .map_err(|refused| match refused {
                Refused::Invalid => ApiError::forbidden("this photo link is not valid"),
                Refused::Expired => {
                    ApiError::forbidden("this photo link has expired; reload the page")
                }
            })
    }
}

/// Stores a shopper's photo for the order the token opens.
pub async fn upload(
    db: &DatabaseConnection,
    storage: &Storage,
    urls: &PhotoUrls,
    access: OrderAccess,
    slug: &str,
    raw: Bytes,
) -> ApiResult<PhotoView> {
    let o = opened_order(db, access, slug).await?;
    store(db, storage, urls, &o, raw).await
}

/// Checks and keeps a photo for `o`, unattached until a report, return item or message
/// takes it. Staff attachments come through here too.
pub async fn store(
    db: &DatabaseConnection,
    storage: &Storage,
    urls: &PhotoUrls,
    o: &order::Model,
    raw: Bytes,
) -> ApiResult<PhotoView> {
    let tenant = Tenant::new(o.merchant_id);
    let count = tenant
        .find::<photo::Entity>()
        .filter(photo::Column::OrderId.eq(o.id))
        .count(db)
        .await?;
    if count >= MAX_PHOTOS_PER_ORDER {
        return Err(ApiError::field(
            ErrorKind::Validation,
            "file",
            "too_many",
            &format!("at most {MAX_PHOTOS_PER_ORDER} photos per order"),
        ));
    }
    let checked = tokio::task::spawn_blocking(move || check_image(&raw, ImagePurpose::Photo))
        .await
        .map_err(ApiError::internal)??;
    let id = Uuid::now_v7();
    let key = format!(
        "merchants/{}/orders/{}/photos/{id}.{}",
        o.merchant_id, o.id, checked.extension
    );
    let byte_size = checked.bytes.len() as i32;
    storage
        .put(&key, checked.bytes)
        .await
        .map_err(ApiError::internal)?;
    let txn = begin_write(db).await?;
    photo::ActiveModel {
        id: Set(id),
        merchant_id: Set(o.merchant_id),
        order_id: Set(o.id),
        storage_key: Set(key),
        content_type: Set(checked.content_type.to_owned()),
        byte_size: Set(byte_size),
        width: Set(checked.width as i32),
        height: Set(checked.height as i32),
        issue_report_id: Set(None),
        return_item_id: Set(None),
        message_id: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(urls.view(id))
}

/// The photo behind a signed link: `(bytes, content type)`.
pub async fn serve(
    db: &DatabaseConnection,
    storage: &Storage,
    urls: &PhotoUrls,
    id: Uuid,
    expires: i64,
    signature: &str,
) -> ApiResult<(Bytes, String)> {
    urls.verify(id, expires, signature, Utc::now())?;
    // The signature is the capability: it was only ever given to someone who saw the photo.
    let row = photo::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("photo"))?;
    let bytes = storage
        .get(&row.storage_key)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::not_found("photo"))?;
    Ok((bytes, row.content_type))
}

/// What a photo gets attached to.
#[derive(Debug, Clone, Copy)]
pub enum AttachTo {
    IssueReport(Uuid),
    ReturnItem(Uuid),
    Message(Uuid),
}

/// Attaches `ids` (photos of this order, not yet attached) or refuses on `field`.
pub async fn attach(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    order_id: Uuid,
    ids: &[Uuid],
    field: &str,
    to: AttachTo,
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let found = tenant
        .find::<photo::Entity>()
        .filter(photo::Column::Id.is_in(ids.to_vec()))
        .filter(photo::Column::OrderId.eq(order_id))
        .all(db)
        .await?;
    if ids.iter().any(|id| !found.iter().any(|p| p.id == *id)) {
        return Err(ApiError::field(
            ErrorKind::Validation,
            field,
            "unknown_photo",
            "upload the photos for this order first",
        ));
    }
    if found.iter().any(|p| {
        p.issue_report_id.is_some() || p.return_item_id.is_some() || p.message_id.is_some()
    }) || ids.len() != found.len()
    {
        return Err(ApiError::field(
            ErrorKind::Validation,
            field,
            "already_attached",
            "each photo can be attached once",
        ));
    }
    let (column, value) = match to {
        AttachTo::IssueReport(id) => (photo::Column::IssueReportId, id),
        AttachTo::ReturnItem(id) => (photo::Column::ReturnItemId, id),
        AttachTo::Message(id) => (photo::Column::MessageId, id),
    };
    photo::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(photo::Column::Id.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    Ok(())
}

/// The photos of many reports or return items in one query, by owner id, oldest first.
pub async fn views_for(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    urls: &PhotoUrls,
    of: AttachKind,
    owners: Vec<Uuid>,
) -> ApiResult<HashMap<Uuid, Vec<PhotoView>>> {
    let mut out: HashMap<Uuid, Vec<PhotoView>> = HashMap::new();
    if owners.is_empty() {
        return Ok(out);
    }
    let column = match of {
        AttachKind::IssueReport => photo::Column::IssueReportId,
        AttachKind::ReturnItem => photo::Column::ReturnItemId,
        AttachKind::Message => photo::Column::MessageId,
    };
    let rows = tenant
        .find::<photo::Entity>()
        .filter(column.is_in(owners))
        .order_by_asc(photo::Column::CreatedAt)
        .all(db)
        .await?;
    let now = Utc::now();
    for p in rows {
        let owner = match of {
            AttachKind::IssueReport => p.issue_report_id,
            AttachKind::ReturnItem => p.return_item_id,
            AttachKind::Message => p.message_id,
        };
        if let Some(owner) = owner {
            out.entry(owner).or_default().push(PhotoView {
                id: p.id,
                url: urls.url(p.id, now),
            });
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy)]
pub enum AttachKind {
    IssueReport,
    ReturnItem,
    Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_verify_until_they_expire_and_only_unaltered() {
        let urls = PhotoUrls::new(b"0123456789abcdef0123456789abcdef");
        let id = Uuid::now_v7();
        let now = Utc::now();
        let url = urls.url(id, now);
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let mut expires = 0;
        let mut signature = String::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("expires", v)) => expires = v.parse().unwrap_or_default(),
                Some(("signature", v)) => signature = v.to_owned(),
                _ => {}
            }
        }
        assert!(urls.verify(id, expires, &signature, now).is_ok());
        let later = now + chrono::Duration::seconds(PHOTO_URL_TTL_SECONDS + 1);
        assert!(urls.verify(id, expires, &signature, later).is_err());
        assert!(urls.verify(id, expires + 3600, &signature, now).is_err());
        assert!(
            urls.verify(Uuid::now_v7(), expires, &signature, now)
                .is_err()
        );
        let other = PhotoUrls::new(b"another-secret-another-secret-xx");
        assert!(other.verify(id, expires, &signature, now).is_err());
    }
}
