//! The status enums as the server's database columns hold them: the strings sea-orm writes
//! must be the ones stored before the columns were typed (and the JSON names), byte for byte.

use crate::api::helpdesk::ThreadSubjectKind;
use crate::api::notifications::MailStatus;
use crate::api::orders::IssueStatus;
use crate::api::outcomes::OutcomeKind;
use crate::api::returns::ReturnActor;
use crate::api::settings::{Resolution, ReturnMethod};
use crate::domain::{OrderStatus, ReturnStatus, TrackingEventKind};
use sea_orm::{ActiveEnum, Iterable};
use serde::Serialize;

/// Every variant's column value is its JSON name, and reads back as itself.
fn stored_as_named<
    T: ActiveEnum<Value = String> + Iterable + Serialize + PartialEq + std::fmt::Debug,
>() {
    for variant in T::iter() {
        let stored = variant.to_value();
        assert_eq!(
            serde_json::to_value(&variant).ok(),
            Some(stored.clone().into())
        );
        assert_eq!(T::try_from_value(&stored).ok(), Some(variant));
    }
    assert!(T::try_from_value(&"no_such_value".to_owned()).is_err());
}

#[test]
fn every_status_column_keeps_its_strings() {
    stored_as_named::<ReturnStatus>();
    stored_as_named::<Resolution>();
    stored_as_named::<ReturnMethod>();
    stored_as_named::<ReturnActor>();
    stored_as_named::<OrderStatus>();
    stored_as_named::<TrackingEventKind>();
    stored_as_named::<IssueStatus>();
    stored_as_named::<ThreadSubjectKind>();
    stored_as_named::<MailStatus>();
    stored_as_named::<OutcomeKind>();
}

#[test]
fn the_stored_strings_are_the_ones_the_code_wrote_before() {
    for s in ReturnStatus::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for s in OrderStatus::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for k in TrackingEventKind::ALL {
        assert_eq!(k.to_value(), k.as_str());
    }
    for s in IssueStatus::ALL {
        assert_eq!(s.to_value(), s.as_str());
    }
    for r in Resolution::ALL {
        assert_eq!(r.to_value(), r.as_str());
    }
    for s in MailStatus::iter() {
        assert_eq!(s.to_value(), s.key());
    }
    for k in ThreadSubjectKind::iter() {
        assert_eq!(k.to_value(), k.key());
    }
}
