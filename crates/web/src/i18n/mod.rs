//! Every visible string of the app, in English and French. A `Key` names a sentence; each
//! language answers every key in one exhaustive `match`, so a missing translation fails to build.

mod en;
mod fr;
mod helpdesk;
mod imports;
mod mail;
mod onboarding;
mod orders;
mod portal;
mod return_case;
mod returns;
mod settings;
mod timeline;

pub use helpdesk::{H, subject_key};
pub use imports::I;
pub use mail::{M, event_key};
pub use onboarding::N;
pub use orders::O;
pub use portal::P;
pub use return_case::{C, condition_key, disposition_key, refund_reason_key};
pub use returns::{R, method_key, not_returnable_key, resolution_key, return_status_key};
pub use settings::S;
pub use timeline::{T, event_note, scan_title};

use rebound_shared::api::imports::ImportField;
use rebound_shared::api::settings::IssueType;
use rebound_shared::domain::{Lang, OrderStatus};
use rebound_shared::{ErrorKind, Role};

/// The languages the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// How amounts are written in this language.
    pub fn lang(self) -> Lang {
        match self {
            Locale::En => Lang::En,
            Locale::Fr => Lang::Fr,
        }
    }

    /// The short label on the language switch.
    pub fn short(self) -> &'static str {
        match self {
            Locale::En => "EN",
            Locale::Fr => "FR",
        }
    }

    /// The language's own name, so a reader finds theirs whatever is showing.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
        }
    }

    /// Reads a tag such as `fr`, `fr-CA` or `en-GB`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }
}

/// One sentence or label of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    // Everywhere
    SkipToContent,
    Loading,
    Language,
    TryAgain,
    ErrorReference,
    Required,
    PasswordHint,
    // Errors by kind
    ErrValidation,
    ErrBadRequest,
    ErrUnauthorized,
    ErrForbidden,
    ErrNotFound,
    ErrConflict,
    ErrRateLimited,
    ErrPayloadTooLarge,
    ErrUnsupportedMediaType,
    ErrUnavailable,
    ErrInternal,
    // Field rules, by the shared validation codes
    RuleEmail,
    RuleTooShort,
    RuleTooLong,
    RuleSlugLength,
    RuleSlugCharacters,
    RuleSlugReserved,
    RuleNameLength,
    RuleTaken,
    // Sign-in
    SignInTitle,
    SignInLead,
    Email,
    Password,
    SignIn,
    SigningIn,
    WrongCredentials,
    SessionEnded,
    NewToRebound,
    CreateYourShop,
    HaveAccount,
    // Sign-up
    RegisterTitle,
    RegisterLead,
    CompanyName,
    PortalAddress,
    PortalAddressHint,
    YourName,
    CreateShop,
    CreatingShop,
    // Dashboard shell
    MainNavigation,
    NavReturns,
    NavOrders,
    NavMessages,
    NavAnalytics,
    NavSettings,
    SignOut,
    SignedInAs,
    RoleOwner,
    RoleManager,
    RoleAgent,
    ViewPortal,
    // Empty sections
    ReturnsEmptyTitle,
    ReturnsEmptyBody,
    OrdersEmptyTitle,
    OrdersEmptyBody,
    MessagesEmptyTitle,
    MessagesEmptyBody,
    AnalyticsEmptyTitle,
    AnalyticsEmptyBody,
    // Staff
    StaffTitle,
    StaffLead,
    StaffYou,
    InviteTitle,
    InviteLead,
    InviteRole,
    SendInvitation,
    SendingInvitation,
    InvitationCreated,
    InvitationLink,
    CopyLink,
    LinkCopied,
    EmailHasAccount,
    // Accepting an invitation
    AcceptTitle,
    AcceptLead,
    AcceptSubmit,
    Accepting,
    InvitationInvalid,
    // Portal
    PortalHeroTitle,
    PortalHeroLead,
    LookupTitle,
    LookupOrder,
    LookupOrderHint,
    LookupContact,
    LookupContactHint,
    LookupSubmit,
    LookupOrderRequired,
    LookupContactRequired,
    PortalClosedTitle,
    PortalClosedBody,
    PoweredBy,
    PortalSupport,
    // Not found
    NotFoundTitle,
    NotFoundBody,
    ShopNotFoundBody,
    GoHome,
    // The settings screens, in their own file
    Set(S),
    // The portal's order screens
    Portal(P),
    // Orders, in the dashboard and the portal
    Ord(O),
    // The CSV import
    Imp(I),
    // Returns: the portal's journey and the dashboard's queue
    Ret(R),
    // A return's case in the dashboard: filters, inspection and resolution forms
    Case(C),
    // The notes on a return's history, in the portal and the dashboard
    Timeline(T),
    // The helpdesk, the survey and unsubscribe pages
    Help(H),
    // Mail notifications and sent mail
    Mail(M),
    // The first-run checklist, password reset and the issue-reports queue
    Onb(N),
}

/// The text of `key` in `locale`.
pub fn text(locale: Locale, key: Key) -> &'static str {
    match locale {
        Locale::En => en::text(key),
        Locale::Fr => fr::text(key),
    }
}

/// The sentence shown for a kind of API error.
pub fn error_kind_key(kind: ErrorKind) -> Key {
    match kind {
        ErrorKind::Validation => Key::ErrValidation,
        ErrorKind::BadRequest => Key::ErrBadRequest,
        ErrorKind::Unauthorized => Key::ErrUnauthorized,
        ErrorKind::Forbidden => Key::ErrForbidden,
        ErrorKind::NotFound => Key::ErrNotFound,
        // Only a client of the API built wrong can meet it: the app never sends such a request.
        ErrorKind::MethodNotAllowed => Key::ErrBadRequest,
        ErrorKind::Conflict => Key::ErrConflict,
        ErrorKind::RateLimited => Key::ErrRateLimited,
        ErrorKind::PayloadTooLarge => Key::ErrPayloadTooLarge,
        ErrorKind::UnsupportedMediaType => Key::ErrUnsupportedMediaType,
        ErrorKind::Unavailable => Key::ErrUnavailable,
        ErrorKind::Internal => Key::ErrInternal,
    }
}

/// The translated rule behind a validation `code` (from the shared constructors or from the
/// server's `Problem.errors`), when we have one; otherwise the caller shows the server's words.
pub fn rule_key(field: &str, code: &str) -> Option<Key> {
    let key = match (field, code) {
        (_, "required") => Key::Required,
        (_, "email") => Key::RuleEmail,
        (_, "too_short") => Key::RuleTooShort,
        (_, "too_long") => Key::RuleTooLong,
        ("slug", "length") => Key::RuleSlugLength,
        ("slug", "slug") => Key::RuleSlugCharacters,
        ("slug", "reserved") => Key::RuleSlugReserved,
        ("company_name" | "owner_name" | "name", "length") => Key::RuleNameLength,
        (_, "taken") => Key::RuleTaken,
        ("label_en" | "label_fr", "duplicate") => Key::Case(C::DuplicateReason),
        ("frame_ancestors", "scheme") => Key::Set(S::FrameScheme),
        ("frame_ancestors", "host") => Key::Set(S::FrameHost),
        ("frame_ancestors", "port") => Key::Set(S::FramePort),
        ("frame_ancestors", "length") => Key::Set(S::FrameTooMany),
        _ => return None,
    };
    Some(key)
}

pub fn role_key(role: Role) -> Key {
    match role {
        Role::Owner => Key::RoleOwner,
        Role::Manager => Key::RoleManager,
        Role::Agent => Key::RoleAgent,
    }
}

/// The countries an address form offers (the postal-code rules the server knows).
pub const COUNTRIES: [&str; 5] = ["CA", "US", "FR", "GB", "DE"];

/// The name of a country we offer, by ISO code.
pub fn country_key(code: &str) -> Option<Key> {
    let o = match code {
        "CA" => O::CountryCa,
        "US" => O::CountryUs,
        "FR" => O::CountryFr,
        "GB" => O::CountryGb,
        "DE" => O::CountryDe,
        _ => return None,
    };
    Some(Key::Ord(o))
}

pub fn status_key(status: OrderStatus) -> Key {
    Key::Ord(match status {
        OrderStatus::Unfulfilled => O::StatusUnfulfilled,
        OrderStatus::InTransit => O::StatusInTransit,
        OrderStatus::OutForDelivery => O::StatusOutForDelivery,
        OrderStatus::Delivered => O::StatusDelivered,
        OrderStatus::Exception => O::StatusException,
    })
}

pub fn issue_type_key(kind: IssueType) -> Key {
    Key::Set(match kind {
        IssueType::MissingItem => S::IssueMissingItem,
        IssueType::DamagedInTransit => S::IssueDamagedInTransit,
        IssueType::WrongItem => S::IssueWrongItem,
        IssueType::Other => S::IssueOther,
    })
}

pub fn import_field_key(field: ImportField) -> Key {
    use ImportField as F;
    Key::Imp(match field {
        F::OrderNumber => I::FOrderNumber,
        F::CustomerName => I::FCustomerName,
        F::Email => I::FEmail,
        F::Phone => I::FPhone,
        F::AddressLine1 => I::FAddressLine1,
        F::AddressLine2 => I::FAddressLine2,
        F::City => I::FCity,
        F::Region => I::FRegion,
        F::PostalCode => I::FPostalCode,
        F::Country => I::FCountry,
        F::Currency => I::FCurrency,
        F::PlacedAt => I::FPlacedAt,
        F::Sku => I::FSku,
        F::Title => I::FTitle,
        F::Variant => I::FVariant,
        F::Quantity => I::FQuantity,
        F::UnitPrice => I::FUnitPrice,
        F::ImageUrl => I::FImageUrl,
        F::Returnable => I::FReturnable,
        F::ParentSku => I::FParentSku,
        F::Carrier => I::FCarrier,
        F::TrackingNumber => I::FTrackingNumber,
        F::FulfillmentStatus => I::FFulfillmentStatus,
        F::FulfilledAt => I::FFulfilledAt,
        F::DeliveredAt => I::FDeliveredAt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_language_tags() {
        assert_eq!(Locale::from_tag("fr-CA"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
    }
}
