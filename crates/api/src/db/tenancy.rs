//! Tenancy in one place: a `Tenant` is the signed-in caller's merchant, and the only way the
//! services query merchant-owned tables. No handler filters by `merchant_id` by hand.

use super::entities::{
    api_key, audit_entry, canned_reply, carrier_settings, catalogue_variant, idempotency_key,
    import, integration_error, issue_report, mail_event_opt_out, mail_template, mail_unsubscribe,
    merchant, merchant_embedding, merchant_onboarding, merchant_security, merchant_settings,
    message_thread, order, outbox, photo, refund, return_address, return_exchange, return_label,
    return_outcome, return_reason, return_request, shop_connection, staff, staff_invitation,
    store_credit, survey_answer, webhook_delivery, webhook_endpoint, withdrawal,
};
use sea_orm::{
    ColumnTrait, DeleteMany, EntityTrait, PrimaryKeyTrait, QueryFilter, Select, UpdateMany,
};
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
    outbox,
    canned_reply,
    message_thread,
    mail_template,
    mail_event_opt_out,
    mail_unsubscribe,
    return_reason,
    return_request,
    return_address,
    audit_entry,
    merchant_settings,
    merchant_security,
    merchant_onboarding,
    merchant_embedding,
    issue_report,
    api_key,
    carrier_settings,
    return_label,
    photo,
    idempotency_key,
    withdrawal,
    survey_answer,
    import,
    refund,
    store_credit,
    return_outcome,
    webhook_endpoint,
    webhook_delivery,
    shop_connection,
    integration_error,
    catalogue_variant,
    return_exchange
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

    /// The row with primary key `id`, when it is this tenant's: another merchant's id finds
    /// nothing, exactly like an id that does not exist.
    pub fn get<E: MerchantOwned>(
        self,
        id: impl Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
    ) -> Select<E> {
        E::find_by_id(id).filter(E::merchant_column().eq(self.0))
    }

    /// `UPDATE ... WHERE merchant_id = <this tenant>`: bulk changes never reach another shop.
    pub fn update<E: MerchantOwned>(self) -> UpdateMany<E> {
        E::update_many().filter(E::merchant_column().eq(self.0))
    }

    /// `DELETE ... WHERE merchant_id = <this tenant>`.
    pub fn delete<E: MerchantOwned>(self) -> DeleteMany<E> {
        E::delete_many().filter(E::merchant_column().eq(self.0))
    }

    /// The tenant's own merchant row.
    pub fn merchant(self) -> Select<merchant::Entity> {
        merchant::Entity::find_by_id(self.0)
    }
}
