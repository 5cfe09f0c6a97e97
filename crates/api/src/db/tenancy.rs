//! Tenancy in one place: a `Tenant` is the signed-in caller's merchant, and the only way the
//! services query merchant-owned tables. No handler filters by `merchant_id` by hand.

use super::entities::{
    api_key, audit_entry, import, issue_report, merchant, merchant_settings, order, return_address,
    return_reason, return_request, staff, staff_invitation,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

/// A table whose rows belong to one merchant.
pub trait MerchantOwned: EntityTrait {
    fn merchant_column() -> Self::Column;
}

macro_rules! merchant_owned {
    ($($entity:ident),*) => {$(
        impl MerchantOwned for $entity::Entity {
            fn merchant_column() -> Self::Column {
                $entity::Column::MerchantId
            }
        }
    )*};
}

merchant_owned!(
    staff,
    staff_invitation,
    order,
    return_reason,
    return_request,
    return_address,
    audit_entry,
    merchant_settings,
    issue_report,
    api_key,
    import
);

/// The merchant a request acts for. Obtained from a verified token, never from the request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenant(Uuid);

impl Tenant {
    pub(crate) fn new(merchant_id: Uuid) -> Tenant {
        Tenant(merchant_id)
    }

    pub fn merchant_id(self) -> Uuid {
        self.0
    }

    /// `SELECT ... WHERE merchant_id = <this tenant>`, the start of every scoped query.
    pub fn find<E: MerchantOwned>(self) -> Select<E> {
        E::find().filter(E::merchant_column().eq(self.0))
    }

    /// The tenant's own merchant row.
    pub fn merchant(self) -> Select<merchant::Entity> {
        merchant::Entity::find_by_id(self.0)
    }
}
