//! The three settings tabs a merchant completes before the portal goes live: Returns, Branding
//! and Aftercare, plus return reasons, return addresses and the audit log.

use crate::domain::{Email, HexColour, Slug, validate_country};
use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::{Validate, ValidationError};

pub const RETURN_WINDOW_MAX: u32 = 365;
pub const REFUND_DEADLINE_MAX: u32 = 730;
pub const SURVEY_DELAY_MAX: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApprovalMode {
    /// Staff review every return.
    Manual,
    /// Approved at once, label issued.
    Automatic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DamagedPolicy {
    Keep,
    Discard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Refund,
    StoreCredit,
    Replacement,
    /// Another variant (or product) of the shop's catalogue, with the price difference
    /// settled; offered when the Returns settings' `exchanges` are enabled.
    Exchange,
}

impl Resolution {
    pub const ALL: [Resolution; 4] = [
        Resolution::Refund,
        Resolution::StoreCredit,
        Resolution::Replacement,
        Resolution::Exchange,
    ];

    /// The wire name, as in JSON and query strings.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Refund => "refund",
            Resolution::StoreCredit => "store_credit",
            Resolution::Replacement => "replacement",
            Resolution::Exchange => "exchange",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ReturnMethod {
    PrepaidLabel,
    QrDropOff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IssueType {
    MissingItem,
    DamagedInTransit,
    WrongItem,
    Other,
}

impl IssueType {
    pub const ALL: [IssueType; 4] = [
        IssueType::MissingItem,
        IssueType::DamagedInTransit,
        IssueType::WrongItem,
        IssueType::Other,
    ];
}

/// A product shoppers cannot return, matched by SKU or by product tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NonReturnable {
    pub kind: NonReturnableKind,
    #[validate(length(min = 1, max = limits::RULE_VALUE, message = "use 1 to 64 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NonReturnableKind {
    Sku,
    Tag,
}

/// The Returns tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[validate(schema(function = "deadline_covers_window", skip_on_field_errors = true))]
pub struct ReturnsSettings {
    pub portal_enabled: bool,
    pub approval_mode: ApprovalMode,
    pub damaged_policy: DamagedPolicy,
    /// At least one; shoppers pick among these.
    #[validate(custom(function = "non_empty_unique_resolutions"))]
    // A set in the document: a repeated value is refused like an empty list.
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeSet<Resolution>, min_items = 1))]
    pub resolutions: Vec<Resolution>,
    /// Days from delivery during which a return may be started.
    #[validate(range(min = 1, max = 365, message = "use 1 to 365 days"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365))]
    pub return_window_days: u32,
    /// Days from purchase after which no refund is issued.
    #[validate(range(min = 1, max = 730, message = "use 1 to 730 days"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 730))]
    pub refund_deadline_days: u32,
    #[validate(custom(function = "non_empty_unique_methods"))]
    // A set in the document: a repeated value is refused like an empty list.
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeSet<ReturnMethod>, min_items = 1))]
    pub return_methods: Vec<ReturnMethod>,
    #[validate(length(max = 500, message = "at most 500 rules"), nested)]
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub non_returnable: Vec<NonReturnable>,
    /// The EU right of withdrawal; absent in settings saved before it existed.
    #[serde(default)]
    #[validate(nested)]
    pub withdrawal: WithdrawalSettings,
    /// Exchanges for another variant; absent (off) in settings saved before they existed.
    #[serde(default)]
    #[validate(nested)]
    pub exchanges: crate::api::exchanges::ExchangeSettings,
}

/// The legal withdrawal function (Consumer Rights Directive Art. 11a) offered on EU orders:
/// paid in EUR or shipped to an EU country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithdrawalSettings {
    pub enabled: bool,
    /// Days from delivery; the law's 14 days is the minimum, a shop may give more.
    #[validate(range(
        min = 14,
        max = 365,
        message = "use 14 to 365 days (the legal minimum is 14)"
    ))]
    #[cfg_attr(feature = "openapi", schema(minimum = 14, maximum = 365))]
    pub period_days: u32,
}

pub const WITHDRAWAL_MIN_DAYS: u32 = 14;

impl Default for WithdrawalSettings {
    fn default() -> Self {
        WithdrawalSettings {
            enabled: true,
            period_days: WITHDRAWAL_MIN_DAYS,
        }
    }
}

impl Default for ReturnsSettings {
    fn default() -> Self {
        ReturnsSettings {
            portal_enabled: true,
            approval_mode: ApprovalMode::Manual,
            damaged_policy: DamagedPolicy::Keep,
            resolutions: vec![
                Resolution::Refund,
                Resolution::StoreCredit,
                Resolution::Replacement,
            ],
            return_window_days: 30,
            refund_deadline_days: 180,
            return_methods: vec![ReturnMethod::PrepaidLabel, ReturnMethod::QrDropOff],
            non_returnable: Vec::new(),
            withdrawal: WithdrawalSettings::default(),
            exchanges: crate::api::exchanges::ExchangeSettings::default(),
        }
    }
}

fn non_empty_unique<T: PartialEq>(items: &[T], what: &str) -> Result<(), ValidationError> {
    if items.is_empty() {
        return Err(crate::domain::rule_owned(
            "required",
            format!("keep at least one {what}"),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err(crate::domain::rule_owned(
                "duplicate",
                format!("each {what} once"),
            ));
        }
    }
    Ok(())
}

fn non_empty_unique_resolutions(items: &[Resolution]) -> Result<(), ValidationError> {
    // Exchanges have their own switch (and settings) in `exchanges`: one place to turn them on.
    if items.contains(&Resolution::Exchange) {
        return Err(crate::domain::rule_owned(
            "exchange",
            "turn exchanges on in the exchanges settings".into(),
        ));
    }
    non_empty_unique(items, "resolution")
}

fn non_empty_unique_methods(items: &[ReturnMethod]) -> Result<(), ValidationError> {
    non_empty_unique(items, "return method")
}

fn deadline_covers_window(s: &ReturnsSettings) -> Result<(), ValidationError> {
    // A refund deadline shorter than the return window would promise returns it cannot refund.
    if s.refund_deadline_days < s.return_window_days {
        let mut e = crate::domain::rule_owned(
            "refund_deadline_days",
            "the refund deadline must be at least the return window".into(),
        );
        e.add_param("field".into(), &"refund_deadline_days");
        return Err(e);
    }
    Ok(())
}

/// The Branding tab's editable fields. Images are uploaded separately.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandingSettings {
    #[validate(length(min = 1, max = limits::COMPANY_NAME, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub company_name: String,
    #[validate(custom(function = "Slug::validate"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::slug))]
    pub slug: String,
    #[validate(custom(function = "HexColour::validate"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::colour))]
    pub primary_colour: String,
    #[validate(custom(function = "HexColour::validate"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::colour))]
    pub accent_colour: String,
    #[validate(custom(function = "HexColour::validate"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::colour))]
    pub background_colour: String,
    /// One of `STOCK_BACKGROUNDS`, `upload` (keep the uploaded image) or none.
    #[validate(custom(function = "validate_background_choice"))]
    pub background_image: Option<String>,
}

/// Stock background images shipped with the web app (`/stock/{id}.svg`).
pub const STOCK_BACKGROUNDS: &[&str] = &["aurora", "dunes", "forest", "waves"];

fn validate_background_choice(choice: &str) -> Result<(), ValidationError> {
    if choice == "upload" || STOCK_BACKGROUNDS.contains(&choice) {
        Ok(())
    } else {
        Err(crate::domain::rule_owned(
            "background_image",
            format!(
                "choose one of {} or upload an image",
                STOCK_BACKGROUNDS.join(", ")
            ),
        ))
    }
}

/// The Branding tab as read back, with the image addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandingView {
    #[serde(flatten)]
    pub settings: BrandingSettings,
    pub logo_url: Option<String>,
    pub favicon_url: Option<String>,
    pub background_image_url: Option<String>,
    /// WCAG contrast of the primary colour (headings, links) on the background colour.
    pub contrast_ratio: f64,
    /// `false` when under WCAG AA (4.5:1): the dashboard shows a warning.
    pub contrast_ok: bool,
}

/// The Aftercare tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AftercareSettings {
    pub tracking_enabled: bool,
    /// Shoppers may change the shipping address until the first item ships.
    pub address_edits_enabled: bool,
    /// Shoppers may cancel the order until the first item ships; the shop is mailed and
    /// integrations hear `order.cancelled`. Off unless the shop turns it on.
    #[serde(default)]
    pub order_cancellation_enabled: bool,
    #[validate(custom(function = "unique_issue_types"))]
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeSet<IssueType>))]
    pub issue_types: Vec<IssueType>,
    pub survey_enabled: bool,
    #[validate(range(min = 1, max = 60, message = "use 1 to 60 days"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 60))]
    pub survey_delay_days: u32,
    #[validate(custom(function = "validate_optional_email"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub support_email: Option<String>,
    /// Where defective-item cases go.
    #[validate(custom(function = "validate_optional_email"))]
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub customer_service_email: Option<String>,
}

impl Default for AftercareSettings {
    fn default() -> Self {
        AftercareSettings {
            tracking_enabled: true,
            address_edits_enabled: true,
            order_cancellation_enabled: false,
            issue_types: IssueType::ALL.to_vec(),
            survey_enabled: false,
            survey_delay_days: 7,
            support_email: None,
            customer_service_email: None,
        }
    }
}

fn unique_issue_types(items: &[IssueType]) -> Result<(), ValidationError> {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err(crate::domain::rule_owned(
                "duplicate",
                "each issue type once".into(),
            ));
        }
    }
    Ok(())
}

fn validate_optional_email(raw: &str) -> Result<(), ValidationError> {
    Email::validate(raw)
}

/// Everything on the settings page, read in one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    pub returns: ReturnsSettings,
    pub branding: BrandingView,
    pub aftercare: AftercareSettings,
    pub reasons: Vec<ReturnReasonView>,
    pub return_addresses: Vec<ReturnAddressView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnReasonInput {
    #[validate(length(min = 1, max = limits::REASON_LABEL, message = "use 1 to 120 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub label_en: String,
    #[validate(length(min = 1, max = limits::REASON_LABEL, message = "use 1 to 120 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub label_fr: String,
    /// A defective reason asks the shopper for a comment and a photo.
    pub defective: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnReasonView {
    pub id: Uuid,
    pub label_en: String,
    pub label_fr: String,
    pub defective: bool,
    pub position: i32,
    pub retired: bool,
}

/// The active reasons in their new order (every active reason, once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderReasons {
    #[validate(length(min = 1, max = 200, message = "list the reasons in their new order"))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub ids: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnAddressInput {
    #[validate(length(min = 1, max = limits::PERSON_NAME, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[validate(length(min = 1, max = limits::ADDRESS_LINE, message = "use 1 to 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub line1: String,
    #[validate(length(max = limits::ADDRESS_LINE, message = "use at most 200 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub line2: Option<String>,
    #[validate(length(min = 1, max = limits::CITY, message = "use 1 to 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub city: String,
    #[validate(length(max = limits::REGION, message = "use at most 100 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub region: Option<String>,
    /// Checked against the country's format (CA, US, FR, GB, DE) by the server.
    #[validate(length(min = 1, max = limits::POSTAL_CODE, message = "enter a postal code"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub postal_code: String,
    #[validate(custom(function = "validate_country"))]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::country))]
    pub country: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnAddressView {
    pub id: Uuid,
    pub name: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: String,
    pub country: String,
    pub is_default: bool,
}

/// One change to one setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    pub field: String,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub staff_id: Uuid,
    pub staff_name: String,
    /// `returns`, `branding`, `aftercare`, `reasons`, `return_addresses`, `mail`, `staff`
    /// (invitations sent, revoked, accepted; role changes; removals), `canned_replies`,
    /// `imports`, `shoppers` (a shopper's data erased: the orders' numbers, never the address).
    pub area: String,
    pub changes: Vec<Change>,
}

/// The field-level differences between two JSON objects, in field order of `after`.
pub fn diff(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut changes: Vec<Change> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, v)| Change {
            field: k.clone(),
            from: b.get(k).cloned().unwrap_or(serde_json::Value::Null),
            to: v.clone(),
        })
        .collect();
    changes.extend(
        b.iter()
            .filter(|(k, _)| !a.contains_key(*k))
            .map(|(k, v)| Change {
                field: k.clone(),
                from: v.clone(),
                to: serde_json::Value::Null,
            }),
    );
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolution_names_match_the_wire() {
        for r in Resolution::ALL {
            assert_eq!(json!(r), json!(r.as_str()));
        }
    }

    #[test]
    fn defaults_are_valid() {
        assert!(ReturnsSettings::default().validate().is_ok());
        assert!(AftercareSettings::default().validate().is_ok());
    }

    #[test]
    fn at_least_one_resolution_and_method() {
        let mut s = ReturnsSettings::default();
        s.resolutions.clear();
        let errors = s.validate().err().map(|e| {
            e.field_errors()
                .keys()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
        });
        assert_eq!(errors, Some(vec!["resolutions".to_owned()]));
        let s = ReturnsSettings {
            return_methods: vec![ReturnMethod::QrDropOff, ReturnMethod::QrDropOff],
            ..Default::default()
        };
        assert!(s.validate().is_err());
    }

    #[test]
    fn window_and_deadline_have_bounds_and_agree() {
        let s = ReturnsSettings {
            return_window_days: 0,
            ..Default::default()
        };
        assert!(s.validate().is_err());
        let s = ReturnsSettings {
            return_window_days: 60,
            refund_deadline_days: 30,
            ..Default::default()
        };
        assert!(s.validate().is_err());
    }

    #[test]
    fn withdrawal_defaults_on_and_only_grows_from_fourteen_days() {
        let stored = r#"{"portal_enabled":true,"approval_mode":"manual","damaged_policy":"keep",
            "resolutions":["refund"],"return_window_days":30,"refund_deadline_days":180,
            "return_methods":["qr_drop_off"],"non_returnable":[]}"#;
        let old: Option<ReturnsSettings> = serde_json::from_str(stored).ok();
        assert_eq!(
            old.map(|s| s.withdrawal),
            Some(WithdrawalSettings {
                enabled: true,
                period_days: 14
            })
        );
        let shorter = ReturnsSettings {
            withdrawal: WithdrawalSettings {
                enabled: true,
                period_days: 13,
            },
            ..Default::default()
        };
        let fields = shorter
            .validate()
            .err()
            .map(|e| format!("{:?}", e.errors().keys().collect::<Vec<_>>()));
        assert_eq!(fields.as_deref(), Some("[\"withdrawal\"]"));
    }

    #[test]
    fn diff_lists_only_what_changed() {
        let before = json!({"a": 1, "b": "x", "gone": true});
        let after = json!({"a": 1, "b": "y"});
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, "b");
        assert_eq!(changes[0].from, json!("x"));
        assert_eq!(changes[0].to, json!("y"));
        assert_eq!(changes[1].field, "gone");
    }
}
