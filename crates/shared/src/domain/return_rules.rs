//! Who may return what: plain functions the server applies on submit and the portal's form
//! applies as the shopper types. Each refusal names the field path (`items[0].quantity`).

use crate::api::returns::CreateReturn;
use crate::api::settings::{NonReturnableKind, Resolution, ReturnMethod, ReturnsSettings};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

/// Why an item cannot be returned right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotReturnable {
    /// The return window counts from delivery, which has not happened yet.
    NotDelivered,
    WindowClosed,
    /// Flagged by the shop, or on its non-returnable list.
    NotReturnable,
    /// Open returns already hold every unit bought.
    AllReturned,
}

impl NotReturnable {
    pub fn code(self) -> &'static str {
        match self {
            NotReturnable::NotDelivered => "not_delivered",
            NotReturnable::WindowClosed => "window_closed",
            NotReturnable::NotReturnable => "not_returnable",
            NotReturnable::AllReturned => "all_returned",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            NotReturnable::NotDelivered => "this item can be returned once it has been delivered",
            NotReturnable::WindowClosed => "the return window for this order has closed",
            NotReturnable::NotReturnable => "this item cannot be returned",
            NotReturnable::AllReturned => "every unit of this item is already being returned",
        }
    }
}

/// An item of the order, with what open returns already hold of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedItem {
    pub id: Uuid,
    pub sku: String,
    pub tags: Vec<String>,
    pub bought: i32,
    pub returnable: bool,
    /// Units in returns that are not rejected or cancelled.
    pub already_returned: i32,
}

/// A reason of this merchant (the caller passes only the merchant's own reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReasonChoice {
    pub id: Uuid,
    pub defective: bool,
    pub retired: bool,
}

/// A broken rule: the field path, a stable code and an English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl RuleError {
    pub(crate) fn new(
        field: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        RuleError {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

/// A return whose every item stays with the shopper skips the parcel, so an item the policy
/// lets them keep only once they show it (`keep_item_photos`) needs its photo at submission:
/// nobody will look at it later. `keeps[i]` is line `i`'s (keep_item, keep_item_photos).
pub fn kept_items_need_photos(request: &CreateReturn, keeps: &[(bool, bool)]) -> Vec<RuleError> {
    let kept = !keeps.is_empty() && keeps.iter().all(|(keep, _)| *keep);
    if !kept {
        return Vec::new();
    }
    request
        .items
        .iter()
        .zip(keeps)
        .enumerate()
        .filter(|(_, (line, (_, photos)))| *photos && line.photo_ids.is_empty())
        .map(|(i, _)| {
            RuleError::new(
                format!("items[{i}].photo_ids"),
                "required",
                "add a photo of the item: the shop asks to see it before you keep it",
            )
        })
        .collect()
}

/// The end of the return window: `return_window_days` after delivery.
pub fn window_end(
    settings: &ReturnsSettings,
    delivered_at: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    delivered_at.map(|d| d + Duration::days(i64::from(settings.return_window_days)))
}

/// On the shop's non-returnable list, by SKU or by product tag (case forgiven).
pub fn on_non_returnable_list(settings: &ReturnsSettings, sku: &str, tags: &[String]) -> bool {
    settings.non_returnable.iter().any(|rule| match rule.kind {
        NonReturnableKind::Sku => rule.value.trim().eq_ignore_ascii_case(sku.trim()),
        NonReturnableKind::Tag => tags
            .iter()
            .any(|t| t.trim().eq_ignore_ascii_case(rule.value.trim())),
    })
}

/// How many units of `item` may still be returned at `now`, or why none.
pub fn returnable_quantity(
    settings: &ReturnsSettings,
    delivered_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    item: &OrderedItem,
) -> Result<i32, NotReturnable> {
    if !item.returnable || on_non_returnable_list(settings, &item.sku, &item.tags) {
        return Err(NotReturnable::NotReturnable);
    }
    match window_end(settings, delivered_at) {
        None => return Err(NotReturnable::NotDelivered),
        Some(end) if now > end => return Err(NotReturnable::WindowClosed),
        Some(_) => {}
    }
    let left = item.bought - item.already_returned;
    if left <= 0 {
        return Err(NotReturnable::AllReturned);
    }
    Ok(left)
}

/// Every broken rule of `request` (empty when it may be submitted). Photo ownership is the
/// server's to check; here a defective item needs at least one photo id.
pub fn check_return(
    settings: &ReturnsSettings,
    delivered_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    ordered: &[OrderedItem],
    reasons: &[ReasonChoice],
    request: &CreateReturn,
) -> Vec<RuleError> {
    let offered = Offered {
        resolutions: &settings.resolutions,
        methods: &settings.return_methods,
    };
    check_return_with(ordered, reasons, request, offered, |_, item| {
        returnable_quantity(settings, delivered_at, now, item)
    })
}

/// What a return may ask for: the shop's resolutions and methods, narrowed by its policy.
#[derive(Debug, Clone, Copy)]
pub struct Offered<'a> {
    pub resolutions: &'a [Resolution],
    pub methods: &'a [ReturnMethod],
}

/// [`check_return`] with what may be returned decided by `left`: given the request line's
/// index and its item, how many units may still come back, or why none (a return policy's
/// verdict, or the legacy window).
pub fn check_return_with(
    ordered: &[OrderedItem],
    reasons: &[ReasonChoice],
    request: &CreateReturn,
    offered: Offered<'_>,
    left: impl Fn(usize, &OrderedItem) -> Result<i32, NotReturnable>,
) -> Vec<RuleError> {
    let mut errors = Vec::new();
    if request.items.is_empty() {
        errors.push(RuleError::new(
            "items",
            "required",
            "choose at least one item",
        ));
    }
    let mut seen = HashSet::new();
    for (i, wanted) in request.items.iter().enumerate() {
        let at = |field: &str| format!("items[{i}].{field}");
        let Some(item) = ordered.iter().find(|o| o.id == wanted.order_item_id) else {
            errors.push(RuleError::new(
                at("order_item_id"),
                "unknown",
                "this item is not in the order",
            ));
            continue;
        };
        if !seen.insert(item.id) {
            errors.push(RuleError::new(
                at("order_item_id"),
                "duplicate",
                "list each item once, with its quantity",
            ));
            continue;
        }
        if wanted.quantity < 1 {
            errors.push(RuleError::new(
                at("quantity"),
                "range",
                "return at least one unit",
            ));
        } else {
            match left(i, item) {
                Ok(left) if wanted.quantity > left => errors.push(RuleError::new(
                    at("quantity"),
                    "too_many",
                    format!("only {left} left to return"),
                )),
                Ok(_) => {}
                Err(NotReturnable::AllReturned) => errors.push(RuleError::new(
                    at("quantity"),
                    "too_many",
                    NotReturnable::AllReturned.message(),
                )),
                Err(why) => errors.push(RuleError::new(
                    at("order_item_id"),
                    why.code(),
                    why.message(),
                )),
            }
        }
        match reasons.iter().find(|r| r.id == wanted.reason_id) {
            None => errors.push(RuleError::new(
                at("reason_id"),
                "unknown",
                "choose one of the shop's reasons",
            )),
            Some(r) if r.retired => errors.push(RuleError::new(
                at("reason_id"),
                "retired",
                "this reason is no longer offered; choose another",
            )),
            Some(r) if r.defective => {
                let comment = wanted.comment.as_deref().map(str::trim).unwrap_or("");
                if comment.is_empty() {
                    errors.push(RuleError::new(
                        at("comment"),
                        "required",
                        "describe the defect",
                    ));
                }
                if wanted.photo_ids.is_empty() {
                    errors.push(RuleError::new(
                        at("photo_ids"),
                        "required",
                        "add at least one photo of the defect",
                    ));
                }
            }
            Some(_) => {}
        }
    }
    // A defect is settled with the shop first (seed 003): what to do about it, and whether
    // the item travels at all, may be left for then.
    let defective = any_defective(reasons, request);
    match request.resolution {
        None if defective => {}
        None => errors.push(RuleError::new(
            "resolution",
            "required",
            "choose a refund, store credit or a replacement",
        )),
        Some(resolution) if !offered.resolutions.contains(&resolution) => {
            errors.push(RuleError::new(
                "resolution",
                "not_offered",
                "this shop does not offer this resolution",
            ));
        }
        Some(Resolution::Replacement)
            if request
                .replacement_variant
                .as_deref()
                .is_none_or(|v| v.trim().is_empty()) =>
        {
            errors.push(RuleError::new(
                "replacement_variant",
                "required",
                "say which size or colour you want instead",
            ));
        }
        Some(_) => {}
    }
    match request.method {
        None if defective => {}
        None => errors.push(RuleError::new(
            "method",
            "required",
            "choose how to send the items back",
        )),
        Some(method) if !offered.methods.contains(&method) => errors.push(RuleError::new(
            "method",
            "not_offered",
            "this shop does not offer this return method",
        )),
        Some(_) => {}
    }
    errors
}

/// The status a new return starts in: a defective item needs customer service first;
/// otherwise the shop's approval mode decides (see `return_state`).
pub fn any_defective(reasons: &[ReasonChoice], request: &CreateReturn) -> bool {
    request
        .items
        .iter()
        .any(|i| reasons.iter().any(|r| r.id == i.reason_id && r.defective))
}

/// EU member states (ISO 3166-1 alpha-2), where the withdrawal function is owed.
pub const EU_COUNTRIES: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// An EU order: paid in euros or shipped to an EU country.
pub fn is_eu_order(currency: &str, country: &str) -> bool {
    currency.eq_ignore_ascii_case("EUR")
        || EU_COUNTRIES
            .iter()
            .any(|c| c.eq_ignore_ascii_case(country.trim()))
}

/// The end of the withdrawal period, when the order is delivered; `Err(end)` when it has
/// passed. Before delivery the shopper may already withdraw (the period has not started).
pub fn withdrawal_until(
    settings: &ReturnsSettings,
    delivered_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DateTime<Utc>> {
    let until =
        delivered_at.map(|d| d + Duration::days(i64::from(settings.withdrawal.period_days)));
    match until {
        Some(end) if now > end => Err(end),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::returns::ReturnItemInput;
    use crate::api::settings::{NonReturnable, ReturnMethod};

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn item(n: u128, bought: i32, already: i32) -> OrderedItem {
        OrderedItem {
            id: id(n),
            sku: format!("SKU-{n}"),
            tags: vec!["Outerwear".into()],
            bought,
            returnable: true,
            already_returned: already,
        }
    }

    const SIZE: ReasonChoice = ReasonChoice {
        id: Uuid::from_u128(100),
        defective: false,
        retired: false,
    };
    const BROKEN: ReasonChoice = ReasonChoice {
        id: Uuid::from_u128(101),
        defective: true,
        retired: false,
    };
    const OLD: ReasonChoice = ReasonChoice {
        id: Uuid::from_u128(102),
        defective: false,
        retired: true,
    };

    fn line(n: u128, quantity: i32, reason: Uuid) -> ReturnItemInput {
        ReturnItemInput {
            order_item_id: id(n),
            quantity,
            reason_id: reason,
            comment: None,
            photo_ids: Vec::new(),
            exchange_sku: None,
        }
    }

    fn request(items: Vec<ReturnItemInput>) -> CreateReturn {
        CreateReturn {
            items,
            resolution: Some(Resolution::Refund),
            replacement_variant: None,
            method: Some(ReturnMethod::PrepaidLabel),
            client_request_id: None,
        }
    }

    fn delivered() -> (DateTime<Utc>, DateTime<Utc>) {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
        (at, at + Duration::days(3))
    }

    fn check(settings: &ReturnsSettings, req: &CreateReturn) -> Vec<(String, &'static str)> {
        let (at, now) = delivered();
        let ordered = [item(1, 2, 0), item(2, 1, 1)];
        check_return(settings, Some(at), now, &ordered, &[SIZE, BROKEN, OLD], req)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_plain_return_passes() {
        let s = ReturnsSettings::default();
        assert!(check(&s, &request(vec![line(1, 2, SIZE.id)])).is_empty());
    }

    #[test]
    fn items_must_be_in_the_order_once_and_within_what_is_left() {
        let s = ReturnsSettings::default();
        let got = check(
            &s,
            &request(vec![
                line(9, 1, SIZE.id),
                line(1, 3, SIZE.id),
                line(1, 1, SIZE.id),
                line(2, 1, SIZE.id),
            ]),
        );
        assert_eq!(
            got,
            vec![
                ("items[0].order_item_id".into(), "unknown"),
                ("items[1].quantity".into(), "too_many"),
                ("items[2].order_item_id".into(), "duplicate"),
                ("items[3].quantity".into(), "too_many"),
            ]
        );
        let got = check(&s, &request(vec![line(1, 0, SIZE.id)]));
        assert_eq!(got, vec![("items[0].quantity".into(), "range")]);
        assert_eq!(
            check(&s, &request(vec![])),
            vec![("items".into(), "required")]
        );
    }

    #[test]
    fn the_window_counts_from_delivery() {
        let s = ReturnsSettings {
            return_window_days: 30,
            ..Default::default()
        };
        let (at, _) = delivered();
        let it = item(1, 2, 0);
        assert_eq!(returnable_quantity(&s, Some(at), at, &it), Ok(2));
        let last_moment = at + Duration::days(30);
        assert_eq!(returnable_quantity(&s, Some(at), last_moment, &it), Ok(2));
        assert_eq!(
            returnable_quantity(&s, Some(at), last_moment + Duration::seconds(1), &it),
            Err(NotReturnable::WindowClosed)
        );
        assert_eq!(
            returnable_quantity(&s, None, at, &it),
            Err(NotReturnable::NotDelivered)
        );
        assert_eq!(window_end(&s, Some(at)), Some(last_moment));
        let ordered = [it];
        let late = check_return(
            &s,
            Some(at),
            last_moment + Duration::days(1),
            &ordered,
            &[SIZE],
            &request(vec![line(1, 1, SIZE.id)]),
        );
        assert_eq!(late[0].field, "items[0].order_item_id");
        assert_eq!(late[0].code, "window_closed");
    }

    #[test]
    fn non_returnable_by_flag_sku_or_tag() {
        let (at, now) = delivered();
        let s = ReturnsSettings::default();
        let mut flagged = item(1, 1, 0);
        flagged.returnable = false;
        assert_eq!(
            returnable_quantity(&s, Some(at), now, &flagged),
            Err(NotReturnable::NotReturnable)
        );
        let by_sku = ReturnsSettings {
            non_returnable: vec![NonReturnable {
                kind: NonReturnableKind::Sku,
                value: "sku-1".into(),
            }],
            ..Default::default()
        };
        assert_eq!(
            returnable_quantity(&by_sku, Some(at), now, &item(1, 1, 0)),
            Err(NotReturnable::NotReturnable)
        );
        assert_eq!(
            returnable_quantity(&by_sku, Some(at), now, &item(2, 1, 0)),
            Ok(1)
        );
        let by_tag = ReturnsSettings {
            non_returnable: vec![NonReturnable {
                kind: NonReturnableKind::Tag,
                value: "outerwear".into(),
            }],
            ..Default::default()
        };
        assert_eq!(
            check(&by_tag, &request(vec![line(1, 1, SIZE.id)])),
            vec![("items[0].order_item_id".into(), "not_returnable")]
        );
        assert_eq!(
            returnable_quantity(&s, Some(at), now, &item(1, 2, 2)),
            Err(NotReturnable::AllReturned)
        );
    }

    #[test]
    fn reasons_must_be_known_and_active_and_defects_need_a_comment_and_a_photo() {
        let s = ReturnsSettings::default();
        assert_eq!(
            check(&s, &request(vec![line(1, 1, id(999)), line(2, 1, OLD.id)])),
            vec![
                ("items[0].reason_id".into(), "unknown"),
                ("items[1].quantity".into(), "too_many"),
                ("items[1].reason_id".into(), "retired"),
            ]
        );
        let mut defective = line(1, 1, BROKEN.id);
        defective.comment = Some("   ".into());
        assert_eq!(
            check(&s, &request(vec![defective.clone()])),
            vec![
                ("items[0].comment".into(), "required"),
                ("items[0].photo_ids".into(), "required"),
            ]
        );
        defective.comment = Some("The zip broke".into());
        defective.photo_ids = vec![id(7)];
        let req = request(vec![defective]);
        assert!(check(&s, &req).is_empty());
        assert!(any_defective(&[SIZE, BROKEN], &req));
        assert!(!any_defective(
            &[SIZE, BROKEN],
            &request(vec![line(1, 1, SIZE.id)])
        ));
    }

    #[test]
    fn resolution_and_method_must_be_offered_and_a_replacement_named() {
        let s = ReturnsSettings {
            resolutions: vec![Resolution::StoreCredit, Resolution::Replacement],
            return_methods: vec![ReturnMethod::QrDropOff],
            ..Default::default()
        };
        let req = request(vec![line(1, 1, SIZE.id)]);
        assert_eq!(
            check(&s, &req),
            vec![
                ("resolution".into(), "not_offered"),
                ("method".into(), "not_offered"),
            ]
        );
        let mut replace = CreateReturn {
            resolution: Some(Resolution::Replacement),
            method: Some(ReturnMethod::QrDropOff),
            ..req.clone()
        };
        assert_eq!(
            check(&s, &replace),
            vec![("replacement_variant".into(), "required")]
        );
        replace.replacement_variant = Some("Forest / L".into());
        assert!(check(&s, &replace).is_empty());
    }

    #[test]
    fn a_defect_may_leave_the_resolution_and_method_to_the_shop() {
        let s = ReturnsSettings::default();
        let undecided = |items| CreateReturn {
            resolution: None,
            method: None,
            ..request(items)
        };
        let plain = undecided(vec![line(1, 1, SIZE.id)]);
        assert_eq!(
            check(&s, &plain),
            vec![
                ("resolution".into(), "required"),
                ("method".into(), "required")
            ]
        );
        let mut broken = undecided(vec![line(1, 1, BROKEN.id)]);
        broken.items[0].comment = Some("The zip came off".into());
        broken.items[0].photo_ids = vec![id(9)];
        assert!(check(&s, &broken).is_empty());
        // One defective line is enough for the whole return to wait for the shop.
        // (Item 2 is all returned already: only its quantity is refused.)
        let mut mixed = broken.clone();
        mixed.items.push(line(2, 1, SIZE.id));
        assert_eq!(
            check(&s, &mixed),
            vec![("items[1].quantity".into(), "too_many")]
        );
    }

    #[test]
    fn withdrawal_is_for_eu_orders_within_the_period() {
        assert!(is_eu_order("EUR", "CA"));
        assert!(is_eu_order("CAD", "fr"));
        assert!(!is_eu_order("CAD", "CA"));
        assert!(!is_eu_order("GBP", "GB"));
        let s = ReturnsSettings::default();
        let (at, _) = delivered();
        assert_eq!(withdrawal_until(&s, None, at), Ok(None));
        let end = at + Duration::days(14);
        assert_eq!(withdrawal_until(&s, Some(at), end), Ok(Some(end)));
        assert_eq!(
            withdrawal_until(&s, Some(at), end + Duration::seconds(1)),
            Err(end)
        );
    }

    #[test]
    fn kept_items_the_shop_asks_to_see_need_a_photo_only_when_nothing_travels() {
        let line = |n: u128, photos: Vec<Uuid>| crate::api::returns::ReturnItemInput {
            order_item_id: Uuid::from_u128(n),
            quantity: 1,
            reason_id: Uuid::from_u128(9),
            comment: None,
            photo_ids: photos,
        };
        let request = |items| CreateReturn {
            items,
            resolution: Some(Resolution::Refund),
            replacement_variant: None,
            method: None,
            client_request_id: None,
        };
        let two = request(vec![line(1, Vec::new()), line(2, vec![Uuid::from_u128(7)])]);
        let fields =
            |errors: Vec<RuleError>| errors.into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(
            fields(kept_items_need_photos(&two, &[(true, true), (true, true)])),
            vec!["items[0].photo_ids".to_owned()]
        );
        // Without photos asked, or with one item travelling anyway: nothing to show.
        assert!(kept_items_need_photos(&two, &[(true, false), (true, false)]).is_empty());
        assert!(kept_items_need_photos(&two, &[(true, true), (false, false)]).is_empty());
    }
}
